// How agreement figures read in the view: three decimals, or a dash where the data gives none.
import type { Figure } from '../../../../shared/agreement/coefficients';
import { threeDecimals } from '../../../../shared/decimals';

export function figure(value: Figure): string {
  return value === null ? '—' : threeDecimals(value);
}
