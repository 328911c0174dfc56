// Summaries and the printed table of the editor benchmark: nearest-rank percentiles, durations, ratios.

/** The nearest-rank percentile (p in 0-100) of the samples: a value that was really measured. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) throw new RangeError('no samples');
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1];
}

/** The p-th percentile of samples where null is one cut off: null when it falls on one, undefined when none were taken. */
export function percentileOf(
  samples: ReadonlyArray<number | null>,
  p: number,
): number | null | undefined {
  if (samples.length === 0) return undefined;
  const value = percentile(
    samples.map((sample) => sample ?? Infinity),
    p,
  );
  return Number.isFinite(value) ? value : null;
}

/** A duration as printed: "12 ms", "1.25 s", or "> 60 s" when it was cut off (null). */
export function formatDuration(ms: number | null, cutOffMs: number): string {
  if (ms === null) return `> ${cutOffMs / 1000} s`;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(2)} s`;
}

/** Emend's time over the baseline's: below 1 means Emend is ahead; "—" when either is missing. */
export function formatRatio(
  emend: number | null,
  baseline: number | null,
  cutOffMs: number,
): string {
  if (emend === null) return '—';
  if (baseline === null) return `< ${(emend / cutOffMs).toFixed(2)}`;
  return (emend / Math.max(baseline, 0.1)).toFixed(2);
}

/** A markdown table with columns padded to line up in a terminal. */
export function markdownTable(header: readonly string[], rows: readonly string[][]): string {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row[column].length)),
  );
  const line = (cells: readonly string[]) =>
    `| ${cells.map((cell, column) => cell.padEnd(widths[column])).join(' | ')} |`;
  const rule = `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}
