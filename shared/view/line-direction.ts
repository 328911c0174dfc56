// Which way a line is drawn: by its first strong letter, as the editor's lines are laid out (unicode-bidi: plaintext).
import type { LineIndex } from './line-index';

/** Letters of the scripts written right to left (Unicode bidi classes R and AL). */
const RIGHT_TO_LEFT =
  /[\p{Script=Hebrew}\p{Script=Arabic}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}\p{Script=Samaritan}\p{Script=Mandaic}\p{Script=Adlam}\p{Script=Hanifi_Rohingya}]/u;

/** Whether a line is drawn right to left: its first letter is of a right-to-left script. */
export function readsRightToLeft(line: string): boolean {
  const first = /\p{L}/u.exec(line);
  return first !== null && RIGHT_TO_LEFT.test(first[0]);
}

/** Whether text ends in a right-to-left run: its last letter is of a right-to-left script. */
export function endsRightToLeft(text: string): boolean {
  const letters = text.match(/\p{L}/gu);
  return letters !== null && RIGHT_TO_LEFT.test(letters[letters.length - 1]);
}

/** Whether the line holding `offset` is drawn right to left (where an arrow key's left is later). */
export function drawnRightToLeftAt(lines: LineIndex, offset: number): boolean {
  return readsRightToLeft(lines.lineText(lines.lineOf(offset)));
}
