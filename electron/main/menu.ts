// The application menu: File, Edit, View and Help, each item wired to an action of the shell.
import path from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../../shared/api/contract';
import { SHORTCUTS, type Command } from '../../shared/keyboard/shortcuts';

export type ThemeSource = 'system' | 'light' | 'dark';

export interface MenuActions {
  openFile(): void;
  openFolder(): void;
  openRecent(target: string): void;
  clearRecent(): void;
  closeWindow(): void;
  setTheme(theme: ThemeSource): void;
  /** Asks the editor to act (save, undo, find…): the renderer knows the document on screen. */
  send(command: MenuCommand): void;
}

export interface MenuState {
  recent: readonly string[];
  theme: ThemeSource;
  platform: NodeJS.Platform;
}

const THEMES: readonly [ThemeSource, string][] = [
  ['light', 'Light'],
  ['dark', 'Dark'],
  ['system', 'Same as System'],
];

function recentItems(state: MenuState, actions: MenuActions): MenuItemConstructorOptions[] {
  if (state.recent.length === 0) return [{ label: 'No Recent Files', enabled: false }];
  return [
    ...state.recent.map((target) => ({
      label: `${path.basename(target)} — ${path.dirname(target)}`,
      click: () => actions.openRecent(target),
    })),
    { type: 'separator' as const },
    { label: 'Clear Recent', click: () => actions.clearRecent() },
  ];
}

/**
 * The editor's key for a command as a menu accelerator, from the shortcut table (the overlay and the
 * README show the same): its first chord with Ctrl/⌘ or Alt, or a function key (a menu key takes the
 * key press from a field, where `?` alone types a character).
 */
function acceleratorOf(command: Command): string {
  const chords = SHORTCUTS.find((shortcut) => shortcut.command === command)?.chords ?? [];
  const chord = chords.find((each) => /^(?:Mod|Alt)\+|^F\d+$/.test(each));
  if (!chord) throw new Error(`the shortcut table has no menu key for ${command}`);
  return chord
    .split('+')
    .map((part) => (part === 'Mod' ? 'CmdOrCtrl' : part.length === 1 ? part.toUpperCase() : part))
    .join('+');
}

export function menuTemplate(state: MenuState, actions: MenuActions): MenuItemConstructorOptions[] {
  const send = (command: MenuCommand) => () => actions.send(command);
  const file: MenuItemConstructorOptions = {
    label: 'File',
    submenu: [
      { label: 'Open File…', accelerator: 'CmdOrCtrl+O', click: () => actions.openFile() },
      {
        label: 'Open Folder…',
        accelerator: 'CmdOrCtrl+Shift+O',
        click: () => actions.openFolder(),
      },
      { label: 'Open Recent', submenu: recentItems(state, actions) },
      { type: 'separator' },
      { label: 'Save', accelerator: acceleratorOf('save'), click: send('save') },
      { label: 'Save All', accelerator: acceleratorOf('save-all'), click: send('save-all') },
      // The editor's Export dialog (the document on screen or the corpus), as its key opens it.
      { label: 'Export…', accelerator: acceleratorOf('export'), click: send('export') },
      { type: 'separator' },
      { label: 'Close', accelerator: 'CmdOrCtrl+W', click: () => actions.closeWindow() },
    ],
  };
  const edit: MenuItemConstructorOptions = {
    label: 'Edit',
    submenu: [
      { label: 'Undo', accelerator: acceleratorOf('undo'), click: send('undo') },
      { label: 'Redo', accelerator: acceleratorOf('redo'), click: send('redo') },
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'selectAll' },
      { type: 'separator' },
      { label: 'Find', accelerator: acceleratorOf('find'), click: send('find') },
    ],
  };
  const view: MenuItemConstructorOptions = {
    label: 'View',
    submenu: [
      {
        label: 'Command Palette…',
        accelerator: acceleratorOf('command-palette'),
        click: send('command-palette'),
      },
      { type: 'separator' },
      {
        label: 'Theme',
        submenu: THEMES.map(([theme, label]) => ({
          label,
          type: 'radio' as const,
          checked: state.theme === theme,
          click: () => actions.setTheme(theme),
        })),
      },
      { type: 'separator' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { role: 'resetZoom' },
    ],
  };
  const help: MenuItemConstructorOptions = {
    role: 'help',
    submenu: [
      { label: 'Keyboard Shortcuts', accelerator: acceleratorOf('help'), click: send('shortcuts') },
      { role: 'about', label: 'About Emend' },
    ],
  };
  const menus = [file, edit, view, help];
  return state.platform === 'darwin' ? [{ role: 'appMenu' }, ...menus] : menus;
}
