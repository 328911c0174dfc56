// Copies of slices of a document's text that do not keep the whole text alive, for what outlives the document.

/**
 * A copy of a slice that does not keep the document's whole text alive (V8 represents a slice as a
 * view into its parent string); the copy is made through a short concatenation.
 */
export function detached(slice: string): string {
  return ` ${slice}`.slice(1);
}
