// How agreement figures read in the view: three decimals, or a dash where the data gives none.
import type { Figure } from '../../../../shared/agreement/coefficients';

export function figure(value: Figure): string {
  return value === null ? '—' : value.toFixed(3);
}
