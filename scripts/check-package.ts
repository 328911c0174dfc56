// `npm run test:security`, part 2: packages the built app offline (stub Electron) and inspects app.asar and the fuses.
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { extractFile, listPackage } from '@electron/asar';
import {
  defaultFuseWire,
  packageProblems,
  readFuses,
  type FuseName,
  type PackageManifest,
} from './package-contents';

const root = path.resolve(import.meta.dirname, '..');
const ELECTRON_VERSION = '45.5.0';

/** What the packaged executable must say about itself (electron-builder.yml `electronFuses`). */
const REQUIRED_FUSES: Partial<Record<FuseName, '0' | '1'>> = {
  RunAsNode: '0',
  EnableCookieEncryption: '1',
  EnableNodeOptionsEnvironmentVariable: '0',
  EnableNodeCliInspectArguments: '0',
  EnableEmbeddedAsarIntegrityValidation: '1',
  OnlyLoadAppFromAsar: '1',
  GrantFileProtocolExtraPrivileges: '0',
};

/** An Electron distribution electron-builder accepts offline: a stub executable carrying a fuse wire. */
async function stubElectron(folder: string): Promise<void> {
  await mkdir(folder, { recursive: true });
  const executable = path.join(folder, 'electron');
  const script = Buffer.from(
    '#!/bin/sh\necho "Emend packaging stub: not a real Electron" >&2\nexit 1\n# ',
  );
  await writeFile(executable, Buffer.concat([script, defaultFuseWire(), Buffer.from('\n')]));
  await chmod(executable, 0o755);
  await writeFile(path.join(folder, 'version'), `${ELECTRON_VERSION}\n`);
  await writeFile(path.join(folder, 'LICENSE'), 'Electron stub for an offline packaging check.\n');
  await writeFile(
    path.join(folder, 'LICENSES.chromium.html'),
    '<!doctype html><title>stub</title>\n',
  );
}

async function main(): Promise<number> {
  if (!existsSync(path.join(root, 'out', 'main', 'main.js'))) {
    console.error('check-package: out/ is not built: run `npm run build` first.');
    return 1;
  }
  const folder = await mkdtemp(path.join(os.tmpdir(), 'emend-package-'));
  try {
    const stub = path.join(folder, 'electron-dist');
    const output = path.join(folder, 'dist');
    await stubElectron(stub);
    const bin = path.join(root, 'node_modules', '.bin', 'electron-builder');
    const args = ['--linux', 'dir', '--publish', 'never', `-c.electronDist=${stub}`];
    args.push(`-c.directories.output=${output}`);
    try {
      await promisify(execFile)(bin, args, { cwd: root, maxBuffer: 32 * 1024 * 1024 });
    } catch (error) {
      const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
      console.error(`check-package: electron-builder failed\n${stdout}${stderr}`);
      return 1;
    }
    const unpacked = path.join(output, 'linux-unpacked');
    const archive = path.join(unpacked, 'resources', 'app.asar');
    const files = new Set(
      listPackage(archive, { isPack: false }).map((file) => file.split(path.sep).join('/')),
    );
    const manifest = JSON.parse(
      await readFile(path.join(root, 'package.json'), 'utf8'),
    ) as PackageManifest;
    const problems = packageProblems(
      { files, read: (file) => extractFile(archive, file.slice(1)).toString('utf8') },
      manifest,
    );
    const samples = path.join(unpacked, 'resources', 'samples');
    const shipped = existsSync(samples) ? readdirSync(samples) : [];
    for (const sample of readdirSync(path.join(root, 'samples'))) {
      if (!shipped.includes(sample))
        problems.push(`resources/samples/${sample} is missing (the sample corpus)`);
    }
    const fuses = readFuses(readFileSync(path.join(unpacked, 'emend')));
    for (const [name, state] of Object.entries(REQUIRED_FUSES)) {
      const actual = fuses[name as FuseName];
      if (actual !== state) problems.push(`fuse ${name} is ${actual ?? 'unset'}, must be ${state}`);
    }
    if (problems.length > 0) {
      console.error(
        `check-package: the packaged app is incomplete or unsafe:\n  ${problems.join('\n  ')}`,
      );
      return 1;
    }
    console.log(
      `check-package: app.asar holds main, preload, renderer and ${Object.keys(manifest.dependencies ?? {}).length} runtime dependencies (${files.size} entries); samples shipped; fuses set.`,
    );
    return 0;
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

process.exitCode = await main();
