// A corpus from someone else is untrusted: no git call Emend makes runs a program its repository's config names.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServe, type ServeProcess } from '../host/fixtures/serve-process';
import {
  DOC_VERSIONS,
  HOSTILE_SETTINGS,
  HostilePlace,
  settingFolder,
} from './fixtures/hostile-git';

const ROOT = path.resolve(import.meta.dirname, '../..');
const BIN = path.join(ROOT, 'bin/emend.js');

describe('one way to run git', () => {
  it('only electron/workspace/git-process.ts starts a process among the sources Emend ships', () => {
    const sources = ['electron', 'shared'].flatMap((folder) =>
      (readdirSync(path.join(ROOT, folder), { recursive: true }) as string[])
        .map((file) => path.join(folder, file))
        .filter((file) => /\.ts$/.test(file) && !/\.test\.ts$|fixtures|testing\.ts$/.test(file)),
    );
    const starters = sources.filter((file) =>
      /^import (?!type)[^;]*'node:child_process'/m.test(
        readFileSync(path.join(ROOT, file), 'utf8'),
      ),
    );
    expect(starters).toEqual([path.join('electron', 'workspace', 'git-process.ts')]);
  });
});

describe('an untrusted repository config runs no program', () => {
  let place: HostilePlace;
  let server: ServeProcess;

  beforeAll(async () => {
    place = new HostilePlace(mkdtempSync(path.join(os.tmpdir(), 'emend-hostile-')));
    for (const setting of HOSTILE_SETTINGS) place.repository(setting, settingFolder(setting));
    server = await startServe(place.corpus, path.join(place.root, 'state'));
  }, 120_000); // 14 repositories of 4 commits, made by git

  afterAll(async () => {
    await server?.stop();
    rmSync(place.root, { recursive: true, force: true });
  });

  it.each(HOSTILE_SETTINGS.map((setting) => [setting.name, setting] as const))(
    '%s: blame, diff REV REV, the diff driver, merge-file, git setup and serve',
    async (_name, setting) => {
      place.takeRuns(); // only this setting's runs count
      const folder = settingFolder(setting);
      const repo = path.join(place.corpus, folder);
      const emend = (entry: string, args: readonly string[]) => {
        const run = spawnSync(process.execPath, [BIN, ...args], {
          cwd: repo,
          env: { ...place.env, EMEND_PROBE: entry },
          encoding: 'utf8',
        });
        expect(run.stderr, entry).not.toMatch(/unexpected failure|\n\s+at /);
        return run;
      };
      const blame = emend('blame', ['blame', 'doc.txt']);
      // Blame reads every version; a partial clone lacking one is refused, never fetched.
      if (setting.promisor) expect(blame.stderr).toMatch(/partial clone lacks versions/);
      else expect(blame.stdout).toContain('[LOC "Ann"]');
      expect(emend('diff REV REV', ['diff', 'HEAD~2', 'HEAD', '--', '.']).stdout).toContain(
        'relabeled',
      );
      const sides = path.join(place.root, `${folder}-sides`);
      writeFileSync(`${sides}-old.txt`, DOC_VERSIONS[0]);
      writeFileSync(`${sides}-broken.txt`, '[LOC never closed\n');
      writeFileSync(`${sides}-other.txt`, 'another line\n');
      expect(
        emend('diff driver', [
          'git',
          'diff',
          'doc.txt',
          `${sides}-old.txt`,
          '0'.repeat(40),
          '100644',
          'doc.txt',
          '0'.repeat(40),
          '100644',
        ]).stdout,
      ).toContain('relabeled');
      emend('merge-file', [
        'merge-file',
        `${sides}-old.txt`,
        `${sides}-broken.txt`,
        `${sides}-other.txt`,
      ]);
      const id = `${folder}/doc.txt`;
      const log = await server.call('getGitLog', { id });
      expect(log.status).toBe(200);
      expect(log.body.commits).toHaveLength(DOC_VERSIONS.length);
      for (const revision of ['HEAD', 'HEAD~3']) {
        const baseline = await server.call('getBaseline', {
          id,
          source: { kind: 'git', revision },
        });
        expect([200, 404]).toContain(baseline.status);
      }
      expect(emend('git setup', ['git', 'setup']).status).toBe(0);
      expect(place.takeRuns()).toBe('');
    },
  );
});
