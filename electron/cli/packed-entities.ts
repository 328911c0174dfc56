// Entities packed into typed arrays, so that a document's many entities cross a thread as a few buffers instead of an object each.
import type { Entity } from '../../shared/format/document';

/** Entity k is [starts[k], ends[k]) labeled labels[labelIndex[k]]. */
export interface PackedEntities {
  starts: Int32Array;
  ends: Int32Array;
  labelIndex: Uint16Array;
  labels: string[];
}

/** The index of each value in `list`, the value added to the list the first time it is seen. */
export function listIndex(list: string[]): (value: string) => number {
  const indexOf = new Map<string, number>();
  return (value) => {
    let index = indexOf.get(value);
    if (index === undefined) indexOf.set(value, (index = list.push(value) - 1));
    return index;
  };
}

export function packEntities(entities: readonly Entity[]): PackedEntities {
  const packed: PackedEntities = {
    starts: new Int32Array(entities.length),
    ends: new Int32Array(entities.length),
    labelIndex: new Uint16Array(entities.length),
    labels: [],
  };
  const labelIndex = listIndex(packed.labels);
  entities.forEach(({ start, end, label }, k) => {
    packed.starts[k] = start;
    packed.ends[k] = end;
    packed.labelIndex[k] = labelIndex(label);
  });
  return packed;
}

export function unpackEntities({ starts, ends, labelIndex, labels }: PackedEntities): Entity[] {
  return Array.from(starts, (start, k) => ({ start, end: ends[k], label: labels[labelIndex[k]] }));
}
