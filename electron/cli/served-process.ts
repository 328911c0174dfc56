// Test helpers for a served process: wait for the editor URL it prints, and for its server to go away.
import type { ChildProcess } from 'node:child_process';

/** Resolves with the first editor URL the process prints, with all it printed so far. */
export function printedUrl(child: ChildProcess): Promise<{ url: string; output: string }> {
  return new Promise((resolve, reject) => {
    let output = '';
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+/.exec(output);
      if (match) resolve({ url: match[0], output });
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
    child.once('exit', (code) => reject(new Error(`exited with ${code} before a URL:\n${output}`)));
  });
}

/** Resolves once nothing answers at url any more (the test's own timeout bounds the wait). */
export async function untilRefused(url: string): Promise<void> {
  for (;;) {
    try {
      await fetch(url, { signal: AbortSignal.timeout(2000) });
    } catch {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
