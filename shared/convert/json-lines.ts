// Reading JSON lines files (JSONL, Hugging Face, Prodigy): one value a line, blank lines skipped.
import {
  ConvertError,
  keepProblems,
  MOST_PROBLEMS,
  refuseProblems,
  type ConvertMessage,
} from './messages';

/** Said of a JSON array (a whole file's, or a line's): what these formats read instead. */
const AN_ARRAY =
  'a JSON array: this format is JSON lines, one object a line (as `jq -c ".[]"` writes them)';

/**
 * Calls visit with each line's parsed value and its 1-based line. A line that is not JSON, that is
 * an array (or opens one across lines), or that visit refuses (a ConvertError) is a problem; the
 * lines after it are read on, and a ConvertError naming every problem (up to fifty) is thrown at
 * the end.
 */
export function forEachJsonLine(
  source: string,
  visit: (value: unknown, line: number) => void,
): void {
  const problems: ConvertMessage[] = [];
  const lines = source.replace(/^\uFEFF/, '').split('\n');
  for (let index = 0; index < lines.length && problems.length < MOST_PROBLEMS; index++) {
    const line = index + 1;
    const raw = lines[index];
    if (raw.trim() === '') continue;
    // An array across lines: its lines are not JSON each, nothing more to name.
    if (raw.trim() === '[') return refuseProblems([...problems, { line, message: AN_ARRAY }]);
    try {
      let value: unknown;
      try {
        value = JSON.parse(raw);
      } catch (error) {
        throw new ConvertError(line, `not valid JSON (${(error as Error).message})`);
      }
      if (Array.isArray(value)) throw new ConvertError(line, AN_ARRAY);
      visit(value, line);
    } catch (error) {
      keepProblems(problems, error);
    }
  }
  refuseProblems(problems.slice(0, MOST_PROBLEMS));
}
