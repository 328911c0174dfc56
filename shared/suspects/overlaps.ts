// Finds the items of a sorted list that overlap each span of a series, walking the list once: a long line's tokens and marks cost in proportion to their number, not to its square.

/**
 * A finder of the items that overlap a span [from, to), for spans asked by ascending from: it gives
 * their index range [first, end) in items. Items are sorted by start and apart from one another
 * (a line's tokens), or each lies within one of the spans asked (marks within the regions merged
 * from them).
 */
export function overlapFinder<T>(
  items: readonly T[],
  startOf: (item: T) => number,
  endOf: (item: T) => number,
): (from: number, to: number) => [number, number] {
  let first = 0;
  return (from, to) => {
    while (first < items.length && endOf(items[first]) <= from) first++;
    let end = first;
    while (end < items.length && startOf(items[end]) < to) end++;
    return [first, end];
  };
}

/** An overlapFinder over a line's tokens, each [start, end): the tokens each entity overlaps. */
export const tokenFinder = (tokens: ReadonlyArray<readonly [number, number]>) =>
  overlapFinder(
    tokens,
    (token) => token[0],
    (token) => token[1],
  );
