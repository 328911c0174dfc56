// The agreement figures as a report holds them: per pair, per label, per document, and the warnings.
import type { Figure } from './coefficients';

/** One pair of annotators, the first (a) as the reference of the span scores. */
export interface PairFigures {
  a: string;
  b: string;
  /** Token-level Cohen's κ. */
  cohenKappa: Figure;
  /** Token-level Gwet's AC1. */
  gwetAC1: Figure;
  /** Span scores of the entities: null where neither copy of the pair holds one (nothing to score). */
  strictPrecision: Figure;
  strictRecall: Figure;
  strictF1: Figure;
  exactPrecision: Figure;
  exactRecall: Figure;
  exactF1: Figure;
  partialPrecision: Figure;
  partialRecall: Figure;
  partialF1: Figure;
  typePrecision: Figure;
  typeRecall: Figure;
  typeF1: Figure;
}

/** The figures of a set of copies: a whole corpus, one label of it, or one document. */
export interface AgreementFigures {
  /** Tokens compared (each token is one item). */
  items: number;
  /** How many entities each copy holds, in annotator order. */
  entities: number[];
  /** Pairs in the order (1,2), (1,3), …, (2,3), …. */
  pairs: PairFigures[];
  /** Token-level Fleiss' κ over all copies. */
  fleissKappa: Figure;
  /** Token-level Krippendorff's α, nominal, over all copies. */
  krippendorffAlpha: Figure;
  /** Krippendorff's unitizing α over the entities' spans (characters), all copies. */
  unitizingAlpha: Figure;
  /** Token-level Gwet's AC1 over all copies. */
  gwetAC1: Figure;
}

export interface DocumentAgreement extends AgreementFigures {
  path: string;
}

export interface AgreementReport extends AgreementFigures {
  annotators: string[];
  /** Per label: tokens of that label against all others, its entities only, its unitizing α. */
  labels: Record<string, AgreementFigures>;
  documents: DocumentAgreement[];
  /** Where a figure should not be trusted, in words. */
  warnings: string[];
}
