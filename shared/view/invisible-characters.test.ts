import { describe, expect, it } from 'vitest';
import {
  invisibleCharacter,
  invisibleOffsets,
  textRuns,
  visibleText,
} from './invisible-characters';

const BIDI: [string, string, string][] = [
  ['\u061c', 'ALM', 'arabic letter mark (U+061C)'],
  ['\u200e', 'LRM', 'left-to-right mark (U+200E)'],
  ['\u200f', 'RLM', 'right-to-left mark (U+200F)'],
  ['\u202a', 'LRE', 'left-to-right embedding (U+202A)'],
  ['\u202b', 'RLE', 'right-to-left embedding (U+202B)'],
  ['\u202c', 'PDF', 'pop directional formatting (U+202C)'],
  ['\u202d', 'LRO', 'left-to-right override (U+202D)'],
  ['\u202e', 'RLO', 'right-to-left override (U+202E)'],
  ['\u2066', 'LRI', 'left-to-right isolate (U+2066)'],
  ['\u2067', 'RLI', 'right-to-left isolate (U+2067)'],
  ['\u2068', 'FSI', 'first strong isolate (U+2068)'],
  ['\u2069', 'PDI', 'pop directional isolate (U+2069)'],
];

describe('invisible characters', () => {
  it('shows every bidi control by its abbreviation, so none can reorder the text', () => {
    for (const [character, glyph, name] of BIDI) {
      expect(invisibleOffsets(`a${character}b`)).toEqual([1]);
      expect(invisibleCharacter(character)).toEqual({ glyph, name });
    }
  });

  it('leaves joiners, variation selectors and letters of any direction alone', () => {
    expect(invisibleOffsets('👩\u200d💻 a\u200cb ☃\ufe0f שלום عربي')).toEqual([]);
  });

  it('cuts text into runs, each invisible character a run of its own with its glyph', () => {
    expect(textRuns('Bidi: \u202eevil\u202c .')).toEqual([
      { text: 'Bidi: ' },
      { text: '\u202e', shown: { glyph: 'RLO', name: 'right-to-left override (U+202E)' } },
      { text: 'evil' },
      { text: '\u202c', shown: { glyph: 'PDF', name: 'pop directional formatting (U+202C)' } },
      { text: ' .' },
    ]);
    expect(textRuns('')).toEqual([]);
  });

  it('writes a name with its invisible characters as their glyphs, in the order of its bytes', () => {
    expect(visibleText('a\u202etxt.exe\u202c.txt')).toBe('a<RLO>txt.exe<PDF>.txt');
    expect(visibleText('notes\u200b.txt')).toBe('notes<ZWSP>.txt');
    expect(visibleText('notes.txt')).toBe('notes.txt');
    // A line break or tab in a name is no space: a one-line string shows them too.
    expect(visibleText('new\nline.txt')).toBe('new<LF>line.txt');
    expect(visibleText('a\tb.txt')).toBe('a<HT>b.txt');
  });
});
