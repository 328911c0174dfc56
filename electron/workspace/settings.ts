// Per-corpus settings in FOLDER/.emend/settings.json: the label set with colors and hotkeys.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { CorpusSettings, LabelSetting } from '../../shared/api/contract';
import { corpusSettings } from '../../shared/api/requests';
import { paletteColor } from '../../shared/api/label-colors';
import { DEFAULT_LABELS } from '../../shared/format/document';
import { isInside } from './paths';
import { readStateFile, SETTINGS_FOLDER, SettingsError, writeStateFile } from './state-file';

export { SETTINGS_FOLDER };
export const SETTINGS_FILE = 'settings.json';

/** A folder's settings file, FOLDER/.emend/settings.json. */
export const settingsFileOf = (folder: string) => path.join(folder, SETTINGS_FOLDER, SETTINGS_FILE);

/** Label settings for names, colored from the palette, keyed 1-9 in order. */
export function labelSettingsFor(names: readonly string[]): LabelSetting[] {
  return names.map((name, index) => ({
    name,
    color: paletteColor(index),
    key: index < 9 ? String(index + 1) : '',
  }));
}

export const DEFAULT_SETTINGS: CorpusSettings = { labels: labelSettingsFor(DEFAULT_LABELS) };

/** Checks parsed JSON against the settings schema (the one updateSettings takes); throws SettingsError naming what is wrong. */
export function validateSettings(value: unknown, filePath: string): CorpusSettings {
  try {
    return corpusSettings.check(value, 'settings');
  } catch (error) {
    throw new SettingsError(filePath, (error as Error).message);
  }
}

/**
 * Whether FOLDER/.emend is a symbolic link to a place outside FOLDER: a cloned corpus's link could
 * point Emend's writes at any file the user can write, so such a folder is never used.
 */
export async function stateFolderLeadsOut(folder: string): Promise<boolean> {
  const own = path.join(folder, SETTINGS_FOLDER);
  try {
    if (!(await fs.lstat(own)).isSymbolicLink()) return false;
  } catch {
    return false;
  }
  return !isInside(folder, await fs.realpath(own).catch(() => own));
}

/**
 * The nearest folder at or above start that holds `.emend/settings.json`, or null; a folder whose
 * `.emend` leads out of it is passed over (see stateFolderLeadsOut).
 */
export async function findSettingsFolder(start: string): Promise<string | null> {
  let folder = path.resolve(start);
  try {
    if (!(await fs.stat(folder)).isDirectory()) folder = path.dirname(folder);
  } catch {
    folder = path.dirname(folder);
  }
  for (;;) {
    const found = await fs.access(settingsFileOf(folder)).then(
      () => true,
      () => false,
    );
    if (found && !(await stateFolderLeadsOut(folder))) return folder;
    const parent = path.dirname(folder);
    if (parent === folder) return null;
    folder = parent;
  }
}

/** Reads FOLDER/.emend/settings.json; the defaults when it does not exist. */
export async function loadSettings(folder: string): Promise<CorpusSettings> {
  const filePath = settingsFileOf(folder);
  const stored = await readStateFile(filePath);
  return stored === undefined ? DEFAULT_SETTINGS : validateSettings(stored, filePath);
}

export async function saveSettings(folder: string, settings: CorpusSettings): Promise<void> {
  const filePath = settingsFileOf(folder);
  await writeStateFile(filePath, validateSettings(settings, filePath));
}

/** The label names that apply to a path: from the nearest corpus settings, else the defaults. */
export async function labelsForPath(target: string): Promise<string[]> {
  const folder = await findSettingsFolder(target);
  const settings = folder ? await loadSettings(folder) : DEFAULT_SETTINGS;
  return settings.labels.map((label) => label.name);
}
