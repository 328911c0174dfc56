// The shell's own preferences (Open Recent list, theme), kept as JSON in the app's data folder.
import { promises as fs } from 'node:fs';
import { writeFileAtomic } from '../workspace/atomic-write';
import type { ThemeSource } from './menu';

export const MAX_RECENT = 10;

export interface Preferences {
  /** Opened files and folders, most recent first. */
  recent: string[];
  theme: ThemeSource;
}

const THEMES: readonly ThemeSource[] = ['system', 'light', 'dark'];

/** The list with target moved (or added) to the front. */
export function withRecent(list: readonly string[], target: string): string[] {
  return [target, ...list.filter((entry) => entry !== target)].slice(0, MAX_RECENT);
}

/** The stored preferences; a missing or damaged file reads as the defaults (they are a convenience). */
export async function readPreferences(file: string): Promise<Preferences> {
  let value: unknown;
  try {
    value = JSON.parse(await fs.readFile(file, 'utf8'));
  } catch {
    value = null;
  }
  const stored = (typeof value === 'object' && value !== null ? value : {}) as Partial<
    Record<keyof Preferences, unknown>
  >;
  const recent = Array.isArray(stored.recent)
    ? stored.recent.filter((entry): entry is string => typeof entry === 'string')
    : [];
  const theme = THEMES.find((choice) => choice === stored.theme) ?? 'system';
  return { recent: recent.slice(0, MAX_RECENT), theme };
}

export async function writePreferences(file: string, preferences: Preferences): Promise<void> {
  await writeFileAtomic(file, `${JSON.stringify(preferences, null, 2)}\n`);
}
