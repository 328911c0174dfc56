// The process entry of `emend`: runs the command line on argv and exits with its status.
import { describeWriteFailure } from '../workspace/file-error';
import { main } from './main';

/** The status a shell reports for a writer stopped by a closed pipe (128 + SIGPIPE), as `grep | head` gives. */
const EXIT_CLOSED_PIPE = 141;

/** The status of a command that could not finish: as for bad input, never a command's own findings (1). */
const EXIT_FAILED = 2;

/** Run by git as its diff driver: git takes any status but 0 for a driver that died, and says so. */
const DIFF_DRIVER = process.argv[2] === 'git' && process.argv[3] === 'diff';

// When the reader of the output goes away (`emend validate x | head -1`), stop at once and quietly;
// when the output cannot be written (a full disk), say so in one line, as for any file.
let outputFailed = false;
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(DIFF_DRIVER ? 0 : EXIT_CLOSED_PIPE);
  if (outputFailed) return;
  outputFailed = true;
  process.stderr.write(
    `emend: the output could not be written: ${describeWriteFailure(error)}\n`,
    () => process.exit(EXIT_FAILED),
  );
});
process.stderr.on('error', (error: NodeJS.ErrnoException) =>
  process.exit(error.code === 'EPIPE' ? EXIT_CLOSED_PIPE : EXIT_FAILED),
);

process.exitCode = await main(process.argv.slice(2));
