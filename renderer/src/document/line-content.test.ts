import { render } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { parse } from '../../../shared/format/parse';
import DocumentLine from '../components/DocumentLine.svelte';
import { markSelected } from './line-content';
import { LineIndex } from '../../../shared/view/line-index';
import { lineParts } from '../../../shared/view/line-parts';

const doc = parse('Talks in [LOC Pristina  ] with [ORG <b>EULEX</b>  ] and [PER Dell  ] .');
const lines = new LineIndex(doc.text);

function partsOf(selection: { start: number; end: number } | null = null) {
  return lineParts({
    start: 0,
    text: lines.lineText(0),
    entities: lines.on(doc.entities, 0),
    diagnostics: [],
    selection,
  });
}

function renderLine(selectedId: number | null = null) {
  const props = { index: 0, block: 0, start: 0, end: lines.end(0), parts: partsOf(), selectedId };
  const view = render(DocumentLine, props);
  const line = view.container.querySelector<HTMLElement>('.line')!;
  const mark = (text: string) =>
    [...line.querySelectorAll<HTMLElement>('mark.entity')].find((m) => m.textContent === text)!;
  return { ...view, line, mark, props };
}

describe('a document line', () => {
  it('shows entities as marks holding their text as text, markup included', () => {
    const { line, mark } = renderLine();
    expect(line.textContent).toBe(doc.text);
    expect(mark('<b>EULEX</b>').dataset.label).toBe('ORG');
    expect(line.querySelector('b')).toBeNull();
  });

  it('is drawn with the selected entity marked; another is marked in the lines drawn, not drawn again', () => {
    const [pristina, , dell] = doc.entities;
    const { container, line, mark } = renderLine(pristina.id);
    const drawn = mark('Pristina');
    expect(drawn.classList.contains('selected-entity')).toBe(true);
    markSelected(container, dell.id);
    expect(mark('Pristina')).toBe(drawn);
    expect(drawn.classList.contains('selected-entity')).toBe(false);
    expect(mark('Dell').classList.contains('selected-entity')).toBe(true);
    expect(line.querySelectorAll('.selected-entity')).toHaveLength(1);
  });

  it('draws new parts in place of the old ones, the selected entity still marked', async () => {
    const [, , dell] = doc.entities;
    const { line, mark, rerender, props } = renderLine(dell.id);
    await rerender({ ...props, parts: partsOf({ start: 0, end: 5 }) });
    expect(line.textContent).toBe(doc.text);
    expect(line.querySelector('.selected')?.textContent).toBe('Talks');
    expect(mark('Dell').classList.contains('selected-entity')).toBe(true);
  });
});
