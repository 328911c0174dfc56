// Characters that are part of the text but take no room on screen (controls, zero-width spaces, a byte order mark inside the text): the glyph and name the view shows for each.

/**
 * The characters shown by a glyph: C0 controls but tab and line feed, DEL, C1 controls, the soft
 * hyphen, zero-width space, line and paragraph separators, word joiner and U+FEFF. Joiners and
 * variation selectors are left alone: emoji and scripts need them, and they mean nothing alone.
 */
// eslint-disable-next-line no-control-regex -- control characters are what it finds
const INVISIBLE = /[\0-\x08\x0b-\x1f\x7f-\x9f\xad\u200b\u2028\u2029\u2060\ufeff]/g;

/** Thai, Lao, Myanmar and Khmer letters: scripts that separate their words with U+200B, unseen. */
const NO_SPACE_SCRIPT = /[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff]/;

/**
 * Where text has characters to show by a glyph (offsets into text). A zero-width space between two
 * letters of a script that separates its words with it is that script's word break, not shown.
 */
export function invisibleOffsets(text: string): number[] {
  const offsets: number[] = [];
  INVISIBLE.lastIndex = 0;
  for (let found = INVISIBLE.exec(text); found; found = INVISIBLE.exec(text)) {
    const at = found.index;
    const wordBreak =
      text.charCodeAt(at) === 0x200b &&
      NO_SPACE_SCRIPT.test(text.charAt(at - 1)) &&
      NO_SPACE_SCRIPT.test(text.charAt(at + 1));
    if (!wordBreak) offsets.push(at);
  }
  return offsets;
}

/** The C0 controls' standard abbreviations, by code. */
const C0 =
  'NUL SOH STX ETX EOT ENQ ACK BEL BS HT LF VT FF CR SO SI DLE DC1 DC2 DC3 DC4 NAK SYN ETB CAN EM SUB ESC FS GS RS US'.split(
    ' ',
  );

const NAMES: Record<number, [glyph: string, name: string]> = {
  0x0b: ['VT', 'vertical tab'],
  0x0c: ['FF', 'form feed'],
  0x0d: ['CR', 'carriage return'],
  0x1b: ['ESC', 'escape'],
  0x7f: ['DEL', 'delete'],
  0xad: ['SHY', 'soft hyphen'],
  0x200b: ['ZWSP', 'zero-width space'],
  0x2028: ['LS', 'line separator'],
  0x2029: ['PS', 'paragraph separator'],
  0x2060: ['WJ', 'word joiner'],
  0xfeff: ['BOM', 'zero-width no-break space (a byte order mark inside the text)'],
};

/** What the view shows for an invisible character (its abbreviation), and what its tooltip calls it. */
export function invisibleCharacter(character: string): { glyph: string; name: string } {
  const code = character.charCodeAt(0);
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  const known = NAMES[code];
  if (known) return { glyph: known[0], name: `${known[1]} (${hex})` };
  // The other controls: C0 by their abbreviation, C1 by their code.
  return { glyph: code < 0x20 ? C0[code] : hex, name: `control character (${hex})` };
}
