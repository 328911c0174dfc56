// The peer pages' script: the same document as plain DOM with one <mark> per entity, as CSS Highlight
// API ranges, or in @recogito/text-annotator; each edited through its own means.

export interface BaselineEntity {
  start: number;
  end: number;
  label: string;
}

/** What the page loads: the plain text and its entities, sorted by start, none crossing a line. */
export interface BaselineDocument {
  text: string;
  entities: BaselineEntity[];
}

/** One edit as the benchmark makes it on every page; entities are named by their start offset. */
export type BaselineEdit =
  | { kind: 'add'; start: number; end: number; label: string }
  | { kind: 'relabel'; start: number; label: string }
  | { kind: 'remove'; start: number };

/** How each page makes the edits the benchmark replays, entities named by their start offset. */
interface BaselineEdits {
  add(start: number, end: number, label: string): void;
  relabel(start: number, label: string): void;
  remove(start: number): void;
}

/**
 * What the page offers the benchmark: `onNextKey` makes an edit when the next key is pressed, so
 * that a peer's edit is timed from the same key press as the editor's.
 */
export interface BaselineKeys {
  onNextKey(edit: BaselineEdit): void;
}

/** The property of `window` holding the edits. */
export const EDITS = 'emendBaseline';

function entityMark(start: number, label: string): HTMLElement {
  const mark = document.createElement('mark');
  mark.className = 'entity';
  mark.dataset.start = String(start);
  mark.dataset.label = label;
  return mark;
}

/** The index of the last line starting at or before offset. */
function lineIndexOf(lineOffsets: number[], offset: number): number {
  let low = 0;
  let high = lineOffsets.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (lineOffsets[middle] <= offset) low = middle;
    else high = middle - 1;
  }
  return low;
}

/** The scrolling view every page shows its document in (looks like the editor's, found the same way). */
function documentView(): HTMLElement {
  const view = document.createElement('div');
  view.className = 'scroller';
  view.tabIndex = 0;
  view.dataset.testid = 'document-view';
  return view;
}

/** The document's lines as `.line` elements; `fill` puts each line's content in. */
function renderLines(
  text: string,
  fill: (line: HTMLElement, lineStart: number, lineEnd: number) => void,
): { lines: HTMLElement[]; lineOffsets: number[] } {
  const lines: HTMLElement[] = [];
  const lineOffsets: number[] = [];
  for (let lineStart = 0; lineStart <= text.length;) {
    const newline = text.indexOf('\n', lineStart);
    const lineEnd = newline === -1 ? text.length : newline;
    const line = document.createElement('div');
    line.className = 'line';
    line.dataset.line = String(lines.length + 1);
    fill(line, lineStart, lineEnd);
    lines.push(line);
    lineOffsets.push(lineStart);
    lineStart = lineEnd + 1;
  }
  return { lines, lineOffsets };
}

/** The document as plain text lines (no marks) in a view added to the page. */
function plainLinesView(text: string): {
  view: HTMLElement;
  lines: HTMLElement[];
  lineOffsets: number[];
} {
  const view = documentView();
  const { lines, lineOffsets } = renderLines(text, (line, lineStart, lineEnd) => {
    line.append(text.slice(lineStart, lineEnd));
  });
  view.append(...lines);
  document.body.append(view);
  return { view, lines, lineOffsets };
}

async function fetchDocument(documentUrl: string): Promise<BaselineDocument> {
  return (await (await fetch(documentUrl)).json()) as BaselineDocument;
}

/** Shows the view, says the page is ready and offers the benchmark its edits, each made on a key. */
function ready(view: HTMLElement, edits: BaselineEdits): void {
  let pending: BaselineEdit | null = null;
  addEventListener('keydown', (event) => {
    if (!pending) return;
    const edit = pending;
    pending = null;
    event.preventDefault();
    if (edit.kind === 'add') edits.add(edit.start, edit.end, edit.label);
    else if (edit.kind === 'relabel') edits.relabel(edit.start, edit.label);
    else edits.remove(edit.start);
  });
  const keys: BaselineKeys = { onNextKey: (edit) => (pending = edit) };
  Object.defineProperty(window, EDITS, { value: keys });
  view.dataset.ready = '';
  view.focus();
}

/** Counts an edit as shown, for pages whose paint the benchmark cannot see in the DOM. */
function countShown(view: HTMLElement, edits: number): void {
  view.dataset.edits = String(edits);
}

/** Plain DOM: renders all of it at once (text as text nodes, never markup), edits by DOM changes. */
export async function showBaseline(documentUrl: string): Promise<void> {
  const { text, entities } = await fetchDocument(documentUrl);
  const view = documentView();
  const marks = new Map<number, HTMLElement>();
  let next = 0;
  const { lines, lineOffsets } = renderLines(text, (line, lineStart, lineEnd) => {
    let at = lineStart;
    for (; next < entities.length && entities[next].start < lineEnd; next++) {
      const entity = entities[next];
      if (entity.start > at) line.append(text.slice(at, entity.start));
      const mark = entityMark(entity.start, entity.label);
      mark.textContent = text.slice(entity.start, entity.end);
      marks.set(entity.start, mark);
      line.append(mark);
      at = entity.end;
    }
    if (lineEnd > at) line.append(text.slice(at, lineEnd));
  });
  view.append(...lines);

  const edits: BaselineEdits = {
    add(start, end, label) {
      const index = lineIndexOf(lineOffsets, start);
      let at = lineOffsets[index];
      for (const node of lines[index].childNodes) {
        const length = node.textContent?.length ?? 0;
        if (node instanceof Text && at <= start && end <= at + length) {
          const inside = node.splitText(start - at);
          inside.splitText(end - start);
          const mark = entityMark(start, label);
          inside.replaceWith(mark);
          mark.append(inside);
          marks.set(start, mark);
          return;
        }
        at += length;
      }
      throw new Error(`no plain text at ${start}-${end}`);
    },
    relabel(start, label) {
      const mark = marks.get(start);
      if (!mark) throw new Error(`no entity at ${start}`);
      mark.dataset.label = label;
    },
    remove(start) {
      const mark = marks.get(start);
      if (!mark) throw new Error(`no entity at ${start}`);
      mark.replaceWith(...mark.childNodes);
      marks.delete(start);
    },
  };
  document.body.append(view);
  ready(view, edits);
}

/**
 * The CSS Custom Highlight API: plain text lines, one Range per entity in a Highlight per label
 * (`::highlight(PER)`), painted without touching the DOM. Every range is registered at once.
 */
export async function showHighlights(documentUrl: string): Promise<void> {
  const { text, entities } = await fetchDocument(documentUrl);
  const { view, lines, lineOffsets } = plainLinesView(text);
  const highlights = new Map<string, Highlight>();
  const ranges = new Map<number, { range: Range; label: string }>();
  const highlight = (label: string) => {
    let found = highlights.get(label);
    if (!found) {
      found = new Highlight();
      highlights.set(label, found);
      CSS.highlights.set(label, found);
    }
    return found;
  };
  const add = (start: number, end: number, label: string) => {
    const index = lineIndexOf(lineOffsets, start);
    const node = lines[index].firstChild!;
    const range = new Range();
    range.setStart(node, start - lineOffsets[index]);
    range.setEnd(node, end - lineOffsets[index]);
    highlight(label).add(range);
    ranges.set(start, { range, label });
  };
  for (const entity of entities) add(entity.start, entity.end, entity.label);
  let made = 0;
  const edits: BaselineEdits = {
    add(start, end, label) {
      add(start, end, label);
      countShown(view, ++made);
    },
    relabel(start, label) {
      const found = ranges.get(start)!;
      highlight(found.label).delete(found.range);
      highlight(label).add(found.range);
      found.label = label;
      countShown(view, ++made);
    },
    remove(start) {
      const found = ranges.get(start)!;
      highlight(found.label).delete(found.range);
      ranges.delete(start);
      countShown(view, ++made);
    },
  };
  ready(view, edits);
}

/** The parts of @recogito/text-annotator (its UMD build, `window.RecogitoJS`) this page uses. */
interface RecogitoAnnotation {
  id: string;
  bodies: Array<{ id: string; annotation: string; purpose: string; value: string }>;
  target: { annotation: string; selector: Array<{ quote: string; start: number; end: number }> };
}

interface RecogitoAnnotator {
  setAnnotations(annotations: RecogitoAnnotation[], replace?: boolean): void;
  addAnnotation(annotation: RecogitoAnnotation): void;
  updateAnnotation(annotation: RecogitoAnnotation): void;
  removeAnnotation(id: string): void;
  setStyle(style: (annotation: RecogitoAnnotation) => { fill: string; fillOpacity: number }): void;
  renderer: { on(event: 'onRedraw', callback: () => void): void };
}

const LABEL_FILL: Record<string, string> = {
  PER: '#2f6fde',
  LOC: '#1a8a4a',
  ORG: '#b5570f',
  MISC: '#8a3ab9',
};

/**
 * @recogito/text-annotator with its default (SPANS) renderer over the same plain text lines, the
 * entities loaded with setAnnotations. A change counts as shown once the annotator has redrawn.
 */
export async function showRecogito(documentUrl: string): Promise<void> {
  const { text, entities } = await fetchDocument(documentUrl);
  const { view, lineOffsets } = plainLinesView(text);
  const recogito = (
    window as unknown as {
      RecogitoJS: { createTextAnnotator(container: HTMLElement): RecogitoAnnotator };
    }
  ).RecogitoJS;
  const annotator = recogito.createTextAnnotator(view);
  annotator.setStyle((annotation) => ({
    fill: LABEL_FILL[annotation.bodies[0]?.value] ?? '#666b73',
    fillOpacity: 0.25,
  }));
  // The annotator counts offsets in the container's text, which holds no line breaks.
  const annotation = (start: number, end: number, label: string): RecogitoAnnotation => {
    const shift = lineIndexOf(lineOffsets, start);
    const id = `e${start}`;
    return {
      id,
      bodies: [{ id: `${id}-label`, annotation: id, purpose: 'tagging', value: label }],
      target: {
        annotation: id,
        selector: [{ quote: text.slice(start, end), start: start - shift, end: end - shift }],
      },
    };
  };
  const spans = new Map(entities.map((entity) => [entity.start, entity.end]));
  let made = 0;
  let opened = false;
  annotator.renderer.on('onRedraw', () => {
    if (opened) countShown(view, made);
    else {
      opened = true;
      ready(view, edits);
    }
  });
  const edits: BaselineEdits = {
    add(start, end, label) {
      made++;
      spans.set(start, end);
      annotator.addAnnotation(annotation(start, end, label));
    },
    relabel(start, label) {
      made++;
      annotator.updateAnnotation(annotation(start, spans.get(start)!, label));
    },
    remove(start) {
      made++;
      spans.delete(start);
      annotator.removeAnnotation(`e${start}`);
    },
  };
  annotator.setAnnotations(
    entities.map((entity) => annotation(entity.start, entity.end, entity.label)),
  );
}
