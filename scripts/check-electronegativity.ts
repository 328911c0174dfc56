// `npm run test:security`, part 1: electronegativity on the built app; fails on anything above LOW but the preload review.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describeFinding, isBlocking, parseReport } from './electronegativity-report';

const root = path.resolve(import.meta.dirname, '..');
const built = path.join(root, 'out');
const ELECTRON_VERSION = '45.5.0';

async function main(): Promise<number> {
  if (!existsSync(path.join(built, 'main', 'main.js'))) {
    console.error('check-electronegativity: out/ is not built: run `npm run build` first.');
    return 1;
  }
  const folder = await mkdtemp(path.join(os.tmpdir(), 'emend-electronegativity-'));
  try {
    const csv = path.join(folder, 'report.csv');
    const bin = path.join(root, 'node_modules', '.bin', 'electronegativity');
    await promisify(execFile)(bin, ['-i', built, '-e', ELECTRON_VERSION, '-r', '-o', csv], {
      cwd: root,
      maxBuffer: 16 * 1024 * 1024,
    });
    if (!existsSync(csv)) {
      console.error('check-electronegativity: electronegativity wrote no report.');
      return 1;
    }
    const findings = parseReport(await readFile(csv, 'utf8'));
    const blocking = findings.filter(isBlocking);
    for (const finding of findings) {
      console.log(`${isBlocking(finding) ? 'BLOCKING' : 'accepted'}  ${describeFinding(finding)}`);
    }
    if (blocking.length > 0) {
      console.error(`check-electronegativity: ${blocking.length} finding(s) above LOW.`);
      return 1;
    }
    console.log(
      `check-electronegativity: ${findings.length} finding(s), none above LOW but the preload review.`,
    );
    return 0;
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

process.exitCode = await main();
