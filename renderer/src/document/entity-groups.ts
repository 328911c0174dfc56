// The entity panel's view of a document's entities: counts per label, and the first few of a label.
import type { DocumentEntity } from '../../../shared/format/document';

/** How many entities each label has, labels in alphabetical order (one pass, no lists built). */
export function labelCounts(entities: readonly DocumentEntity[]): Array<[string, number]> {
  // A document has a handful of labels: a short array beats a map on every one of its entities.
  const labels: string[] = [];
  const counts: number[] = [];
  for (const { label } of entities) {
    let index = labels.indexOf(label);
    if (index === -1) {
      index = labels.push(label) - 1;
      counts.push(0);
    }
    counts[index]++;
  }
  return labels
    .map((label, index): [string, number] => [label, counts[index]])
    .sort((a, b) => a[0].localeCompare(b[0]));
}

/** The first `limit` entities with label, in document order (stops once it has them). */
export function firstWithLabel(
  entities: readonly DocumentEntity[],
  label: string,
  limit: number,
): DocumentEntity[] {
  const found: DocumentEntity[] = [];
  for (const entity of entities) {
    if (entity.label !== label) continue;
    found.push(entity);
    if (found.length === limit) break;
  }
  return found;
}
