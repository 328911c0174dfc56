// The open document sessions: opened on use, closed once clean, idle and shown by no editor.
import type { ClientId, DocumentId } from '../../shared/api/contract';
import type { DocumentSession } from './document-session';

/** How many clean sessions nobody shows stay open for a quick return (the most recently used). */
export const KEEP_CLEAN_SESSIONS = 8;

interface Slot {
  session: Promise<DocumentSession>;
  /** The session once open. */
  opened?: DocumentSession;
  /** Calls using the session now: it is not closed under them. */
  users: number;
  /** When it was last used (a counter), to close the least recently used first. */
  used: number;
}

export interface PoolHooks {
  /** Opens a document's session (the workspace checks its path and reads it). */
  open(id: DocumentId): Promise<DocumentSession>;
  /** Told of a session just closed (its summary is kept in the corpus list, its file unwatched). */
  closed(session: DocumentSession): void;
}

export class SessionPool {
  private readonly slots = new Map<DocumentId, Slot>();
  /** The document each editor shows. */
  private readonly shown = new Map<ClientId, DocumentId>();
  private clock = 0;

  constructor(
    private readonly hooks: PoolHooks,
    private readonly keepClean = KEEP_CLEAN_SESSIONS,
  ) {}

  /** Runs task with the document's session, opening it first if needed; it stays open while task runs. */
  async use<T>(id: DocumentId, task: (session: DocumentSession) => T | Promise<T>): Promise<T> {
    const slot = this.slot(id);
    slot.users++;
    slot.used = ++this.clock;
    try {
      return await task(await slot.session);
    } finally {
      slot.users--;
      this.trim();
    }
  }

  /** The document's session if it is open now (none is opened). */
  peek(id: DocumentId): DocumentSession | undefined {
    return this.slots.get(id)?.opened;
  }

  /** The sessions open now (not those still opening). */
  sessions(): DocumentSession[] {
    return [...this.slots.values()].flatMap((slot) => (slot.opened ? [slot.opened] : []));
  }

  /** The documents whose sessions are open or opening. */
  openIds(): DocumentId[] {
    return [...this.slots.keys()];
  }

  /** Notes the document an editor shows now (null: none); the others it showed may close. */
  show(client: ClientId, id: DocumentId | null): void {
    if (id === null) this.shown.delete(client);
    else this.shown.set(client, id);
    this.trim();
  }

  /** Closes the document's session now, whoever shows it (its file can no longer be read); calls using it end on it. */
  close(id: DocumentId): void {
    const session = this.slots.get(id)?.opened;
    if (!session) return;
    this.slots.delete(id);
    this.hooks.closed(session);
  }

  /** Forgets an editor that went away: what it showed may close. */
  forget(client: ClientId): void {
    this.shown.delete(client);
    this.trim();
  }

  private slot(id: DocumentId): Slot {
    let slot = this.slots.get(id);
    if (!slot) {
      const opening: Slot = { session: this.hooks.open(id), users: 0, used: 0 };
      opening.session.then(
        (session) => (opening.opened = session),
        () => this.slots.delete(id),
      );
      this.slots.set(id, opening);
      slot = opening;
    }
    return slot;
  }

  /**
   * Closes the sessions that may close — open, in no call's use, shown by no editor, without
   * unsaved edits, a conflict or set-aside edits, nothing queued — beyond the most recently used
   * keepClean of them.
   */
  private trim(): void {
    const shown = new Set(this.shown.values());
    const closable = [...this.slots.entries()]
      .filter(([id, slot]) => slot.users === 0 && !shown.has(id) && slot.opened?.closable)
      .sort(([, a], [, b]) => b.used - a.used)
      .slice(this.keepClean);
    for (const [id, slot] of closable) {
      this.slots.delete(id);
      this.hooks.closed(slot.opened!);
    }
  }
}
