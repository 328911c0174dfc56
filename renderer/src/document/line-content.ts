// A line's elements (shared/view/line-elements.ts) as DOM nodes, every text set as text: what DocumentLine shows.
import { lineElements, type LineElement } from '../../../shared/view/line-elements';
import type { Part } from '../../../shared/view/line-parts';
import type { EntityMark } from '../../../shared/view/review-marks';

function domNode(element: LineElement): HTMLElement {
  const node = document.createElement(element.tag);
  if (element.className) node.className = element.className;
  for (const [name, value] of Object.entries(element.data)) node.dataset[name] = value;
  if (element.title !== undefined) node.title = element.title;
  if (element.text !== undefined) node.textContent = element.text;
  for (const child of element.children ?? []) node.appendChild(domNode(child));
  return node;
}

/** The line's elements as DOM nodes, every text set as text. */
export function lineNodes(
  parts: readonly Part[],
  selectedId: number | null,
  changes: ReadonlyMap<number, EntityMark> | null,
): DocumentFragment {
  const content = document.createDocumentFragment();
  for (const element of lineElements(parts, selectedId, changes)) {
    content.appendChild(domNode(element));
  }
  return content;
}

/**
 * Marks the selected entity among the drawn lines' entities (and unmarks the one that was): the
 * marks are found by class and id, so lines of thousands of entities are not walked mark by mark.
 */
export function markSelected(lines: Element, selectedId: number | null): void {
  for (const mark of lines.querySelectorAll('mark.selected-entity')) {
    if (Number((mark as HTMLElement).dataset.id) !== selectedId)
      mark.classList.remove('selected-entity');
  }
  if (selectedId === null) return;
  for (const mark of lines.querySelectorAll(`mark.entity[data-id="${selectedId}"]`))
    mark.classList.add('selected-entity');
}
