// The first screen the host sends with the page (electron/host/first-screen.ts), taken away once the editor shows its own.

/** Removes the host's first screen, if the page has one (an attachment of what replaces it). */
export function dropFirstScreen(): void {
  document.getElementById('first-screen')?.remove();
}
