// A document's hits without context packed into typed arrays, so that `emend check`'s first pass crosses a thread as a few buffers instead of an object each.
import type { CorpusHit, TaggedHits } from '../../shared/corpus/hits';
import { listIndex } from './packed-entities';

/**
 * The hits of one document (path): hit k starts at starts[k] (it ends where its text does), at
 * lines[k]:columns[k], its text texts[textIndex[k]] (each distinct text listed once), its label
 * labels[labelIndex[k]] (-1: none). About 23 bytes a hit where an object takes several times that.
 */
export interface PackedHits {
  path: string;
  starts: Int32Array;
  lines: Int32Array;
  columns: Int32Array;
  overlaps: Uint8Array;
  textIndex: Int32Array;
  texts: string[];
  labelIndex: Int16Array;
  labels: string[];
}

/** Packs hits of one document found without context (their before and after are empty). */
export function packHits(path: string, hits: readonly CorpusHit[]): PackedHits {
  const count = hits.length;
  const packed: PackedHits = {
    path,
    starts: new Int32Array(count),
    lines: new Int32Array(count),
    columns: new Int32Array(count),
    overlaps: new Uint8Array(count),
    textIndex: new Int32Array(count),
    texts: [],
    labelIndex: new Int16Array(count),
    labels: [],
  };
  const textIndex = listIndex(packed.texts);
  const labelIndex = listIndex(packed.labels);
  hits.forEach((hit, k) => {
    if (hit.path !== path || hit.before !== '' || hit.after !== '')
      throw new Error(`a hit of ${hit.path} with context cannot be packed with ${path}'s`);
    packed.starts[k] = hit.start;
    packed.lines[k] = hit.line;
    packed.columns[k] = hit.column;
    packed.overlaps[k] = hit.overlaps ? 1 : 0;
    packed.textIndex[k] = textIndex(hit.text);
    packed.labelIndex[k] = hit.label === null ? -1 : labelIndex(hit.label);
  });
  return packed;
}

/** Packed hits read one at a time: a hit is made an object only when asked for. */
export function packedHitList(packed: PackedHits): TaggedHits {
  const { path, starts, lines, columns, overlaps, textIndex, texts, labelIndex, labels } = packed;
  const label = (k: number) => (labelIndex[k] === -1 ? null : labels[labelIndex[k]]);
  return {
    length: starts.length,
    text: (k) => texts[textIndex[k]],
    label,
    hit: (k) => {
      const text = texts[textIndex[k]];
      return {
        path,
        start: starts[k],
        end: starts[k] + text.length,
        text,
        label: label(k),
        overlaps: overlaps[k] === 1,
        line: lines[k],
        column: columns[k],
        before: '',
        after: '',
      };
    },
  };
}
