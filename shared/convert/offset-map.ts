// Maps offsets of a text to the offsets of an edited copy, through a list of replaced stretches.
import { insertionIndex } from '../format/entity-order';

/** [start, end) of the old text became `length` units of the new text. */
export interface Replacement {
  start: number;
  end: number;
  length: number;
}

/**
 * A function from old offsets to new ones, for ascending non-overlapping replacements. An offset
 * inside a replaced stretch maps to the new stretch's start when `side` is 'start' and to its end
 * when 'end', so a span over part of a replacement keeps all of it (and one inside an insertion-free
 * deletion becomes empty); at an insertion point, a start maps past the inserted text and an end
 * before it, so a span never takes in text that was not in it.
 */
export function offsetMapper(
  replacements: readonly Replacement[],
): (offset: number, side: 'start' | 'end') => number {
  // shift[k]: how much the new text has grown before replacement k.
  const shift: number[] = [];
  let total = 0;
  for (const { start, end, length } of replacements) {
    shift.push(total);
    total += length - (end - start);
  }
  return (offset, side) => {
    const low = insertionIndex(replacements, offset);
    // A span starting where text was inserted starts after the insertion.
    const at = replacements[low];
    if (side === 'start' && at && at.start === offset && at.end === offset)
      return offset + shift[low] + at.length;
    // Replacements before `low` start before offset; the last of them may contain it.
    const k = low - 1;
    if (k < 0) return offset;
    const replacement = replacements[k];
    const newStart = replacement.start + shift[k];
    if (offset < replacement.end)
      return side === 'start' ? newStart : newStart + replacement.length;
    return offset + shift[k] + replacement.length - (replacement.end - replacement.start);
  };
}
