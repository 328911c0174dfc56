// Test helpers for the CLI: run `emend` in-process with captured output, an io as on a terminal, temp corpora.
import { mkdtempSync, writeFileSync, mkdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, onTestFinished } from 'vitest';
import type { CliIO } from './io';
import { main } from './main';

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

export async function runCli(args: string[]): Promise<CliRun> {
  let out = '';
  let err = '';
  const io: CliIO = {
    out: (text) => void (out += text),
    err: (text) => void (err += text),
    color: false,
  };
  const code = await main(args, io);
  return { code, out, err };
}

/** An io as on a terminal: output dropped, every progress line kept (the last one clears it). */
export function terminalIO(): { io: CliIO; progressLines: string[] } {
  const progressLines: string[] = [];
  const io: CliIO = {
    out: () => {},
    err: () => {},
    color: false,
    progress: (line) => progressLines.push(line),
  };
  return { io, progressLines };
}

/** Deletes folder when the test that made it is done, or after the file's tests when made outside one. */
function removeWhenDone(folder: string): void {
  const remove = () => rmSync(folder, { recursive: true, force: true });
  if (expect.getState().currentTestName === undefined) afterAll(remove);
  else onTestFinished(remove);
}

/** A temp folder holding the given files (relative path → text or bytes), deleted when done. */
export function tempCorpus(files: Record<string, string | Uint8Array>): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'emend-test-'));
  removeWhenDone(root);
  for (const [name, content] of Object.entries(files)) {
    const target = path.join(root, name);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, content);
  }
  return root;
}
