// A corpus whose git repositories are hostile: every Emend git call (blame, diff REV REV, the diff driver, merge-file, git setup, serve) runs none of their programs.
import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import {
  HOSTILE_SETTINGS,
  HostilePlace,
  type HostileSetting,
} from '../electron/cli/fixtures/hostile-git';
import { check, makePlace } from './harness';

const BIN = path.resolve(import.meta.dirname, '../bin/emend.js');
const LABELS = ['PER', 'ORG', 'LOC', 'MISC'];

export interface UntrustedGitFigures {
  repositories: number;
  commits: number;
  cliRuns: number;
  apiCalls: number;
}

const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)];

/** Several hostile settings at once (at most one partial clone, as each names its own remote). */
function combination(): HostileSetting {
  const promisor = HOSTILE_SETTINGS.filter((setting) => setting.promisor);
  const chosen = HOSTILE_SETTINGS.filter((setting) => !setting.promisor && Math.random() < 0.5);
  if (Math.random() < 0.5) chosen.push(pick(promisor));
  return {
    name: chosen.map((setting) => setting.name).join(' + '),
    config: chosen.flatMap((setting) => setting.config),
    attributes: chosen.map((setting) => setting.attributes ?? '').join(''),
    promisor: chosen.some((setting) => setting.promisor),
  };
}

/** A history of doc.txt: a few lines of entities, each version relabeling one or adding a line. */
function versions(): string[] {
  const lines = Array.from(
    { length: 3 },
    (_, k) => `Line ${k} [${pick(LABELS)} Kosovo  ] met [${pick(LABELS)} Ann  ] .`,
  );
  const result: string[] = [];
  const count = 3 + Math.floor(Math.random() * 5);
  for (let v = 0; v < count; v++) {
    const at = Math.floor(Math.random() * lines.length);
    if (Math.random() < 0.3) lines.splice(at, 0, `Added ${v} [${pick(LABELS)} Bo  ] .`);
    else lines[at] = lines[at].replace(/\[(\w+) Kosovo/, () => `[${pick(LABELS)} Kosovo`);
    result.push(`${lines.join('\n')}\n`);
  }
  return result;
}

/** Runs the CLI in repo; checks it neither crashed nor printed a stack trace. */
function emend(repo: string, entry: string, args: readonly string[], env: NodeJS.ProcessEnv) {
  return new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: repo,
      env: { ...env, EMEND_PROBE: entry },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      try {
        check(code !== null && code <= 2, `emend ${entry} ended with ${code}: ${err}`);
        check(!/unexpected failure|\n\s+at /.test(err), `emend ${entry} crashed: ${err}`);
        resolve();
      } catch (error) {
        reject(error);
      }
    });
  });
}

export async function untrustedGit(
  repositories: number,
  operations: number,
): Promise<UntrustedGitFigures> {
  const place = await makePlace({});
  const hostile = new HostilePlace(place.base);
  const figures = { repositories, commits: 0, cliRuns: 0, apiCalls: 0 };
  try {
    const repos: Array<{ folder: string; commits: number; setting: string }> = [];
    for (let r = 0; r < repositories; r++) {
      const setting = combination();
      const history = versions();
      hostile.repository(setting, `repo-${r}`, history);
      repos.push({ folder: `repo-${r}`, commits: history.length, setting: setting.name });
      figures.commits += history.length;
    }
    const server = await place.serve();
    const sides = path.join(place.base, 'sides');
    await fs.mkdir(sides);
    await fs.writeFile(path.join(sides, 'old.txt'), 'Line 0 [PER Kosovo  ] .\n');
    await fs.writeFile(path.join(sides, 'broken.txt'), '[LOC never closed\n');
    for (let n = 0; n < operations; n++) {
      const repo = pick(repos);
      const cwd = path.join(hostile.corpus, repo.folder);
      const revision = () => `HEAD~${Math.floor(Math.random() * repo.commits)}`;
      const id = `${repo.folder}/doc.txt`;
      const operation = pick([
        'blame',
        'diff REV REV',
        'diff driver',
        'merge-file',
        'git setup',
        'serve log',
        'serve baseline',
      ]);
      if (operation === 'serve log') {
        check((await server.call('getGitLog', { id })).status === 200, `getGitLog ${id}`);
        figures.apiCalls++;
      } else if (operation === 'serve baseline') {
        const answer = await server.call('getBaseline', {
          id,
          source: { kind: 'git', revision: revision() },
        });
        check([200, 404, 422].includes(answer.status), `getBaseline ${id}: ${answer.status}`);
        figures.apiCalls++;
      } else {
        const old = path.join(sides, 'old.txt');
        const args = {
          blame: ['blame', `doc.txt:${1 + Math.floor(Math.random() * 3)}`],
          'diff REV REV': ['diff', revision(), revision(), '--', '.'],
          'diff driver': [
            'git',
            'diff',
            'doc.txt',
            old,
            '0'.repeat(40),
            '100644',
            'doc.txt',
            '0'.repeat(40),
            '100644',
          ],
          'merge-file': ['merge-file', old, path.join(sides, 'broken.txt'), old],
          'git setup': ['git', 'setup', '--force'],
        }[operation]!;
        await emend(cwd, operation, args, hostile.env);
        figures.cliRuns++;
      }
      const ran = hostile.takeRuns();
      check(ran === '', `${operation} in a repository with ${repo.setting} ran a program: ${ran}`);
    }
    await server.stop();
    return figures;
  } finally {
    await place.remove();
  }
}
