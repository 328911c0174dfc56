// The application menu: File, Edit, View and Help, each item wired to an action of the shell.
import path from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../../shared/api/contract';

export type ThemeSource = 'system' | 'light' | 'dark';

export interface MenuActions {
  openFile(): void;
  openFolder(): void;
  openRecent(target: string): void;
  clearRecent(): void;
  exportDocument(): void;
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
      { label: 'Save', accelerator: 'CmdOrCtrl+S', click: send('save') },
      { label: 'Save All', accelerator: 'CmdOrCtrl+Alt+S', click: send('save-all') },
      { label: 'Export…', accelerator: 'CmdOrCtrl+E', click: () => actions.exportDocument() },
      { type: 'separator' },
      { label: 'Close', accelerator: 'CmdOrCtrl+W', click: () => actions.closeWindow() },
    ],
  };
  const edit: MenuItemConstructorOptions = {
    label: 'Edit',
    submenu: [
      { label: 'Undo', accelerator: 'CmdOrCtrl+Z', click: send('undo') },
      { label: 'Redo', accelerator: 'CmdOrCtrl+Shift+Z', click: send('redo') },
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'selectAll' },
      { type: 'separator' },
      { label: 'Find', accelerator: 'CmdOrCtrl+F', click: send('find') },
    ],
  };
  const view: MenuItemConstructorOptions = {
    label: 'View',
    submenu: [
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
      { label: 'Keyboard Shortcuts', accelerator: 'F1', click: send('shortcuts') },
      { role: 'about', label: 'About Emend' },
    ],
  };
  const menus = [file, edit, view, help];
  return state.platform === 'darwin' ? [{ role: 'appMenu' }, ...menus] : menus;
}
