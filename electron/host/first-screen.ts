// The editor's first screen, sent inside the page: the first lines of the document it opens first, drawn as the editor draws them, shown until the editor takes over.
import type { DocumentSource } from '../../shared/api/contract';
import { TOKEN_META } from '../../shared/api/page-address';
import { FIRST_LABEL_COLORS_ID } from '../../shared/api/label-colors';
import { parse } from '../../shared/format/parse';
import { fileCloseStyle } from '../../shared/format/scan';
import { elementHtml, escapeHtml, lineElements } from '../../shared/view/line-elements';
import { LineIndex } from '../../shared/view/line-index';
import { readsRightToLeft } from '../../shared/view/line-direction';
import { lineParts } from '../../shared/view/line-parts';
import { hasMarkup } from '../../shared/view/markup-preference';

/** What the first screen is drawn from: the document's text (or its start) as the editor opens it. */
export type FirstScreenSource = Pick<DocumentSource, 'source' | 'labels' | 'ids'>;

/** Lines sent at most: a tall screen's worth of short lines. */
export const FIRST_LINES = 60;
/**
 * Characters of the source sent at most (a long line is cut there): a large screen's worth of
 * wrapped rows. Every element sent is styled and laid out before the first paint, so no more.
 */
export const FIRST_CHARACTERS = 3_000;

/** The path under which the page links the corpus's label colours (token-guarded, as the API is). */
export const LABEL_COLORS_PATH = '/api/label-colors.css';

/**
 * The start of the source: FIRST_LINES lines at most (without the line end after the last), in
 * FIRST_CHARACTERS at most. Lines are sent whole while they fit; a first line longer than that is
 * cut between words, before an entity the cut would split (entities never cross a line), else (a
 * line without spaces) at the limit, never inside a surrogate pair.
 */
function firstLines(source: string): string {
  const text = source.startsWith('\uFEFF') ? source.slice(1) : source;
  let end = -1;
  for (let line = 0; line < FIRST_LINES && end < text.length; line++) {
    const feed = text.indexOf('\n', end + 1);
    end = feed === -1 ? text.length : feed;
  }
  if (end <= FIRST_CHARACTERS) return text.slice(0, end);
  const lastFeed = text.lastIndexOf('\n', FIRST_CHARACTERS);
  if (lastFeed > 0) return text.slice(0, lastFeed);
  let cut = text.lastIndexOf(' ', FIRST_CHARACTERS);
  if (cut === -1) {
    const high = text.charCodeAt(FIRST_CHARACTERS - 1);
    return text.slice(
      0,
      high >= 0xd800 && high <= 0xdbff ? FIRST_CHARACTERS - 1 : FIRST_CHARACTERS,
    );
  }
  const open = text.lastIndexOf('[', cut);
  if (open !== -1 && text.indexOf(']', open) > cut) cut = open;
  return text.slice(0, cut);
}

/** The first lines of a document as the editor's lines (entities marked, every text escaped). */
export function firstLinesHtml(source: FirstScreenSource): string {
  // The first lines read as in the whole document: its close style, counted if they need it.
  const doc = parse(firstLines(source.source), {
    labels: source.labels,
    closeStyle: () => fileCloseStyle(source.source, source.labels),
  });
  // The first lines hold the document's first entities: they take its session ids.
  const ids = source.ids;
  if (ids) doc.entities = doc.entities.map((entity, index) => ({ ...entity, id: ids[index] }));
  if (doc.text === '') return '';
  const lines = new LineIndex(doc.text);
  let html = '';
  for (let index = 0; index < lines.count; index++) {
    const start = lines.start(index);
    const end = lines.end(index);
    const parts = lineParts({
      start,
      text: lines.lineText(index),
      entities: lines.on(doc.entities, index),
      diagnostics: [],
      selection: null,
    });
    const content = lineElements(parts, null, null).map(elementHtml).join('');
    const rtl = readsRightToLeft(lines.lineText(index)) ? ' rtl' : '';
    html += `<div class="line${rtl}" data-line="${index + 1}" data-offset="${start}" data-end="${end}">${content}</div>`;
  }
  return html;
}

/**
 * The first screen: the editor's regions, empty but for the document's first lines where the
 * editor shows them. Hidden from assistive technology and the pointer; the editor removes it once
 * its own first screen is drawn.
 */
export function firstScreenHtml(source: FirstScreenSource): string {
  const dim = hasMarkup(source.source) ? ' dim-markup' : '';
  return (
    `<div id="first-screen" class="first-screen" aria-hidden="true" inert>` +
    `<div class="first-screen-header region-top"></div><div class="region-start"></div>` +
    `<div class="first-screen-document document-text${dim}">${firstLinesHtml(source)}</div>` +
    `<div class="region-end"></div></div>`
  );
}

/**
 * The page's head for a request with the token: in the theme the user chose (from their cookie),
 * linking the corpus's label colours, so the first screen is drawn as the editor draws it, and
 * giving the editor's script the token (its address then drops it).
 */
export function pageHead(head: string, theme: 'light' | 'dark' | null, token: string): string {
  const colors = `${LABEL_COLORS_PATH}?token=${encodeURIComponent(token)}`;
  const themed = theme ? head.replace('<html', `<html data-theme="${theme}"`) : head;
  const tokenMeta = `<meta name="${TOKEN_META}" content="${escapeHtml(token)}">`;
  return themed.replace(
    '</head>',
    `${tokenMeta}\n<link id="${FIRST_LABEL_COLORS_ID}" rel="stylesheet" href="${escapeHtml(colors)}">\n</head>`,
  );
}

/** The page cut where the first screen goes, right after `<body>` (null: the page has no body tag). */
export function splitPage(page: string): [string, string] | null {
  const body = page.indexOf('<body>');
  if (body === -1) return null;
  const at = body + '<body>'.length;
  return [page.slice(0, at), page.slice(at)];
}
