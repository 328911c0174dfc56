// The workspace's events (edits, reloads, conflicts, corpus changes, progress) and who listens to them.
import type { ApiEvent } from '../../shared/api/contract';

export type EventListener = (event: ApiEvent) => void;

export class WorkspaceEvents {
  private readonly listeners = new Set<EventListener>();

  /** Subscribes listener; returns the unsubscribe function. */
  listen(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: ApiEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch {
        // One broken listener must not stop the others.
      }
    }
  }

  clear(): void {
    this.listeners.clear();
  }
}
