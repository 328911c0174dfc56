// Dismissed suspects, kept in FOLDER/.emend/suspects.json under a key that changes when the suspect's text does.
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { ListedSuspect } from '../../shared/api/contract';
import type { Suspect, SuspectFix } from '../../shared/suspects/suspect';
import { SETTINGS_FOLDER } from './settings';
import { readStateFile, SettingsError, writeStateFile } from './state-file';

export const DISMISSALS_FILE = 'suspects.json';

/** The fix with its offsets taken from the span's start, so text added before it keeps the key. */
function relativeFix(suspect: Suspect): SuspectFix {
  const fix = suspect.suggestion;
  return fix.kind === 'extent'
    ? { ...fix, from: fix.from - suspect.start, to: fix.to - suspect.start }
    : fix;
}

/**
 * The key a dismissal is kept under: the document, the span's text and its sentence, the kind, the
 * label today and the fix. Not its line or offsets, so edits elsewhere keep the suspect dismissed;
 * a change to its text, sentence or label makes a new key, and the suspect comes back.
 */
export function dismissalKey(suspect: Suspect, twin = 0): string {
  const parts = [
    suspect.path,
    suspect.kind,
    suspect.label,
    suspect.text,
    suspect.sentence,
    relativeFix(suspect),
    ...(twin > 0 ? [twin] : []),
  ];
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 24);
}

/**
 * The suspects with their keys, each its own: suspects alike in all a key holds (the same sentence
 * twice in a document, the same suspect in each) are told apart by their order in the document, the
 * second and later keyed as twins 1, 2, ….
 */
export function keyedSuspects(suspects: readonly Suspect[]): ListedSuspect[] {
  const byPlace = [...suspects].sort((a, b) => a.path.localeCompare(b.path) || a.start - b.start);
  const seen = new Map<string, number>();
  const keys = new Map<Suspect, string>();
  for (const suspect of byPlace) {
    const key = dismissalKey(suspect);
    const twin = seen.get(key) ?? 0;
    seen.set(key, twin + 1);
    keys.set(suspect, twin === 0 ? key : dismissalKey(suspect, twin));
  }
  return suspects.map((suspect) => ({ ...suspect, key: keys.get(suspect)! }));
}

/** One dismissal as the file holds it: the key, and what it was, for a person reading the file. */
export interface Dismissal {
  key: string;
  path: string;
  line: number;
  text: string;
  kind: Suspect['kind'];
  label: string | null;
  /** When it was dismissed, milliseconds since the epoch. */
  time: number;
}

/** The corpus's dismissals: read once, written whole (atomically) on each dismissal. */
export class Dismissals {
  private readonly byKey = new Map<string, Dismissal>();
  private loaded = false;

  constructor(private readonly folder: string) {}

  get file(): string {
    return path.join(this.folder, SETTINGS_FOLDER, DISMISSALS_FILE);
  }

  /** Reads the file once (none yet: no dismissals); one that is not valid is refused, never overwritten. */
  async load(): Promise<void> {
    if (this.loaded) return;
    const stored = await readStateFile(this.file);
    if (stored === undefined) {
      this.loaded = true;
      return;
    }
    const entries = (stored as { dismissed?: unknown } | null)?.dismissed;
    if (!Array.isArray(entries)) throw new SettingsError(this.file, '"dismissed" must be an array');
    for (const entry of entries as Array<Partial<Dismissal> | null>) {
      if (typeof entry?.key === 'string') this.byKey.set(entry.key, entry as Dismissal);
    }
    this.loaded = true;
  }

  get size(): number {
    return this.byKey.size;
  }

  has(key: string): boolean {
    return this.byKey.has(key);
  }

  async add(key: string, suspect: Suspect, time: number): Promise<void> {
    await this.load();
    const { path: document, line, text, kind, label } = suspect;
    this.byKey.set(key, { key, path: document, line, text, kind, label, time });
    await writeStateFile(this.file, { dismissed: [...this.byKey.values()] });
  }
}
