// Unsaved edits set aside by "Take theirs": what they changed, kept in the state folder, laid over theirs on request.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { ApiError } from '../../shared/api/contract';
import type { BracketDocument } from '../../shared/format/document';
import type { Operation, Transaction } from '../../shared/model/operations';
import { writeFileAtomic } from './files';

/** An entity as the user sees it: where it is and its label (ids differ between versions). */
export interface EntityMark {
  start: number;
  end: number;
  label: string;
}

/** What the set-aside edits did to the file they were made on. */
export interface SetAsideEdits {
  /** The plain text they were made on (an edit never changes it). */
  text: string;
  removed: EntityMark[];
  added: EntityMark[];
}

const key = (mark: EntityMark) => `${mark.start}:${mark.end}:${mark.label}`;
const mark = ({ start, end, label }: EntityMark): EntityMark => ({ start, end, label });

/** The entities the edits from `base` to `mine` removed and added. */
export function changesBetween(base: BracketDocument, mine: BracketDocument): SetAsideEdits {
  const before = new Set(base.entities.map(key));
  const after = new Set(mine.entities.map(key));
  return {
    text: mine.text,
    removed: base.entities.filter((entity) => !after.has(key(entity))).map(mark),
    added: mine.entities.filter((entity) => !before.has(key(entity))).map(mark),
  };
}

/** The transaction that makes the same changes to `theirs`; refused when its text is not the same. */
export function restoreTransaction(
  id: string,
  theirs: BracketDocument,
  edits: SetAsideEdits,
): Transaction {
  if (theirs.text !== edits.text) {
    throw new ApiError(
      'edit-refused',
      `the text of ${id} itself changed on disk, so the set-aside edits cannot be laid over it`,
    );
  }
  const removed = new Set(edits.removed.map(key));
  const present = new Set(theirs.entities.map(key));
  let nextId = theirs.nextId;
  const ops: Operation[] = [
    ...theirs.entities
      .filter((entity) => removed.has(key(entity)))
      .map((entity): Operation => ({ op: 'remove', id: entity.id })),
    ...edits.added
      .filter((added) => !present.has(key(added)))
      .map((added): Operation => ({ op: 'add', entity: { id: nextId++, ...added } })),
  ];
  return { ops };
}

/** The set-aside file of a document's state folder. */
export class SetAsideFile {
  readonly file: string;

  constructor(stateFolder: string) {
    this.file = path.join(stateFolder, 'set-aside.json');
  }

  async read(): Promise<SetAsideEdits | null> {
    try {
      const parsed = JSON.parse(await fs.readFile(this.file, 'utf8')) as SetAsideEdits;
      return typeof parsed.text === 'string' &&
        Array.isArray(parsed.removed) &&
        Array.isArray(parsed.added)
        ? parsed
        : null;
    } catch {
      return null;
    }
  }

  async write(edits: SetAsideEdits): Promise<void> {
    await fs.mkdir(path.dirname(this.file), { recursive: true });
    await writeFileAtomic(this.file, `${JSON.stringify(edits)}\n`);
  }

  async remove(): Promise<void> {
    await fs.rm(this.file, { force: true });
  }
}
