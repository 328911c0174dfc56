import { describe, expect, it } from 'vitest';
import { messageParts, spokenMessage } from './problem-message';

describe('problem messages', () => {
  it('show markers as code with every space visible', () => {
    expect(messageParts(`close marker " ]" differs from the file's "  ]"`)).toEqual([
      { text: 'close marker ', code: false },
      { text: '␣]', code: true },
      { text: " differs from the file's ", code: false },
      { text: '␣␣]', code: true },
    ]);
    expect(messageParts('literal `[` kept as text')).toEqual([
      { text: 'literal ', code: false },
      { text: '[', code: true },
      { text: ' kept as text', code: false },
    ]);
    expect(messageParts('entity [PER is not closed on its line')).toEqual([
      { text: 'entity [PER is not closed on its line', code: false },
    ]);
  });

  it("spell a marker's spaces out for assistive technology, which folds them", () => {
    expect(spokenMessage('Write this close as "  ]"')).toBe('Write this close as "2 spaces ]"');
    expect(spokenMessage(`close marker " ]" differs from the file's "  ]"`)).toBe(
      `close marker "1 space ]" differs from the file's "2 spaces ]"`,
    );
    expect(spokenMessage('Relabel as LOC')).toBe('Relabel as LOC');
    expect(spokenMessage('literal `[` kept as text')).toBe('literal `[` kept as text');
  });
});
