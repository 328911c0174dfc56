// The worker pool: answers in order, a failing task fails alone, and a thread that dies fails its task (never hangs) and is replaced.
import { afterEach, describe, expect, it } from 'vitest';
import { WorkerPool } from './worker-pool';

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

  it('lets go of a thread that died between tasks and gives the next input to a new one', async () => {
    pool = new WorkerPool(ENTRY, 1);
    expect(await pool.run('answer, then crash')).toBe('echo answer, then crash');
    // Long enough for the thread to be gone on a busy machine.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await pool.run('after')).toBe('echo after');
  });
});
