// A place's standing in words, as the adjudication panel and the versions under the text say it.
import type { Settlement } from '../../state/adjudication-places';

export function describeSettlement(settlement: Settlement, annotators: readonly string[]): string {
  switch (settlement.kind) {
    case 'open':
      return 'open';
    case 'none':
      return 'settled: no entity';
    case 'hand':
      return 'settled by hand';
    case 'version':
      return `settled: ${settlement.annotators.map((k) => annotators[k]).join(', ')}`;
  }
}
