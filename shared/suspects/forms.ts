// Corpus consistency for the suspect ranking: how often each tagged form is tagged with each label, and left untagged.
import { OUTSIDE, labelOfTag, isBegin } from './tagger';

/** The counts of one surface form (a sequence of form ids) across the corpus. */
export interface FormCount {
  /** Tagged occurrences per label number. */
  labels: number[];
  untagged: number;
}

/** One occurrence of a counted form in a sentence: tokens [from, to), its label number or -1 untagged. */
export interface FormOccurrence {
  from: number;
  to: number;
  form: FormCount;
  label: number;
}

/** A run of tokens tagged as one entity: tokens [from, to) and its label number. */
export interface TokenSpan {
  from: number;
  to: number;
  label: number;
}

/** The entities of a tag sequence: a B tag, or an I tag not continuing its label, starts one. */
export function tagSpans(tags: ArrayLike<number>, n = tags.length): TokenSpan[] {
  const spans: TokenSpan[] = [];
  for (let i = 0; i < n; i++) {
    const tag = tags[i];
    if (tag === OUTSIDE) continue;
    const label = labelOfTag(tag);
    const last = spans.at(-1);
    if (!isBegin(tag) && last !== undefined && last.to === i && last.label === label) last.to++;
    else spans.push({ from: i, to: i + 1, label });
  }
  return spans;
}

/** Forms longer than this many tokens are not looked for untagged (they hardly ever recur). */
const LONGEST_FORM = 6;

const keyOf = (types: ArrayLike<number>, from: number, to: number) =>
  Array.prototype.slice.call(types, from, to).join(',');

/**
 * Tagged forms are counted first (countTagged over every sentence), then untagged occurrences of
 * them (countUntagged); a form is exact: the same tokens, case included.
 */
export class FormStatistics {
  private readonly forms = new Map<string, FormCount>();
  /** Tagged forms by their first token's form id: their form ids and counts. */
  private byFirst = new Map<number, Array<{ types: Int32Array; form: FormCount }>>();

  constructor(
    /** Whether a form id is a word (holds a letter or digit): forms of punctuation alone are not counted. */
    private readonly wordlike: (type: number) => boolean,
  ) {}

  /** The counts of the form at types[from, to), created when create is set. */
  private formAt(types: ArrayLike<number>, from: number, to: number, create: boolean) {
    const key = keyOf(types, from, to);
    let form = this.forms.get(key);
    if (form === undefined && create) {
      this.forms.set(key, (form = { labels: [], untagged: 0 }));
      const first = types[from];
      const list = this.byFirst.get(first) ?? [];
      this.byFirst.set(first, list);
      list.push({ types: Int32Array.from(Array.prototype.slice.call(types, from, to)), form });
    }
    return form;
  }

  /** Every occurrence of a counted form in a sentence: its entities, then untagged runs of tagged forms. */
  occurrences(types: Int32Array, tags: Uint16Array, create = false): FormOccurrence[] {
    const found: FormOccurrence[] = [];
    for (const { from, to, label } of tagSpans(tags)) {
      if (!this.hasWord(types, from, to)) continue;
      const form = this.formAt(types, from, to, create);
      if (form) found.push({ from, to, form, label });
    }
    for (let i = 0; i < types.length; i++) {
      if (tags[i] !== OUTSIDE) continue;
      for (const { types: formTypes, form } of this.byFirst.get(types[i]) ?? []) {
        const to = i + formTypes.length;
        if (formTypes.length > LONGEST_FORM || to > types.length) continue;
        let matches = true;
        for (let k = 1; k < formTypes.length && matches; k++)
          matches = types[i + k] === formTypes[k] && tags[i + k] === OUTSIDE;
        if (matches) found.push({ from: i, to, form, label: -1 });
      }
    }
    return found;
  }

  private hasWord(types: ArrayLike<number>, from: number, to: number): boolean {
    for (let i = from; i < to; i++) if (this.wordlike(types[i])) return true;
    return false;
  }

  /** Counts a sentence's entities (first pass). */
  countTagged(types: Int32Array, tags: Uint16Array): void {
    for (const { from, to, label } of tagSpans(tags)) {
      if (!this.hasWord(types, from, to)) continue;
      const form = this.formAt(types, from, to, true)!;
      form.labels[label] = (form.labels[label] ?? 0) + 1;
    }
  }

  /** Adds (sign 1) or takes away (sign -1) the occurrences given. */
  count(occurrences: readonly FormOccurrence[], sign: 1 | -1, only: 'tagged' | 'untagged' | 'all') {
    for (const { form, label } of occurrences) {
      if (label === -1 && only !== 'tagged') form.untagged += sign;
      else if (label !== -1 && only !== 'untagged')
        form.labels[label] = (form.labels[label] ?? 0) + sign;
    }
  }

  /** The counts of a form elsewhere: all its occurrences but the one given. */
  static others(occurrence: FormOccurrence, labelCount: number): FormCount {
    const labels = Array.from({ length: labelCount }, (_, k) => occurrence.form.labels[k] ?? 0);
    let untagged = occurrence.form.untagged;
    if (occurrence.label === -1) untagged--;
    else labels[occurrence.label]--;
    return { labels, untagged: Math.max(0, untagged) };
  }
}
