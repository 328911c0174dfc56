#!/usr/bin/env node
// `npm start`: runs scripts/start.ts through tsx, like bin/emend.js runs the CLI.
import { register } from 'tsx/esm/api';

register();
const { start } = await import('./start.ts');
process.exitCode = await start(process.argv.slice(2));
