// CoNLL token files: bracket documents to `TOKEN<TAB>TAG` lines and back, in IOB1, IOB2 or BIOES.
import type { BracketDocument } from '../format/document';
import { lineStarts, lineIndexAt } from '../format/position';
import { tokenSpans } from '../format/tokens';
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
}

/**
 * Reads a CoNLL file: token first, tag last, any number of columns (the same on every line),
 * blank lines between sentences, `-DOCSTART-` lines in any spelling between documents.
 */
export function readConll(source: string): ConllCorpus {
  const documents: ConllSentence[][] = [[]];
  let sentence: ConllSentence | null = null;
  let columns = 0;
  let columnsLine = 0;
  let docstarts = 0;
  const lines = source.replace(/^\uFEFF/, '').split('\n');
  lines.forEach((raw, index) => {
    const line = index + 1;
    const content = raw.replace(/^[ \t]+|[ \t\r]+$/g, '');
    if (content === '') {
      sentence = null;
      return;
    }
    const fields = content.split(/[ \t]+/);
    if (fields[0] === DOCSTART) {
      docstarts++;
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
    sentence.tokens.push(fields[0]);
    sentence.tags.push(tag);
    sentence.lines.push(line);
  });
  if (documents.length > 1 && documents[documents.length - 1].length === 0) documents.pop();
  return { documents, docstarts };
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
  return { ...file, warnings: [...warnings, ...file.warnings], scheme: used, detected };
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

/** The document's sentences (non-blank lines) as tokens, with entities widened to whole tokens. */
export function taggedSentences(
  doc: BracketDocument,
  warnings: ConvertMessage[],
): TaggedSentence[][] {
  const { text, entities } = doc;
  const starts = lineStarts(text);
  const lineOf = (offset: number) => lineIndexAt(starts, offset) + 1;
  let next = 0;
  return documentUnits(text).map((document) =>
    sentenceUnits(text.slice(document.start, document.end)).map((unit) => {
      const from = document.start + unit.start;
      const to = document.start + unit.end;
      const spans = tokenSpans(text.slice(from, to)).map(([start, end]): [number, number] => [
        start + from,
        end + from,
      ]);
      const firstTokenAfter = firstTokenFinder(spans);
      const chunks: TokenChunk[] = [];
      while (next < entities.length && entities[next].start < to) {
        const entity = entities[next++];
        const quoted = JSON.stringify(text.slice(entity.start, entity.end));
        const first = firstTokenAfter(entity.start);
        let last = first;
        while (last + 1 < spans.length && spans[last + 1][0] < entity.end) last++;
        if (first === -1 || entity.start < from) continue;
        const previous = chunks[chunks.length - 1];
        if (previous && previous.end > first) {
          warnings.push({
            line: lineOf(entity.start),
            message: `entity [${entity.label}] ${quoted} shares a token with the entity before it; left out`,
          });
          continue;
        }
        if (spans[first][0] !== entity.start || spans[last][1] !== entity.end) {
          const tokens = JSON.stringify(text.slice(spans[first][0], spans[last][1]));
          warnings.push({
            line: lineOf(entity.start),
            message: `entity [${entity.label}] ${quoted} covers part of a token; tagged as ${tokens}`,
          });
        }
        chunks.push({ start: first, end: last + 1, label: entity.label });
      }
      return {
        tokens: spans.map(([start, end]) => text.slice(start, end)),
        chunks,
        line: unit.line + lineOf(document.start) - 1,
      };
    }),
  );
}

/**
 * A bracket document as CoNLL: one token per line with its tag, a blank line after each sentence.
 * The output is read back and checked (tokens, scheme, entities) before it is returned.
 */
export function exportConll(
  doc: BracketDocument,
  options: ConllOptions,
): { output: string; warnings: ConvertMessage[] } {
  const warnings: ConvertMessage[] = [];
  const documents = taggedSentences(doc, warnings);
  const out: string[] = [];
  for (const document of documents) {
    if (options.docstart) out.push(`${DOCSTART_LINE}\n\n`);
    for (const sentence of document) {
      const tags = encodeTags(sentence.tokens.length, sentence.chunks, options.scheme);
      sentence.tokens.forEach((token, index) => out.push(`${token}\t${tags[index]}\n`));
      out.push('\n');
    }
  }
  const output = keepingLeadingFeff(out.join(''));
  checkConll(output, documents, options);
  return { output, warnings };
}

function checkConll(output: string, documents: TaggedSentence[][], options: ConllOptions): void {
  const corpus = readConll(output);
  if (options.docstart && corpus.docstarts !== documents.length) {
    throw new ExportCheckError(
      1,
      `${corpus.docstarts} document markers for ${documents.length} documents`,
    );
  }
  checkSentences(documents.flat(), corpus.documents.flat(), options.scheme);
}

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
