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
 * a change to its text, sentence or label makes a new key, and the suspect comes back. A twin's
 * key (see keyedSuspects) is the key it is listed under, never kept.
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
 * The suspects with the keys they are listed under, each its own: suspects alike in all a dismissal
 * key holds (the same sentence twice in a document, the same suspect in each) are told apart by
 * their order in the document, the second and later keyed as twins 1, 2, ….
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
  /** Where it was when dismissed: of suspects alike in their key, the nearest is the one hidden. */
  line: number;
  /** Missing in dismissals made before it was kept. */
  column?: number;
  text: string;
  kind: Suspect['kind'];
  label: string | null;
  /** When it was dismissed, milliseconds since the epoch. */
  time: number;
}

/** Of two suspects, the one nearer where a dismissal was made: by line, then by column. */
function nearer<T extends Suspect>(a: T, b: T, { line, column = 0 }: Dismissal): T {
  const apart = (suspect: T) => [Math.abs(suspect.line - line), Math.abs(suspect.column - column)];
  const [aLines, aColumns] = apart(a);
  const [bLines, bColumns] = apart(b);
  return bLines < aLines || (bLines === aLines && bColumns < aColumns) ? b : a;
}

/** The corpus's dismissals: read once, written whole (atomically) on each dismissal. */
export class Dismissals {
  private readonly byKey = new Map<string, Dismissal[]>();
  private count = 0;
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
      if (typeof entry?.key === 'string') this.keep(entry as Dismissal);
    }
    this.loaded = true;
  }

  get size(): number {
    return this.count;
  }

  /**
   * The suspects not dismissed, in their order. A dismissal hides one suspect of its key: the one
   * nearest the line and column it was dismissed at, so that when one of two like suspects is
   * fixed, the other keeps its own dismissal (or its lack of one).
   */
  undismissed<T extends Suspect>(suspects: readonly T[]): T[] {
    const alike = new Map<string, T[]>();
    for (const suspect of suspects) {
      const key = dismissalKey(suspect);
      alike.set(key, [...(alike.get(key) ?? []), suspect]);
    }
    const hidden = new Set<T>();
    for (const [key, group] of alike) {
      for (const dismissal of this.byKey.get(key) ?? []) {
        const left = group.filter((suspect) => !hidden.has(suspect));
        if (left.length > 0) hidden.add(left.reduce((a, b) => nearer(a, b, dismissal)));
      }
    }
    return suspects.filter((suspect) => !hidden.has(suspect));
  }

  async add(suspect: Suspect, time: number): Promise<void> {
    await this.load();
    const { path: document, line, column, text, kind, label } = suspect;
    this.keep({
      key: dismissalKey(suspect),
      path: document,
      line,
      column,
      text,
      kind,
      label,
      time,
    });
    await writeStateFile(this.file, { dismissed: [...this.byKey.values()].flat() });
  }

  /** Takes back the latest dismissal of the suspect's key (the one it was dismissed under). */
  async remove(suspect: Suspect): Promise<void> {
    await this.load();
    const key = dismissalKey(suspect);
    const alike = this.byKey.get(key) ?? [];
    const latest = alike.reduce<Dismissal | null>(
      (last, dismissal) => (last === null || dismissal.time >= last.time ? dismissal : last),
      null,
    );
    if (!latest) return;
    alike.splice(alike.indexOf(latest), 1);
    if (alike.length === 0) this.byKey.delete(key);
    this.count--;
    await writeStateFile(this.file, { dismissed: [...this.byKey.values()].flat() });
  }

  private keep(dismissal: Dismissal): void {
    const alike = this.byKey.get(dismissal.key);
    if (alike) alike.push(dismissal);
    else this.byKey.set(dismissal.key, [dismissal]);
    this.count++;
  }
}
