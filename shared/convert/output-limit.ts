// The most text one export output can hold (a JavaScript string's limit), and the refusal of a document whose output would pass it.
import { ConvertError } from './messages';

/** The longest string V8 makes, in UTF-16 units (2^29 − 24, about 512 MB): an output is one string. */
export const MAX_OUTPUT_LENGTH = 2 ** 29 - 24;

/** The refusal, with the output's least size in MB where it is known. */
const tooLarge = (format: string, atLeastMb?: number) =>
  `the ${format} output of this document would be ${atLeastMb === undefined ? '' : `over ${atLeastMb} MB, `}more than one output file can hold here (512 MB): split the document into smaller files`;

/**
 * Refuses, before making it, an output that would be at least `atLeast` characters long: over the
 * limit, it could only fail once made (after minutes and gigabytes).
 */
export function refuseOversized(format: string, atLeast: number): void {
  if (atLeast > MAX_OUTPUT_LENGTH) {
    throw new ConvertError(1, tooLarge(format, Math.floor(atLeast / 2 ** 20)));
  }
}

/** Runs make, turning the failure of a string past the limit into a ConvertError saying so. */
export function withinOutputLimit<T>(format: string, make: () => T): T {
  try {
    return make();
  } catch (error) {
    if (error instanceof RangeError && /Invalid string length/.test(error.message)) {
      throw new ConvertError(1, tooLarge(format));
    }
    throw error;
  }
}
