import { describe, expect, it } from 'vitest';
import { messageParts } from './problem-message';

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
});
