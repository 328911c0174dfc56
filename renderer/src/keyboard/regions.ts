// The window's keyboard regions (as VS Code has them): F6 / Shift+F6 move the focus from one to the next.

/**
 * The regions in order: corpus list, toolbar, document, the corpus panel under it (search,
 * consistency: a region within the document's), side panels, status bar.
 */
const REGIONS = [
  'nav[aria-label="Corpus"]',
  '[role="toolbar"]',
  'main',
  '.corpus-panel',
  'aside',
  'footer',
];
const FOCUSABLE =
  'button:not(:disabled), input:not(:disabled), select:not(:disabled), textarea, [tabindex]:not([tabindex="-1"])';

/** Where focus lands in a region: the document view in the document region, else its first control. */
function entryOf(region: Element): HTMLElement | null {
  return (
    region.querySelector<HTMLElement>('[data-testid="document-view"]') ??
    region.querySelector<HTMLElement>(FOCUSABLE)
  );
}

/** Moves the focus to the next (1) or previous (-1) region that has something to focus. */
export function focusRegion(direction: 1 | -1): void {
  const regions = REGIONS.map((selector) => document.querySelector(selector)).filter(
    (region) => region !== null,
  );
  const focused = document.activeElement;
  // The innermost region holding the focus: the corpus panel rather than the document's.
  const current = regions.findLastIndex((region) => focused && region.contains(focused));
  for (let step = 1; step <= regions.length; step++) {
    const from = current === -1 ? (direction > 0 ? -1 : 0) : current;
    const region = regions[(from + direction * step + regions.length * 2) % regions.length];
    const entry = entryOf(region);
    if (entry) return entry.focus();
  }
}

/** Gives the focus to the document view (the text), when a document is open. */
export function focusDocument(): void {
  document
    .querySelector<HTMLElement>('[data-testid="document-view"]')
    ?.focus({ preventScroll: true });
}
