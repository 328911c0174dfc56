// Removes HTML/XML tags and decodes character references from a document, keeping its entities aligned.
import type { BracketDocument, DocumentEntity } from '../format/document';
import { isSpaceCode, tagEnd, tagNameAt, tagStartsAt } from '../format/tokens';
import { lineIndexAt, lineStarts } from '../format/position';
import type { ConvertMessage } from './messages';
import { NAMED_REFERENCES } from './html-references';
import { offsetMapper, type Replacement } from './offset-map';

/** A character reference (its name in group 1), or a `<` that may open a tag (tagEnd says). */
const MARKUP = /<|&(#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,8});/g;

/** The character a reference (`amp`, `#39`, `#x27`) stands for, or null when it is unknown or invalid. */
function decodeReference(name: string): string | null {
  if (name[0] !== '#') return NAMED_REFERENCES.get(name) ?? null;
  const code =
    name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
  if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return null;
  return String.fromCodePoint(code);
}

/** A reference to any white space (a line break, a tab, a no-break space) decodes as a space: a line stays one line. */
const WHITE_SPACE = /^\s$/u;

/** Elements that break the text into blocks, as a browser lays them out (and its innerText reads them). */
const BLOCKS = new Set(
  (
    'address article aside blockquote br caption dd details dialog div dl dt fieldset figcaption ' +
    'figure footer form h1 h2 h3 h4 h5 h6 header hr legend li main nav ol p pre section summary ' +
    'table tbody td tfoot th thead tr ul'
  ).split(' '),
);

/**
 * The text without tags, references decoded, and the replacements that turned one into the other.
 * A block tag between two words becomes a space, as a browser reads it (`</p><p>` never glues the
 * words on either side); inline tags (`<b>`, `<a>`) go without a trace.
 */
export function stripHtml(text: string): { text: string; replacements: Replacement[] } {
  const parts: string[] = [];
  const replacements: Replacement[] = [];
  let copied = 0;
  /** The last character written: a tag after a word may part it from the next. */
  let last = '';
  let blockBefore = false;
  MARKUP.lastIndex = 0;
  for (let match = MARKUP.exec(text); match; match = MARKUP.exec(text)) {
    const start = match.index;
    const end = match[0] === '<' ? tagEnd(text, start) : start + match[0].length;
    if (end === -1) continue;
    MARKUP.lastIndex = end;
    let replacement: string | null;
    if (match[1] !== undefined) {
      blockBefore = false;
      replacement = decodeReference(match[1]);
      if (replacement === null) continue;
      if (WHITE_SPACE.test(replacement)) replacement = ' ';
    } else {
      const between =
        !isBlank(start > copied ? text[start - 1] : last) && !isBlank(text[end] ?? '');
      // A block tag right before another tag parts the words around both (`</p><b>`).
      const block: boolean = BLOCKS.has(tagNameAt(text, start)) || blockBefore;
      const tagAfter = tagStartsAt(text, end);
      blockBefore = block && tagAfter;
      replacement = block && between && !tagAfter ? ' ' : '';
    }
    if (start > copied) last = text[start - 1];
    if (replacement !== '') last = replacement;
    parts.push(text.slice(copied, start), replacement);
    replacements.push({ start, end, length: replacement.length });
    copied = end;
  }
  parts.push(text.slice(copied));
  return { text: parts.join(''), replacements };
}

/** No character, or white space: nothing a tag could glue. */
const isBlank = (character: string) => character === '' || /\s/u.test(character);

/**
 * The document with its plain text stripped of markup. Each entity keeps the text it covered, minus
 * tags; one whose text becomes empty is dropped with a warning on its line.
 */
export function stripHtmlDocument(doc: BracketDocument): {
  doc: BracketDocument;
  warnings: ConvertMessage[];
} {
  const stripped = stripHtml(doc.text);
  const map = offsetMapper(stripped.replacements);
  const starts = lineStarts(doc.text);
  const warnings: ConvertMessage[] = [];
  const entities: DocumentEntity[] = [];
  for (const entity of doc.entities) {
    let start = map(entity.start, 'start');
    let end = map(entity.end, 'end');
    while (start < end && isSpaceCode(stripped.text.charCodeAt(start))) start++;
    while (end > start && isSpaceCode(stripped.text.charCodeAt(end - 1))) end--;
    if (start === end) {
      warnings.push({
        line: lineIndexAt(starts, entity.start) + 1,
        message: `entity [${entity.label}] ${JSON.stringify(doc.text.slice(entity.start, entity.end))} is only markup; dropped`,
      });
      continue;
    }
    entities.push({ ...entity, start, end });
  }
  return { doc: { ...doc, text: stripped.text, entities }, warnings };
}
