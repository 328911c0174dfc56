// A suspect in words for the list: its snippet (the sentence around the span), its kind and its suggested fix.
import type { Suspect, SuspectKind } from '../../../../shared/suspects/suspect';

export const KIND_NAMES: Record<SuspectKind, string> = {
  'wrong-label': 'Wrong label',
  'not-an-entity': 'Not an entity',
  'missing-entity': 'Missing entity',
  'wrong-boundary': 'Wrong boundary',
};

/** The sentence split around the span: before, the span, after. */
export interface Snippet {
  before: string;
  text: string;
  after: string;
}

/** Characters of the sentence kept on each side of the span. */
const CONTEXT_CHARS = 60;

/** The sentence around the span, the span where it is in the sentence. */
export function snippetOf(suspect: Suspect): Snippet {
  const from = suspect.start - suspect.sentenceStart;
  const to = from + suspect.text.length;
  const before = suspect.sentence.slice(0, from);
  const after = suspect.sentence.slice(to);
  return {
    before: before.length > CONTEXT_CHARS ? `…${before.slice(-CONTEXT_CHARS)}` : before,
    text: suspect.text,
    after: after.length > CONTEXT_CHARS ? `${after.slice(0, CONTEXT_CHARS)}…` : after,
  };
}

/** The fix in words: "LOC → ORG", "Remove LOC", "Tag ORG", "ORG over “Bank of Kosovo”". */
export function describeSuggestion(suspect: Suspect): string {
  const fix = suspect.suggestion;
  switch (fix.kind) {
    case 'relabel':
      return `${suspect.label ?? 'untagged'} → ${fix.label}`;
    case 'remove':
      return `Remove ${suspect.label ?? 'the entity'}`;
    case 'add':
      return `Tag ${fix.label}`;
    case 'extent':
      return `${fix.label} over “${fix.text}”`;
  }
}
