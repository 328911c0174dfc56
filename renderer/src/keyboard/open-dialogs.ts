// The modal dialogs open now, newest last: the window's keys ask it once per key, without a look through the page.
import type { Command } from '../../../shared/keyboard/shortcuts';

/** An open modal dialog, and the command whose key toggles it (if any). */
export interface OpenDialog {
  toggledBy?: Command;
}

const open: OpenDialog[] = [];

/** Counts a dialog open until the returned function is called. */
export function dialogOpened(dialog: OpenDialog): () => void {
  open.push(dialog);
  return () => {
    const at = open.indexOf(dialog);
    if (at !== -1) open.splice(at, 1);
  };
}

/** The modal dialog on top, if one is open. */
export const topDialog = (): OpenDialog | undefined => open.at(-1);
