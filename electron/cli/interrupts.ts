// Ctrl-C, a kill or a hang-up while a command holds something to clean up, or is at a step that must not be cut.

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

export interface InterruptGuard {
  /** From now on a signal waits for release: the step under way is finished first. */
  hold(): void;
  /** Stops guarding; a signal that came while held then ends the process as it would have. */
  release(): void;
}

/**
 * Until release, a signal first runs cleanUp (synchronous: the process ends right after; a second
 * signal waits for it), then ends the process as the signal would have; while held, it waits for
 * release instead.
 */
export function guardInterrupts(cleanUp: () => void): InterruptGuard {
  let held = false;
  let waiting: NodeJS.Signals | null = null;
  const stop = () => {
    for (const signal of SIGNALS) process.off(signal, onSignal);
  };
  function onSignal(signal: NodeJS.Signals) {
    if (held) {
      waiting ??= signal;
      return;
    }
    cleanUp();
    stop();
    process.kill(process.pid, signal);
  }
  for (const signal of SIGNALS) process.on(signal, onSignal);
  return {
    hold: () => void (held = true),
    release() {
      stop();
      if (waiting) process.kill(process.pid, waiting);
    },
  };
}
