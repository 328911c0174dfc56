// Outputs past a JavaScript string's limit: refused at once with a message, and never a document whose output would fit.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from '../format/parse';
import { DEFAULT_EXPORT_OPTIONS, exportDocument, type ExportFormat } from './export';
import { labelStudioFloor } from './labelstudio';
import { ConvertError } from './messages';
import { prodigyFloor } from './prodigy';
import { RECORD_UNITS } from './records';

const exported = (source: string, format: ExportFormat, unit = RECORD_UNITS[0]) =>
  exportDocument(source, parse(source), { ...DEFAULT_EXPORT_OPTIONS, format, unit });

describe('export output limit', () => {
  it('counts fewer characters than the Label Studio and Prodigy outputs have, in either unit', () => {
    const piece = fc.constantFrom(
      'Ann',
      '[PER Ann  ]',
      '[LOC 𝒳 é  ]',
      ' ',
      '\n',
      '\n\n',
      '"q"',
      '\t',
    );
    const source = fc.array(piece, { maxLength: 30 }).map((pieces) => pieces.join(''));
    fc.assert(
      fc.property(source, fc.constantFrom(...RECORD_UNITS), (text, unit) => {
        const doc = parse(text);
        expect(labelStudioFloor(doc)).toBeLessThanOrEqual(
          exported(text, 'labelstudio', unit).outputs[0].content.length,
        );
        expect(prodigyFloor(doc)).toBeLessThanOrEqual(
          exported(text, 'prodigy', unit).outputs[0].content.length,
        );
      }),
      { numRuns: 300 },
    );
  });

  it('refuses at once a document whose output could not be one string, naming the format', () => {
    const refusal = (source: string, format: ExportFormat) => {
      try {
        exported(source, format);
      } catch (error) {
        if (error instanceof ConvertError) return error.message;
        throw error;
      }
      return null;
    };
    // 3.1 million one-letter entities: their results alone pass 512 MB.
    expect(refusal('[A x  ] '.repeat(3_100_000), 'labelstudio')).toMatch(
      /^the Label Studio JSON output of this document would be over \d+ MB, more than one output file can hold here \(512 MB\): split the document into smaller files$/,
    );
    // Twelve million tokens, in Prodigy's token list.
    expect(refusal('x '.repeat(12_000_000), 'prodigy')).toMatch(
      /^the Prodigy JSONL output of this document would be over \d+ MB/,
    );
  });
});
