// Where the documents and sentences of a plain text are: blank lines separate documents, lines are sentences.
import { hasToken } from '../format/tokens';

/** A [start, end) stretch of plain text with the 1-based line it starts on. */
export interface TextUnit {
  start: number;
  end: number;
  line: number;
}

/** The non-blank lines of text, without their line ends (a trailing CR is not part of the line). */
export function sentenceUnits(text: string): TextUnit[] {
  const units: TextUnit[] = [];
  let start = 0;
  let line = 1;
  while (start <= text.length) {
    const feed = text.indexOf('\n', start);
    const lineEnd = feed === -1 ? text.length : feed;
    const end = lineEnd > start && text.charCodeAt(lineEnd - 1) === 13 ? lineEnd - 1 : lineEnd;
    if (hasToken(text, start, end)) units.push({ start, end, line });
    if (feed === -1) break;
    start = feed + 1;
    line++;
  }
  return units;
}

/**
 * The documents of text: runs of non-blank lines, separated by one or more blank lines (the way
 * imported corpora mark `-DOCSTART-`). A text without blank lines is one document.
 */
export function documentUnits(text: string): TextUnit[] {
  const documents: TextUnit[] = [];
  let current: TextUnit | null = null;
  let previousLine = 0;
  for (const sentence of sentenceUnits(text)) {
    if (current && sentence.line === previousLine + 1) current.end = sentence.end;
    else {
      current = { ...sentence };
      documents.push(current);
    }
    previousLine = sentence.line;
  }
  return documents;
}
