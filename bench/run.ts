// `npm run bench`: the format benchmark, one large transaction, the command line, the editor against its plain-DOM baseline in Chromium and on one very long line, then the suspect ranking (and editing while the app ranks) and agreement.
// Each runs alone, after the one before has finished: a module awaiting its work (top-level await)
// would otherwise let the next one start beside it, and two benchmarks sharing the cores measure neither.
for (const bench of [
  './format',
  './transactions',
  './long-lines',
  './cli',
  './editor',
  './one-line',
  './suspects',
  './suspects-editing',
  './agreement',
]) {
  await import(bench);
}

export {};
