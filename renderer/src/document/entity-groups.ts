// Groups a document's entities by label for the entity panel, labels in alphabetical order.
import type { DocumentEntity } from '../../../shared/format/document';

export function entitiesByLabel(
  entities: readonly DocumentEntity[],
): Array<[string, DocumentEntity[]]> {
  const byLabel = new Map<string, DocumentEntity[]>();
  for (const entity of entities) {
    const group = byLabel.get(entity.label);
    if (group) group.push(entity);
    else byLabel.set(entity.label, [entity]);
  }
  return [...byLabel].sort((a, b) => a[0].localeCompare(b[0]));
}
