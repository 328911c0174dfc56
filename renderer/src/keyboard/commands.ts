// Runs editor commands, from the keyboard (through the shortcut table) or from toolbar buttons.
import { tick } from 'svelte';
import type { CorpusTools } from '../state/corpus-tools.svelte';
import type { Editor } from '../state/editor.svelte';
import type { CursorStep } from '../state/selection.svelte';
import { focusDocument, focusRegion } from './regions';
import { topDialog } from './open-dialogs';
import {
  chordOf,
  commandFor,
  type Command,
  type KeyPress,
} from '../../../shared/keyboard/shortcuts';

/** What commands act on: the editor and the corpus tools beside it. */
export interface Workbench {
  readonly editor: Editor;
  readonly tools: CorpusTools;
}

/** A panel's action the command palette runs: one without a key of its own (UI.md: every panel action has a key or sits in a menu that has one). */
export interface PaletteAction {
  id: string;
  name: string;
  group: string;
  run(bench: Workbench): void;
}

export const PALETTE_ACTIONS: readonly PaletteAction[] = [
  {
    id: 'preview-apply-to-all',
    name: "Preview apply to all over the search's hits",
    group: 'Corpus',
    run: ({ editor, tools }) =>
      tools.search.result
        ? tools.search.preview()
        : editor.notices.show('Search the corpus first (Ctrl/⌘+Shift+F).', 'info'),
  },
  {
    id: 'undo-apply-to-all',
    name: 'Undo apply to all: the last run or consistency fix, in every document it changed',
    group: 'Corpus',
    run: ({ editor, tools }) =>
      tools.applyToAll.last
        ? void tools.applyToAll.undo()
        : editor.notices.show('No apply to all to undo.', 'info'),
  },
  {
    id: 'rank-suspects',
    name: 'Rank the suspects again',
    group: 'Suspects',
    run: ({ tools }) => {
      tools.panel = 'suspects';
      void tools.suspects.rank();
    },
  },
  {
    id: 'accept-missing',
    name: 'Accept all missing entities shown in this document',
    group: 'Suspects',
    run: (bench) => {
      if (missingShown(bench)) bench.tools.suspects.acceptGhosts();
    },
  },
  {
    id: 'reject-missing',
    name: 'Reject all missing entities shown in this document',
    group: 'Suspects',
    run: (bench) => {
      if (missingShown(bench)) void bench.tools.suspects.rejectGhosts();
    },
  },
];

/** Whether the suspects show missing entities in the open document; if not, says how to show them. */
function missingShown({ editor, tools }: Workbench): boolean {
  if (tools.suspects.ghostsOf(editor.open?.id).length > 0) return true;
  editor.notices.show(
    'No missing entities are shown in this document: rank the suspects and tick Show missing entities.',
    'info',
  );
  return false;
}

/** The cursor keys: how far each moves the cursor, which way, and whether it extends the selection. */
const CURSOR_MOVES: Partial<Record<Command, [CursorStep, 1 | -1, boolean]>> = {
  'cursor-previous': ['token', -1, false],
  'cursor-next': ['token', 1, false],
  'cursor-up': ['line', -1, false],
  'cursor-down': ['line', 1, false],
  'extend-previous': ['token', -1, true],
  'extend-next': ['token', 1, true],
  'extend-up': ['line', -1, true],
  'extend-down': ['line', 1, true],
  'cursor-page-up': ['page', -1, false],
  'cursor-page-down': ['page', 1, false],
  'extend-page-up': ['page', -1, true],
  'extend-page-down': ['page', 1, true],
  'cursor-line-start': ['line-edge', -1, false],
  'cursor-line-end': ['line-edge', 1, false],
  'extend-line-start': ['line-edge', -1, true],
  'extend-line-end': ['line-edge', 1, true],
  'cursor-document-start': ['document-edge', -1, false],
  'cursor-document-end': ['document-edge', 1, false],
  'extend-document-start': ['document-edge', -1, true],
  'extend-document-end': ['document-edge', 1, true],
};

/** Whether the key pressed was ← or →, which point a way on screen (the bracket keys: in the text). */
const isArrow = (press?: KeyPress) => press?.key === 'ArrowLeft' || press?.key === 'ArrowRight';

/** Runs a command; `press` is the key press that asked for it, if any (Alt+digit names a version). */
export function runCommand(bench: Workbench, command: Command, press?: KeyPress): void {
  const { editor, tools } = bench;
  const suspects = tools.suspects;
  const move = CURSOR_MOVES[command];
  if (move) return editor.moveCursor(...move);
  switch (command) {
    case 'label-menu':
      if (editor.selection.span) editor.menuOpen = true;
      else editor.notices.show('Select some text or an entity first.', 'info');
      return;
    case 'remove':
      return editor.removeSelected();
    case 'next-region':
      return focusRegion(1);
    case 'previous-region':
      return focusRegion(-1);
    case 'start-earlier':
      return editor.moveSelectedBoundary('start', -1, isArrow(press));
    case 'start-later':
      return editor.moveSelectedBoundary('start', 1, isArrow(press));
    case 'end-earlier':
      return editor.moveSelectedBoundary('end', -1, isArrow(press));
    case 'end-later':
      return editor.moveSelectedBoundary('end', 1, isArrow(press));
    case 'deselect':
      if (editor.helpOpen) editor.helpOpen = false;
      else if (editor.menuOpen) editor.menuOpen = false;
      else if (editor.quickFixes) editor.quickFixes = null;
      else if (editor.contextMenu) editor.contextMenu = null;
      else if (suspects?.reviewing) void suspects.toggleReview();
      else editor.deselect();
      return;
    case 'next-entity':
      return editor.stepEntity(1);
    case 'previous-entity':
      return editor.stepEntity(-1);
    case 'undo':
      if (suspects?.undoesAccept()) return void suspects.undoAccept();
      if (tools.agreement.undoesNone()) return tools.agreement.undoNone();
      suspects?.beforeStep('undo');
      return editor.undo();
    case 'redo':
      suspects?.beforeStep('redo');
      return editor.redo();
    case 'save':
      return editor.save();
    case 'save-all':
      return editor.saveAll();
    case 'next-document':
      return void editor.stepDocument(1);
    case 'previous-document':
      return void editor.stepDocument(-1);
    case 'toggle-markup':
      return editor.toggleMarkup();
    case 'filter':
      document.getElementById('document-filter')?.focus();
      return;
    case 'find':
      editor.openFind();
      void tick().then(() => {
        const input = document.getElementById('document-find') as HTMLInputElement | null;
        input?.focus();
        input?.select();
      });
      return;
    case 'quick-fix':
      return editor.quickFixAtCursor();
    case 'help':
      editor.helpOpen = !editor.helpOpen;
      return;
    case 'command-palette':
      editor.paletteOpen = !editor.paletteOpen;
      return;
    case 'search-corpus':
      return togglePanel(bench, 'search');
    case 'consistency':
      return togglePanel(bench, 'consistency');
    case 'fix-finding':
      return fixFinding(bench);
    case 'add-label': {
      // Its text selected, as Find's is: what a refused name left there is replaced by typing.
      const input = document.querySelector<HTMLInputElement>('input[aria-label="New label name"]');
      input?.focus();
      input?.select();
      return;
    }
    case 'theme':
      if (!editor.theme) return;
      editor.theme.next();
      return editor.notices.show(`${editor.theme.description}.`, 'info', 'theme');
    case 'mark-reviewed':
      return void editor.markReviewed();
    case 'revert-change':
      return editor.review.revertCurrent();
    case 'revert-all':
      return editor.review.active ? editor.review.revertAll() : undefined;
    case 'panel-action':
      return runPanelAction(editor);
    case 'save-report':
      return editor.review.saveReport(editor.open, 'md');
    case 'restore-version':
      return editor.timeline.restoreSelected();
    case 'export':
      return tools.exporter.open ? tools.exporter.cancel() : tools.exporter.show();
    case 'review':
      editor.review.toggle();
      return sayIfOutOfSight(editor, 'Review');
    case 'history':
      // Opening puts the focus in the panel (HistoryPanel); closing gives it back to the text.
      editor.timeline.toggle();
      if (!editor.timeline.active) focusDocument();
      return;
    case 'corpus-review':
      editor.corpusReview.toggle();
      return sayIfOutOfSight(editor, 'Corpus review');
    case 'next-change':
      if (suspects?.reviewing) return suspects.step(1);
      return editor.review.step(1);
    case 'previous-change':
      if (suspects?.reviewing) return suspects.step(-1);
      return editor.review.step(-1);
    case 'agreement':
      // Opening puts the focus in the panel (AgreementPanel); closing gives it back to the text.
      tools.agreement.toggle();
      if (!tools.agreement.active) focusDocument();
      return;
    case 'next-disagreement':
      return stepDisagreement(bench, 1);
    case 'previous-disagreement':
      return stepDisagreement(bench, -1);
    case 'take-version':
      // The chord ends in the annotator's number: Alt+1 is the first copy.
      return tools.agreement.chooseCurrent(press ? Number(chordOf(press).slice(-1)) - 1 : 0);
    case 'take-none':
      return tools.agreement.chooseCurrent('none');
    case 'suspects':
      tools.toggle('suspects');
      return sayIfOutOfSight(editor, 'Suspects queue');
    case 'suspect-review':
      if (tools.panel !== 'suspects') {
        tools.panel = 'suspects';
      }
      return void suspects?.toggleReview();
    case 'suspect-accept':
      return suspects?.acceptCurrent();
    case 'suspect-dismiss':
      return suspects?.dismissCurrent();
    case 'suspect-restore':
      return void suspects?.restoreDismissed();
    case 'toggle-ghosts':
      if (suspects) suspects.ghosts = !suspects.ghosts;
      return;
  }
}

/**
 * Shows the top of a panel just opened without the focus, when it is out of sight, and says how to
 * reach it: in a narrow window the side panels stack under the document, and nothing on screen
 * would change. The page scrolls so that the document's lower part stays in view above it.
 */
function sayIfOutOfSight(editor: Editor, name: string): void {
  void tick().then(() => {
    const panel = document.querySelector<HTMLElement>(`section.panel[aria-label="${name}"]`);
    if (!panel || panel.contains(document.activeElement)) return;
    const { top, bottom } = panel.getBoundingClientRect();
    if (top < innerHeight && bottom > 0) return;
    scrollBy({ top: top - innerHeight * 0.6 });
    editor.notices.show(`${name} opened under the document: F6 takes the focus to it.`, 'info');
  });
}

/** Opens or closes a corpus panel: focus goes into it when it opens, back to the text when it closes. */
function togglePanel({ tools }: Workbench, panel: 'search' | 'consistency'): void {
  tools.toggle(panel);
  void tick().then(() => {
    if (!tools.panel) return focusDocument();
    // Search's field; else the panel itself, as a report's controls come and go while it is made
    // (a control disabled under the focus would hand it back to the text).
    (
      document.querySelector<HTMLElement>('.corpus-panel input') ??
      document.querySelector<HTMLElement>('.corpus-panel')
    )?.focus();
  });
}

/** Jumps to the next or previous disagreement, the focus in the text so a label key settles it. */
function stepDisagreement({ tools }: Workbench, direction: 1 | -1): void {
  tools.agreement.step(direction);
  if (tools.agreement.shown) focusDocument();
}

/** Previews the fix of the consistency finding that has the focus, or of the first one. */
/**
 * Runs the main action of the panel holding the focus (its button marked data-main-action: Compare,
 * Compare corpus, Compute agreement), else of the only open panel that has one.
 */
function runPanelAction(editor: Editor): void {
  const actions = [...document.querySelectorAll<HTMLButtonElement>('button[data-main-action]')];
  const focused = document.activeElement;
  const action =
    actions.find((button) => button.closest('section')?.contains(focused)) ??
    (actions.length === 1 ? actions[0] : undefined);
  if (!action) {
    editor.notices.show(
      'Focus a panel (F6) to run its action: Compare, Compare corpus, Compute agreement.',
      'info',
    );
    return;
  }
  if (!action.disabled) action.click();
}

function fixFinding({ editor, tools }: Workbench): void {
  const report = tools.consistency;
  const findings = report.findings;
  if (!findings?.length || tools.panel !== 'consistency') {
    return editor.notices.show('Open the consistency report first (Ctrl/⌘+Shift+K).', 'info');
  }
  const items = [...document.querySelectorAll('[aria-label="Findings"] > li')];
  const focused = items.findIndex((item) => item.contains(document.activeElement));
  report.fix(findings[Math.max(0, focused)].fix);
}

/** The kinds of input that take typed text (not a radio, checkbox, slider or button). */
const TYPED_INPUTS = new Set([
  'text',
  'search',
  'email',
  'url',
  'tel',
  'password',
  'number',
  'date',
  'datetime-local',
  'month',
  'time',
  'week',
]);

/** Whether keys typed at target are its text: a text box, a text area or a list box. */
function takesTyping(target: Element | null): boolean {
  if (target instanceof HTMLInputElement) return TYPED_INPUTS.has(target.type);
  return target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement;
}
/** Commands that stay with the browser unless focus is in the document view. */
/** The cursor moves of these steps' keys (see CURSOR_MOVES). */
const movesBy = (...steps: CursorStep[]) =>
  Object.entries(CURSOR_MOVES)
    .filter(([, [step]]) => steps.includes(step))
    .map(([command]) => command as Command);

const DOCUMENT_ONLY = new Set<Command>([
  'next-entity',
  'previous-entity',
  'label-menu',
  // Page, Home and End scroll a panel's list where it has the focus.
  ...movesBy('page', 'line-edge', 'document-edge'),
]);
/**
 * Commands that move in or edit the text by plain keys (arrows, Delete, brackets), as label keys do:
 * not while a control of a list or panel has the focus, whose keys are its own (the text acts on
 * them from the document view, the toolbar, or where nothing has the focus).
 */
const TEXT_KEYS = new Set<Command>([
  ...movesBy('token', 'line'),
  'remove',
  'start-earlier',
  'start-later',
  'end-earlier',
  'end-later',
]);

/** Whether target is a control outside the text: in the corpus list, a panel, a dialog or the status bar. */
function awayFromText(target: Element | null, inDocument: boolean): boolean {
  if (!target || inDocument || target === document.body || target === document.documentElement)
    return false;
  return target.closest('[role="toolbar"]') === null;
}
/** Commands that also work while typing in a field. */
const EVERYWHERE = new Set<Command>([
  'command-palette',
  'panel-action',
  'save',
  'save-all',
  'find',
  'next-region',
  'previous-region',
  'search-corpus',
  'consistency',
  'export',
]);

/**
 * Whether a key is a chord the browser may act on (a function key; Ctrl/⌘ or Alt with a key outside
 * a text field), not one a dialog's fields and buttons take (letters, Enter, arrows; in a field,
 * every chord: Ctrl+Home, Ctrl+Z, Option+letters typing on a Mac).
 */
function isChord(event: KeyboardEvent): boolean {
  if (/^F\d+$/.test(event.key)) return true;
  if (!(event.ctrlKey || event.metaKey || event.altKey)) return false;
  return !takesTyping(event.target as Element | null);
}

/** Handles a key press anywhere in the window; label hotkeys come first, then the shortcut table. */
export function handleKey(
  bench: Workbench,
  event: KeyboardEvent,
  documentView: Element | null,
): void {
  if (event.defaultPrevented) return;
  const { editor } = bench;
  // A modal dialog keeps the keys: of the window's, only the one that toggles it (to close it) and
  // saving act. The other chords (Ctrl+Shift+P, F1) do nothing, nor what the browser would.
  const modal = topDialog();
  if (modal) {
    const command = commandFor(event);
    if (!command) return;
    const own = command === modal.toggledBy || command === 'save' || command === 'save-all';
    if (own) runCommand(bench, command, event);
    if (own || isChord(event)) event.preventDefault();
    return;
  }
  const target = event.target as Element | null;
  const inField = takesTyping(target);
  // A radio, checkbox or slider keeps its arrows and space; the window's keys still reach the rest.
  const ownsArrows = target instanceof HTMLInputElement && !inField;
  const inDocument = documentView !== null && target !== null && documentView.contains(target);
  const away = awayFromText(target, inDocument);
  const plain = !event.ctrlKey && !event.metaKey && !event.altKey;
  if (!inField && !away && plain && editor.open && editor.applyLabelKey(event.key)) {
    event.preventDefault();
    return;
  }
  const command = commandFor(event);
  if (!command) return;
  const panel = bench.tools.panel;
  if (command === 'deselect' && (panel === 'search' || panel === 'consistency')) {
    if (target?.closest('.corpus-panel')) {
      // Escape leaves a corpus panel: it closes, and the text has the focus again.
      event.preventDefault();
      return togglePanel(bench, panel);
    }
  }
  if (command === 'deselect' && target?.closest('aside')) {
    // Escape leaves a side panel, from a control or a field: the text has the focus again.
    event.preventDefault();
    return focusDocument();
  }
  // F1 types nothing, so it opens the shortcuts from a field too (`?` is typed there).
  const helpKey = command === 'help' && event.key === 'F1';
  if (inField && !EVERYWHERE.has(command) && !helpKey) return;
  if (DOCUMENT_ONLY.has(command) && !inDocument) return;
  if (TEXT_KEYS.has(command) && (away || ownsArrows)) return;
  if (command === 'deselect' || command === 'help' || editor.open || EVERYWHERE.has(command)) {
    event.preventDefault();
    runCommand(bench, command, event);
  }
}
