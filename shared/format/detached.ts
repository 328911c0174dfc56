// Copies of strings cut from a document's text or source that do not keep the whole of it alive.

/**
 * A copy of a slice that does not keep the document's whole text alive (V8 represents a slice as a
 * view into its parent string, and a string pieced together from slices as a tree of them); the
 * copy is made through a short concatenation, which V8 flattens into a string of its own.
 */
export function detached(slice: string): string {
  return ` ${slice}`.slice(1);
}
