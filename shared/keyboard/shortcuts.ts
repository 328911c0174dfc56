// Every keyboard shortcut of the editor in one table: the key handler and the help overlay both read it.

export type Command =
  | 'cursor-previous'
  | 'cursor-next'
  | 'cursor-up'
  | 'cursor-down'
  | 'extend-previous'
  | 'extend-next'
  | 'extend-up'
  | 'extend-down'
  | 'cursor-page-up'
  | 'cursor-page-down'
  | 'extend-page-up'
  | 'extend-page-down'
  | 'cursor-line-start'
  | 'cursor-line-end'
  | 'extend-line-start'
  | 'extend-line-end'
  | 'cursor-document-start'
  | 'cursor-document-end'
  | 'extend-document-start'
  | 'extend-document-end'
  | 'label-menu'
  | 'remove'
  | 'start-earlier'
  | 'start-later'
  | 'end-earlier'
  | 'end-later'
  | 'deselect'
  | 'next-entity'
  | 'previous-entity'
  | 'undo'
  | 'redo'
  | 'save'
  | 'save-all'
  | 'next-document'
  | 'previous-document'
  | 'toggle-markup'
  | 'filter'
  | 'find'
  | 'quick-fix'
  | 'help'
  | 'review'
  | 'history'
  | 'corpus-review'
  | 'next-change'
  | 'previous-change'
  | 'search-corpus'
  | 'consistency'
  | 'export'
  | 'agreement'
  | 'next-disagreement'
  | 'previous-disagreement'
  | 'take-version'
  | 'take-none'
  | 'suspects'
  | 'suspect-review'
  | 'suspect-accept'
  | 'suspect-dismiss'
  | 'suspect-restore'
  | 'toggle-ghosts'
  | 'next-region'
  | 'previous-region'
  | 'revert-change'
  | 'revert-all'
  | 'save-report'
  | 'mark-reviewed'
  | 'restore-version'
  | 'fix-finding'
  | 'add-label'
  | 'theme'
  | 'panel-action'
  | 'command-palette';

export interface Shortcut {
  command: Command;
  /** Chords as `[Mod+][Alt+][Shift+]Key`; Mod is Ctrl (Cmd on macOS). */
  chords: string[];
  /** How the help overlay writes the chords, where listing them all would be long (`Alt+1…9`). */
  shown?: string[];
  help: string;
  group:
    | 'Move and select'
    | 'Label and edit'
    | 'History and files'
    | 'Review'
    | 'Adjudicate'
    | 'Corpus'
    | 'Suspects'
    | 'View';
}

export const SHORTCUTS: readonly Shortcut[] = [
  {
    command: 'cursor-previous',
    chords: ['ArrowLeft'],
    help: 'Cursor to the previous token',
    group: 'Move and select',
  },
  {
    command: 'cursor-next',
    chords: ['ArrowRight'],
    help: 'Cursor to the next token',
    group: 'Move and select',
  },
  {
    command: 'cursor-up',
    chords: ['ArrowUp'],
    help: 'Cursor to the line above',
    group: 'Move and select',
  },
  {
    command: 'cursor-down',
    chords: ['ArrowDown'],
    help: 'Cursor to the line below',
    group: 'Move and select',
  },
  {
    command: 'extend-previous',
    chords: ['Shift+ArrowLeft'],
    help: 'Extend the selection by a token to the left',
    group: 'Move and select',
  },
  {
    command: 'extend-next',
    chords: ['Shift+ArrowRight'],
    help: 'Extend the selection by a token to the right',
    group: 'Move and select',
  },
  {
    command: 'extend-up',
    chords: ['Shift+ArrowUp'],
    help: 'Extend the selection a line up',
    group: 'Move and select',
  },
  {
    command: 'extend-down',
    chords: ['Shift+ArrowDown'],
    help: 'Extend the selection a line down',
    group: 'Move and select',
  },
  {
    command: 'cursor-page-up',
    chords: ['PageUp'],
    help: 'Cursor a page of lines up',
    group: 'Move and select',
  },
  {
    command: 'cursor-page-down',
    chords: ['PageDown'],
    help: 'Cursor a page of lines down',
    group: 'Move and select',
  },
  {
    command: 'extend-page-up',
    chords: ['Shift+PageUp'],
    help: 'Extend the selection a page up',
    group: 'Move and select',
  },
  {
    command: 'extend-page-down',
    chords: ['Shift+PageDown'],
    help: 'Extend the selection a page down',
    group: 'Move and select',
  },
  {
    command: 'cursor-line-start',
    chords: ['Home'],
    help: "Cursor to the line's first token",
    group: 'Move and select',
  },
  {
    command: 'cursor-line-end',
    chords: ['End'],
    help: "Cursor to the line's last token",
    group: 'Move and select',
  },
  {
    command: 'extend-line-start',
    chords: ['Shift+Home'],
    help: "Extend the selection to the line's first token",
    group: 'Move and select',
  },
  {
    command: 'extend-line-end',
    chords: ['Shift+End'],
    help: "Extend the selection to the line's last token",
    group: 'Move and select',
  },
  {
    command: 'cursor-document-start',
    chords: ['Mod+Home'],
    help: "Cursor to the document's first token",
    group: 'Move and select',
  },
  {
    command: 'cursor-document-end',
    chords: ['Mod+End'],
    help: "Cursor to the document's last token",
    group: 'Move and select',
  },
  {
    command: 'extend-document-start',
    chords: ['Mod+Shift+Home'],
    help: "Extend the selection to the document's first token",
    group: 'Move and select',
  },
  {
    command: 'extend-document-end',
    chords: ['Mod+Shift+End'],
    help: "Extend the selection to the document's last token",
    group: 'Move and select',
  },
  {
    command: 'next-entity',
    chords: ['Tab'],
    help: 'Select the next entity',
    group: 'Move and select',
  },
  {
    command: 'previous-entity',
    chords: ['Shift+Tab'],
    help: 'Select the previous entity',
    group: 'Move and select',
  },
  {
    command: 'next-region',
    chords: ['F6'],
    help: 'Focus the next region: corpus, toolbar, document, corpus panel, side panels, status bar',
    group: 'Move and select',
  },
  {
    command: 'previous-region',
    chords: ['Shift+F6'],
    help: 'Focus the previous region',
    group: 'Move and select',
  },
  {
    command: 'deselect',
    chords: ['Escape'],
    help: 'Deselect; close a menu or this overlay',
    group: 'Move and select',
  },
  {
    command: 'label-menu',
    chords: ['Enter', 'l'],
    help: 'Open the label menu beside the selection',
    group: 'Label and edit',
  },
  {
    command: 'remove',
    chords: ['Delete', 'Backspace'],
    help: 'Remove the selected entity',
    group: 'Label and edit',
  },
  {
    command: 'start-earlier',
    chords: ['Alt+ArrowLeft', '['],
    help: 'Move the entity start one token left',
    group: 'Label and edit',
  },
  {
    command: 'start-later',
    chords: ['Alt+ArrowRight', ']'],
    help: 'Move the entity start one token right',
    group: 'Label and edit',
  },
  {
    command: 'end-earlier',
    chords: ['Alt+Shift+ArrowLeft', '{'],
    help: 'Move the entity end one token left',
    group: 'Label and edit',
  },
  {
    command: 'end-later',
    chords: ['Alt+Shift+ArrowRight', '}'],
    help: 'Move the entity end one token right',
    group: 'Label and edit',
  },
  {
    command: 'quick-fix',
    chords: ['Mod+.'],
    help: 'Show the fixes of the problem under the cursor',
    group: 'Label and edit',
  },
  { command: 'undo', chords: ['Mod+z'], help: 'Undo', group: 'History and files' },
  { command: 'redo', chords: ['Mod+Shift+z', 'Mod+y'], help: 'Redo', group: 'History and files' },
  { command: 'save', chords: ['Mod+s'], help: 'Save the document', group: 'History and files' },
  {
    command: 'save-all',
    chords: ['Mod+Shift+s'],
    help: 'Save all documents',
    group: 'History and files',
  },
  {
    command: 'next-document',
    chords: ['Alt+PageDown'],
    help: 'Open the next document',
    group: 'History and files',
  },
  {
    command: 'previous-document',
    chords: ['Alt+PageUp'],
    help: 'Open the previous document',
    group: 'History and files',
  },
  {
    command: 'review',
    chords: ['Shift+r'],
    help: 'Review the changes against a baseline (on or off)',
    group: 'Review',
  },
  {
    command: 'next-change',
    chords: ['n'],
    help: 'Jump to the next change (the next suspect while stepping through them)',
    group: 'Review',
  },
  {
    command: 'previous-change',
    chords: ['p'],
    help: 'Jump to the previous change (the previous suspect while stepping through them)',
    group: 'Review',
  },
  {
    command: 'revert-change',
    chords: ['r'],
    help: 'Revert (or accept) the current change',
    group: 'Review',
  },
  {
    command: 'revert-all',
    chords: ['Alt+Shift+r'],
    help: 'Revert (or accept) every change',
    group: 'Review',
  },
  {
    command: 'save-report',
    chords: ['Alt+s'],
    help: 'Save the review report (Markdown)',
    group: 'Review',
  },
  {
    command: 'mark-reviewed',
    chords: ['Shift+m'],
    help: 'Mark the document reviewed (or unmark it)',
    group: 'Review',
  },
  {
    command: 'history',
    chords: ['Shift+h'],
    help: "Show the document's history (on or off)",
    group: 'Review',
  },
  {
    command: 'restore-version',
    chords: ['Alt+Shift+h'],
    help: 'Restore the version picked in the history',
    group: 'Review',
  },
  {
    command: 'corpus-review',
    chords: ['Shift+c'],
    help: 'Review the whole corpus (on or off)',
    group: 'Review',
  },
  {
    command: 'agreement',
    chords: ['Shift+a'],
    help: "Agreement of annotators' copies, and adjudication (on or off)",
    group: 'Adjudicate',
  },
  {
    command: 'next-disagreement',
    chords: ['Shift+n'],
    help: 'Jump to the next disagreement',
    group: 'Adjudicate',
  },
  {
    command: 'previous-disagreement',
    chords: ['Shift+p'],
    help: 'Jump to the previous disagreement',
    group: 'Adjudicate',
  },
  {
    command: 'take-version',
    chords: ['Alt+1', 'Alt+2', 'Alt+3', 'Alt+4', 'Alt+5', 'Alt+6', 'Alt+7', 'Alt+8', 'Alt+9'],
    shown: ['Alt+1…9'],
    help: "Settle the disagreement with annotator 1…9's version",
    group: 'Adjudicate',
  },
  {
    command: 'take-none',
    chords: ['Alt+0'],
    help: 'Settle the disagreement with no entity',
    group: 'Adjudicate',
  },
  {
    command: 'toggle-markup',
    chords: ['m'],
    help: 'Dim or undim HTML markup in the text',
    group: 'View',
  },
  {
    command: 'search-corpus',
    chords: ['Mod+Shift+f'],
    help: 'Search the corpus, and apply to all',
    group: 'Corpus',
  },
  {
    command: 'consistency',
    chords: ['Mod+Shift+k'],
    help: 'Consistency report of the corpus',
    group: 'Corpus',
  },
  {
    command: 'fix-finding',
    chords: ['Alt+f'],
    help: 'Preview the fix of the focused (or first) consistency finding',
    group: 'Corpus',
  },
  {
    command: 'export',
    chords: ['Mod+Shift+e'],
    help: 'Export the document or the corpus',
    group: 'Corpus',
  },
  {
    command: 'suspects',
    chords: ['Shift+s'],
    help: 'Suspects: likely annotation errors of the corpus, worst first (on or off)',
    group: 'Suspects',
  },
  {
    command: 'suspect-review',
    chords: ['Shift+q'],
    help: 'Step through the suspects one by one (on or off)',
    group: 'Suspects',
  },
  {
    command: 'suspect-accept',
    chords: ['a'],
    help: "Accept the suspect's fix and go to the next (or the suggested entity at the selection)",
    group: 'Suspects',
  },
  {
    command: 'suspect-dismiss',
    chords: ['d'],
    help: 'Dismiss the suspect and go to the next (or reject the suggested entity at the selection)',
    group: 'Suspects',
  },
  {
    command: 'suspect-restore',
    chords: ['Shift+d'],
    help: 'Bring back the suspect dismissed last, listed again',
    group: 'Suspects',
  },
  {
    command: 'toggle-ghosts',
    chords: ['g'],
    help: 'Show or hide likely missing entities as suggestions in the text',
    group: 'Suspects',
  },
  {
    command: 'add-label',
    chords: ['Shift+l'],
    help: 'Add a label to the label set',
    group: 'Label and edit',
  },
  {
    command: 'panel-action',
    chords: ['Mod+Enter'],
    help: "Run the focused panel's action: compare (Review, Corpus review), compute the agreement",
    group: 'View',
  },
  { command: 'theme', chords: ['Shift+t'], help: 'Next theme: system, light, dark', group: 'View' },
  { command: 'find', chords: ['Mod+f'], help: 'Find in the document', group: 'View' },
  { command: 'filter', chords: ['/'], help: 'Filter the document list', group: 'View' },
  { command: 'help', chords: ['?', 'F1'], help: 'Show or hide this overlay', group: 'View' },
  {
    command: 'command-palette',
    chords: ['Mod+Shift+p'],
    help: 'Run any command by its name (the command palette)',
    group: 'View',
  },
];

/** The table by group, in order, for the help overlay. */
export const SHORTCUT_GROUPS: ReadonlyArray<[Shortcut['group'], Shortcut[]]> = [
  ...new Set(SHORTCUTS.map((shortcut) => shortcut.group)),
].map((group) => [group, SHORTCUTS.filter((shortcut) => shortcut.group === group)]);

export interface KeyPress {
  key: string;
  /**
   * The physical key (`Digit1`, `KeyS`): Alt+digit and Alt+letter are read from it, as Alt changes
   * the typed key on macOS (Alt+S types `ß`).
   */
  code?: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
}

/** The chord a key press spells; Shift is part of a symbol (`?`, `{`) and not written for it. */
export function chordOf(press: KeyPress): string {
  const physical = press.altKey
    ? /^(?:Digit|Key)([\dA-Z])$/.exec(press.code ?? '')?.[1]
    : undefined;
  const typed = physical ?? press.key;
  const symbol = typed.length === 1 && typed.toLowerCase() === typed.toUpperCase();
  const key = typed.length === 1 ? typed.toLowerCase() : typed;
  return [
    press.ctrlKey || press.metaKey ? 'Mod' : '',
    press.altKey ? 'Alt' : '',
    press.shiftKey && !symbol ? 'Shift' : '',
    key,
  ]
    .filter(Boolean)
    .join('+');
}

const BY_CHORD = new Map(
  SHORTCUTS.flatMap((shortcut) => shortcut.chords.map((chord) => [chord, shortcut.command])),
);

export function commandFor(press: KeyPress): Command | null {
  return BY_CHORD.get(chordOf(press)) ?? null;
}

/** The shortcut a key typed alone runs (with Shift, for a capital), if any: a label's hotkey would hide it. */
export function shortcutOfTypedKey(key: string): Shortcut | null {
  const shiftKey = key !== key.toLowerCase();
  const command = commandFor({ key, ctrlKey: false, metaKey: false, altKey: false, shiftKey });
  return SHORTCUTS.find((shortcut) => shortcut.command === command) ?? null;
}

const KEY_NAMES: Record<string, string> = {
  ArrowLeft: '←',
  ArrowRight: '→',
  ArrowUp: '↑',
  ArrowDown: '↓',
  Mod: 'Ctrl/⌘',
};

/** A command's first key as a tooltip names it: ` (Ctrl/⌘+Shift+F)`, or nothing when it has none. */
export function keyHint(command: Command): string {
  const chords = SHORTCUTS.find((shortcut) => shortcut.command === command)?.chords ?? [];
  return chords.length ? ` (${describeChord(chords[0])})` : '';
}

/**
 * A chord as people read it: `Ctrl/⌘+Shift+Z`, `Alt+←`; a letter alone as it is typed (`n`: the
 * capital is Shift+N, another command).
 */
export function describeChord(chord: string): string {
  if (chord.length === 1) return chord;
  return chord
    .split('+')
    .map((part) => KEY_NAMES[part] ?? (part.length === 1 ? part.toUpperCase() : part))
    .join('+');
}
