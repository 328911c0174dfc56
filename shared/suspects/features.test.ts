// The feature table packed for another thread fires the same features for any sentence as the index it came from.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FeatureIndex, FeatureTable, SentenceFeatures } from './features';

/** Token i's feature ids. */
function featuresOf(table: FeatureTable, types: number[]): number[][] {
  const out = new SentenceFeatures();
  table.sentenceFeatures(types, out);
  return types.map((_, i) => Array.from(out.ids.subarray(out.starts[i], out.starts[i + 1])));
}

describe('FeatureTable.pack / unpack', () => {
  it('gives every sentence the features the index gives it', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.string({ minLength: 1, maxLength: 8 }), { minLength: 1 }), {
          minLength: 1,
          maxLength: 6,
        }),
        (sentences) => {
          const index = new FeatureIndex();
          const encoded = sentences.map((forms) => forms.map((form) => index.typeOf(form)));
          const table = FeatureTable.unpack(index.pack());
          expect(table.featureCount).toBe(index.featureCount);
          for (const types of encoded)
            expect(featuresOf(table, types)).toEqual(featuresOf(index, types));
        },
      ),
    );
  });

  it('is a copy: forms interned after packing are not in it', () => {
    const index = new FeatureIndex();
    index.typeOf('Kosovo');
    const packed = index.pack();
    index.typeOf('Pristina');
    expect(FeatureTable.unpack(packed).featureCount).toBeLessThan(index.featureCount);
  });
});
