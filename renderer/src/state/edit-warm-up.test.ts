import { describe, expect, it } from 'vitest';
import { parse } from '../../../shared/format/parse';
import { serialize } from '../../../shared/format/serialize';
import { warmEditPath } from './edit-warm-up';

describe('warmEditPath', () => {
  it('leaves the document exactly as it was', () => {
    const source = 'Troops [LOC Kosovo  ] and [ORG KFOR  ] met in [LOC Pristina  ] .\n';
    const doc = parse(source);
    const before = structuredClone(doc);
    warmEditPath(doc);
    expect(doc).toEqual(before);
    expect(serialize(doc)).toBe(source);
  });

  it('does nothing to a document without entities or with broken markup', () => {
    for (const source of ['', 'no entities here\n', '[LOC open [PER nested  ] line\n']) {
      const doc = parse(source);
      const before = structuredClone(doc);
      expect(() => warmEditPath(doc)).not.toThrow();
      expect(doc).toEqual(before);
    }
  });
});
