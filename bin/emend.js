#!/usr/bin/env node
// The `emend` command: starts the built command line in out/cli/ (`npm run build` makes it).
import { existsSync } from 'node:fs';

const entry = new URL('../out/cli/emend.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('emend: the command line is not built yet: run `npm run build` first.\n');
  process.exit(2);
}
await import(entry.href);
