// The label settings `emend import` gives the folder it writes: the labels the documents use, when no settings apply there yet.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { CorpusSettings } from '../../shared/api/contract';
import { DEFAULT_LABELS } from '../../shared/format/document';
import { isReadOnlyFolder } from '../workspace/atomic-write';
import {
  findSettingsFolder,
  labelSettingsFor,
  loadSettings,
  saveSettings,
  settingsFileOf,
  SETTINGS_FOLDER,
} from '../workspace/settings';
import { warn, type CliIO } from './io';

/**
 * The settings to write into `out` for the labels `used` (in order of first use), or null. Settings
 * that apply to `out` already are left as they are, with a warning naming the labels they lack;
 * labels all of the default set need none; a `.emend` that is a link or read-only takes no write
 * (as in the workspace), with a warning saying how to declare the labels instead.
 */
export async function importedLabelSettings(
  io: CliIO,
  out: string,
  used: readonly string[],
): Promise<CorpusSettings | null> {
  const existing = await findSettingsFolder(out);
  if (existing !== null) {
    const known = new Set((await loadSettings(existing)).labels.map((label) => label.name));
    const missing = used.filter((label) => !known.has(label));
    if (missing.length > 0) {
      warn(
        io,
        settingsFileOf(existing),
        `has no label ${missing.join(', ')}: add them in the editor's Labels panel, or to its "labels" (see Corpus settings in the README)`,
      );
    }
    return null;
  }
  if (used.every((label) => DEFAULT_LABELS.includes(label))) return null;
  const own = path.join(out, SETTINGS_FOLDER);
  const found = await fs.lstat(own).catch(() => null);
  const instead = `pass --labels ${used.join(',')} to the commands that read the corpus`;
  if (found?.isSymbolicLink()) {
    warn(io, own, `is a symbolic link: no label settings are written through it; ${instead}`);
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

/** Writes the settings into `out` (see importedLabelSettings); returns what to tell the user. */
export async function writeImportedLabels(out: string, settings: CorpusSettings): Promise<string> {
  await saveSettings(out, settings);
  const names = settings.labels.map((label) => label.name);
  return `wrote ${settingsFileOf(out)}: labels ${names.join(', ')}`;
}
