// The editor page's address: the document it names (?document=ID: a reload shows it, the host sends its first screen), its token dropped once read.

const DOCUMENT_PARAMETER = 'document';
const TOKEN_PARAMETER = 'token';

/** The meta element's name under which the host gives the page its token (the address then drops it). */
export const TOKEN_META = 'emend-token';

/** The token an address's query holds, if any. */
export function tokenOfQuery(query: string): string | null {
  return new URLSearchParams(query).get(TOKEN_PARAMETER) || null;
}

/** The address without its token: kept out of the history, bookmarks and screenshots. */
export function addressWithoutToken(address: string): string {
  const url = new URL(address);
  url.searchParams.delete(TOKEN_PARAMETER);
  return url.href;
}

/** The document an address's query names, if any. */
export function documentOfQuery(query: string): string | null {
  return new URLSearchParams(query).get(DOCUMENT_PARAMETER) || null;
}

/** The address with its query naming the document shown. */
export function addressShowing(address: string, id: string): string {
  const url = new URL(address);
  url.searchParams.set(DOCUMENT_PARAMETER, id);
  return url.href;
}
