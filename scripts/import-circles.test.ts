import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importCircles } from './import-circles';

const root = path.resolve(import.meta.dirname, '..');

describe('import circles', () => {
  it('there are none among renderer/, shared/ and electron/, type-only imports counted', async () => {
    expect(await importCircles(root, ['renderer', 'shared', 'electron'])).toEqual([]);
  });

  it('are found through type-only imports, re-exports and Svelte components', async () => {
    const folder = await mkdtemp(path.join(os.tmpdir(), 'emend-circles-'));
    try {
      await mkdir(path.join(folder, 'src'));
      const files: Record<string, string> = {
        'src/editor.svelte.ts': "import type { Tools } from './tools.svelte';\n",
        'src/tools.svelte.ts': "import { type Editor } from './editor.svelte';\n",
        'src/index.ts': "export * from './Panel.svelte';\n",
        'src/Panel.svelte':
          '<script lang="ts">\n  import type { Index } from \'./index\';\n</script>\n',
        'src/leaf.ts': "import type { Editor } from './editor.svelte';\n",
      };
      for (const [name, text] of Object.entries(files)) {
        await writeFile(path.join(folder, name), text);
      }
      expect(await importCircles(folder, ['src'])).toEqual([
        ['src/Panel.svelte', 'src/index.ts'],
        ['src/editor.svelte.ts', 'src/tools.svelte.ts'],
      ]);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});
