// The consistency report of a corpus: label conflicts, possible misses and suspicious boundaries, each with a fix.
import type { BracketDocument } from '../format/document';
import { tokenSpans } from '../format/tokens';
import { plural } from '../plural';
import type { CorpusAction } from './apply-to-all';
import {
  matchDocument,
  tagDocument,
  type CorpusForms,
  type DocumentMatches,
  type DocumentTags,
} from './consistency-passes';
import type { CorpusHit } from './hits';

export type FindingKind = 'label-conflict' | 'possible-miss' | 'boundary';
export const FINDING_KINDS: readonly FindingKind[] = [
  'label-conflict',
  'possible-miss',
  'boundary',
];

/** The one-click fix of a finding: an apply-to-all over targets, previewed before it runs. */
export interface FindingFix {
  action: CorpusAction;
  targets: CorpusHit[];
}

export interface Finding {
  kind: FindingKind;
  /** The surface form the finding is about. */
  text: string;
  /** How often the form is tagged with each label. */
  labels: Record<string, number>;
  /** Every occurrence involved, in corpus order; untagged ones have label null. */
  occurrences: CorpusHit[];
  /** The finding in words (for boundaries: which boundary and why). */
  message: string;
  fix: FindingFix;
}

const WORDLIKE = /[\p{L}\p{N}]/u;

/** The label tagged most often (ties: the one seen first). */
function majority(labels: Record<string, number>): string {
  let best = '';
  for (const [label, count] of Object.entries(labels))
    if (best === '' || count > labels[best]) best = label;
  return best;
}

function countLabels(hits: readonly CorpusHit[]): Record<string, number> {
  const labels: Record<string, number> = {};
  for (const hit of hits) if (hit.label !== null) labels[hit.label] = (labels[hit.label] ?? 0) + 1;
  return labels;
}

/** Whether the hits carry at least two different labels (what countLabels would list), seen without counting. */
function hasTwoLabels(hits: readonly CorpusHit[]): boolean {
  let first: string | null = null;
  for (const { label } of hits) {
    if (label === null || label === first) continue;
    if (first !== null) return true;
    first = label;
  }
  return false;
}

/**
 * The fixes to offer for a finding: when its form is tagged with several labels, one per label seen
 * (most frequent first), since the right label can be the minority's; otherwise its own fix.
 */
export function fixChoices(finding: Finding): FindingFix[] {
  const { action } = finding.fix;
  if (action.kind === 'untag' || Object.keys(finding.labels).length < 2) return [finding.fix];
  const seen = Object.entries(finding.labels).sort(([, a], [, b]) => b - a);
  return seen.map(([label]) => ({
    action: { ...action, label },
    targets:
      action.kind === 'relabel'
        ? finding.occurrences.filter((hit) => hit.label !== null && hit.label !== label)
        : finding.fix.targets,
  }));
}

const labelList = (labels: Record<string, number>) =>
  Object.entries(labels)
    .map(([label, count]) => `${label} ${count}`)
    .join(', ');

/**
 * The findings of a corpus from its documents' two passes (see consistency-passes): each document's
 * tags (addTags, in corpus order), then, against the corpus's forms, its matches (addMatches, in the
 * same order). Forms are compared as exact text on whole tokens, case-sensitive.
 */
export class CorpusConsistency {
  private readonly documents: DocumentTags[] = [];
  private readonly matches: DocumentMatches[] = [];
  /** Tagged occurrences by surface form, in corpus order. */
  private readonly tagged = new Map<string, CorpusHit[]>();

  addTags(tags: DocumentTags): void {
    this.documents.push(tags);
    for (const hit of tags.tagged) {
      const list = this.tagged.get(hit.text);
      if (list) list.push(hit);
      else this.tagged.set(hit.text, [hit]);
    }
  }

  get documentCount(): number {
    return this.documents.length;
  }

  /** What the second pass looks for: every form tagged in the corpus, known once all documents' tags are in. */
  forms(): CorpusForms {
    const byFirstToken = new Map<string, string[]>();
    for (const text of this.tagged.keys()) {
      if (!WORDLIKE.test(text)) continue;
      const first = text.split(/\s/, 1)[0];
      const forms = byFirstToken.get(first);
      if (forms) forms.push(text);
      else byFirstToken.set(first, [text]);
    }
    // Proper token-aligned parts of multi-token forms → the longer forms and where the part sits in them.
    const parts = new Map<string, Array<{ form: string; offset: number }>>();
    for (const [form, whole] of this.tagged) {
      const tokens = tokenSpans(form);
      if (tokens.length < 2) continue;
      for (let i = 0; i < tokens.length; i++) {
        for (let j = i; j < tokens.length; j++) {
          if (i === 0 && j === tokens.length - 1) continue;
          const part = form.slice(tokens[i][0], tokens[j][1]);
          const alone = this.tagged.get(part)?.length ?? 0;
          if (whole.length <= alone) continue;
          const list = parts.get(part) ?? [];
          parts.set(part, list);
          list.push({ form, offset: tokens[i][0] });
        }
      }
    }
    return { byFirstToken, parts };
  }

  /** The second pass's result for the next document, in corpus order. */
  addMatches(matches: DocumentMatches): void {
    this.matches.push(matches);
  }

  /** Every finding: label conflicts, then possible misses, then boundaries, each in corpus order. */
  findings(): Finding[] {
    const order = new Map(this.documents.map((tags, index) => [tags.path, index]));
    const first = (finding: Finding) => finding.occurrences[0];
    const byFirstOccurrence = (a: Finding, b: Finding) =>
      order.get(first(a).path)! - order.get(first(b).path)! || first(a).start - first(b).start;
    return [
      this.conflicts(),
      this.misses(order),
      [...this.punctuationEdges(), ...this.partsOfLongerEntities()],
    ].flatMap((group) => group.sort(byFirstOccurrence));
  }

  private conflicts(): Finding[] {
    const findings: Finding[] = [];
    for (const [text, hits] of this.tagged) {
      if (!hasTwoLabels(hits)) continue;
      const labels = countLabels(hits);
      const label = majority(labels);
      findings.push({
        kind: 'label-conflict',
        text,
        labels,
        occurrences: hits,
        message: `tagged ${labelList(labels)}`,
        fix: {
          action: { kind: 'relabel', label },
          targets: hits.filter((hit) => hit.label !== label),
        },
      });
    }
    return findings;
  }

  /** Tagged forms left untagged elsewhere: each with its tagged and untagged places. */
  private misses(order: Map<string, number>): Finding[] {
    const untagged = new Map<string, CorpusHit[]>();
    for (const { untagged: places } of this.matches) {
      for (const { form, hit } of places) {
        const list = untagged.get(form);
        if (list) list.push(hit);
        else untagged.set(form, [hit]);
      }
    }
    const findings: Finding[] = [];
    for (const [text, tagged] of this.tagged) {
      const missed = untagged.get(text);
      if (!missed) continue;
      const labels = countLabels(tagged);
      const occurrences = [...tagged, ...missed].sort(
        (a, b) => order.get(a.path)! - order.get(b.path)! || a.start - b.start,
      );
      findings.push({
        kind: 'possible-miss',
        text,
        labels,
        occurrences,
        message: `tagged ${labelList(labels)}, untagged ${plural(missed.length, 'time')}`,
        fix: { action: { kind: 'tag', label: majority(labels) }, targets: missed },
      });
    }
    return findings;
  }

  /** Entities with punctuation at an edge: a separate token (trim it) or glued (untag). */
  private punctuationEdges(): Finding[] {
    const groups = new Map<
      string,
      { hits: CorpusHit[]; targets: CorpusHit[]; why: string; trim: boolean }
    >();
    for (const { tagged, edges } of this.documents) {
      for (const { entity, why, target } of edges) {
        const hit = tagged[entity];
        const key = `${hit.text}\u0000${why}`;
        const group = groups.get(key) ?? { hits: [], targets: [], why, trim: target !== null };
        groups.set(key, group);
        group.hits.push(hit);
        group.targets.push(target ?? hit);
      }
    }
    return [...groups.values()].map(({ hits, targets, why, trim }) => {
      const labels = countLabels(hits);
      return {
        kind: 'boundary',
        text: hits[0].text,
        labels,
        occurrences: hits,
        message: trim ? `${why}; trim to "${targets[0].text}"` : `${why}; untag`,
        fix: trim
          ? { action: { kind: 'tag', label: majority(labels) }, targets }
          : { action: { kind: 'untag' }, targets },
      };
    });
  }

  /**
   * Entities whose surrounding tokens spell a longer tagged form more often tagged whole: `[LOC Pristina  ]
   * Airport` where `[LOC Pristina Airport  ]` is the usual tag. The fix tags the longer span.
   */
  private partsOfLongerEntities(): Finding[] {
    const findings = new Map<string, Finding>();
    this.matches.forEach(({ parts }, index) => {
      const { tagged } = this.documents[index];
      for (const { entity, form, target } of parts) {
        const hit = tagged[entity];
        const key = `${hit.text}\u0000${form}`;
        const existing = findings.get(key);
        if (existing) {
          existing.occurrences.push(hit);
          existing.fix.targets.push(target);
          continue;
        }
        const labels = countLabels(this.tagged.get(form)!);
        findings.set(key, {
          kind: 'boundary',
          text: hit.text,
          labels,
          occurrences: [hit],
          message: `usually part of "${form}" (tagged ${labelList(labels)})`,
          fix: { action: { kind: 'tag', label: majority(labels) }, targets: [target] },
        });
      }
    });
    const found = [...findings.values()];
    for (const finding of found) finding.labels = countLabels(finding.occurrences);
    return found;
  }
}

/** The consistency check of documents held in memory: added one by one, both passes run on findings. */
export class ConsistencyCheck {
  private readonly documents: Array<{ path: string; doc: BracketDocument }> = [];

  add(path: string, parsed: BracketDocument): void {
    // Only the text and entities are needed: the file's source is let go.
    this.documents.push({ path, doc: { ...parsed, origin: undefined } });
  }

  get documentCount(): number {
    return this.documents.length;
  }

  findings(): Finding[] {
    const corpus = new CorpusConsistency();
    for (const { path, doc } of this.documents) corpus.addTags(tagDocument(path, doc));
    const forms = corpus.forms();
    for (const { path, doc } of this.documents) corpus.addMatches(matchDocument(path, doc, forms));
    return corpus.findings();
  }
}
