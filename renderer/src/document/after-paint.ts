// Runs work once the next frame is painted, so what is already on its way to the screen is not delayed by it.

/** Calls `run` after the next frame has painted; returns a function that cancels it. */
export function afterPaint(run: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const frame = requestAnimationFrame(() => (timer = setTimeout(run)));
  return () => {
    cancelAnimationFrame(frame);
    clearTimeout(timer);
  };
}

/** The longest an idle-time task waits for the page to fall idle. */
const IDLE_WAIT_MS = 1000;
/** The longest a request waits for a frame and an idle moment (a hidden page paints none). */
const PAINT_WAIT_MS = 100;

/**
 * Calls `run` once the next frame has painted and the page has nothing more urgent to do (input,
 * other tasks already queued); returns a function that cancels it.
 */
export function whenIdleAfterPaint(run: () => void): () => void {
  let idle: number | undefined;
  const frame = requestAnimationFrame(
    () => (idle = requestIdleCallback(run, { timeout: IDLE_WAIT_MS })),
  );
  return () => {
    cancelAnimationFrame(frame);
    if (idle !== undefined) cancelIdleCallback(idle);
  };
}

/**
 * Calls `run` in a task of its own, waiting for no frame and no idle moment (a key or a frame due
 * may still go first); returns a function that cancels it.
 */
export function soon(run: () => void): () => void {
  const timer = setTimeout(run);
  return () => clearTimeout(timer);
}

/**
 * Resolves once the next frame has painted and the page has nothing more urgent to do, or at once
 * where nothing paints: work that can follow a change does not hold up the frame showing it.
 */
export function nextPaint(): Promise<void> {
  if (typeof requestAnimationFrame === 'undefined' || document.visibilityState === 'hidden')
    return Promise.resolve();
  return new Promise((resolve) => {
    const cancel = whenIdleAfterPaint(done);
    const timer = setTimeout(done, PAINT_WAIT_MS);
    function done() {
      cancel();
      clearTimeout(timer);
      resolve();
    }
  });
}
