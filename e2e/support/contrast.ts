// The contrast of an element's text with the background drawn behind it, as WCAG 2 counts it.
import type { Locator } from '@playwright/test';

/** The contrast ratio (1 to 21) of the element's text colour with the first opaque background under it. */
export function textContrast(element: Locator): Promise<number> {
  return element.evaluate((start) => {
    const channels = (css: string) => (css.match(/[\d.]+/g) ?? []).map(Number);
    const luminance = ([r, g, b]: number[]) => {
      const linear = (c: number) => {
        const s = c / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
    };
    let behind = [255, 255, 255];
    for (let node: Element | null = start; node; node = node.parentElement) {
      const color = channels(getComputedStyle(node).backgroundColor);
      if (color.length === 3 || (color.length === 4 && color[3] === 1)) {
        behind = color;
        break;
      }
    }
    const [lighter, darker] = [
      luminance(channels(getComputedStyle(start).color)),
      luminance(behind),
    ].sort((a, b) => b - a);
    return (lighter + 0.05) / (darker + 0.05);
  });
}
