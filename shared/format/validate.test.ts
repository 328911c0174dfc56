import { describe, expect, it } from 'vitest';
import { applyTransaction } from '../model/operations';
import { quickFixes } from '../model/quick-fixes';
import { DEFAULT_LABELS } from './document';
import { parse } from './parse';
import { linesWithOpenMarkup, summarize, validate } from './validate';

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
    // A label named as an object's own key is counted as any other.
    const odd = parse('[constructor Ann  ] and [toString Bo  ] .\n');
    expect(summarize(odd, []).labels).toEqual({ constructor: 1, toString: 1 });
  });

  it('follow a quick fix and a label taken out of the set at once: nothing is kept from the first read', () => {
    const labels = [...DEFAULT_LABELS, 'GPE'];
    const broken = parse('[PER Ann  ] met [GPE Kosovo Force .\n', { labels });
    const counts = (next: typeof broken, labels = next.labels) =>
      summarize(next, validate(next, labels));
    expect(counts(broken)).toMatchObject({ errors: 1, warnings: 0 });
    const [problem] = validate(broken);
    const [close] = quickFixes(broken, problem);
    if (close.action.kind !== 'edit') throw new Error('closing the entity is an edit');
    const fixed = applyTransaction(broken, close.action.tx);
    expect(fixed.textChanged).toBe(true);
    expect(counts(fixed.doc)).toMatchObject({ errors: 0, warnings: 0 });
    expect(counts(fixed.doc, DEFAULT_LABELS)).toMatchObject({ errors: 0, warnings: 1 });
    expect(validate(fixed.doc, DEFAULT_LABELS).map((d) => d.code)).toEqual(['unknown-label']);
    const undone = applyTransaction(fixed.doc, fixed.inverse).doc;
    expect(counts(undone)).toMatchObject({ errors: 1, warnings: 0 });
  });
});

describe('the lines whose markup is left open', () => {
  it('are both lines of an entity that runs over a line break: its close is on the next', () => {
    const doc = parse('[PER John Smith\nKFOR said Smith  ] today .\nKFOR left .\n');
    expect([...linesWithOpenMarkup(doc)]).toEqual([1, 2]);
  });
});
