// Find in the open document: the query, its matches over the whole text, and which one is current.
import { findAll, matchFrom } from '../document/find';
import type { Span } from '../document/dom-selection';

export class Find {
  isOpen = $state(false);
  query = $state('');
  matches = $state.raw<Span[]>([]);
  /** Index of the current match, -1 when there is none. */
  index = $state(-1);

  /** Searches text for query, starting at the first match at or after `from`; returns it. */
  search(text: string, query: string, from: number): Span | null {
    this.query = query;
    this.matches = findAll(text, query);
    this.index = matchFrom(this.matches, from);
    return this.matches[this.index] ?? null;
  }

  /** The next (1) or previous (-1) match, wrapping around. */
  step(direction: 1 | -1): Span | null {
    const count = this.matches.length;
    if (count === 0) return null;
    this.index = (this.index + direction + count) % count;
    return this.matches[this.index];
  }

  /** Opens the bar; a query kept from before is found again, from `from`, in the text as it is now. */
  open(text: string, from: number): Span | null {
    this.isOpen = true;
    return this.query === '' ? null : this.search(text, this.query, from);
  }

  close(): void {
    this.isOpen = false;
    this.matches = [];
    this.index = -1;
  }
}
