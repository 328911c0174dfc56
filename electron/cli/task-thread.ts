// The worker side of a WorkerPool: answers each message it is handed with its handler's outcome, or the failure's message.
import { parentPort } from 'node:worker_threads';

/** What a pool's worker answers to one message. */
export type Answer<Out> = { outcome: Out } | { failure: string };

/** Answers every message, one after another, with handle's outcome, moving the buffers `transfer` names rather than copying them. */
export function answerEach<In, Out>(
  handle: (input: In) => Out | Promise<Out>,
  transfer: (outcome: Out) => ArrayBuffer[] = () => [],
): void {
  const port = parentPort!;
  // One input at a time, in the order handed, however many are waiting (see WorkerPool).
  let previous = Promise.resolve();
  port.on('message', (input: In) => {
    previous = previous
      .then(() => handle(input))
      .then(
        (outcome) => port.postMessage({ outcome } satisfies Answer<Out>, transfer(outcome)),
        (error: unknown) =>
          port.postMessage({
            failure: error instanceof Error ? error.message : String(error),
          } satisfies Answer<Out>),
      );
  });
}
