import { describe, expect, it } from 'vitest';
import { defaultFuseWire, packageProblems, pageAssets, readFuses } from './package-contents';

const page =
  '<!doctype html><link rel="icon" href="data:,"><script type="module" crossorigin src="./assets/index-1.js"></script><link rel="stylesheet" href="./assets/index-2.css">';

const manifest = {
  main: 'out/main/main.js',
  dependencies: { 'left-pad': '1.0.0' },
  devDependencies: { electron: '45.5.0', vitest: '4.1.12' },
};

const complete = [
  '/package.json',
  '/out/main/main.js',
  '/out/preload/preload.cjs',
  '/out/renderer/index.html',
  '/out/renderer/assets/index-1.js',
  '/out/renderer/assets/index-2.css',
  '/node_modules/left-pad/package.json',
];

function appWith(files: string[], packagedMain = 'out/main/main.js') {
  return {
    files: new Set(files),
    read: (file: string) =>
      file === '/package.json' ? JSON.stringify({ main: packagedMain }) : page,
  };
}

describe('the packaged app', () => {
  it('is complete with main, preload, the page and its assets, and the runtime dependencies', () => {
    expect(packageProblems(appWith(complete), manifest)).toEqual([]);
  });

  it('names every missing part', () => {
    const files = complete.filter((file) => !/preload|index-1|left-pad/.test(file));
    expect(packageProblems(appWith(files), manifest)).toEqual([
      '/out/preload/preload.cjs is missing (the preload bridge)',
      '/out/renderer/assets/index-1.js is missing (loaded by the editor page)',
      '/node_modules/left-pad/package.json is missing (a runtime dependency)',
    ]);
  });

  it('refuses sources, source maps, development dependencies and a wrong main', () => {
    const files = [
      ...complete,
      '/node_modules/electron',
      '/electron/main/main.ts',
      '/out/main/main.js.map',
    ];
    expect(packageProblems(appWith(files, 'index.js'), manifest)).toEqual([
      'the packaged package.json names main "index.js", not "out/main/main.js"',
      '/node_modules/electron is packaged, but it is only a development dependency',
      '/electron/main/main.ts is packaged, but only the built out/ belongs in the app',
      '/out/main/main.js.map is packaged, but only the built out/ belongs in the app',
    ]);
  });

  it('refuses tsx and esbuild, even as runtime dependencies, packed or unpacked', () => {
    const files = [
      ...complete,
      '/node_modules/tsx/package.json',
      '/node_modules/tsx/dist/cli.mjs',
      '/node_modules/esbuild/package.json',
      '/node_modules/@esbuild/linux-x64/bin/esbuild',
    ];
    const withTsx = { ...manifest, dependencies: { ...manifest.dependencies, tsx: '4.0.0' } };
    expect(packageProblems(appWith(files), withTsx)).toEqual([
      '/node_modules/tsx is packaged: a build tool, never needed by the app',
      '/node_modules/esbuild is packaged: a build tool, never needed by the app',
      '/node_modules/@esbuild/linux-x64 is packaged: a build tool, never needed by the app',
    ]);
  });

  it('finds the local scripts and stylesheets of the page, not data or remote URLs', () => {
    expect(pageAssets(page)).toEqual(['assets/index-1.js', 'assets/index-2.css']);
  });
});

describe('fuses', () => {
  it("reads Electron's defaults from a fuse wire", () => {
    const binary = Buffer.concat([Buffer.from('ELF...'), defaultFuseWire(), Buffer.from('...')]);
    expect(readFuses(binary)).toEqual({
      RunAsNode: '1',
      EnableCookieEncryption: '0',
      EnableNodeOptionsEnvironmentVariable: '1',
      EnableNodeCliInspectArguments: '1',
      EnableEmbeddedAsarIntegrityValidation: '0',
      OnlyLoadAppFromAsar: '0',
      LoadBrowserProcessSpecificV8Snapshot: '0',
      GrantFileProtocolExtraPrivileges: '1',
    });
  });

  it('refuses an executable without a fuse wire', () => {
    expect(() => readFuses(Buffer.from('#!/bin/sh\n'))).toThrow(/no fuse wire/);
  });
});
