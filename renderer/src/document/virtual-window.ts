// Which lines of a long document to render: the visible ones plus overscan, under one fixed line height.

export interface Viewport {
  scrollTop: number;
  height: number;
  lineHeight: number;
  lineCount: number;
  /** Extra lines rendered above and below the visible ones. */
  overscan: number;
}

export interface LineWindow {
  /** First rendered line (0-based). */
  first: number;
  /** One past the last rendered line. */
  last: number;
  /** Pixel offset of the first rendered line. */
  top: number;
  /** Height of the whole document. */
  total: number;
}

export function lineWindow(view: Viewport): LineWindow {
  const total = view.lineCount * view.lineHeight;
  const firstVisible = Math.floor(Math.max(0, view.scrollTop) / view.lineHeight);
  const visible = Math.ceil(Math.max(0, view.height) / view.lineHeight) + 1;
  const first = Math.max(0, Math.min(firstVisible, view.lineCount - 1) - view.overscan);
  const last = Math.min(view.lineCount, firstVisible + visible + view.overscan);
  return { first, last, top: first * view.lineHeight, total };
}

/** The scrollTop that brings a line fully into view, or the current one when it already is. */
export function scrollToReveal(view: Viewport, line: number, margin = 2): number {
  const lineTop = line * view.lineHeight;
  const above = lineTop - margin * view.lineHeight;
  const below = lineTop + (margin + 1) * view.lineHeight - view.height;
  if (above < view.scrollTop) return Math.max(0, above);
  if (below > view.scrollTop)
    return Math.max(0, Math.min(below, view.lineCount * view.lineHeight - view.height));
  return view.scrollTop;
}
