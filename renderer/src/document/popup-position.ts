// Where a popup (menu, quick fixes) goes: next to what it is about, always inside the window.

export interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

const GAP = 4;
const MARGIN = 8;

/** Below the target when it fits, else above it, else as low as fits; clamped to the window. */
export function placeBeside(
  target: Box,
  popup: { width: number; height: number },
  window: { width: number; height: number },
): { left: number; top: number } {
  const below = target.top + target.height + GAP;
  const above = target.top - GAP - popup.height;
  const top =
    below + popup.height <= window.height - MARGIN
      ? below
      : above >= MARGIN
        ? above
        : window.height - MARGIN - popup.height;
  const left = Math.min(target.left, window.width - MARGIN - popup.width);
  return { left: Math.max(MARGIN, left), top: Math.max(MARGIN, top) };
}

/** Places popup (a `position: fixed` element) beside target in the browser window. */
export function placePopup(popup: HTMLElement, target: Box): void {
  const { width, height } = popup.getBoundingClientRect();
  const place = placeBeside(
    target,
    { width, height },
    {
      width: document.documentElement.clientWidth,
      height: document.documentElement.clientHeight,
    },
  );
  popup.style.left = `${place.left}px`;
  popup.style.top = `${place.top}px`;
}
