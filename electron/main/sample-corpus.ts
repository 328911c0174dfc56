// The sample corpus `npm start` opens: a copy in the app's data folder, so the bundled files stay pristine.
import { promises as fs } from 'node:fs';
import path from 'node:path';

/**
 * The working copy of the bundled samples under dataFolder, made on first use. An existing copy is
 * kept as it is: it holds the user's edits.
 */
export async function sampleCorpus(bundled: string, dataFolder: string): Promise<string> {
  const copy = path.join(dataFolder, 'samples');
  try {
    await fs.access(copy);
    return copy;
  } catch {
    // First use: make the copy below.
  }
  const staging = `${copy}.${process.pid}.partial`;
  await fs.rm(staging, { recursive: true, force: true });
  await fs.cp(bundled, staging, { recursive: true, errorOnExist: true, force: false });
  await fs.rename(staging, copy);
  return copy;
}
