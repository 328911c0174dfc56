// Where Emend keeps a document's own state (journal, baseline copy, review mark) and reading that mark.
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { copyFileAtomic, isReadOnlyFolder } from './atomic-write';
import { fileExists } from './folder-walk';
import { textHash } from './journal';
import { SETTINGS_FOLDER, stateFolderLeadsOut } from './settings';
import { readStateText, writeStateFile } from './state-file';

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
  return path.join(stateFoldersIn(corpusRoot, appStateFolder), name);
}

/** The folder holding documents' state folders: the corpus's `.emend/documents`, or the app's `files`. */
function stateFoldersIn(corpusRoot: string | null, appStateFolder: string): string {
  return corpusRoot
    ? path.join(corpusRoot, SETTINGS_FOLDER, 'documents')
    : path.join(appStateFolder, 'files');
}

/** Where an opened corpus keeps its documents' state and its settings, and what to tell the user about it. */
export interface StatePlace {
  /** The corpus whose `.emend` folder holds the documents' state; null: the app's state folder does. */
  corpusRoot: string | null;
  /** The folder whose `.emend/settings.json` holds the label settings. */
  settingsFolder: string;
  /** The corpus folder takes no writes: documents cannot be saved, settings not changed. */
  readOnly: boolean;
  /** Said to the user when the state cannot live in the corpus. */
  notice?: string;
  /**
   * Where documents' state may have been kept while the folder's permission was other: the app's
   * folder (corpusRoot null) for a corpus that was read-only, the corpus's own for one that is now.
   * `move`: take it over (the corpus's own can only be copied from while it is read-only).
   */
  former?: { corpusRoot: string | null; move: boolean };
}

/**
 * Decides where a corpus folder's state lives: in FOLDER/.emend, unless the folder is read-only
 * (then edits are journaled in the app's state folder and cannot be saved) or `.emend` is a link
 * leading out of the corpus (then it is not used at all).
 */
export async function corpusStatePlace(root: string, appState: string): Promise<StatePlace> {
  const name = path.basename(root);
  const leadsOut = await stateFolderLeadsOut(root);
  const readOnly = await isReadOnlyFolder(root);
  if (leadsOut) {
    return {
      corpusRoot: null,
      settingsFolder: documentStateFolder(null, appState, root),
      readOnly,
      notice: `${name}/${SETTINGS_FOLDER} is a link to a folder outside the corpus, so Emend does not use it: journals and label settings are kept in ${appState}`,
    };
  }
  if (readOnly) {
    return {
      corpusRoot: null,
      settingsFolder: root,
      readOnly,
      notice: `${name} is read-only: your edits are kept in ${appState} but cannot be saved into it (make the folder writable and open it again to save)`,
      former: { corpusRoot: root, move: false },
    };
  }
  return {
    corpusRoot: root,
    settingsFolder: root,
    readOnly: false,
    former: { corpusRoot: null, move: true },
  };
}

/**
 * Finds documents' state where it was kept while the corpus's permission was other, so a journal
 * is found wherever it lives: a corpus made writable takes over (moves in) what the app's folder
 * kept for it; a corpus made read-only copies its own into the app's folder, where its edits go now.
 */
export class FormerStates {
  private constructor(
    private readonly former: { corpusRoot: string | null; move: boolean },
    private readonly appState: string,
    private readonly names: Set<string>,
  ) {}

  static async of(place: StatePlace, appState: string): Promise<FormerStates | null> {
    const { former } = place;
    if (!former) return null;
    let names: string[];
    try {
      names = await fs.readdir(stateFoldersIn(former.corpusRoot, appState));
    } catch {
      return null; // None kept there.
    }
    return new FormerStates(former, appState, new Set(names));
  }

  /**
   * Brings the document's former state into `state` when it holds a journal `state` should have,
   * and returns where the document's state is now: the former place while it cannot be brought (a
   * full disk), so the document opens with its edits there; the next open tries again.
   */
  async bringInto(state: StateFiles, id: string, file: string): Promise<StateFiles> {
    const key = this.former.corpusRoot ? id : file;
    const folder = documentStateFolder(this.former.corpusRoot, this.appState, key);
    if (!this.names.has(path.basename(folder))) return state;
    const former = new StateFiles(folder);
    if (!(await fileExists(former.journal))) return state;
    if (!this.former.move && (await fileExists(state.journal))) return state;
    try {
      await copyState(former, state);
    } catch {
      return former;
    }
    if (this.former.move) {
      await fs.rm(former.journal, { force: true });
      await fs.rm(folder, { recursive: true, force: true });
    }
    return state;
  }
}

/** Copies a document's state files over another's, a journal there set aside as superseded. */
async function copyState(from: StateFiles, to: StateFiles): Promise<void> {
  await fs.mkdir(to.folder, { recursive: true });
  // The journal last, so a crash part way leaves it where it was: the next open brings it again.
  const journal = path.basename(to.journal);
  const names = (await fs.readdir(from.folder)).filter((name) => name !== journal);
  if (await fileExists(to.journal)) {
    await fs.rename(to.journal, `${to.journal}.${Date.now()}.superseded`);
  }
  for (const name of [...names, journal])
    await copyFileAtomic(path.join(from.folder, name), path.join(to.folder, name));
}

export interface DocumentMeta {
  /** The path or id the state belongs to, for a person looking into the folder. */
  source: string;
  /** Hash of the file text as first opened (the baseline copy). */
  baselineHash?: string;
  reviewed?: boolean;
  /** Hash of the text that was reviewed (absent in marks made before it was kept). */
  reviewedHash?: string;
}

/** The hash a review mark holds for: the reviewed text's (an old mark without one: the file's text now). */
export function reviewedHash(meta: DocumentMeta, text: string): string | undefined {
  if (!meta.reviewed) return undefined;
  return meta.reviewedHash ?? textHash(text);
}

export class StateFiles {
  constructor(readonly folder: string) {}

  get journal(): string {
    return path.join(this.folder, 'journal.jsonl');
  }

  get baseline(): string {
    return path.join(this.folder, 'baseline.txt');
  }

  /** The file as the journal's edits were made on it (see DocumentSession's startJournal). */
  get diskCopy(): string {
    return path.join(this.folder, 'disk.txt');
  }

  get meta(): string {
    return path.join(this.folder, 'meta.json');
  }

  /** Where the bytes another program wrote over the file, unreadable to Emend, are kept when a save at time replaces them. */
  overwrittenAt(time: number): string {
    return path.join(
      this.folder,
      `overwritten-${new Date(time).toISOString().replaceAll(':', '-')}`,
    );
  }

  async readMeta(source: string): Promise<DocumentMeta> {
    try {
      const parsed = JSON.parse((await readStateText(this.meta)) ?? 'null') as unknown;
      if (typeof parsed === 'object' && parsed !== null)
        return { ...(parsed as DocumentMeta), source };
    } catch {
      // Missing or unreadable: the document has no state yet.
    }
    return { source };
  }

  async writeMeta(meta: DocumentMeta): Promise<void> {
    await writeStateFile(this.meta, meta);
  }
}
