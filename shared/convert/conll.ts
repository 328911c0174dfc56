// CoNLL token files: bracket documents to `TOKEN<TAB>TAG` lines and back, in IOB1, IOB2 or BIOES.
import { append } from '../long-lists';
import { plural } from '../plural';
import type { BracketDocument, DocumentEntity } from '../format/document';
import { lineStarts, lineIndexAt } from '../format/position';
import { hasTag, isSpaceCode, tagAround, tagEnd, tokenSpans, type Tags } from '../format/tokens';
import {
  checkImportedText,
  writeBracketFile,
  type BracketFile,
  type ImportedText,
  type SourceEntity,
} from './bracket-file';
import { ConvertError, ExportCheckError, type ConvertMessage } from './messages';
import {
  decodeTags,
  detectScheme,
  encodeTags,
  firstSchemeViolation,
  splitTag,
  type TagScheme,
  type TokenChunk,
} from './tags';
import { documentUnits, sentenceUnits } from './units';
import { keepingLeadingFeff } from '../format/storable';

export const DOCSTART_LINE = '-DOCSTART- -X- -X- O';
const DOCSTART = '-DOCSTART-';

export interface ConllSentence {
  tokens: string[];
  tags: string[];
  /** The 1-based line of each token in the CoNLL file. */
  lines: number[];
}

/** A CoNLL file's documents (split at `-DOCSTART-`), each a list of sentences. */
export interface ConllCorpus {
  documents: ConllSentence[][];
  docstarts: number;
  /** What was read but is not kept: empty documents and sentences. */
  warnings: ConvertMessage[];
}

const EMPTY_DOCUMENT =
  'a -DOCSTART- with no sentence before the next: an empty document, which the bracket file does not keep (exported again, it is gone)';

const LONE_RETURNS =
  'a carriage return inside a line: a file whose lines end with lone carriage returns (classic Mac OS) reads as one line; convert its line ends to LF first';

/**
 * Reads a CoNLL file: token first, tag last, any number of columns (the same on every line),
 * blank lines between sentences, `-DOCSTART-` lines in any spelling between documents. Columns are
 * apart by tabs where the first line with columns has one (a token may then hold spaces), else by
 * spaces and tabs.
 */
export function readConll(source: string): ConllCorpus {
  const documents: ConllSentence[][] = [[]];
  let sentence: ConllSentence | null = null;
  let columns = 0;
  let columnsLine = 0;
  let docstarts = 0;
  let docstartLine = 0;
  let comments = 0;
  let firstComment = 0;
  /** Tokens the bracket file cuts (at a space or an HTML tag), each with its line and pieces. */
  const cut: CutToken[] = [];
  const warnings: ConvertMessage[] = [];
  const lines = source.replace(/^\uFEFF/, '').split('\n');
  const separator = columnSeparator(lines);
  lines.forEach((raw, index) => {
    const line = index + 1;
    const content = raw.replace(/^[ \t]+|[ \t\r]+$/g, '');
    if (content.includes('\r')) throw new ConvertError(line, LONE_RETURNS);
    if (content === '') {
      sentence = null;
      return;
    }
    const fields = content.split(separator);
    // A comment (CoNLL-U's `# text = ...`), told from a `#` token by having no tag last, and from
    // a hashtag token with a bad tag (`#Ferguson b-location`, refused below) by the space after `#`.
    const hashtag = fields.length > 1 && /^#[^ \t]/.test(content);
    if (content.startsWith('#') && !hashtag && !splitTag(fields[fields.length - 1])) {
      if (comments++ === 0) firstComment = line;
      return;
    }
    if (firstWord(content) === DOCSTART) {
      if (docstartLine > 0 && documents[documents.length - 1].length === 0)
        warnings.push({ line: docstartLine, message: EMPTY_DOCUMENT });
      docstarts++;
      docstartLine = line;
      sentence = null;
      if (documents[documents.length - 1].length > 0) documents.push([]);
      return;
    }
    if (fields.length < 2) {
      throw new ConvertError(
        line,
        'a token line needs at least two columns: the token and its tag',
      );
    }
    if (columns === 0) {
      columns = fields.length;
      columnsLine = line;
    } else if (fields.length !== columns) {
      throw new ConvertError(
        line,
        `${fields.length} columns, but the file's lines have ${columns} (as on line ${columnsLine})`,
      );
    }
    const tag = fields[fields.length - 1];
    if (!splitTag(tag)) {
      throw new ConvertError(line, `"${tag}" is not a tag: O, or B-, I-, E-, S- and a label`);
    }
    if (!sentence) {
      sentence = { tokens: [], tags: [], lines: [] };
      documents[documents.length - 1].push(sentence);
    }
    checkImportedText(fields[0], line, 'the token');
    const pieces = tokenSpans(fields[0]).length;
    if (pieces > 1) cut.push({ line, token: fields[0], pieces });
    sentence.tokens.push(fields[0]);
    sentence.tags.push(tag);
    sentence.lines.push(line);
  });
  if (docstartLine > 0 && documents[documents.length - 1].length === 0)
    warnings.push({ line: docstartLine, message: EMPTY_DOCUMENT });
  if (comments > 0)
    warnings.push({
      line: firstComment,
      message: `${plural(comments, 'comment line')} (# and no tag) skipped`,
    });
  append(warnings, cutTokenWarnings(cut));
  if (documents.length > 1 && documents[documents.length - 1].length === 0) documents.pop();
  return { documents, docstarts, warnings };
}

/** A token of a CoNLL file that the bracket file has as more than one. */
interface CutToken {
  line: number;
  token: string;
  pieces: number;
}

/** Why the bracket file cuts a token: what the token holds, how it is cut, how to keep it one. */
interface CutCause {
  holds: string;
  cuts: string;
  fix: string;
}

const SPACE: CutCause = { holds: 'a space', cuts: 'has it as', fix: 'without spaces' };
const MARKUP: CutCause = {
  holds: 'HTML markup',
  cuts: 'cuts it where a tag starts and ends, into',
  fix: 'without the tag',
};
const SPACE_AND_MARKUP: CutCause = {
  holds: 'a space and HTML markup',
  cuts: 'has it as',
  fix: 'without spaces and tags',
};

function cutCause(token: string): CutCause {
  if (!hasTag(token)) return SPACE;
  const spaced = [...token].some((character) => isSpaceCode(character.charCodeAt(0)));
  return spaced ? SPACE_AND_MARKUP : MARKUP;
}

/**
 * One warning for each cause of cut tokens (a tab-separated file's token holding a space, a token
 * holding an HTML tag), at the first such token's line, counting the others like it.
 */
function cutTokenWarnings(cut: readonly CutToken[]): ConvertMessage[] {
  const byCause = new Map<CutCause, CutToken[]>();
  for (const token of cut) {
    const cause = cutCause(token.token);
    const same = byCause.get(cause);
    if (same) same.push(token);
    else byCause.set(cause, [token]);
  }
  return [...byCause].map(([cause, [first, ...others]]) => ({
    line: first.line,
    message:
      cutTokenWarning(cause, first) +
      (others.length > 0 ? ` (and ${plural(others.length, 'more token')} like it)` : ''),
  }));
}

/** What a cut token becomes in the bracket file, and how to keep it one token. */
function cutTokenWarning({ holds, cuts, fix }: CutCause, { token, pieces }: CutToken): string {
  return (
    `the token ${JSON.stringify(token)} holds ${holds}: the bracket file ${cuts} ${pieces} tokens, ` +
    `so exported again its sentence has ${plural(pieces - 1, 'more token')} and data aligned to the ` +
    `tokens no longer lines up; write it ${fix} to keep it one token`
  );
}

/** The line's text up to its first space or tab. */
const firstWord = (content: string) => content.split(/[ \t]/, 1)[0];

/** Tabs (spaces beside them ignored) where the first token line has one, else spaces and tabs. */
function columnSeparator(lines: readonly string[]): RegExp {
  const first = lines.find((raw) => {
    const content = raw.trim();
    return content !== '' && !content.startsWith('#') && firstWord(content) !== DOCSTART;
  });
  return first?.trim().includes('\t') ? / *\t[ \t]*/ : /[ \t]+/;
}

export interface ConllImport extends BracketFile {
  scheme: TagScheme;
  detected: boolean;
}

/**
 * A CoNLL file as a bracket file: one sentence per line, documents separated by a blank line.
 * Tags are decoded by conlleval's rules, so IOB1 loses no entity; tags that break the scheme are
 * reported as one warning.
 */
export function importConll(source: string, scheme: TagScheme | 'auto' = 'auto'): ConllImport {
  return importTaggedSentences(readConll(source), scheme);
}

/** Tagged sentences (from CoNLL or another token format) as a bracket file; see importConll. */
export function importTaggedSentences(
  corpus: ConllCorpus,
  scheme: TagScheme | 'auto',
): ConllImport {
  const sentences = corpus.documents.flat();
  const detected = scheme === 'auto';
  const used = detected ? detectScheme(sentences.map((sentence) => sentence.tags)) : scheme;
  const warnings: ConvertMessage[] = [];
  let violations = 0;
  for (const sentence of sentences) {
    const index = firstSchemeViolation(sentence.tags, used);
    if (index === -1) continue;
    if (violations === 0) {
      warnings.push({
        line: sentence.lines[index],
        message: `tag "${sentence.tags[index]}" does not follow ${used.toUpperCase()}`,
      });
    }
    violations++;
  }
  if (violations > 1) {
    warnings[0].message += ` (nor do ${violations - 1} more sentences); all read by conlleval's rules`;
  }

  const parts: string[] = [];
  const entities: SourceEntity[] = [];
  const origins: ImportedText['origins'] = [];
  let offset = 0;
  corpus.documents.forEach((document, documentIndex) => {
    if (documentIndex > 0) {
      parts.push('\n');
      offset += 1;
    }
    for (const sentence of document) {
      // Each token is where its own input line begins: a problem is named at the token's line.
      const starts: number[] = [];
      sentence.tokens.forEach((token, index) => {
        if (index > 0) offset += 1;
        starts.push(offset);
        origins.push({ offset, line: sentence.lines[index] });
        offset += token.length;
      });
      for (const chunk of decodeTags(sentence.tags)) {
        const tokens = sentence.tokens.slice(chunk.start, chunk.end);
        if (tokens.every((token) => tagEnd(token, 0) === token.length)) {
          warnings.push({
            line: sentence.lines[chunk.start],
            message: `entity [${chunk.label}] ${JSON.stringify(tokens.join(' '))} holds only HTML markup: exported again as tokens (CoNLL, HF), it is left out`,
          });
        }
        entities.push({
          start: starts[chunk.start],
          end: starts[chunk.end - 1] + sentence.tokens[chunk.end - 1].length,
          label: chunk.label,
          line: sentence.lines[chunk.start],
        });
      }
      parts.push(sentence.tokens.join(' '), '\n');
      offset += 1;
    }
  });
  const file = writeBracketFile({ text: parts.join(''), entities, origins });
  return {
    ...file,
    warnings: [...corpus.warnings, ...warnings, ...file.warnings],
    scheme: used,
    detected,
  };
}

export interface ConllOptions {
  scheme: TagScheme;
  /** Write `-DOCSTART- -X- -X- O` and a blank line before each document (blank-line separated). */
  docstart: boolean;
}

export interface TaggedSentence {
  tokens: string[];
  chunks: TokenChunk[];
  line: number;
}

/**
 * For offsets taken in ascending order (entity starts), the index of a sentence's first token
 * ending after the offset, or -1 when none does.
 */
export function firstTokenFinder(
  spans: readonly (readonly [number, number])[],
): (offset: number) => number {
  // Walks forward only: a line costs in proportion to its tokens, not its tokens times its entities.
  let index = 0;
  return (offset: number): number => {
    while (index < spans.length && spans[index][1] <= offset) index++;
    return index < spans.length ? index : -1;
  };
}

/**
 * A document's sentences as CoNLL tokens and entity chunks, in order, each with the index of the
 * document (a run of lines between blank ones) it is in, made as they are asked for. Tokens are the
 * text's (whitespace- and HTML-tag-separated), cut where an entity starts or ends inside one
 * (`Goldsmith[PER Ann  ]`, `[LOC Kosovo  ].`: a warning says so); an entity's HTML tags at its edges
 * stay outside it (`[ORG <b>IBM</b>  ]` tags IBM only), and one of markup only is left out. With
 * `tags` 'text' (the HTML stripped) a tag-like `<b>` left is a word as any other.
 */
export function* taggedSentences(
  doc: BracketDocument,
  warnings: ConvertMessage[],
  tags: Tags = 'markup',
): Generator<{ document: number; sentence: TaggedSentence }> {
  const { text, entities } = doc;
  const starts = lineStarts(text);
  const lineOf = (offset: number) => lineIndexAt(starts, offset) + 1;
  // A token inside an HTML tag: the whole tag, or a piece of one with attributes (`<a`, `href=x>`).
  const isMarkup = ([start, end]: [number, number]) => {
    if (tags === 'text') return false;
    const tag = tagAround(text, end - 1);
    return tag !== null && tag[0] <= start && end <= tag[1];
  };
  let next = 0;
  for (const [index, document] of documentUnits(text).entries()) {
    for (const unit of sentenceUnits(text.slice(document.start, document.end))) {
      const from = document.start + unit.start;
      const to = document.start + unit.end;
      const inUnit: DocumentEntity[] = [];
      while (next < entities.length && entities[next].start < to) inUnit.push(entities[next++]);
      const whole = tokenSpans(text.slice(from, to), tags).map(([start, end]): [number, number] => [
        start + from,
        end + from,
      ]);
      const spans = cutAtEntityEdges(whole, inUnit);
      const firstTokenAfter = firstTokenFinder(spans);
      const chunks: TokenChunk[] = [];
      for (const entity of inUnit) {
        const quoted = JSON.stringify(text.slice(entity.start, entity.end));
        let first = firstTokenAfter(entity.start);
        if (first === -1 || entity.start < from) continue;
        let last = first;
        while (last + 1 < spans.length && spans[last + 1][0] < entity.end) last++;
        while (first <= last && isMarkup(spans[first])) first++;
        while (last >= first && isMarkup(spans[last])) last--;
        if (first > last) {
          warnings.push({
            line: lineOf(entity.start),
            message: `entity [${entity.label}] ${quoted} holds only HTML markup; left out`,
          });
          continue;
        }
        chunks.push({ start: first, end: last + 1, label: entity.label });
      }
      for (const cut of cutTokens(whole, spans, text))
        warnings.push({ line: lineOf(cut.start), message: cut.message });
      yield {
        document: index,
        sentence: {
          tokens: spans.map(([start, end]) => text.slice(start, end)),
          chunks,
          line: unit.line + lineOf(document.start) - 1,
        },
      };
    }
  }
}

/** Token spans cut where an entity starts or ends strictly inside one (entities sorted, flat). */
export function cutAtEntityEdges(
  spans: ReadonlyArray<[number, number]>,
  entities: ReadonlyArray<{ start: number; end: number }>,
): Array<[number, number]> {
  const edges = entities.flatMap(({ start, end }) => [start, end]);
  const cut: Array<[number, number]> = [];
  let k = 0;
  for (const [start, end] of spans) {
    let from = start;
    for (; k < edges.length && edges[k] < end; k++) {
      if (edges[k] <= from) continue;
      cut.push([from, edges[k]]);
      from = edges[k];
    }
    cut.push([from, end]);
  }
  return cut;
}

/** The tokens of the text that an entity's edge cut in pieces, each with the pieces in words. */
function cutTokens(
  whole: ReadonlyArray<[number, number]>,
  spans: ReadonlyArray<[number, number]>,
  text: string,
): Array<{ start: number; message: string }> {
  if (whole.length === spans.length) return [];
  const cuts: Array<{ start: number; message: string }> = [];
  let k = 0;
  for (const [start, end] of whole) {
    const pieces: string[] = [];
    for (; k < spans.length && spans[k][1] <= end; k++)
      pieces.push(JSON.stringify(text.slice(...spans[k])));
    if (pieces.length > 1) {
      const token = JSON.stringify(text.slice(start, end));
      cuts.push({
        start,
        message: `the token ${token} is cut at an entity's edge: ${pieces.join(' ')}`,
      });
    }
  }
  return cuts;
}

/**
 * A bracket document as CoNLL: one token per line with its tag, a blank line after each sentence
 * (its HTML tags read as `tags` says, see taggedSentences). The output is read back and checked
 * (tokens, scheme, entities) before it is returned.
 */
export function exportConll(
  doc: BracketDocument,
  options: ConllOptions,
  tags: Tags = 'markup',
): { output: string; warnings: ConvertMessage[] } {
  const warnings: ConvertMessage[] = [];
  let documentIndex = -1;
  const output = writeChecked(
    taggedSentences(doc, warnings, tags),
    ({ document, sentence }) => {
      const marker = options.docstart && document !== documentIndex ? `${DOCSTART_LINE}\n\n` : '';
      documentIndex = document;
      // A sentence is a line: the token's line is its sentence's.
      if (sentence.tokens.includes(DOCSTART)) {
        throw new ConvertError(
          sentence.line,
          `the token ${DOCSTART} would read as a document start in CoNLL; export to hf or jsonl, or edit it`,
        );
      }
      const tags = encodeTags(sentence.tokens.length, sentence.chunks, options.scheme);
      return `${marker}${sentence.tokens.map((token, index) => `${token}\t${tags[index]}\n`).join('')}\n`;
    },
    (text) => readConll(keepingLeadingFeff(text)).documents.flat(),
    options.scheme,
  );
  return { output: keepingLeadingFeff(output), warnings };
}

/**
 * Sentences written (write: one's text, in order) and read back (read) a few thousand at a time,
 * each batch checked (see checkSentences): a 100 MB document's tokens, their text and its reading
 * are never all in memory at once. Returns the text written.
 */
export function writeChecked<Item extends { sentence: TaggedSentence }>(
  items: Iterable<Item>,
  write: (item: Item) => string,
  read: (text: string) => readonly ConllSentence[],
  scheme: TagScheme,
): string {
  const parts: string[] = [];
  let texts: string[] = [];
  let written: TaggedSentence[] = [];
  const check = () => {
    const text = texts.join('');
    checkSentences(written, read(text), scheme);
    parts.push(text);
    [texts, written] = [[], []];
  };
  for (const item of items) {
    texts.push(write(item));
    written.push(item.sentence);
    if (written.length === CHECKED_AT_ONCE) check();
  }
  if (written.length > 0) check();
  return parts.join('');
}

/** Sentences written and read back together (see writeChecked). */
const CHECKED_AT_ONCE = 4096;

/** Checks that sentences read back from an export are the ones written: tokens, scheme, entities. */
export function checkSentences(
  expected: readonly TaggedSentence[],
  read: readonly ConllSentence[],
  scheme: TagScheme,
): void {
  expected.forEach((sentence, index) => {
    const got = read[index];
    const fail = (what: string) => {
      throw new ExportCheckError(sentence.line, what);
    };
    if (!got || got.tokens.join(' ') !== sentence.tokens.join(' '))
      fail('the tokens do not read back');
    if (firstSchemeViolation(got.tags, scheme) !== -1) fail(`the tags break ${scheme}`);
    const chunks = decodeTags(got.tags);
    const same =
      chunks.length === sentence.chunks.length &&
      chunks.every(
        (chunk, k) =>
          chunk.start === sentence.chunks[k].start &&
          chunk.end === sentence.chunks[k].end &&
          chunk.label === sentence.chunks[k].label,
      );
    if (!same) fail('the entities do not read back from the tags');
  });
  if (read.length !== expected.length) {
    throw new ExportCheckError(1, `${read.length} sentences read back, ${expected.length} written`);
  }
}
