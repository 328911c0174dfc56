// Builds the app into out/: main (ESM), the sandboxed preload (CommonJS) and the Svelte renderer.
import { resolve } from 'node:path';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import { PAGE_CONTENT_SECURITY_POLICY } from './shared/api/content-security-policy';

const root = import.meta.dirname;

/** Links the screen's chunk from the page as a module preload: it downloads beside the entry, not after it. */
function preloadScreen(): Plugin {
  return {
    name: 'emend-preload-screen',
    transformIndexHtml: {
      order: 'post',
      handler(html, context) {
        const screen = Object.values(context.bundle ?? {}).find(
          (file) => file.type === 'chunk' && file.name === 'screen',
        );
        if (!screen) return html;
        const attrs = { rel: 'modulepreload', crossorigin: true, href: `./${screen.fileName}` };
        return [{ tag: 'link', attrs, injectTo: 'head' }];
      },
    },
  };
}

/** V8's compile hint: every function in a script that starts with it is compiled as the script loads. */
const COMPILE_HINT = '//# allFunctionsCalledOnLoad';

/**
 * Marks the renderer's scripts (the page's entry and its screen, both run on opening) for V8 to
 * compile whole while they load, off the main thread: the first keystroke after opening then runs
 * compiled code, where it compiled its functions lazily, in the key's frame.
 */
function compileOnLoad(): Plugin {
  return {
    name: 'emend-compile-on-load',
    generateBundle(_options, bundle) {
      for (const file of Object.values(bundle)) {
        if (file.type === 'chunk') file.code = `${COMPILE_HINT}\n${file.code}`;
      }
    },
  };
}

/** Writes the page's content security policy from the one the app and the host send with it. */
function pagePolicy(): Plugin {
  return {
    name: 'emend-page-policy',
    transformIndexHtml: (html) =>
      html.replace('%CONTENT_SECURITY_POLICY%', PAGE_CONTENT_SECURITY_POLICY),
  };
}

export default defineConfig({
  main: {
    build: {
      rolldownOptions: {
        input: {
          main: resolve(root, 'electron/main/main.ts'),
          // The suspect ranking's worker thread, started from its own file.
          'suspects-worker': resolve(root, 'electron/workspace/suspects-worker.ts'),
          'regex-search-worker': resolve(root, 'electron/workspace/regex-search-worker.ts'),
        },
        output: { format: 'es', entryFileNames: '[name].js' },
      },
    },
  },
  preload: {
    build: {
      rolldownOptions: {
        input: { preload: resolve(root, 'electron/preload/preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'renderer',
    base: './',
    plugins: [svelte(), pagePolicy(), preloadScreen(), compileOnLoad()],
    build: {
      minify: true,
      // One stylesheet, linked from the page: the screen's chunk loads after the first requests leave.
      cssCodeSplit: false,
      rolldownOptions: { input: { index: resolve(root, 'renderer/index.html') } },
    },
  },
});
