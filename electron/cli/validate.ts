// `emend validate`: reports malformed annotations as path:line:col diagnostics; exit 1 when errors are found.
import { plural } from '../../shared/plural';
import { openCorpus } from './corpus-files';
import { diagnosticLine, EXIT_FOUND, EXIT_OK, parseFlags, type CliIO, type Command } from './io';
import { labelsFlag } from './labels-flag';
import { jobsFlag, JOBS_USAGE } from './worker-pool';

const USAGE = `Usage: emend validate [--labels A,B,...] [--json] [--verbose] [--jobs N] PATH...
  Checks bracket files (folders recursively) and prints path:line:col: severity code: message.
  --labels    the label set (default: the corpus settings, else PER,LOC,ORG,MISC)
  --json      print {"files":[{"path","diagnostics":[...]}],"unreadable":[{"path","reason"}]}
  --verbose   also print info diagnostics (literal brackets kept as text); --json always lists them
${JOBS_USAGE}
  Files are read one at a time; one that cannot be read (missing, binary, UTF-16, not UTF-8, a
  name not in UTF-8) is listed at the end. Exit status: 0 no errors (warnings allowed), 1 errors
  found, 2 usage error or a file that could not be read.`;

export const validate: Command = {
  summary: 'report malformed annotations with line and column',
  usage: USAGE,
  async run(args: string[], io: CliIO): Promise<number> {
    const { values, positionals } = parseFlags(args, {
      labels: { type: 'string' },
      json: { type: 'boolean' },
      verbose: { type: 'boolean' },
      jobs: { type: 'string' },
    });
    const corpus = await openCorpus(positionals, {
      labels: labelsFlag(values.labels),
      io,
      command: 'validate',
      jobs: jobsFlag(values.jobs),
    });
    let files = 0;
    let errors = 0;
    let warnings = 0;
    if (values.json) io.out('{"files":[');
    // Info diagnostics are printed with --verbose and listed in JSON; else they never come back.
    const infos = values.verbose === true || values.json === true;
    await corpus.forEachResult(
      'validate',
      ({ path }, diagnostics) => {
        for (const diagnostic of diagnostics) {
          if (diagnostic.severity === 'error') errors++;
          if (diagnostic.severity === 'warning') warnings++;
        }
        if (values.json) {
          const listed = diagnostics.map(({ line, column, severity, code, message }) => ({
            line,
            column,
            severity,
            code,
            message,
          }));
          io.out(`${files > 0 ? ',' : ''}${JSON.stringify({ path, diagnostics: listed })}`);
        } else {
          for (const diagnostic of diagnostics) io.out(`${diagnosticLine(io, path, diagnostic)}\n`);
        }
        files++;
      },
      { infos },
    );
    if (values.json) {
      io.out(`],"unreadable":${JSON.stringify(corpus.unreadableListed())}}\n`);
    } else {
      io.err(
        `${plural(files, 'file')}: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}\n`,
      );
    }
    return corpus.reportUnreadable(io, 'validate') ?? (errors > 0 ? EXIT_FOUND : EXIT_OK);
  },
};
