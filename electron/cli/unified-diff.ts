// A unified diff of two versions of a file whose edits stay within lines (as entity edits do).

const CONTEXT = 3;

function splitLines(text: string): string[] {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

/** What diff and patch write after a last line that has no line feed. */
const NO_NEWLINE = '\\ No newline at end of file';

/**
 * `--- a/path` / `+++ b/path` and hunks with three lines of context, as patch and git apply take
 * them (a last line without a line feed marked so). Entity edits never add or remove a line, so
 * lines pair up by index; if the counts differ, or whether the file ends in a line feed, the whole
 * file is one hunk.
 */
export function unifiedDiff(filePath: string, before: string, after: string): string {
  if (before === after) return '';
  const old = splitLines(before);
  const next = splitLines(after);
  // A name with a space ends with a tab, as git writes it, for patch reads a name up to one.
  const shown = filePath.replace(/^\/+/, '') + (filePath.includes(' ') ? '\t' : '');
  const header = `--- a/${shown}\n+++ b/${shown}\n`;
  // The last line of a side whose text does not end with a line feed is followed by the marker.
  const marked = (text: string, lines: readonly string[]) =>
    text.endsWith('\n') || lines.length === 0
      ? lines
      : [...lines.slice(0, -1), `${lines.at(-1)}\n${NO_NEWLINE}`];
  const [oldLines, nextLines] = [marked(before, old), marked(after, next)];
  if (old.length !== next.length || before.endsWith('\n') !== after.endsWith('\n')) {
    const body = [...oldLines.map((line) => `-${line}`), ...nextLines.map((line) => `+${line}`)];
    return `${header}@@ -1,${old.length} +1,${next.length} @@\n${body.join('\n')}\n`;
  }
  const changed: number[] = [];
  old.forEach((line, index) => {
    if (line !== next[index]) changed.push(index);
  });
  const hunks: string[] = [];
  let i = 0;
  while (i < changed.length) {
    let last = i;
    while (last + 1 < changed.length && changed[last + 1] - changed[last] <= CONTEXT * 2) last++;
    const from = Math.max(0, changed[i] - CONTEXT);
    const to = Math.min(old.length, changed[last] + CONTEXT + 1);
    const body: string[] = [];
    for (let line = from; line < to; line++) {
      if (old[line] === next[line]) body.push(` ${oldLines[line]}`);
      else body.push(`-${oldLines[line]}`, `+${nextLines[line]}`);
    }
    const count = to - from;
    hunks.push(`@@ -${from + 1},${count} +${from + 1},${count} @@\n${body.join('\n')}\n`);
    i = last + 1;
  }
  return header + hunks.join('');
}
