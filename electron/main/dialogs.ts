// The native dialogs the shell asks: what to open, where to export, whether to close with unsaved edits.
import { dialog, type BrowserWindow } from 'electron';
import type { DocumentSummary } from '../../shared/api/contract';

export type OpenKind = 'file' | 'folder';

/** The chosen file or folder, or null when the user cancelled. */
export async function chooseOpenTarget(
  window: BrowserWindow,
  kind: OpenKind,
): Promise<string | null> {
  const result = await dialog.showOpenDialog(window, {
    title: kind === 'file' ? 'Open File' : 'Open Folder',
    properties: kind === 'file' ? ['openFile'] : ['openDirectory'],
    filters: kind === 'file' ? [{ name: 'Bracket files', extensions: ['txt'] }, ALL_FILES] : [],
  });
  return result.canceled ? null : (result.filePaths[0] ?? null);
}

const ALL_FILES = { name: 'All files', extensions: ['*'] };

/** Where to save the corpus archive, or null when the user cancelled. */
export async function chooseArchivePath(
  window: BrowserWindow,
  defaultPath: string,
): Promise<string | null> {
  const result = await dialog.showSaveDialog(window, {
    title: 'Export the corpus',
    defaultPath,
    filters: [{ name: 'Zip archive', extensions: ['zip'] }],
    properties: ['showOverwriteConfirmation', 'createDirectory'],
  });
  return result.canceled || !result.filePath ? null : result.filePath;
}

export type UnsavedChoice = 'save-all' | 'leave' | 'cancel';

/** Asks what to do with unsaved edits before the corpus is closed. */
export async function confirmUnsaved(
  window: BrowserWindow,
  dirty: readonly DocumentSummary[],
  action: string,
): Promise<UnsavedChoice> {
  const names = dirty.slice(0, 5).map((summary) => `• ${summary.name}`);
  if (dirty.length > names.length) names.push(`• and ${dirty.length - names.length} more`);
  const { response } = await dialog.showMessageBox(window, {
    type: 'warning',
    title: 'Unsaved edits',
    message: `${dirty.length === 1 ? 'One document has' : `${dirty.length} documents have`} unsaved edits. Save before you ${action}?`,
    detail: `${names.join('\n')}\n\nEdits you do not save stay in Emend's journal and come back the next time you open the document.`,
    buttons: ['Save All', "Don't Save", 'Cancel'],
    defaultId: 0,
    cancelId: 2,
    noLink: true,
  });
  return (['save-all', 'leave', 'cancel'] as const)[response] ?? 'cancel';
}

export function showProblem(window: BrowserWindow | null, title: string, message: string): void {
  if (window) void dialog.showMessageBox(window, { type: 'error', title, message });
  else dialog.showErrorBox(title, message);
}
