// The entity panel's view of a document's entities: counts per label, and the first few of a label.
import type { DocumentEntity } from '../../../shared/format/document';
import { changedRange } from '../../../shared/format/entity-changes';

/**
 * How many entities each label has, labels in the order of their characters (alphabetical for
 * labels written alike, PER or person; not the locale's order, whose first use loads collation data
 * for some 10 ms while the page opens). Counted once, then after each edit only the entities it
 * changed (an edit keeps every other entity as the same object).
 */
export class LabelTally {
  private entities: readonly DocumentEntity[] = [];
  private readonly counts = new Map<string, number>();

  of(entities: readonly DocumentEntity[]): Array<[string, number]> {
    const { from, beforeEnd, afterEnd } = changedRange(this.entities, entities);
    for (let i = from; i < beforeEnd; i++) this.add(this.entities[i].label, -1);
    for (let i = from; i < afterEnd; i++) this.add(entities[i].label, 1);
    this.entities = entities;
    return [...this.counts]
      .filter(([, count]) => count > 0)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  }

  private add(label: string, by: number): void {
    this.counts.set(label, (this.counts.get(label) ?? 0) + by);
  }
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
