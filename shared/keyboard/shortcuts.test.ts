import { describe, expect, it } from 'vitest';
import { chordOf, commandFor, describeChord, SHORTCUTS, shortcutOfTypedKey } from './shortcuts';

const press = (
  key: string,
  modifiers: Partial<Record<'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey', boolean>> = {},
) => ({
  key,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  ...modifiers,
});

describe('shortcuts', () => {
  it('maps the history keys on every platform', () => {
    expect(commandFor(press('z', { ctrlKey: true }))).toBe('undo');
    expect(commandFor(press('z', { metaKey: true }))).toBe('undo');
    expect(commandFor(press('Z', { ctrlKey: true, shiftKey: true }))).toBe('redo');
    expect(commandFor(press('y', { ctrlKey: true }))).toBe('redo');
    expect(commandFor(press('s', { metaKey: true }))).toBe('save');
  });

  it('reads symbols typed with Shift as themselves', () => {
    expect(chordOf(press('?', { shiftKey: true }))).toBe('?');
    expect(commandFor(press('?', { shiftKey: true }))).toBe('help');
    expect(commandFor(press('}', { shiftKey: true }))).toBe('end-later');
    expect(commandFor(press('ArrowRight', { altKey: true, shiftKey: true }))).toBe('end-later');
  });

  it('gives every command at least one chord and no chord two commands', () => {
    const chords = SHORTCUTS.flatMap((shortcut) => shortcut.chords);
    expect(new Set(chords).size).toBe(chords.length);
    expect(SHORTCUTS.every((shortcut) => shortcut.chords.length > 0 && shortcut.help)).toBe(true);
  });

  it('reads Alt+digit from the physical key, whatever character Alt types', () => {
    expect(commandFor({ ...press('¡', { altKey: true }), code: 'Digit1' })).toBe('take-version');
    expect(commandFor({ ...press('0', { altKey: true }), code: 'Digit0' })).toBe('take-none');
    expect(commandFor(press('N', { shiftKey: true }))).toBe('next-disagreement');
  });

  it('reads Alt+letter by the physical key, as macOS types a symbol for it', () => {
    expect(commandFor({ ...press('ß', { altKey: true }), code: 'KeyS' })).toBe('save-report');
    expect(commandFor(press('F6', { shiftKey: true }))).toBe('previous-region');
  });

  it('describes chords as people read them', () => {
    expect(describeChord('Mod+Shift+z')).toBe('Ctrl/⌘+Shift+Z');
    expect(describeChord('Alt+ArrowLeft')).toBe('Alt+←');
    // A letter alone is typed as shown: the capital is Shift with it, another command.
    expect(describeChord('n')).toBe('n');
    expect(describeChord('Shift+n')).toBe('Shift+N');
    expect(describeChord('Alt+s')).toBe('Alt+S');
  });

  it("names the command a label's hotkey would hide: letters and symbols of commands, not digits", () => {
    expect(shortcutOfTypedKey('r')?.command).toBe('revert-change');
    expect(shortcutOfTypedKey('[')?.command).toBe('start-earlier');
    expect(shortcutOfTypedKey('M')?.command).toBe('mark-reviewed');
    expect(shortcutOfTypedKey('5')).toBeNull();
    expect(shortcutOfTypedKey('x')).toBeNull();
  });
});
