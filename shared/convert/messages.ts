// What converting reports: warnings and errors on a line of a file, and failed checks of an export.

/** A warning or error about a file, on a 1-based line of that file. */
export interface ConvertMessage {
  line: number;
  message: string;
}

/** Bad input: the file cannot be converted; line says where in the input. */
export class ConvertError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
    this.name = 'ConvertError';
  }
}

/** An export that does not read back as its document: a bug, reported with the source line. */
export class ExportCheckError extends ConvertError {
  constructor(line: number, message: string) {
    super(line, `export check failed: ${message}`);
    this.name = 'ExportCheckError';
  }
}
