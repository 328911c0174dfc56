// `npm run test:security`, part 1: electronegativity on the built app; fails on anything above LOW but the preload review.
import electronegativity from '@doyensec/electronegativity';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describeFinding, isBlocking, readFindings } from './electronegativity-report';

const root = path.resolve(import.meta.dirname, '..');
const built = path.join(root, 'out');
const ELECTRON_VERSION = '45.5.0';

async function main(): Promise<number> {
  if (!existsSync(path.join(built, 'main', 'main.js'))) {
    console.error('check-electronegativity: out/ is not built: run `npm run build` first.');
    return 1;
  }
  // The findings come back in memory: no report file, so nothing can be read half-written.
  const result: unknown = await electronegativity(
    { input: built, electronVersionOverride: ELECTRON_VERSION, isRelative: true },
    false,
  );
  let findings;
  try {
    findings = readFindings(result);
  } catch (error) {
    console.error(
      `check-electronegativity: cannot read electronegativity's result: ${(error as Error).message}`,
    );
    return 1;
  }
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
}

process.exitCode = await main();
