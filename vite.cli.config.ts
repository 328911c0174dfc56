// Builds the `emend` command line into out/cli/ as plain JavaScript for Node 20 (no tsx at run time).
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

const root = import.meta.dirname;

export default defineConfig({
  build: {
    ssr: true,
    outDir: resolve(root, 'out/cli'),
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    reportCompressedSize: false,
    rolldownOptions: {
      // Each worker thread (suspect ranking and its folds, regex search, corpus commands) is its own file beside the command.
      input: {
        emend: resolve(root, 'electron/cli/emend.ts'),
        'suspects-worker': resolve(root, 'electron/workspace/suspects-worker.ts'),
        'regex-search-worker': resolve(root, 'electron/workspace/regex-search-worker.ts'),
        'corpus-worker': resolve(root, 'electron/cli/corpus-worker.ts'),
        'fold-worker': resolve(root, 'electron/cli/fold-worker.ts'),
      },
      output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js' },
    },
  },
  ssr: { target: 'node', noExternal: true },
});
