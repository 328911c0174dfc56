// A worker thread of the corpus commands: answers each document it is handed with its task's outcome (see worker-pool).
import { parentPort } from 'node:worker_threads';
import { runTask, type TaskInput } from './corpus-tasks';

const port = parentPort!;
port.on('message', (input: TaskInput) => {
  runTask(input).then(
    (outcome) => port.postMessage({ outcome }),
    (error: unknown) =>
      port.postMessage({ failure: error instanceof Error ? error.message : String(error) }),
  );
});
