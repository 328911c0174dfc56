// Messages for the user: passing toasts (errors and information) and a failure to reach the workspace.

export interface Toast {
  id: number;
  kind: 'error' | 'info';
  message: string;
  /** What the message is news of (saving a document): newer news of it replaces this toast. */
  about?: string;
}

/** How many toasts stay on screen at once; older ones make room. */
const SHOWN = 4;

export class Notices {
  toasts = $state.raw<Toast[]>([]);
  /** A failure to reach the workspace at all, shown instead of a document. */
  failure = $state('');
  private serial = 0;

  /**
   * Shows a message for a while (errors longer than information). A message already on screen is
   * shown once, as the newest, for the time of this telling; so is the latest news `about` a thing
   * (a save that failed, then succeeded, says only that it succeeded).
   */
  show(message: string, kind: Toast['kind'] = 'error', about?: string): void {
    const toast = { id: ++this.serial, kind, message, about };
    const others = this.toasts.filter(
      (shown) =>
        (shown.message !== message || shown.kind !== kind) &&
        (about === undefined || shown.about !== about),
    );
    this.toasts = [...others, toast].slice(-SHOWN);
    setTimeout(() => this.dismiss(toast.id), kind === 'error' ? 8000 : 4000);
  }

  dismiss(id: number): void {
    this.toasts = this.toasts.filter((toast) => toast.id !== id);
  }
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A message as a sentence: a full stop added where it has none, so another can follow it. */
export const asSentence = (message: string): string =>
  /[.!?]$/.test(message) ? message : `${message}.`;
