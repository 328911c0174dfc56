import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appDataFolder, sampleCorpus } from './sample-corpus';

const bundled = path.resolve(import.meta.dirname, '../../samples');
let data: string;
beforeEach(async () => {
  data = await mkdtemp(path.join(os.tmpdir(), 'emend-data-'));
});
afterEach(() => rm(data, { recursive: true, force: true }));

describe('the sample corpus', () => {
  it('opens as a working copy, so the bundled files stay as shipped', async () => {
    const copy = await sampleCorpus(bundled, data);
    expect(copy).toBe(path.join(data, 'samples'));
    expect((await readdir(copy)).sort()).toEqual((await readdir(bundled)).sort());
    const [first] = await readdir(bundled);
    expect(await readFile(path.join(copy, first), 'utf8')).toBe(
      await readFile(path.join(bundled, first), 'utf8'),
    );
  });

  it('keeps the edits of an existing working copy', async () => {
    const copy = await sampleCorpus(bundled, data);
    const [first] = await readdir(copy);
    await writeFile(path.join(copy, first), 'edited [PER Ann  ] .\n');
    await sampleCorpus(bundled, data);
    expect(await readFile(path.join(copy, first), 'utf8')).toBe('edited [PER Ann  ] .\n');
  });

  it('lives where Electron keeps the data of an app run from source', () => {
    const home = path.join(path.sep, 'home', 'ann');
    expect(appDataFolder('emend', { XDG_CONFIG_HOME: '/cfg' }, 'linux', home)).toBe(
      path.join('/cfg', 'emend'),
    );
    expect(appDataFolder('emend', {}, 'linux', home)).toBe(path.join(home, '.config', 'emend'));
    expect(appDataFolder('emend', {}, 'darwin', home)).toBe(
      path.join(home, 'Library', 'Application Support', 'emend'),
    );
    expect(
      appDataFolder('emend', { APPDATA: 'C:\\Users\\ann\\AppData\\Roaming' }, 'win32', home),
    ).toBe(path.join('C:\\Users\\ann\\AppData\\Roaming', 'emend'));
  });
});
