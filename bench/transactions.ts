// Benchmarks one transaction of many operations: 100k removals (and their undo) must cost ~10× 10k, not 100×.
import { parse } from '../shared/format/parse';
import { applyTransaction, type Operation } from '../shared/model/operations';

const ENTITIES = 100_000;
const RUNS = 5;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const doc = parse(
  Array.from({ length: ENTITIES }, (_, i) => `w${i} [PER Ana  ] met [LOC Oslo  ] .`).join('\n'),
);

/** Median time of removing `count` entities in one transaction, and of applying its inverse. */
function measure(count: number): { remove: number; undo: number } {
  const ops: Operation[] = doc.entities
    .slice(0, count)
    .map((entity) => ({ op: 'remove', id: entity.id }));
  const remove: number[] = [];
  const undo: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    let started = performance.now();
    const applied = applyTransaction(doc, { ops });
    remove.push(performance.now() - started);
    started = performance.now();
    applyTransaction(applied.doc, applied.inverse);
    undo.push(performance.now() - started);
  }
  return { remove: median(remove), undo: median(undo) };
}

const small = measure(10_000);
const large = measure(100_000);
console.log(
  `transactions: one transaction on a document of ${doc.entities.length} entities, median of ${RUNS} runs`,
);
for (const [name, key] of [
  ['remove', 'remove'],
  ['undo  ', 'undo'],
] as const) {
  const ratio = large[key] / (10 * small[key]);
  console.log(
    `  ${name}  10k ops ${small[key].toFixed(0).padStart(5)} ms   100k ops ${large[key].toFixed(0).padStart(5)} ms   ` +
      `100k / (10 × 10k) = ${ratio.toFixed(2)} (target: ≤ 1.5; quadratic would be 10)`,
  );
}
