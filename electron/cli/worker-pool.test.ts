// The worker pool: answers in order (this thread working too or not), a failing task fails alone, a thread that dies fails its task (never hangs), is replaced, and gives back the inputs handed to it ahead; outcomes taken in order without idling a thread behind a long input.
import { afterEach, describe, expect, it } from 'vitest';
import { takeInOrder, WorkerPool } from './worker-pool';

const ENTRY = 'fixtures/dying-worker';

describe('WorkerPool', () => {
  let pool: WorkerPool<string, string>;
  afterEach(() => pool.stop());

  it("answers every input, each with its own thread's outcome, however many threads", async () => {
    pool = new WorkerPool(ENTRY, 2);
    const inputs = ['a', 'b', 'c', 'd', 'e'];
    expect(await Promise.all(inputs.map((input) => pool.run(input)))).toEqual(
      inputs.map((input) => `echo ${input}`),
    );
  });

  it('rejects a task that throws with its message, and the thread goes on', async () => {
    pool = new WorkerPool(ENTRY, 1);
    await expect(pool.run('throw')).rejects.toThrow('asked to throw');
    expect(await pool.run('next')).toBe('echo next');
  });

  for (const death of ['exit', 'crash']) {
    it(`fails the task of a thread that dies (${death}) and starts another for the next`, async () => {
      pool = new WorkerPool(ENTRY, 1);
      const dying = pool.run(death);
      const queued = pool.run('queued behind it');
      await expect(dying).rejects.toThrow();
      expect(await queued).toBe('echo queued behind it');
      expect(await pool.run('after')).toBe('echo after');
    });
  }

  /** This thread as a runner: answers after a while, so that the threads get inputs handed ahead. */
  const slowlyHere = async (input: string) => {
    await new Promise((resolve) => setTimeout(resolve, 100));
    return `here ${input}`;
  };

  it('with this thread working too, answers every input in order, some here and some on a thread', async () => {
    pool = new WorkerPool(ENTRY, 2, slowlyHere);
    await pool.run('up');
    const inputs = ['a', 'b', 'c', 'd', 'e', 'f'];
    const outcomes = await Promise.all(inputs.map((input) => pool.run(input)));
    expect(outcomes.map((outcome) => outcome.split(' ')[1])).toEqual(inputs);
    expect(outcomes.some((outcome) => outcome.startsWith('here'))).toBe(true);
    expect(outcomes.some((outcome) => outcome.startsWith('echo'))).toBe(true);
  });

  it('takes back an input handed ahead to a busy thread when this thread is free first', async () => {
    pool = new WorkerPool(ENTRY, 2, slowlyHere);
    await pool.run('up');
    // "slow" goes to the thread, "b" here, "c" to the thread ahead of time, behind "slow".
    const [slow, b, c] = ['slow', 'b', 'c'].map((input) => pool.run(input));
    expect(await b).toBe('here b');
    expect(await c).toBe('here c');
    expect(await slow).toBe('echo slow');
    expect(await pool.run('after')).toBe('echo after');
  });

  it('gives the inputs handed ahead to a thread that dies to the others, which answer them', async () => {
    pool = new WorkerPool(ENTRY, 2, slowlyHere);
    // The thread up first: this thread, once free, takes back what a thread has not started.
    await pool.run('up');
    // "exit" goes to the thread, "b" here, "c" to the thread ahead of time, behind "exit".
    const [dying, b, c] = ['exit', 'b', 'c'].map((input) => pool.run(input));
    await expect(dying).rejects.toThrow('a worker thread stopped');
    expect(await b).toBe('here b');
    expect((await c).endsWith(' c')).toBe(true);
  });

  it('once stopped, starts no thread again: the inputs waiting or on a thread fail', async () => {
    pool = new WorkerPool(ENTRY, 2, slowlyHere);
    const outcomes = ['a', 'b', 'c', 'd', 'e', 'f'].map((input) =>
      pool.run(input).then(
        (outcome) => `answered ${outcome}`,
        (error: Error) => `failed: ${error.message}`,
      ),
    );
    await pool.stop();
    const settled = await Promise.all(outcomes);
    // Only this thread's first input can still be answered; no new thread takes the others.
    expect(settled.filter((outcome) => outcome.startsWith('answered echo'))).toEqual([]);
    expect(settled.slice(2)).toEqual([
      'failed: the threads were stopped',
      'failed: the threads were stopped',
      'failed: the threads were stopped',
      'failed: the threads were stopped',
    ]);
    await expect(pool.run('after')).rejects.toThrow('the threads were stopped');
  });

  it('lets go of a thread that died between tasks and gives the next input to a new one', async () => {
    pool = new WorkerPool(ENTRY, 1);
    expect(await pool.run('answer, then crash')).toBe('echo answer, then crash');
    // Long enough for the thread to be gone on a busy machine.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await pool.run('after')).toBe('echo after');
  });
});

describe('takeInOrder', () => {
  let pool: WorkerPool<string, string>;
  afterEach(() => pool.stop());

  /**
   * Takes the outcomes of "first" (on the thread), "long" (here, half a second) and twelve short
   * inputs after them (on the thread, this one being busy); returns the outcomes in the order taken,
   * and how many inputs had been handed over when "long" was taken.
   */
  async function longThenShort(mostHeld?: number) {
    pool = new WorkerPool(ENTRY, 2, async (input) => {
      if (input === 'long') await new Promise((resolve) => setTimeout(resolve, 500));
      return `here ${input}`;
    });
    await pool.run('up');
    const short = Array.from({ length: 12 }, (_, k) => `doc${k}`);
    const inputs = ['first', 'long', ...short];
    let handedOver = 0;
    async function* listed() {
      for (const input of inputs) {
        handedOver++;
        yield input;
      }
    }
    const taken: string[] = [];
    let handedWhenLongTaken = -1;
    await takeInOrder(
      listed(),
      pool,
      async (outcome) => {
        if (outcome === 'here long') handedWhenLongTaken = handedOver;
        taken.push(outcome);
      },
      { weigh: () => 1, mostHeld },
    );
    expect(taken.map((outcome) => outcome.split(' ')[1])).toEqual(inputs);
    return handedWhenLongTaken;
  }

  it('keeps a thread on the inputs after a long one this thread works on, and takes them in order', async () => {
    // With four inputs in flight at most, the thread stood idle after two of the short ones.
    expect(await longThenShort()).toBe(14);
  });

  it('holds no more outcomes ahead of their turn than it may: the inputs after them wait', async () => {
    const handed = await longThenShort(2);
    // "first" and "long", two outcomes held, and at most two handed over while the last was worked on.
    expect(handed).toBeGreaterThanOrEqual(4);
    expect(handed).toBeLessThanOrEqual(6);
  });
});
