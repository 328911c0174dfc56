// The baseline page's script: the whole document as plain DOM, one <mark> per entity, edited by direct DOM changes.

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

/** The edits the benchmark replays, entities named by their start offset. */
export interface BaselineEdits {
  add(start: number, end: number, label: string): void;
  relabel(start: number, label: string): void;
  remove(start: number): void;
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

/** Fetches the document, renders all of it at once (text as text nodes, never markup) and focuses it. */
export async function showBaseline(documentUrl: string): Promise<void> {
  const { text, entities } = (await (await fetch(documentUrl)).json()) as BaselineDocument;
  const view = document.createElement('div');
  view.className = 'scroller';
  view.tabIndex = 0;
  view.dataset.testid = 'document-view';
  const marks = new Map<number, HTMLElement>();
  const lines: HTMLElement[] = [];
  const lineOffsets: number[] = [];

  let next = 0;
  for (let lineStart = 0; lineStart <= text.length;) {
    const newline = text.indexOf('\n', lineStart);
    const lineEnd = newline === -1 ? text.length : newline;
    const line = document.createElement('div');
    line.className = 'line';
    line.dataset.line = String(lines.length + 1);
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
    lines.push(line);
    lineOffsets.push(lineStart);
    view.append(line);
    lineStart = lineEnd + 1;
  }

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
  Object.defineProperty(window, EDITS, { value: edits });
  document.body.append(view);
  view.focus();
}
