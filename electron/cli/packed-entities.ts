// Entities packed into typed arrays, so that a document's many entities cross a thread as a few buffers instead of an object each.
import type { Entity } from '../../shared/format/document';

/** Entity k is [starts[k], ends[k]) labeled labels[labelIndex[k]]. */
export interface PackedEntities {
  starts: Int32Array;
  ends: Int32Array;
  labelIndex: Uint16Array;
  labels: string[];
}

export function packEntities(entities: readonly Entity[]): PackedEntities {
  const packed: PackedEntities = {
    starts: new Int32Array(entities.length),
    ends: new Int32Array(entities.length),
    labelIndex: new Uint16Array(entities.length),
    labels: [],
  };
  const indexOf = new Map<string, number>();
  entities.forEach(({ start, end, label }, k) => {
    let index = indexOf.get(label);
    if (index === undefined) indexOf.set(label, (index = packed.labels.push(label) - 1));
    packed.starts[k] = start;
    packed.ends[k] = end;
    packed.labelIndex[k] = index;
  });
  return packed;
}

export function unpackEntities({ starts, ends, labelIndex, labels }: PackedEntities): Entity[] {
  return Array.from(starts, (start, k) => ({ start, end: ends[k], label: labels[labelIndex[k]] }));
}
