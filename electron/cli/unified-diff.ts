// A unified diff of two versions of a file whose edits stay within lines (as entity edits do).

const CONTEXT = 3;

function splitLines(text: string): string[] {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

/**
 * `--- a/path` / `+++ b/path` and hunks with three lines of context. Entity edits never add or remove
 * a line, so lines pair up by index; if the counts differ the whole file is one hunk.
 */
export function unifiedDiff(filePath: string, before: string, after: string): string {
  if (before === after) return '';
  const old = splitLines(before);
  const next = splitLines(after);
  const shown = filePath.replace(/^\/+/, '');
  const header = `--- a/${shown}\n+++ b/${shown}\n`;
  if (old.length !== next.length) {
    return `${header}@@ -1,${old.length} +1,${next.length} @@\n${old.map((line) => `-${line}\n`).join('')}${next
      .map((line) => `+${line}\n`)
      .join('')}`;
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
      if (old[line] === next[line]) body.push(` ${old[line]}`);
      else body.push(`-${old[line]}`, `+${next[line]}`);
    }
    const count = to - from;
    hunks.push(`@@ -${from + 1},${count} +${from + 1},${count} @@\n${body.join('\n')}\n`);
    i = last + 1;
  }
  return header + hunks.join('');
}
