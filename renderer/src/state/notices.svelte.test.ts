// @vitest-environment node
// Toasts: one per fact on screen, however many times the fact is told, each gone after its time.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Notices } from './notices.svelte';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('Notices', () => {
  it('shows a message told twice once, for the time of the later telling', () => {
    const notices = new Notices();
    notices.show('cable.txt changed on disk and was reloaded.', 'info');
    vi.advanceTimersByTime(3000);
    notices.show('cable.txt changed on disk and was reloaded.', 'info');
    expect(notices.toasts.map((toast) => toast.message)).toEqual([
      'cable.txt changed on disk and was reloaded.',
    ]);
    vi.advanceTimersByTime(3000);
    expect(notices.toasts).toHaveLength(1);
    vi.advanceTimersByTime(1000);
    expect(notices.toasts).toEqual([]);
  });

  it('keeps different messages apart, the newest last, at most four', () => {
    const notices = new Notices();
    for (const name of ['a', 'b', 'c', 'd', 'e']) notices.show(`${name}.txt could not be saved.`);
    notices.show('c.txt could not be saved.');
    expect(notices.toasts.map((toast) => toast.message)).toEqual([
      'b.txt could not be saved.',
      'd.txt could not be saved.',
      'e.txt could not be saved.',
      'c.txt could not be saved.',
    ]);
  });
});
