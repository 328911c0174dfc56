// A value that follows the document a frame late: the panels around the text show an edit once the edit itself is painted.
import { untrack } from 'svelte';
import { afterPaint } from './after-paint';

/**
 * Follows `read`, taking each new value once the frame showing the change has painted (values met
 * meanwhile are skipped): a keystroke's frame then lays out and paints the text it changed, not the
 * status bar, the toolbar and the side panels besides. `wait` may put the value off further (until
 * the page is idle, for a long count). Made while a component initializes.
 */
export function followAfterPaint<T>(
  read: () => T,
  wait: (run: () => void) => () => void = afterPaint,
): { readonly current: T } {
  let current = $state.raw(untrack(read));
  $effect(() => {
    const next = read();
    return wait(() => (current = next));
  });
  return {
    get current() {
      return current;
    },
  };
}
