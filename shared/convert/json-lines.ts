// Reading JSON lines files (JSONL, Hugging Face, Prodigy): one value a line, blank lines skipped.
import { ConvertError } from './messages';

/** Said of a JSON array (a whole file's, or a line's): what these formats read instead. */
const AN_ARRAY =
  'a JSON array: this format is JSON lines, one object a line (as `jq -c ".[]"` writes them)';

/**
 * Calls visit with each line's parsed value and its 1-based line; throws ConvertError naming a line
 * that is not JSON, or that is an array (or opens one across lines).
 */
export function forEachJsonLine(
  source: string,
  visit: (value: unknown, line: number) => void,
): void {
  source
    .replace(/^\uFEFF/, '')
    .split('\n')
    .forEach((raw, index) => {
      const line = index + 1;
      if (raw.trim() === '') return;
      if (raw.trim() === '[') throw new ConvertError(line, AN_ARRAY);
      let value: unknown;
      try {
        value = JSON.parse(raw);
      } catch (error) {
        throw new ConvertError(line, `not valid JSON (${(error as Error).message})`);
      }
      if (Array.isArray(value)) throw new ConvertError(line, AN_ARRAY);
      visit(value, line);
    });
}
