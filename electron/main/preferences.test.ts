import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_RECENT, readPreferences, withRecent, writePreferences } from './preferences';

let folder: string;
beforeEach(async () => {
  folder = await mkdtemp(path.join(os.tmpdir(), 'emend-preferences-'));
});
afterEach(() => rm(folder, { recursive: true, force: true }));

describe('the Open Recent list', () => {
  it('puts the newest first without duplicates, capped', () => {
    expect(withRecent(['/a', '/b', '/c'], '/b')).toEqual(['/b', '/a', '/c']);
    const long = Array.from({ length: MAX_RECENT }, (_, i) => `/f${i}`);
    const list = withRecent(long, '/new');
    expect(list).toHaveLength(MAX_RECENT);
    expect(list[0]).toBe('/new');
    expect(list).not.toContain(`/f${MAX_RECENT - 1}`);
  });
});

describe('stored preferences', () => {
  it('survive a restart', async () => {
    const file = path.join(folder, 'preferences.json');
    await writePreferences(file, { recent: ['/corpus'], theme: 'dark' });
    expect(await readPreferences(file)).toEqual({ recent: ['/corpus'], theme: 'dark' });
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({
      recent: ['/corpus'],
      theme: 'dark',
    });
  });

  it('read as defaults when missing or damaged', async () => {
    expect(await readPreferences(path.join(folder, 'none.json'))).toEqual({
      recent: [],
      theme: 'system',
    });
    const damaged = path.join(folder, 'damaged.json');
    await writeFile(damaged, '{"recent": [1, "/ok"], "theme": "neon"');
    expect(await readPreferences(damaged)).toEqual({ recent: [], theme: 'system' });
    await writeFile(damaged, '{"recent": [1, "/ok", null], "theme": "neon"}');
    expect(await readPreferences(damaged)).toEqual({ recent: ['/ok'], theme: 'system' });
  });
});
