// The one policy for the editor's page and assets: sent by the desktop app's scheme and by `emend serve`, and written into the page.

const DIRECTIVES = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
];

/** Sent with every answer: nothing but the editor's own files and requests to its own origin, never framed. */
export const CONTENT_SECURITY_POLICY = [...DIRECTIVES, "frame-ancestors 'none'"].join('; ');

/** The same in the page's meta element, which cannot carry frame-ancestors (a browser warns of it). */
export const PAGE_CONTENT_SECURITY_POLICY = DIRECTIVES.join('; ');
