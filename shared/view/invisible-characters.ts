// Characters that are part of the text but take no room on screen (controls, zero-width spaces, a byte order mark inside the text): the glyph and name the view shows for each.

/**
 * The characters shown by a glyph: C0 controls but tab and line feed, DEL, C1 controls, the soft
 * hyphen, zero-width space, line and paragraph separators, word joiner, U+FEFF, and the bidi
 * controls (marks, embeddings, overrides, isolates), which would otherwise reorder the text on
 * screen so that it reads other than its bytes. Joiners and variation selectors are left alone:
 * emoji and scripts need them, and they mean nothing alone.
 */
const INVISIBLE =
  // eslint-disable-next-line no-control-regex -- control characters are what it finds
  /[\0-\x08\x0b-\x1f\x7f-\x9f\xad\u061c\u200b\u200e\u200f\u202a-\u202e\u2028\u2029\u2060\u2066-\u2069\ufeff]/g;

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
  0x061c: ['ALM', 'arabic letter mark'],
  0x200b: ['ZWSP', 'zero-width space'],
  0x200e: ['LRM', 'left-to-right mark'],
  0x200f: ['RLM', 'right-to-left mark'],
  0x202a: ['LRE', 'left-to-right embedding'],
  0x202b: ['RLE', 'right-to-left embedding'],
  0x202c: ['PDF', 'pop directional formatting'],
  0x202d: ['LRO', 'left-to-right override'],
  0x202e: ['RLO', 'right-to-left override'],
  0x2028: ['LS', 'line separator'],
  0x2029: ['PS', 'paragraph separator'],
  0x2060: ['WJ', 'word joiner'],
  0x2066: ['LRI', 'left-to-right isolate'],
  0x2067: ['RLI', 'right-to-left isolate'],
  0x2068: ['FSI', 'first strong isolate'],
  0x2069: ['PDI', 'pop directional isolate'],
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

/** A run of text: plain, or one invisible character with what the view shows for it. */
export interface TextRun {
  text: string;
  shown?: { glyph: string; name: string };
}

/** Text cut into runs, each invisible character a run of its own (as the editor's lines cut it). */
export function textRuns(text: string): TextRun[] {
  const runs: TextRun[] = [];
  let from = 0;
  for (const at of invisibleOffsets(text)) {
    if (at > from) runs.push({ text: text.slice(from, at) });
    runs.push({ text: text[at], shown: invisibleCharacter(text[at]) });
    from = at + 1;
  }
  if (from < text.length) runs.push({ text: text.slice(from) });
  return runs;
}

/**
 * Text with its invisible characters written as their glyphs (`a<RLO>txt.exe<PDF>.txt`): a document's
 * name, or its text where only a one-line string goes (a tooltip, an accessible name), shown in the
 * order of its bytes, which no bidi control can then reorder. A line feed or tab is written so too
 * (`<LF>`, `<HT>`): on one line it would read as a space.
 */
export function visibleText(text: string): string {
  return textRuns(text)
    .map((run) =>
      run.shown
        ? `<${run.shown.glyph}>`
        : run.text.replace(/[\t\n]/g, (space) => (space === '\n' ? '<LF>' : '<HT>')),
    )
    .join('');
}
