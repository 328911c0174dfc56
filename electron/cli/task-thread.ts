// The worker side of a WorkerPool: answers each input it is handed with its handler's outcome, or the failure's message, unless the pool took the input back first.
import { parentPort } from 'node:worker_threads';

/** What a pool hands a worker thread: an input, and the claim that says who runs it (see claimInput). */
export interface Handed<In> {
  input: In;
  claim: Int32Array;
}

/** What a pool's worker answers to one input: taken back when the pool ran it elsewhere first. */
export type Answer<Out> = { outcome: Out } | { failure: string } | { takenBack: true };

/** A handed input's claim before either side has claimed it. */
const UNCLAIMED = 0;
/** Claimed by the worker thread, which runs it. */
export const STARTED = 1;
/** Claimed back by the pool, which runs it elsewhere. */
export const TAKEN_BACK = 2;

/** A new claim, in memory both threads share. */
export function newClaim(): Int32Array {
  return new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
}

/** Claims a handed input as `by` (STARTED or TAKEN_BACK): true for the one side that claims it first. */
export function claimInput(claim: Int32Array, by: number): boolean {
  return Atomics.compareExchange(claim, 0, UNCLAIMED, by) === UNCLAIMED;
}

/**
 * Answers every input, one after another, with handle's outcome, moving the buffers `transfer` names
 * rather than copying them; an input the pool took back before it was started is answered as such.
 */
export function answerEach<In, Out>(
  handle: (input: In) => Out | Promise<Out>,
  transfer: (outcome: Out) => ArrayBuffer[] = () => [],
): void {
  const port = parentPort!;
  const answer = (reply: Answer<Out>, moved: ArrayBuffer[] = []) => port.postMessage(reply, moved);
  // One input at a time, in the order handed, however many are waiting (see WorkerPool).
  let previous = Promise.resolve();
  port.on('message', ({ input, claim }: Handed<In>) => {
    previous = previous.then(async () => {
      if (!claimInput(claim, STARTED)) return answer({ takenBack: true });
      try {
        const outcome = await handle(input);
        answer({ outcome }, transfer(outcome));
      } catch (error) {
        answer({ failure: error instanceof Error ? error.message : String(error) });
      }
    });
  });
}
