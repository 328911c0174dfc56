// Scores and agreement figures as printed everywhere: three decimals, a figure that rounds to zero never signed ("-0.000").

/** value with three decimals; a negative figure that rounds to zero reads "0.000". */
export function threeDecimals(value: number): string {
  const printed = value.toFixed(3);
  return printed === '-0.000' ? '0.000' : printed;
}
