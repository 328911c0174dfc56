// Hugging Face token classification: one {"tokens": [...], "ner_tags": ["B-PER", "O", ...]} object per sentence (IOB2).
import type { BracketDocument } from '../format/document';
import { isSpaceCode, type Tags } from '../format/tokens';
import {
  importTaggedSentences,
  taggedSentences,
  writeChecked,
  type ConllImport,
  type ConllSentence,
} from './conll';
import { checkImportedText } from './bracket-file';
import { forEachJsonLine } from './json-lines';
import { ConvertError, preview, type ConvertMessage } from './messages';
import { encodeTags, splitTag, type TagScheme } from './tags';

/**
 * The document as HF JSON lines, one object per sentence (non-blank line), tags in IOB2 strings.
 * Entities are widened to whole tokens as in CoNLL (with a warning; HTML tags read as `tags` says,
 * see taggedSentences); read back and checked.
 */
export function exportHf(
  doc: BracketDocument,
  tags: Tags = 'markup',
): { output: string; warnings: ConvertMessage[] } {
  const warnings: ConvertMessage[] = [];
  const output = writeChecked(
    taggedSentences(doc, warnings, tags),
    ({ sentence: { tokens, chunks } }) =>
      `${JSON.stringify({ tokens, ner_tags: encodeTags(tokens.length, chunks, 'iob2') })}\n`,
    readHf,
    'iob2',
  );
  return { output, warnings };
}

/** A token as the README defines it: a non-empty run of anything but ASCII whitespace. */
function isToken(token: unknown): token is string {
  if (typeof token !== 'string' || token === '') return false;
  for (let i = 0; i < token.length; i++) if (isSpaceCode(token.charCodeAt(i))) return false;
  return true;
}

/** The sentences of an HF JSON lines file (blank lines skipped); throws ConvertError naming the line. */
export function readHf(source: string, warnings: ConvertMessage[] = []): ConllSentence[] {
  const sentences: ConllSentence[] = [];
  forEachJsonLine(source, (value, line) => {
    const { tokens, ner_tags: tags } = (value ?? {}) as { tokens?: unknown; ner_tags?: unknown };
    if (!Array.isArray(tokens) || !Array.isArray(tags)) {
      throw new ConvertError(line, 'expected an object with "tokens" and "ner_tags" lists');
    }
    if (tokens.length !== tags.length) {
      throw new ConvertError(line, `${tokens.length} tokens but ${tags.length} tags`);
    }
    tokens.forEach((token: unknown, index) => {
      if (!isToken(token)) {
        throw new ConvertError(
          line,
          `token ${index + 1} (${preview(token)}) is not a token: a non-empty run of anything but ASCII whitespace`,
        );
      }
      checkImportedText(token, line, `token ${index + 1}`);
    });
    tags.forEach((tag: unknown, index) => {
      if (typeof tag === 'number') {
        throw new ConvertError(
          line,
          'ner_tags holds class numbers: write them as strings ("B-PER"), e.g. with the feature\'s int2str',
        );
      }
      if (typeof tag !== 'string' || !splitTag(tag)) {
        throw new ConvertError(
          line,
          `tag ${index + 1} (${preview(tag)}) is not a tag: O, or B-, I-, E-, S- and a label`,
        );
      }
    });
    if (tokens.length === 0) {
      warnings.push({
        line,
        message:
          'a record with no tokens: the bracket file keeps no empty sentence (exported again, it is gone, and the records after it move up one)',
      });
    } else {
      sentences.push({
        tokens: tokens as string[],
        tags: tags as string[],
        lines: tokens.map(() => line),
      });
    }
  });
  return sentences;
}

/** An HF JSON lines file as a bracket file: one sentence per line, tags read by conlleval's rules. */
export function importHf(source: string, scheme: TagScheme | 'auto' = 'auto'): ConllImport {
  const warnings: ConvertMessage[] = [];
  const documents = [readHf(source, warnings)];
  return importTaggedSentences({ documents, docstarts: 0, warnings }, scheme);
}
