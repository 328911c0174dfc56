import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { describeChord, SHORTCUTS } from '../../shared/keyboard/shortcuts';
import { menuTemplate, type MenuActions, type MenuState } from './menu';

function recorder() {
  const calls: string[] = [];
  const actions: MenuActions = {
    openFile: () => calls.push('openFile'),
    openFolder: () => calls.push('openFolder'),
    openRecent: (target) => calls.push(`openRecent ${target}`),
    clearRecent: () => calls.push('clearRecent'),
    closeWindow: () => calls.push('closeWindow'),
    setTheme: (theme) => calls.push(`setTheme ${theme}`),
    send: (command) => calls.push(`send ${command}`),
  };
  return { calls, actions };
}

const linux: MenuState = { recent: ['/data/corpus'], theme: 'dark', platform: 'linux' };

function submenu(items: MenuItemConstructorOptions[], label: string): MenuItemConstructorOptions[] {
  const found = items.find((item) => item.label === label || item.role === label.toLowerCase());
  if (!found) throw new Error(`no menu ${label}`);
  return found.submenu as MenuItemConstructorOptions[];
}

function click(items: MenuItemConstructorOptions[], label: string): void {
  const item = items.find((candidate) => candidate.label === label);
  if (!item?.click) throw new Error(`no clickable item ${label}`);
  (item.click as () => void)();
}

describe('the application menu', () => {
  it('has File, Edit, View and Help (and the app menu on macOS)', () => {
    const { actions } = recorder();
    expect(menuTemplate(linux, actions).map((menu) => menu.label ?? menu.role)).toEqual([
      'File',
      'Edit',
      'View',
      'help',
    ]);
    expect(menuTemplate({ ...linux, platform: 'darwin' }, actions)[0].role).toBe('appMenu');
  });

  it('wires File to the shell and to the editor', () => {
    const { calls, actions } = recorder();
    const file = submenu(menuTemplate(linux, actions), 'File');
    for (const label of ['Open File…', 'Open Folder…', 'Save', 'Save All', 'Export…', 'Close']) {
      click(file, label);
    }
    click(submenu(file, 'Open Recent'), 'corpus — /data');
    click(submenu(file, 'Open Recent'), 'Clear Recent');
    expect(calls).toEqual([
      'openFile',
      'openFolder',
      'send save',
      'send save-all',
      // The editor's Export dialog, which its key (the item's accelerator) opens too.
      'send export',
      'closeWindow',
      'openRecent /data/corpus',
      'clearRecent',
    ]);
    expect(file.find((item) => item.label === 'Save')?.accelerator).toBe('CmdOrCtrl+S');
  });

  it("gives the editor's items the keys of the shortcut table, which the overlay and README show", () => {
    const { actions } = recorder();
    const template = menuTemplate(linux, actions);
    const keys = (menu: string) =>
      Object.fromEntries(
        submenu(template, menu)
          .filter((item) => item.label && item.accelerator)
          .map((item) => [item.label, item.accelerator]),
      );
    expect(keys('File')).toMatchObject({
      Save: 'CmdOrCtrl+S',
      'Save All': 'CmdOrCtrl+Shift+S',
      'Export…': 'CmdOrCtrl+Shift+E',
    });
    expect(keys('Edit')).toEqual({
      Undo: 'CmdOrCtrl+Z',
      Redo: 'CmdOrCtrl+Shift+Z',
      Find: 'CmdOrCtrl+F',
    });
    // ? types a character in a field: the menu takes the table's other key for the overlay.
    expect(keys('Help')).toEqual({ 'Keyboard Shortcuts': 'F1' });
    expect(
      describeChord(SHORTCUTS.find((shortcut) => shortcut.command === 'help')!.chords[1]),
    ).toBe('F1');
  });

  it('shows an empty Open Recent as disabled', () => {
    const { actions } = recorder();
    const file = submenu(menuTemplate({ ...linux, recent: [] }, actions), 'File');
    expect(submenu(file, 'Open Recent')).toEqual([{ label: 'No Recent Files', enabled: false }]);
  });

  it('sends Undo, Redo, Find, Keyboard Shortcuts and the command palette to the editor', () => {
    const { calls, actions } = recorder();
    const template = menuTemplate(linux, actions);
    const edit = submenu(template, 'Edit');
    for (const label of ['Undo', 'Redo', 'Find']) click(edit, label);
    click(submenu(template, 'Help'), 'Keyboard Shortcuts');
    click(submenu(template, 'View'), 'Command Palette…');
    expect(calls).toEqual([
      'send undo',
      'send redo',
      'send find',
      'send shortcuts',
      'send command-palette',
    ]);
    expect(submenu(template, 'Help').some((item) => item.role === 'about')).toBe(true);
  });

  it('offers the themes with the current one checked, and zoom', () => {
    const { calls, actions } = recorder();
    const view = submenu(menuTemplate(linux, actions), 'View');
    const themes = submenu(view, 'Theme');
    expect(themes.map((item) => [item.label, item.checked])).toEqual([
      ['Light', false],
      ['Dark', true],
      ['Same as System', false],
    ]);
    click(themes, 'Light');
    expect(calls).toEqual(['setTheme light']);
    expect(view.map((item) => item.role).filter(Boolean)).toEqual([
      'zoomIn',
      'zoomOut',
      'resetZoom',
    ]);
  });
});
