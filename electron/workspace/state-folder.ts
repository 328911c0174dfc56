// Where Emend keeps a document's own state (journal, baseline copy, review mark) and reading that mark.
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeFileAtomic } from './files';
import { SETTINGS_FOLDER } from './settings';

/** The app's data folder for lone files: $XDG_STATE_HOME/emend, else ~/.local/state/emend. */
export function defaultStateFolder(): string {
  const base = process.env.XDG_STATE_HOME || path.join(os.homedir(), '.local', 'state');
  return path.join(base, 'emend');
}

/** The state folder of one document: under FOLDER/.emend for a corpus, the app's folder for a lone file. */
export function documentStateFolder(
  corpusRoot: string | null,
  appStateFolder: string,
  key: string,
): string {
  const name = `${path
    .basename(key)
    .replace(/[^\w.-]/g, '_')
    .slice(0, 80)}-${createHash('sha256').update(key).digest('hex').slice(0, 12)}`;
  return corpusRoot
    ? path.join(corpusRoot, SETTINGS_FOLDER, 'documents', name)
    : path.join(appStateFolder, 'files', name);
}

export interface DocumentMeta {
  /** The path or id the state belongs to, for a person looking into the folder. */
  source: string;
  /** Hash of the file text as first opened (the baseline copy). */
  baselineHash?: string;
  reviewed?: boolean;
}

export class StateFiles {
  constructor(readonly folder: string) {}

  get journal(): string {
    return path.join(this.folder, 'journal.jsonl');
  }

  get baseline(): string {
    return path.join(this.folder, 'baseline.txt');
  }

  get meta(): string {
    return path.join(this.folder, 'meta.json');
  }

  async readMeta(source: string): Promise<DocumentMeta> {
    try {
      const parsed = JSON.parse(await fs.readFile(this.meta, 'utf8')) as unknown;
      if (typeof parsed === 'object' && parsed !== null)
        return { ...(parsed as DocumentMeta), source };
    } catch {
      // Missing or unreadable: the document has no state yet.
    }
    return { source };
  }

  async writeMeta(meta: DocumentMeta): Promise<void> {
    await fs.mkdir(this.folder, { recursive: true });
    await writeFileAtomic(this.meta, `${JSON.stringify(meta, null, 2)}\n`);
  }
}
