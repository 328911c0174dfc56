// Reading JSON lines files (JSONL, Hugging Face, Prodigy): one value a line, blank lines skipped.
import { ConvertError } from './messages';

/** Calls visit with each line's parsed value and its 1-based line; throws ConvertError naming a line that is not JSON. */
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
      let value: unknown;
      try {
        value = JSON.parse(raw);
      } catch (error) {
        throw new ConvertError(line, `not valid JSON (${(error as Error).message})`);
      }
      visit(value, line);
    });
}
