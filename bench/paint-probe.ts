// Runs inside a benchmarked page: times from a start (navigation, a key press, now) until the DOM shows a condition and a frame has painted it.

/** What the page must show: an element matching `selector` (or, with present false, none). */
export interface Condition {
  selector: string;
  present: boolean;
  /** The matched element must be on screen inside this element's box (the scrolling view). */
  within?: string;
  /** This element must hold the keyboard focus. */
  focused?: string;
}

/** When timing starts: at the next key press, or now (just before the page changes itself). */
export type Start = 'key' | 'now';

/** Milliseconds from navigation start, the page's performance.now() clock. */
export interface Timing {
  start: number;
  /** When the DOM first showed the condition. */
  shown: number;
  painted: number;
  /** Frames from the start until the one that painted: 1 when it was the very next frame. */
  frames: number;
}

export interface PaintProbe {
  /** Resolves with the time from navigation start until the ready condition was painted. */
  ready: Promise<number>;
  /** The same for the drawn condition (the document's first lines on screen, maybe not yet interactive). */
  drawn: Promise<number>;
  /** Watches for a condition from now on, replacing what was watched before. */
  arm(condition: Condition, start: Start): void;
  /** The armed condition's timing; rejects after `timeoutMs`. */
  settled(timeoutMs: number): Promise<Timing>;
}

/** The property of `window` holding the probe. */
export const PROBE = 'emendBenchProbe';

interface Watch {
  condition: Condition;
  start: number | null;
  /** The frame count at the start. */
  startFrame: number;
  shown: number | null;
  timing: Promise<Timing>;
  resolve: (timing: Timing) => void;
}

function holds(condition: Condition): boolean {
  const found = document.querySelector(condition.selector);
  if (!condition.present) return found === null;
  if (!found) return false;
  if (condition.focused) {
    const focused = document.querySelector(condition.focused);
    if (!focused || document.activeElement !== focused) return false;
  }
  if (condition.within) {
    const box = document.querySelector(condition.within)?.getBoundingClientRect();
    const rect = found.getBoundingClientRect();
    if (!box || rect.height === 0 || rect.bottom <= box.top || rect.top >= box.bottom) return false;
  }
  return true;
}

/**
 * Installed before the page's own scripts run; `ready` says when the page counts as interactive,
 * `drawn` when its document's first lines are drawn (watched beside the armed condition).
 */
export function installPaintProbe(ready: Condition, drawn: Condition): void {
  let watch: Watch;
  /** Frames begun since the page started. */
  let frames = 0;

  const watchFor = (condition: Condition, start: number | null): Watch => {
    let resolve!: (timing: Timing) => void;
    const timing = new Promise<Timing>((done) => (resolve = done));
    return { condition, start, startFrame: frames, shown: null, timing, resolve };
  };

  // Called in a frame's animation callbacks: that frame renders the DOM as it is now, and a message
  // posted now arrives once it has been rendered. The frame is counted here, not when the message
  // arrives: by then the page's own tasks queued behind the frame may have let another frame begin.
  const afterFrame = (current: Watch) => {
    const frame = frames;
    const channel = new MessageChannel();
    channel.port1.onmessage = () =>
      current.resolve({
        start: current.start ?? 0,
        shown: current.shown ?? 0,
        painted: performance.now(),
        frames: frame - current.startFrame,
      });
    channel.port2.postMessage(null);
  };

  const checkWatch = (current: Watch, inFrame: boolean) => {
    if (current.shown !== null || current.start === null || !holds(current.condition)) return;
    current.shown = performance.now();
    if (inFrame) afterFrame(current);
    else requestAnimationFrame(() => afterFrame(current));
  };
  const drawnWatch = watchFor(drawn, 0);
  const check = (inFrame: boolean) => {
    checkWatch(watch, inFrame);
    checkWatch(drawnWatch, inFrame);
  };

  watch = watchFor(ready, 0);
  addEventListener(
    'keydown',
    (event) => {
      if (watch.start === null) {
        watch.start = event.timeStamp;
        watch.startFrame = frames;
      }
    },
    { capture: true },
  );
  new MutationObserver(() => check(false)).observe(document, {
    subtree: true,
    childList: true,
    attributes: true,
    characterData: true,
  });
  const everyFrame = () => {
    frames++;
    check(true);
    requestAnimationFrame(everyFrame);
  };
  requestAnimationFrame(everyFrame);

  const probe: PaintProbe = {
    ready: watch.timing.then((timing) => timing.painted),
    drawn: drawnWatch.timing.then((timing) => timing.painted),
    arm(condition, start) {
      watch = watchFor(condition, start === 'now' ? performance.now() : null);
    },
    settled(timeoutMs) {
      const { timing, condition } = watch;
      return new Promise<Timing>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`not shown within ${timeoutMs} ms: ${condition.selector}`)),
          timeoutMs,
        );
        void timing.then((value) => {
          clearTimeout(timer);
          resolve(value);
        });
      });
    },
  };
  Object.defineProperty(window, PROBE, { value: probe });
}
