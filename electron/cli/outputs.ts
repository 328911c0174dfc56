// Writes the files a conversion produced, only after every one is ready, never over an input or twice.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../workspace/files';
import { UsageError } from './io';

export interface OutputFile {
  path: string;
  content: string;
}

/** Throws UsageError when two outputs share a path or an output would replace an input. */
export function checkOutputs(outputs: readonly OutputFile[], inputs: readonly string[]): void {
  const inputPaths = new Set(inputs.map((input) => path.resolve(input)));
  const seen = new Set<string>();
  for (const output of outputs) {
    const resolved = path.resolve(output.path);
    if (inputPaths.has(resolved)) {
      throw new UsageError(`${output.path} is an input: choose another --out folder`);
    }
    if (seen.has(resolved)) throw new UsageError(`two inputs would both write ${output.path}`);
    seen.add(resolved);
  }
}

/** Writes each output atomically, creating folders as needed. */
export async function writeOutputs(outputs: readonly OutputFile[]): Promise<void> {
  for (const output of outputs) {
    await fs.mkdir(path.dirname(output.path), { recursive: true });
    await writeFileAtomic(output.path, output.content);
  }
}
