// The document the editor's address names (?document=ID): a reload shows it again, and the host sends its first screen.

const DOCUMENT_PARAMETER = 'document';

/** The document an address's query names, if any. */
export function documentOfQuery(query: string): string | null {
  return new URLSearchParams(query).get(DOCUMENT_PARAMETER) || null;
}

/** The address with its query naming the document shown (none: the parameter is left out). */
export function addressShowing(address: string, id: string | null): string {
  const url = new URL(address);
  if (id === null) url.searchParams.delete(DOCUMENT_PARAMETER);
  else url.searchParams.set(DOCUMENT_PARAMETER, id);
  return url.href;
}
