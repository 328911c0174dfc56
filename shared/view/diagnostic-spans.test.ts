import { describe, expect, it } from 'vitest';
import { parse } from '../format/parse';
import { validate } from '../format/validate';
import { diagnosticSpans } from './diagnostic-spans';

const marked = (source: string) => {
  const doc = parse(source);
  return diagnosticSpans(doc, validate(doc)).map((span) => [
    doc.text.slice(span.start, span.end),
    span.diagnostic.code,
  ]);
};

describe('diagnosticSpans', () => {
  it('maps file offsets past entity markup to the token on the plain text', () => {
    expect(marked('[PER Ann  ] met [ORG Bob  ] and [LOC Cy never closes')).toEqual([
      ['[LOC', 'unclosed-entity'],
    ]);
  });

  it('marks problems inside and at the start of entities on their tokens', () => {
    expect(marked('x [GPE Paris  ] y [PER <b>Dell</b>  ] z')).toEqual([
      ['Paris', 'unknown-label'],
      ['<b>', 'markup-in-entity'],
    ]);
  });

  it('places problems on later lines, after a BOM and CRLF line ends', () => {
    const doc = parse('\ufeff[PER Ann  ] ok\r\nand a stray  ] here\r\n');
    const spans = diagnosticSpans(doc, validate(doc));
    expect(spans.map((span) => doc.text.slice(span.start, span.end))).toEqual([']']);
    expect(spans[0].diagnostic.line).toBe(2);
  });
});
