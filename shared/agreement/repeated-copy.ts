// Each annotator's copy counts once: a list naming one copy twice would weigh it twice in every vote and figure.

/**
 * Why a list of copies cannot be compared because it names one copy twice (`keys`: what each copy
 * given resolves to, a folder or a revision), or null when every copy is another.
 */
export function repeatedCopyMessage(
  given: readonly string[],
  keys: readonly string[],
): string | null {
  for (let k = 1; k < keys.length; k++) {
    const first = keys.indexOf(keys[k]);
    if (first === k) continue;
    const named =
      given[first] === given[k]
        ? `the copy "${given[k]}" is named twice`
        : `"${given[first]}" and "${given[k]}" are the same copy`;
    return `${named}: name each annotator's copy once`;
  }
  return null;
}
