// Array helpers for lists of any length: a list spread into a call's arguments (`into.push(...items)`, `Math.max(...values)`) overflows the call stack past ~100k items.

/** Appends every item to `into`, in order, whatever their number. */
export function append<T>(into: T[], items: Iterable<T>): void {
  for (const item of items) into.push(item);
}

/** The largest of values, or `least` when it is larger (or there are none). */
export function largest(values: Iterable<number>, least = -Infinity): number {
  let most = least;
  for (const value of values) if (value > most) most = value;
  return most;
}
