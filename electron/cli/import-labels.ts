// The label settings `emend import` gives the folder it writes: the labels the documents use, when no settings apply there yet.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { CorpusSettings } from '../../shared/api/contract';
import { DEFAULT_LABELS, type BracketDocument } from '../../shared/format/document';
import { labelIgnoringCase } from '../../shared/format/labels';
import { lineIndexAt, lineStarts } from '../../shared/format/position';
import { isReadOnlyFolder } from '../workspace/atomic-write';
import {
  findSettingsFolder,
  labelSettingsFor,
  loadSettings,
  settingsFileOf,
  SETTINGS_FOLDER,
  validateSettings,
} from '../workspace/settings';
import { stateFileText } from '../workspace/state-file';
import { warn, type CliIO } from './io';
import type { OutputFile } from './outputs';

/**
 * The labels the documents use, in order of first use, one spelling per label ignoring case (see
 * labelIgnoringCase): a label set holds no two labels differing only in case, so of `per` and `PER`
 * the one used first is kept, and where the other is first used is warned of.
 */
export class UsedLabels {
  readonly names: string[] = [];
  private readonly twins = new Set<string>();

  constructor(private readonly io: CliIO) {}

  /** Adds the labels of doc, to be written as `file`. */
  add(file: string, doc: BracketDocument): void {
    for (const { label, start } of doc.entities) {
      const kept = labelIgnoringCase(label, this.names);
      if (kept === undefined) this.names.push(label);
      else if (kept !== label && !this.twins.has(label)) {
        this.twins.add(label);
        const line = lineIndexAt(lineStarts(doc.text), start) + 1;
        const message = `label ${label} differs only in case from ${kept}, used first: the labels imported keep ${kept}, and validate warns that ${label} is not in the label set (the editor's fix relabels it as ${kept})`;
        warn(this.io, `${file}:${line}`, message);
      }
    }
  }
}

/**
 * The settings to write into `out` for the labels `used` (in order of first use), or null. Settings
 * that apply to `out` already are left as they are, with a warning naming the labels they lack;
 * labels all of the default set need none; a `.emend` that is a link, not a folder or read-only, or
 * a settings.json in it that is a link, takes no write (as in the workspace), with a warning saying
 * how to declare the labels instead. Decided before anything is written.
 */
export async function importedLabelSettings(
  io: CliIO,
  out: string,
  used: readonly string[],
): Promise<CorpusSettings | null> {
  const existing = await findSettingsFolder(out);
  if (existing !== null) {
    const file = settingsFileOf(existing);
    const known = (await loadSettings(existing)).labels.map((label) => label.name);
    const missing: string[] = [];
    for (const label of used) {
      const theirs = labelIgnoringCase(label, known);
      if (theirs === undefined) missing.push(label);
      // A case twin is no label to add: the set holds no two labels differing only in case.
      else if (theirs !== label) {
        warn(
          io,
          file,
          `has ${theirs}, not ${label}: the documents keep ${label} as imported; validate warns that it is not in the label set, and the editor's fix relabels it as ${theirs}`,
        );
      }
    }
    if (missing.length > 0) {
      warn(
        io,
        file,
        `has no label ${missing.join(', ')}: add them in the editor's Labels panel, or to its "labels" (see Corpus settings in the README)`,
      );
    }
    return null;
  }
  if (used.every((label) => DEFAULT_LABELS.includes(label))) return null;
  const own = path.join(out, SETTINGS_FOLDER);
  const instead = `pass --labels ${used.join(',')} to the commands that read the corpus`;
  for (const place of [own, settingsFileOf(out)]) {
    if ((await fs.lstat(place).catch(() => null))?.isSymbolicLink()) {
      warn(io, place, `is a symbolic link: no label settings are written through it; ${instead}`);
      return null;
    }
  }
  const found = await fs.lstat(own).catch(() => null);
  if (found && !found.isDirectory()) {
    warn(io, own, `is not a folder: no label settings are written into it; ${instead}`);
    return null;
  }
  if (found && (await isReadOnlyFolder(own))) {
    const message =
      'is read-only: no label settings are written into it; make it writable and import again, or';
    warn(io, own, `${message} ${instead}`);
    return null;
  }
  return { labels: labelSettingsFor(used) };
}

/**
 * The settings file to write into `out` with the documents, all or nothing (see
 * importedLabelSettings), and what to tell the user once it is written.
 */
export function importedLabelsFile(
  out: string,
  settings: CorpusSettings,
): { output: OutputFile; note: string } {
  const file = settingsFileOf(out);
  const content = stateFileText(validateSettings(settings, file));
  const names = settings.labels.map((label) => label.name);
  return { output: { path: file, content }, note: `wrote ${file}: labels ${names.join(', ')}` };
}
