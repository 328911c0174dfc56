import { render } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { parse } from '../../../shared/format/parse';
import { validate } from '../../../shared/format/validate';
import DocumentLine from '../components/DocumentLine.svelte';
import { diagnosticSpans } from '../../../shared/view/diagnostic-spans';
import { offsetAtPoint, selectionToSpan } from './dom-selection';
import { LineIndex } from '../../../shared/view/line-index';
import { lineParts } from '../../../shared/view/line-parts';

const source =
  'Ambassador [PER Christopher W. Dell  ] met <b>[ORG EULEX  ]</b> in [LOC Pristina  ] .';

/** Renders line 0 of a document with the real component, as the view does. */
function renderLine(text = source) {
  const doc = parse(text);
  const lines = new LineIndex(doc.text);
  const parts = lineParts({
    start: 0,
    text: lines.lineText(0),
    entities: lines.on(doc.entities, 0),
    diagnostics: lines.on(diagnosticSpans(doc, validate(doc)), 0),
    selection: null,
  });
  const { container } = render(DocumentLine, {
    index: 0,
    block: 0,
    start: 0,
    end: lines.end(0),
    parts,
    selectedId: null,
  });
  return { doc, line: container.querySelector<HTMLElement>('.line')! };
}

/** Selects from (node, offset) to (node, offset) in the real DOM. */
function select(anchor: [Node, number], focus: [Node, number]): Selection {
  const selection = window.getSelection()!;
  selection.removeAllRanges();
  selection.setBaseAndExtent(anchor[0], anchor[1], focus[0], focus[1]);
  return selection;
}

function textNodeContaining(root: Element, fragment: string): Text {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.textContent?.includes(fragment)) return node as Text;
  }
  throw new Error(`no text node holds ${fragment}`);
}

describe('selection → token span', () => {
  it('renders exactly the plain text: labels come from CSS, not DOM text', () => {
    const { doc, line } = renderLine();
    expect(line.textContent).toBe(doc.text);
    expect(line.querySelector('[data-label="PER"]')?.textContent).toBe('Christopher W. Dell');
  });

  it('maps a drag inside plain text to whole tokens', () => {
    const { doc, line } = renderLine();
    const met = textNodeContaining(line, ' met ');
    // From the middle of "met" into "<b>": a tag is a token of its own (markup is text).
    const selection = select([met, 2], [textNodeContaining(line, '<b>'), 1]);
    const span = selectionToSpan(selection, doc.text)!;
    expect(doc.text.slice(span.start, span.end)).toBe('met <b>');
  });

  it('maps a backwards drag across an entity (its chip is not text) to the covered tokens', () => {
    const { doc, line } = renderLine();
    const ambassador = textNodeContaining(line, 'Ambassador');
    const dell = textNodeContaining(line, 'Dell');
    const selection = select([dell, dell.length], [ambassador, 3]);
    const span = selectionToSpan(selection, doc.text)!;
    expect(doc.text.slice(span.start, span.end)).toBe('Ambassador Christopher W. Dell');
  });

  it('maps element-level points (a double-click selection) to the pieces they touch', () => {
    const { doc, line } = renderLine();
    const mark = line.querySelector('[data-label="LOC"]')!;
    const selection = select([mark, 0], [mark, mark.childNodes.length]);
    const span = selectionToSpan(selection, doc.text)!;
    expect(doc.text.slice(span.start, span.end)).toBe('Pristina');
    expect(offsetAtPoint(line, line.childNodes.length)).toBe(doc.text.length);
  });

  it('returns null outside the view and for whitespace only', () => {
    const { doc, line } = renderLine();
    const outside = document.createElement('p');
    outside.textContent = 'elsewhere';
    document.body.append(outside);
    expect(offsetAtPoint(outside.firstChild!, 2)).toBeNull();
    const met = textNodeContaining(line, ' met ');
    expect(selectionToSpan(select([met, 0], [met, 1]), doc.text)).toBeNull();
  });

  it('keeps hostile markup as inert text', () => {
    const hostile =
      'x <script>window.pwned=1</script> <img src=x onerror="window.pwned=2"> {{7*7}} ${7*7} [PER <a href="javascript:alert(1)">Eve</a>  ]';
    const { doc, line } = renderLine(hostile);
    expect(line.textContent).toBe(doc.text);
    expect(line.querySelectorAll('script, img, a')).toHaveLength(0);
    expect((window as unknown as { pwned?: number }).pwned).toBeUndefined();
  });
});
