// `emend validate`: reports malformed annotations as path:line:col diagnostics; exit 1 when errors are found.
import { EXIT_FOUND, EXIT_OK, paint, parseFlags, type CliIO, type Command } from './io';
import { labelsFlag, loadDocuments } from './load';

const USAGE = `Usage: emend validate [--labels A,B,...] [--json] [--verbose] PATH...
  Checks bracket files (folders recursively) and prints path:line:col: severity code: message.
  --labels    the label set (default: the corpus settings, else PER,LOC,ORG,MISC)
  --json      print {"files":[{"path","diagnostics":[...]}]}
  --verbose   also list info diagnostics (literal brackets kept as text)
  Exit status: 0 no errors (warnings allowed), 1 errors found, 2 usage error or unreadable input.`;

const SEVERITY_COLOR = { error: 'red', warning: 'yellow', info: 'dim' } as const;

export const validate: Command = {
  summary: 'report malformed annotations with line and column',
  usage: USAGE,
  async run(args: string[], io: CliIO): Promise<number> {
    const { values, positionals } = parseFlags(args, {
      labels: { type: 'string' },
      json: { type: 'boolean' },
      verbose: { type: 'boolean' },
    });
    const documents = await loadDocuments(positionals, labelsFlag(values.labels));
    let errors = 0;
    let warnings = 0;
    for (const { doc } of documents) {
      for (const diagnostic of doc.diagnostics) {
        if (diagnostic.severity === 'error') errors++;
        if (diagnostic.severity === 'warning') warnings++;
      }
    }
    if (values.json) {
      const files = documents.map(({ path, doc }) => ({
        path,
        diagnostics: doc.diagnostics.map(({ line, column, severity, code, message }) => ({
          line,
          column,
          severity,
          code,
          message,
        })),
      }));
      io.out(`${JSON.stringify({ files })}\n`);
    } else {
      for (const { path, doc } of documents) {
        for (const { line, column, severity, code, message } of doc.diagnostics) {
          if (severity === 'info' && !values.verbose) continue;
          io.out(
            `${path}:${line}:${column}: ${paint(io, SEVERITY_COLOR[severity], severity)} ${code}: ${message}\n`,
          );
        }
      }
      const files = documents.length === 1 ? '1 file' : `${documents.length} files`;
      io.err(
        `${files}: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}\n`,
      );
    }
    return errors > 0 ? EXIT_FOUND : EXIT_OK;
  },
};
