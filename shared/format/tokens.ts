// Tokens are maximal runs of anything but ASCII whitespace, cut where an HTML tag starts or ends unless its tags are text (the one definition): snapping, stepping, listing, counting.

/** Whether a UTF-16 code unit is whitespace that separates tokens (space, tab, line ends, form feed, vertical tab). */
export function isSpaceCode(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13 || code === 12 || code === 11;
}

/**
 * What a text's HTML tags are: markup (a document's, as read from its file: each tag is a token of
 * its own, never part of an entity), or text (a document stripped of its HTML, whose `<b>` left was
 * written `&lt;b&gt;`: a word like any other).
 */
export type Tags = 'markup' | 'text';

const LESS_THAN = 60;
const GREATER_THAN = 62;
const LINE_FEED = 10;
const SLASH = 47;
const EXCLAMATION_MARK = 33;
const QUESTION_MARK = 63;
const HYPHEN = 45;
const COLON = 58;

/**
 * The names (lower case) whose `<name` or `</name` opens an HTML tag, in any case: the HTML living
 * standard's elements and the obsolete ones met in scraped pages. Any other `<word>` is text, so
 * the placeholders of NLP corpora (`<unk>`, `<user>`, `<url>`) are tokens; one spelled like an
 * element (`<s>`, `<p>`) is read as that element. SVG_ELEMENTS, MATHML_ELEMENTS and isElementName
 * say what else opens a tag.
 */
export const HTML_ELEMENTS: ReadonlySet<string> = new Set(
  (
    'a abbr address area article aside audio b base bdi bdo blockquote body br button canvas ' +
    'caption cite code col colgroup data datalist dd del details dfn dialog div dl dt em embed ' +
    'fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 head header hgroup hr html i iframe ' +
    'img input ins kbd label legend li link main map mark math menu meta meter nav noscript object ' +
    'ol optgroup option output p picture pre progress q rp rt ruby s samp script search section ' +
    'select selectedcontent slot small source span strong style sub summary sup svg table tbody td ' +
    'template textarea tfoot th thead time title tr track u ul var video wbr ' +
    // Obsolete, still met in scraped text.
    'acronym applet basefont big blink center dir font frame frameset isindex keygen listing ' +
    'marquee menuitem nobr noembed noframes param plaintext rb rtc strike tt xmp'
  ).split(' '),
);

/**
 * The SVG elements' names (lower case), found inside an `<svg>` of a scraped page, but for those
 * NLP corpora use as placeholders: `<mask>` (BERT's) and `<image>` (a multimodal corpus's) are text.
 */
export const SVG_ELEMENTS: ReadonlySet<string> = new Set(
  (
    'a animate animatemotion animatetransform circle clippath defs desc discard ellipse feblend ' +
    'fecolormatrix fecomponenttransfer fecomposite feconvolvematrix fediffuselighting ' +
    'fedisplacementmap fedistantlight fedropshadow feflood fefunca fefuncb fefuncg fefuncr ' +
    'fegaussianblur feimage femerge femergenode femorphology feoffset fepointlight ' +
    'fespecularlighting fespotlight fetile feturbulence filter foreignobject g line ' +
    'lineargradient marker metadata mpath path pattern polygon polyline radialgradient rect ' +
    'script set stop style svg switch symbol text textpath title tspan use view'
  ).split(' '),
);

/** The MathML elements' names (lower case), found inside a `<math>`, but `<none>`, a placeholder's name too. */
export const MATHML_ELEMENTS: ReadonlySet<string> = new Set(
  (
    'annotation annotation-xml maction math menclose merror mfenced mfrac mglyph mi mlabeledtr ' +
    'mmultiscripts mn mo mover mpadded mphantom mprescripts mroot mrow ms mspace msqrt mstyle ' +
    'msub msubsup msup mtable mtd mtext mtr munder munderover semantics'
  ).split(' '),
);

/** A name with a namespace prefix: two names and one colon (`o:p`, `st1:City`; not `http:`). */
const PREFIXED_NAME = /^[A-Za-z][A-Za-z0-9-]*:[A-Za-z][A-Za-z0-9-]*$/;

/** A custom element's name: a hyphen and no capital letter, as the HTML standard asks (`<PER-1>` is text). */
const CUSTOM_ELEMENT_NAME = /^[a-z][a-z0-9-]*-[a-z0-9-]*$/;

/**
 * Whether name, as written, is an element's: a known one (HTML, SVG or MathML, in any case), one
 * with a namespace prefix (Word's `<o:p>`, `<w:sdt>`, `<v:shape>`) or a custom element (`<my-card>`).
 */
function isElementName(name: string): boolean {
  const lower = name.toLowerCase();
  return (
    HTML_ELEMENTS.has(lower) ||
    SVG_ELEMENTS.has(lower) ||
    MATHML_ELEMENTS.has(lower) ||
    PREFIXED_NAME.test(name) ||
    CUSTOM_ELEMENT_NAME.test(name)
  );
}

/** A name's letters in either case, for a regular expression (`br` → `[bB][rR]`). */
const eitherCase = (name: string) =>
  name.replace(/[a-z]/g, (letter) => `[${letter}${letter.toUpperCase()}]`);

/** ASCII whitespace (isSpaceCode) as a regular expression's class. */
export const SPACE_CLASS = '[ \\t\\n\\r\\f\\v]';

/** A tag's opening as a regular expression: `<!`, `<?`, or `<` or `</` and an element's name (isElementName). */
const OPENING = (() => {
  const known = [...HTML_ELEMENTS, ...SVG_ELEMENTS, ...MATHML_ELEMENTS].map(eitherCase);
  const patterned = [PREFIXED_NAME, CUSTOM_ELEMENT_NAME].map(({ source }) => source.slice(1, -1));
  return `<(?:[!?]|\\/?(?:${[...known, ...patterned].join('|')})(?=${SPACE_CLASS}|[/>]))`;
})();

/**
 * The tag rule as regular expression sources (for a `u` regex), made from the same names, for a
 * search whose regex may end only where a token does: TAG_AHEAD matches where a tag starts
 * (tagStartsAt), TAG_BEHIND, in a lookbehind, where one ends (tagEndsAt). Under a case-blind flag
 * a capitalised custom element's name (`<PER-1>`) reads as one: the search then looks for the token
 * end itself (search.ts).
 */
export const TAG_AHEAD = `${OPENING}[^<\\n]*>`;
export const TAG_BEHIND = `${OPENING}[^<>\\n]*>`;

/** Whether a code unit may be part of an element's name: an ASCII letter or digit, `-` or `:`. */
function isNameCode(code: number): boolean {
  return (
    (code >= 97 && code <= 122) ||
    (code >= 65 && code <= 90) ||
    (code >= 48 && code <= 57) ||
    code === HYPHEN ||
    code === COLON
  );
}

/** The [start, end) of the name after the `<` or `</` at offset (empty for `<!…>`, `<?…?>` or none). */
function nameSpan(text: string, offset: number): [number, number] {
  const start = offset + (text.charCodeAt(offset + 1) === SLASH ? 2 : 1);
  let end = start;
  while (isNameCode(text.charCodeAt(end))) end++;
  return [start, end];
}

/** The element's name (lower case) of the tag at offset; empty for a comment, `<!…>` or `<?…?>`. */
export function tagNameAt(text: string, offset: number): string {
  const [start, end] = nameSpan(text, offset);
  return text.slice(start, end).toLowerCase();
}

/**
 * Whether the `<` at offset opens a tag by what follows it: `!` or `?` (`<!--`, `<!DOCTYPE`,
 * `<?xml`), or an element's name (isElementName), after `/` in an end tag, then whitespace, `/` or `>`.
 */
function opensTag(text: string, offset: number): boolean {
  const next = text.charCodeAt(offset + 1);
  if (next === EXCLAMATION_MARK || next === QUESTION_MARK) return true;
  const [start, end] = nameSpan(text, offset);
  const after = text.charCodeAt(end);
  return (
    (isSpaceCode(after) || after === SLASH || after === GREATER_THAN) &&
    isElementName(text.slice(start, end))
  );
}

/**
 * The end (after its `>`) of the HTML tag starting at offset, or -1 when none does. A tag is `<`
 * then what opensTag takes, up to `>` on the line with no `<` inside: the one definition.
 */
export function tagEnd(text: string, offset: number): number {
  if (text.charCodeAt(offset) !== LESS_THAN || !opensTag(text, offset)) return -1;
  for (let i = offset + 2; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === GREATER_THAN) return i + 1;
    if (code === LESS_THAN || code === LINE_FEED) return -1;
  }
  return -1;
}

/** Whether an HTML tag (see tagEnd) starts at offset. */
export function tagStartsAt(text: string, offset: number): boolean {
  return tagEnd(text, offset) !== -1;
}

/** Whether text holds an HTML tag. */
export function hasTag(text: string): boolean {
  for (let i = text.indexOf('<'); i !== -1; i = text.indexOf('<', i + 1)) {
    if (tagStartsAt(text, i)) return true;
  }
  return false;
}

/** Whether an HTML tag ends just before offset. */
export function tagEndsAt(text: string, offset: number): boolean {
  if (offset < 3 || text.charCodeAt(offset - 1) !== GREATER_THAN) return false;
  for (let i = offset - 2; i >= 0; i--) {
    const code = text.charCodeAt(i);
    if (code === LESS_THAN) return i < offset - 2 && opensTag(text, i);
    if (code === GREATER_THAN || code === LINE_FEED) return false;
  }
  return false;
}

/**
 * Whether a token boundary falls at offset inside a run of non-whitespace: an HTML tag starts or
 * ends there (`DELL</pre></code>` is the tokens `DELL`, `</pre>`, `</code>`).
 */
export function isTagEdge(text: string, offset: number): boolean {
  return tagStartsAt(text, offset) || tagEndsAt(text, offset);
}

/**
 * Whether offset is at a token boundary: whitespace on either side, a tag's edge (unless the tags
 * are text: see Tags), or the text's ends.
 */
function isBoundary(text: string, offset: number, tags: Tags = 'markup'): boolean {
  return (
    offset <= 0 ||
    offset >= text.length ||
    isSpaceCode(text.charCodeAt(offset - 1)) ||
    isSpaceCode(text.charCodeAt(offset)) ||
    (tags === 'markup' && isTagEdge(text, offset))
  );
}

export function isTokenStart(text: string, offset: number): boolean {
  return (
    offset >= 0 &&
    offset < text.length &&
    !isSpaceCode(text.charCodeAt(offset)) &&
    isBoundary(text, offset)
  );
}

export function isTokenEnd(text: string, offset: number): boolean {
  return (
    offset > 0 &&
    offset <= text.length &&
    !isSpaceCode(text.charCodeAt(offset - 1)) &&
    isBoundary(text, offset)
  );
}

/** The start of the token holding the (non-whitespace) code unit at offset. */
function startOfToken(text: string, offset: number): number {
  let i = offset;
  while (i > 0 && !isBoundary(text, i)) i--;
  return i;
}

/** The end of the token holding the (non-whitespace) code unit at offset. */
function endOfToken(text: string, offset: number, tags: Tags = 'markup'): number {
  let i = offset + 1;
  while (i < text.length && !isBoundary(text, i, tags)) i++;
  return i;
}

/**
 * Widens [start, end) to whole tokens: start moves back to its token's start, end forward to its
 * token's end; leading and trailing whitespace is dropped. Null when the span holds no token.
 */
export function snapToTokens(
  text: string,
  start: number,
  end: number,
): { start: number; end: number } | null {
  let from = Math.max(0, Math.min(start, end));
  let to = Math.min(text.length, Math.max(start, end));
  while (from < to && isSpaceCode(text.charCodeAt(from))) from++;
  while (to > from && isSpaceCode(text.charCodeAt(to - 1))) to--;
  if (from >= to) {
    if (start !== end) return null;
    // A caret touching a token snaps to that token (the one after it when it touches two).
    if (from < text.length && !isSpaceCode(text.charCodeAt(from))) to = from + 1;
    else if (from > 0 && !isSpaceCode(text.charCodeAt(from - 1))) from = from - 1;
    else return null;
  }
  return { start: startOfToken(text, from), end: endOfToken(text, to - 1) };
}

/** The start of the token after the one starting at or containing offset, or -1 at the end of the line. */
export function nextTokenStart(text: string, offset: number): number {
  let i = offset;
  if (i < text.length && !isSpaceCode(text.charCodeAt(i))) i = endOfToken(text, i);
  while (i < text.length && isSpaceCode(text.charCodeAt(i))) {
    if (text.charCodeAt(i) === LINE_FEED) return -1;
    i++;
  }
  return i < text.length ? i : -1;
}

/** The end of the token before the one ending at offset, or -1 at the start of the line. */
export function previousTokenEnd(text: string, offset: number): number {
  let i = offset;
  if (i > 0 && !isSpaceCode(text.charCodeAt(i - 1))) i = startOfToken(text, i - 1);
  while (i > 0 && isSpaceCode(text.charCodeAt(i - 1))) {
    if (text.charCodeAt(i - 1) === LINE_FEED) return -1;
    i--;
  }
  return i > 0 ? i : -1;
}

/** The start of the token before the one starting at offset, or -1 at the start of the line. */
export function previousTokenStart(text: string, offset: number): number {
  const end = previousTokenEnd(text, offset);
  return end === -1 ? -1 : startOfToken(text, end - 1);
}

/** The end of the token after the one ending at offset, or -1 at the end of the line. */
export function nextTokenEnd(text: string, offset: number): number {
  const start = offset > 0 ? nextTokenStart(text, offset - 1) : -1;
  return start === -1 ? -1 : endOfToken(text, start);
}

/** The tags of the last text asked about (a document's text stays the same string through its edits). */
let tagged: { text: string; starts: number[]; ends: number[] } | null = null;

/**
 * The [start, end) of the HTML tag that offset falls strictly inside (after its `<`, up to its `>`),
 * if any. The text's tags are found once and looked up by halving, so asking for each of many places
 * on one long line costs no scan of the line each.
 */
export function tagAround(text: string, offset: number): [number, number] | null {
  if (tagged?.text === text) {
    // Another string of the same text (a document read again) is compared in full once: kept from
    // then on, the next comparisons find the very same string at once.
    tagged.text = text;
  } else {
    const spans = tagSpans(text);
    tagged = { text, starts: spans.map(([start]) => start), ends: spans.map(([, end]) => end) };
  }
  const { starts, ends } = tagged;
  // The last tag starting before offset: offset is inside it when it ends after offset.
  let low = 0;
  let high = starts.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (starts[middle] < offset) low = middle + 1;
    else high = middle;
  }
  const last = low - 1;
  return last >= 0 && offset < ends[last] ? [starts[last], ends[last]] : null;
}

/** The HTML tag a span [start, end) of text would start or end inside (no entity may), or null. */
export function tagAtEdge(text: string, start: number, end: number): [number, number] | null {
  return tagAround(text, start) ?? tagAround(text, end);
}

/** Whether text holds HTML tags and nothing else but whitespace (`<br>`, `<b></b>`). */
export function onlyMarkup(text: string): boolean {
  const tags = tagSpans(text);
  if (tags.length === 0) return false;
  let at = 0;
  for (const [start, end] of tags) {
    if (hasToken(text, at, start)) return false;
    at = end;
  }
  return !hasToken(text, at);
}

/** Every [start, end) of text's HTML tags, in order. */
export function tagSpans(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  for (let i = text.indexOf('<'); i !== -1; i = text.indexOf('<', i + 1)) {
    const end = tagEnd(text, i);
    if (end !== -1) spans.push([i, end]);
  }
  return spans;
}

/**
 * How many tokens of text are cut by a tag edge out of a longer run of non-whitespace: what
 * countTokensInUtf8, which counts whitespace-separated runs, leaves out.
 */
export function countTagCuts(text: string): number {
  let cuts = 0;
  for (const [start, end] of tagSpans(text)) {
    // The cut before the tag (unless another tag's end made it already) and the one after it.
    if (start > 0 && !isSpaceCode(text.charCodeAt(start - 1)) && !tagEndsAt(text, start)) cuts++;
    if (end < text.length && !isSpaceCode(text.charCodeAt(end))) cuts++;
  }
  return cuts;
}

/** Whether each byte is ASCII whitespace that separates tokens, by byte value. */
const SPACE_BYTE = new Uint8Array(256);
for (const code of [9, 10, 11, 12, 13, 32]) SPACE_BYTE[code] = 1;
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/**
 * How many whitespace-separated runs the UTF-8 text in bytes holds: as many as tokenSpans lists in
 * its decoded text less countTagCuts, because every byte of a multi-byte character is 0x80 or more,
 * never whitespace. Four bytes are
 * looked at in one step (a fast path for corpus statistics).
 */
export function countTokensInUtf8(bytes: Uint8Array): number {
  let count = 0;
  let afterSpace = 1;
  let i = 0;
  const countByte = (byte: number) => {
    const space = SPACE_BYTE[byte];
    count += afterSpace & (space ^ 1);
    afterSpace = space;
  };
  // Byte by byte up to a 4-byte boundary (the whole text on a big-endian machine).
  const head = LITTLE_ENDIAN
    ? Math.min(bytes.length, (4 - (bytes.byteOffset & 3)) & 3)
    : bytes.length;
  for (; i < head; i++) countByte(bytes[i]);
  const wordCount = (bytes.length - i) >> 2;
  const words =
    wordCount > 0
      ? new Int32Array(bytes.buffer, bytes.byteOffset + i, wordCount)
      : new Int32Array(0);
  // In each word, the top bit of each byte says "this byte is whitespace" once computed.
  let spaceBefore = afterSpace << 7; // the previous byte's flag, where byte 0's flag sits
  for (let k = 0; k < words.length; k++) {
    const word = words[k];
    // Bytes equal to 0x20: bytes of word ^ 0x20202020 that are zero (exact, no borrow between bytes).
    const xored = word ^ 0x20202020;
    const blanks = ~(((xored & 0x7f7f7f7f) + 0x7f7f7f7f) | xored);
    // Bytes 9 to 13: at least 9 and not at least 14, among bytes under 0x80.
    const low = word & 0x7f7f7f7f;
    const controls = (low + 0x77777777) & ~(low + 0x72727272) & ~word;
    const spaces = (blanks | controls) & 0x80808080;
    // A token starts at a byte that is not whitespace where the byte before it is.
    const starts = ~spaces & 0x80808080 & ((spaces << 8) | spaceBefore);
    count += Math.imul(starts >>> 7, 0x01010101) >>> 24;
    spaceBefore = (spaces >>> 24) & 0x80;
  }
  i += words.length * 4;
  afterSpace = spaceBefore >> 7;
  for (; i < bytes.length; i++) countByte(bytes[i]);
  return count;
}

/** Whether text[start, end) holds a token (anything but whitespace). */
export function hasToken(text: string, start = 0, end = text.length): boolean {
  for (let i = start; i < end; i++) if (!isSpaceCode(text.charCodeAt(i))) return true;
  return false;
}

/** Hands visit each token's [start, end) of text, in order, allocating nothing. */
export function forEachToken(
  text: string,
  visit: (start: number, end: number) => void,
  tags: Tags = 'markup',
): void {
  let i = 0;
  while (i < text.length) {
    if (isSpaceCode(text.charCodeAt(i))) {
      i++;
      continue;
    }
    const end = endOfToken(text, i, tags);
    visit(i, end);
    i = end;
  }
}

/** Every [start, end) of text's tokens, in order. */
export function tokenSpans(text: string, tags: Tags = 'markup'): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  forEachToken(text, (start, end) => spans.push([start, end]), tags);
  return spans;
}
