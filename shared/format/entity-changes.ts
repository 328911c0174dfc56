// Where two versions of a document's entities differ: an edit keeps every untouched entity as the same object.

/** The entities before[from, beforeEnd) were replaced by after[from, afterEnd); those around are the same objects. */
export interface ChangedRange {
  from: number;
  beforeEnd: number;
  afterEnd: number;
}

/** The smallest such range, found from both ends by identity (no entity is read). */
export function changedRange<T>(before: readonly T[], after: readonly T[]): ChangedRange {
  const shorter = Math.min(before.length, after.length);
  let from = 0;
  while (from < shorter && before[from] === after[from]) from++;
  let beforeEnd = before.length;
  let afterEnd = after.length;
  while (beforeEnd > from && afterEnd > from && before[beforeEnd - 1] === after[afterEnd - 1]) {
    beforeEnd--;
    afterEnd--;
  }
  return { from, beforeEnd, afterEnd };
}
