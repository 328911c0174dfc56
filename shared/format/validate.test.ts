import { describe, expect, it } from 'vitest';
import { applyTransaction } from '../model/operations';
import { parse } from './parse';
import { summarize, validate } from './validate';

describe('validate and summarize', () => {
  const doc = parse('[GPE Paris  ] and [PER <b>Ann</b>  ] .\n');

  it('derive diagnostics from the document as it is now', () => {
    expect(validate(doc, doc.labels).map((d) => d.code)).toEqual([
      'unknown-label',
      'markup-in-entity',
    ]);
    const { doc: relabeled } = applyTransaction(doc, {
      ops: [{ op: 'relabel', id: 1, label: 'LOC' }],
    });
    expect(validate(relabeled, relabeled.labels).map((d) => d.code)).toEqual(['markup-in-entity']);
    expect(validate(doc, [...doc.labels, 'GPE']).map((d) => d.code)).toEqual(['markup-in-entity']);
  });

  it('count entities per label and problems by severity', () => {
    expect(summarize(doc, validate(doc, doc.labels))).toEqual({
      entities: 2,
      errors: 0,
      warnings: 2,
      labels: { GPE: 1, PER: 1 },
    });
  });
});
