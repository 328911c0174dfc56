// What adjudication keeps between sessions in the corpus's .emend/adjudication.json: per document, the copies it was adjudicated against and the places settled with no entity.
import type {
  AnnotatorCopy,
  DocumentId,
  EarlierAdjudication,
  PlainSpan,
} from '../../shared/api/contract';
import { readStateFile, SettingsError, writeStateFile } from './state-file';

export const ADJUDICATION_FILE = 'adjudication.json';

/** One document's note as the file holds it. */
interface Note {
  copies: AnnotatorCopy[];
  none: PlainSpan[];
  /** When it was last written, milliseconds since the epoch. */
  time: number;
}

const isSpan = (value: unknown): value is PlainSpan =>
  Number.isInteger((value as PlainSpan | null)?.start) &&
  Number.isInteger((value as PlainSpan | null)?.end);

function isNote(value: unknown): value is Note {
  const note = value as Partial<Note> | null;
  return Array.isArray(note?.copies) && Array.isArray(note.none) && note.none.every(isSpan);
}

/**
 * The corpus's adjudication notes, read from the file on each call (another editor or the app may
 * have written it since) and written whole, atomically, one change at a time. A note that cannot be
 * read is left as it is in the file.
 */
export class AdjudicationNotes {
  private writing: Promise<unknown> = Promise.resolve();

  constructor(
    /** The file, asked for on each call: the corpus's `.emend`, else the app's state folder. */
    private readonly file: () => string,
    private readonly now: () => number = Date.now,
  ) {}

  /** What adjudicating the document against these same copies kept, or null (never, or other copies). */
  async earlier(
    id: DocumentId,
    copies: readonly AnnotatorCopy[],
  ): Promise<EarlierAdjudication | null> {
    const note = (await this.read()).get(id);
    if (!isNote(note) || JSON.stringify(note.copies) !== JSON.stringify(copies)) return null;
    return { none: note.none.map(({ start, end }) => ({ start, end })) };
  }

  /** Keeps that the document is adjudicated against these copies, with the places settled with no entity. */
  keep(
    id: DocumentId,
    copies: readonly AnnotatorCopy[],
    none: readonly PlainSpan[],
  ): Promise<void> {
    const written = this.writing.then(async () => {
      const notes = await this.read();
      notes.set(id, { copies, none, time: this.now() });
      await writeStateFile(this.file(), { documents: Object.fromEntries(notes) });
    });
    this.writing = written.catch(() => undefined);
    return written;
  }

  private async read(): Promise<Map<string, unknown>> {
    const file = this.file();
    const stored = await readStateFile(file);
    if (stored === undefined) return new Map();
    const documents = (stored as { documents?: unknown } | null)?.documents;
    if (typeof documents !== 'object' || documents === null || Array.isArray(documents)) {
      throw new SettingsError(file, '"documents" must be an object, one note per document');
    }
    return new Map(Object.entries(documents));
  }
}
