import { render, screen, within } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import { parse } from '../../../shared/format/parse';
import { validate } from '../../../shared/format/validate';
import { diagnosticSpans } from '../../../shared/view/diagnostic-spans';
import { LineIndex } from '../../../shared/view/line-index';
import type { Editor, OpenDocument } from '../state/editor.svelte';
import ProblemsPanel from './ProblemsPanel.svelte';

/** A document of `count` lines, each with an entity whose label is not in the label set. */
function withProblems(count: number): OpenDocument {
  const doc = parse(Array.from({ length: count }, (_, i) => `Word${i} [GPE Place  ] .\n`).join(''));
  return {
    id: 'problems.txt',
    doc,
    revision: 0,
    dirty: false,
    undoable: 0,
    redoable: 0,
    pending: 0,
    lines: new LineIndex(doc.text),
    diagnostics: diagnosticSpans(doc, validate(doc)),
  };
}

describe('the problems panel', () => {
  it('draws the first page of a long list and counts every problem', () => {
    // jsdom has no IntersectionObserver: this one never reports the list's end near the screen
    // (e2e/problems-list.spec.ts shows the list growing as it is scrolled, in Chromium).
    vi.stubGlobal(
      'IntersectionObserver',
      class {
        observe() {}
        disconnect() {}
      },
    );
    const open = withProblems(600);
    expect(open.diagnostics).toHaveLength(600);
    render(ProblemsPanel, { editor: {} as Editor, open });
    const panel = screen.getByRole('region', { name: 'Problems' });
    expect(within(panel).getByRole('heading').textContent).toBe('Problems 600');
    const items = panel.querySelectorAll('li');
    expect(items).toHaveLength(8);
    expect(items[7].textContent).toMatch(/^8:/);
    vi.unstubAllGlobals();
  });

  it('counts errors and warnings as the corpus list does, notes (literal brackets) apart', () => {
    const doc = parse('A [GPE Place  ] and a [literal] bracket .\nB [ also ] .\n');
    const diagnostics = diagnosticSpans(doc, validate(doc));
    const notes = diagnostics.filter((span) => span.diagnostic.severity === 'info').length;
    expect(notes).toBeGreaterThan(0);
    const open = { ...withProblems(0), doc, lines: new LineIndex(doc.text), diagnostics };
    render(ProblemsPanel, { editor: {} as Editor, open });
    const heading = within(screen.getByRole('region', { name: 'Problems' })).getByRole('heading');
    expect(heading.textContent?.replace(/\s+/g, ' ').trim()).toBe(
      `Problems ${diagnostics.length - notes} and ${notes === 1 ? '1 note' : `${notes} notes`}`,
    );
  });

  it('lists a short list at once', () => {
    render(ProblemsPanel, { editor: {} as Editor, open: withProblems(3) });
    expect(screen.getAllByRole('listitem')).toHaveLength(3);
  });
});
