// Writes the files a conversion produced, only after every one is checked, never over an input or twice.
import { promises as fs, realpathSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../workspace/files';
import { UsageError } from './io';

export interface OutputFile {
  path: string;
  content: string;
}

/** An output before its content is made (where it will be written). */
export type OutputPath = Pick<OutputFile, 'path'>;

/** The real path of a file that may not exist yet: its nearest existing folder resolved through links. */
function realPathOf(file: string): string {
  const resolved = path.resolve(file);
  try {
    return realpathSync(resolved);
  } catch {
    const parent = path.dirname(resolved);
    return parent === resolved ? resolved : path.join(realPathOf(parent), path.basename(resolved));
  }
}

/**
 * Throws UsageError when two outputs share a path or an output would replace an input, comparing
 * real paths (an --out that is a symbolic link to the input folder is the input folder).
 */
export function checkOutputs(outputs: readonly OutputPath[], inputs: readonly string[]): void {
  const inputPaths = new Set(inputs.map(realPathOf));
  const seen = new Set<string>();
  for (const output of outputs) {
    const resolved = realPathOf(output.path);
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
