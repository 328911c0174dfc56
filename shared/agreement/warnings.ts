// Where an agreement figure should not be trusted, said in words: few items, a rare label, one category dominating.
import { plural } from '../plural';
import type { AgreementReport } from './report';

/** Below this many tokens, chance-corrected figures swing widely. */
export const FEW_TOKENS = 100;
/** A label with fewer entities than this (per copy, on average) gives unreliable per-label figures. */
export const RARE_LABEL = 5;
/** A category holding more than this share of all token ratings skews κ and α (the kappa paradox). */
export const DOMINANT_SHARE = 0.9;

const percent = (share: number) => `${Math.round(share * 100)}%`;

/** The warnings of a report (its own warnings field is ignored); shares: each category's share of token ratings. */
export function agreementWarnings(
  report: Omit<AgreementReport, 'warnings'>,
  shares: ReadonlyMap<string, number>,
): string[] {
  if (report.documents.length === 0)
    return ['No document was compared: there is nothing to measure.'];
  const warnings: string[] = [];
  const copies = report.annotators.length;
  if (report.items < FEW_TOKENS) {
    warnings.push(
      `Only ${plural(report.items, 'token')} compared: with fewer than ${FEW_TOKENS}, κ and α swing widely; do not trust them.`,
    );
  }
  if (report.entities.every((n) => n === 0)) {
    warnings.push(
      'No copy holds any entity: there is nothing to agree on, and no span score to give.',
    );
  }
  for (const [label, figures] of Object.entries(report.labels)) {
    const total = figures.entities.reduce((sum, n) => sum + n, 0);
    const users = figures.entities
      .map((n, copy) => (n > 0 ? report.annotators[copy] : ''))
      .filter(Boolean);
    if (users.length === 1 && copies > 1) {
      warnings.push(
        `Only ${users[0]} used ${label}: its figures measure one annotator's choice, not agreement.`,
      );
    } else if (total / copies < RARE_LABEL) {
      warnings.push(
        `${label} is rare (${plural(total, 'entity', 'entities')} in all copies): its figures rest on too few cases to trust.`,
      );
    }
  }
  for (const [category, share] of shares) {
    if (share > DOMINANT_SHARE) {
      warnings.push(
        `${category} covers ${percent(share)} of all tokens: token-level κ and α are dominated by it (high agreement on ${category} hides disagreement on the rest); read the span F1 and unitizing α too.`,
      );
    }
  }
  const undefinedFigures = [
    ["Fleiss' κ", report.fleissKappa],
    ["Krippendorff's α", report.krippendorffAlpha],
    ['unitizing α', report.unitizingAlpha],
  ].filter(([, value]) => value === null);
  if (undefinedFigures.length > 0 && report.items > 0) {
    warnings.push(
      `${undefinedFigures.map(([name]) => name).join(', ')} cannot be computed: the copies use a single category throughout, so chance agreement is already perfect.`,
    );
  }
  return warnings;
}

/** A warning for each label asked for (`agree --labels`) that no copy uses: it compares nothing. */
export function unusedLabelWarnings(asked: readonly string[], used: ReadonlySet<string>): string[] {
  const inUse = [...used].sort();
  return asked
    .filter((label) => !used.has(label))
    .map((label) => {
      const like = inUse.find((other) => other.toLowerCase() === label.toLowerCase());
      const meant = like ? ` (did you mean ${like}?)` : '';
      const listed = inUse.length > 0 ? ` The copies use ${inUse.join(', ')}.` : '';
      return `No copy uses the label ${label}${meant}: it compares nothing.${listed}`;
    });
}
