// The process entry of `emend`: runs the command line on argv and exits with its status.
import { main } from './main';

/** The status a shell reports for a writer stopped by a closed pipe (128 + SIGPIPE), as `grep | head` gives. */
const EXIT_CLOSED_PIPE = 141;

// When the reader of the output goes away (`emend validate x | head -1`), stop at once and quietly.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(EXIT_CLOSED_PIPE);
    throw error;
  });
}

process.exitCode = await main(process.argv.slice(2));
