// Per-corpus settings in FOLDER/.emend/settings.json: the label set with colors and hotkeys.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { CorpusSettings, LabelSetting } from '../../shared/api/contract';
import { paletteColor } from '../../shared/api/label-colors';
import { DEFAULT_LABELS } from '../../shared/format/document';
import { isValidLabel } from '../../shared/format/labels';
import { writeFileAtomic } from './atomic-write';

export const SETTINGS_FOLDER = '.emend';
export const SETTINGS_FILE = 'settings.json';

/** Label settings for names, colored from the palette, keyed 1-9 in order. */
export function labelSettingsFor(names: readonly string[]): LabelSetting[] {
  return names.map((name, index) => ({
    name,
    color: paletteColor(index),
    key: index < 9 ? String(index + 1) : '',
  }));
}

export const DEFAULT_SETTINGS: CorpusSettings = { labels: labelSettingsFor(DEFAULT_LABELS) };

export class SettingsError extends Error {
  constructor(
    readonly path: string,
    reason: string,
  ) {
    super(`${path}: ${reason}`);
    this.name = 'SettingsError';
  }
}

/** Checks parsed JSON against the settings shape; throws SettingsError naming what is wrong. */
export function validateSettings(value: unknown, filePath: string): CorpusSettings {
  const fail = (reason: string): never => {
    throw new SettingsError(filePath, reason);
  };
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    fail('settings must be a JSON object');
  const labels = (value as { labels?: unknown }).labels;
  if (!Array.isArray(labels) || labels.length === 0) fail('"labels" must be a non-empty array');
  const seenNames = new Set<string>();
  const seenKeys = new Set<string>();
  const checked = (labels as unknown[]).map((label, index) => {
    const where = `labels[${index}]`;
    if (typeof label !== 'object' || label === null) fail(`${where} must be an object`);
    const { name, color, key } = label as Record<string, unknown>;
    if (typeof name !== 'string' || !isValidLabel(name)) fail(`${where}.name is not a valid label`);
    if (seenNames.has(name as string)) fail(`${where}.name "${name}" is listed twice`);
    seenNames.add(name as string);
    if (typeof color !== 'string' || !/^#[0-9a-fA-F]{6}$/.test(color))
      fail(`${where}.color must be #rrggbb`);
    if (typeof key !== 'string' || key.length > 1) fail(`${where}.key must be one character or ""`);
    if (key && seenKeys.has(key as string)) fail(`${where}.key "${key}" is used twice`);
    if (key) seenKeys.add(key as string);
    return { name, color, key } as LabelSetting;
  });
  return { labels: checked };
}

/** The nearest folder at or above start that holds `.emend/settings.json`, or null. */
export async function findSettingsFolder(start: string): Promise<string | null> {
  let folder = path.resolve(start);
  try {
    if (!(await fs.stat(folder)).isDirectory()) folder = path.dirname(folder);
  } catch {
    folder = path.dirname(folder);
  }
  for (;;) {
    try {
      await fs.access(path.join(folder, SETTINGS_FOLDER, SETTINGS_FILE));
      return folder;
    } catch {
      const parent = path.dirname(folder);
      if (parent === folder) return null;
      folder = parent;
    }
  }
}

/** Reads FOLDER/.emend/settings.json; the defaults when it does not exist. */
export async function loadSettings(folder: string): Promise<CorpusSettings> {
  const filePath = path.join(folder, SETTINGS_FOLDER, SETTINGS_FILE);
  let raw: string;
  try {
    raw = await fs.readFile(filePath, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return DEFAULT_SETTINGS;
    throw new SettingsError(filePath, `cannot be read (${(error as NodeJS.ErrnoException).code})`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch (error) {
    throw new SettingsError(filePath, `is not valid JSON (${(error as Error).message})`);
  }
  return validateSettings(parsed, filePath);
}

export async function saveSettings(folder: string, settings: CorpusSettings): Promise<void> {
  const filePath = path.join(folder, SETTINGS_FOLDER, SETTINGS_FILE);
  const checked = validateSettings(settings, filePath);
  await fs.mkdir(path.dirname(filePath), { recursive: true });
  await writeFileAtomic(filePath, `${JSON.stringify(checked, null, 2)}\n`);
}

/** The label names that apply to a path: from the nearest corpus settings, else the defaults. */
export async function labelsForPath(target: string): Promise<string[]> {
  const folder = await findSettingsFolder(target);
  const settings = folder ? await loadSettings(folder) : DEFAULT_SETTINGS;
  return settings.labels.map((label) => label.name);
}
