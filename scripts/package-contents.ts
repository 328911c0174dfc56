// What a packaged Emend must hold: the built main, preload and renderer, its runtime dependencies, set fuses.

/** The parts of package.json the check reads. */
export interface PackageManifest {
  main?: string;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

/** The packaged app as the check sees it: the asar's file list and a way to read its text files. */
export interface PackagedApp {
  /** Paths inside app.asar (and app.asar.unpacked), `/`-rooted. */
  files: ReadonlySet<string>;
  read(file: string): string;
}

/** Build tools that must never reach the app, even listed as runtime dependencies (tsx once was). */
export const BUILD_TOOLS = /^(\/node_modules\/(?:tsx|esbuild|@esbuild\/[^/]+))(?:\/|$)/;

/** Files the renderer page loads: its module scripts and stylesheets (relative to the page). */
export function pageAssets(html: string): string[] {
  const found: string[] = [];
  for (const match of html.matchAll(/<(?:script|link)\b[^>]*?\b(?:src|href)="([^"]+)"/g)) {
    const reference = match[1];
    if (!/^(?:[a-z]+:|\/\/|#)/i.test(reference)) found.push(reference.replace(/^\.\//, ''));
  }
  return found;
}

/** Everything missing or out of place in the packaged app; empty when it is complete. */
export function packageProblems(app: PackagedApp, manifest: PackageManifest): string[] {
  const problems: string[] = [];
  const need = (file: string, why: string) => {
    if (!app.files.has(file)) problems.push(`${file} is missing (${why})`);
  };
  need('/package.json', 'the app manifest');
  if (app.files.has('/package.json')) {
    const packed = JSON.parse(app.read('/package.json')) as PackageManifest;
    if (packed.main !== manifest.main) {
      problems.push(
        `the packaged package.json names main "${packed.main}", not "${manifest.main}"`,
      );
    }
  }
  need(`/${manifest.main ?? 'out/main/main.js'}`, 'the main process');
  need('/out/preload/preload.cjs', 'the preload bridge');
  need('/out/renderer/index.html', 'the editor page');
  if (app.files.has('/out/renderer/index.html')) {
    for (const asset of pageAssets(app.read('/out/renderer/index.html'))) {
      need(`/out/renderer/${asset}`, 'loaded by the editor page');
    }
  }
  for (const name of Object.keys(manifest.dependencies ?? {})) {
    need(`/node_modules/${name}/package.json`, 'a runtime dependency');
  }
  for (const name of Object.keys(manifest.devDependencies ?? {})) {
    if (app.files.has(`/node_modules/${name}`)) {
      problems.push(`/node_modules/${name} is packaged, but it is only a development dependency`);
    }
  }
  const tools = new Set<string>();
  for (const file of app.files) {
    const tool = BUILD_TOOLS.exec(file)?.[1];
    if (tool) tools.add(tool);
  }
  for (const tool of tools) {
    problems.push(`${tool} is packaged: a build tool, never needed by the app`);
  }
  for (const file of app.files) {
    if (/^\/(?:electron|shared|renderer|scripts|e2e)\//.test(file) || file.endsWith('.map')) {
      problems.push(`${file} is packaged, but only the built out/ belongs in the app`);
    }
  }
  return problems;
}

export const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';

/** Fuse wire positions (V1), as @electron/fuses numbers them. */
export const FUSES = [
  'RunAsNode',
  'EnableCookieEncryption',
  'EnableNodeOptionsEnvironmentVariable',
  'EnableNodeCliInspectArguments',
  'EnableEmbeddedAsarIntegrityValidation',
  'OnlyLoadAppFromAsar',
  'LoadBrowserProcessSpecificV8Snapshot',
  'GrantFileProtocolExtraPrivileges',
] as const;

export type FuseName = (typeof FUSES)[number];

/** The fuse states an executable carries ('0' off, '1' on), read after its sentinel. */
export function readFuses(binary: Buffer): Partial<Record<FuseName, '0' | '1'>> {
  const at = binary.indexOf(FUSE_SENTINEL);
  if (at === -1) throw new Error('the executable carries no fuse wire');
  const wire = at + FUSE_SENTINEL.length;
  const length = binary[wire + 1];
  const states: Partial<Record<FuseName, '0' | '1'>> = {};
  FUSES.slice(0, length).forEach((name, index) => {
    const state = String.fromCharCode(binary[wire + 2 + index]);
    if (state === '0' || state === '1') states[name] = state;
  });
  return states;
}

/** A fuse wire as Electron ships it (its defaults), for a stand-in executable to carry. */
export function defaultFuseWire(): Buffer {
  return Buffer.concat([
    Buffer.from(FUSE_SENTINEL, 'ascii'),
    Buffer.from([1, 8]),
    Buffer.from('10110001'),
  ]);
}
