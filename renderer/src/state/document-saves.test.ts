// @vitest-environment node
// Saving from the editor: what the user is told, and that a save's news replaces the news of the last one.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../../shared/api/contract';
import type { EmendClient } from '../api/client';
import { saveDocument, type SaveHost } from './document-saves';
import { Notices } from './notices.svelte';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

/** A host whose workspace refuses the first save (the file is read-only) and takes the second. */
function hostSavingSecondTime(): SaveHost {
  let saves = 0;
  const call = async () => {
    if (++saves === 1) throw new ApiError('save-failed', 'cable.txt is read-only (mode 0444)');
    return { id: 'cable.txt', revision: 3, dirty: false };
  };
  return {
    client: { call } as unknown as EmendClient,
    notices: new Notices(),
    summaryChanged: () => {},
    takeSummaries: async () => {},
    acknowledgedRevision: () => 3,
    saved: () => {},
    reload: async () => {},
  };
}

describe('saving the shown document', () => {
  it('takes a failed save’s message off the screen once the document is saved', async () => {
    const host = hostSavingSecondTime();
    await saveDocument(host, 'cable.txt');
    expect(host.notices.toasts.map((toast) => toast.message)).toEqual([
      'cable.txt is read-only (mode 0444)',
    ]);
    await saveDocument(host, 'cable.txt');
    expect(host.notices.toasts.map((toast) => toast.message)).toEqual(['Saved cable.txt.']);
  });
});
