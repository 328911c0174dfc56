// Starts a workspace worker thread from its own file: built beside this bundle, or from the sources through tsx.
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

/**
 * Starts the worker `name` (e.g. "suspects-worker"): the built NAME.js beside this bundle (out/cli,
 * out/main), or, run from the sources (tests, benches), NAME.ts through tsx, beside this file or
 * the module at `besideUrl` (its import.meta.url).
 */
export function startWorker(name: string, besideUrl = import.meta.url): Worker {
  const here = fileURLToPath(besideUrl);
  const folder = path.dirname(here);
  if (!here.endsWith('.ts')) return new Worker(path.join(folder, `${name}.js`));
  const source = pathToFileURL(path.join(folder, `${name}.ts`)).href;
  const boot = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(source)}); })`;
  return new Worker(boot, { eval: true });
}
