// The consistency report of a corpus: label conflicts, possible misses and suspicious boundaries, each with a fix.
import type { BracketDocument } from '../format/document';
import { tokenSpans } from '../format/tokens';
import { countsByLabel } from '../format/labels';
import { plural } from '../plural';
import type { CorpusAction } from './apply-to-all';
import {
  matchDocument,
  tagDocument,
  type CorpusForms,
  type DocumentMatches,
  type DocumentTags,
} from './consistency-passes';
import { hitList, type CorpusHit, type TaggedHits } from './hits';

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
  /** What the fix does in words, where the action alone would say otherwise (a trim made by tagging). */
  name?: string;
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
  const labels = countsByLabel();
  for (const hit of hits) if (hit.label !== null) labels[hit.label] = (labels[hit.label] ?? 0) + 1;
  return labels;
}

/** A possible miss tagged in fewer than one of this many occurrences: the tags are likelier the error. */
const FEW_TAGGED = 5;

/**
 * The fixes to offer for a finding: when its form is tagged with several labels, one per label seen
 * (most frequent first), since the right label can be the minority's; otherwise its own fix. A
 * label conflict or a possible miss also offers to untag the tagged occurrences, as they may be
 * the error: first for a possible miss tagged in fewer than one occurrence in five.
 */
export function fixChoices(finding: Finding): FindingFix[] {
  const { action } = finding.fix;
  if (action.kind === 'untag') return [finding.fix];
  const seen = Object.entries(finding.labels).sort(([, a], [, b]) => b - a);
  const byLabel =
    seen.length < 2
      ? [finding.fix]
      : seen.map(([label]) => ({
          action: { ...action, label },
          targets:
            action.kind === 'relabel'
              ? finding.occurrences.filter((hit) => hit.label !== null && hit.label !== label)
              : finding.fix.targets,
        }));
  if (finding.kind === 'boundary') return byLabel;
  const tagged = finding.occurrences.filter((hit) => hit.label !== null);
  const untag: FindingFix = { action: { kind: 'untag' }, targets: tagged };
  const few =
    finding.kind === 'possible-miss' && tagged.length * FEW_TAGGED < finding.occurrences.length;
  return few ? [untag, ...byLabel] : [...byLabel, untag];
}

const labelList = (labels: Record<string, number>) =>
  Object.entries(labels)
    .map(([label, count]) => `${label} ${count}`)
    .join(', ');

/** A tagged form's occurrences counted: in all, and by label in the order the labels were first seen. */
interface FormTally {
  count: number;
  labels: Record<string, number>;
}

/** A document's first pass as the report keeps it: its tagged hits read one at a time (see TaggedHits). */
export type TaggedDocument = Omit<DocumentTags, 'tagged'> & { tagged: TaggedHits };

/**
 * The findings of a corpus from its documents' two passes (see consistency-passes): each document's
 * tags (addTags, in corpus order), then, against the corpus's forms, its matches (addMatches, in the
 * same order). Forms are compared as exact text on whole tokens, case-sensitive. A form's tagged
 * occurrences stay in their documents, counted here; objects are made only of those a finding lists.
 */
export class CorpusConsistency {
  private readonly documents: TaggedDocument[] = [];
  private readonly matches: DocumentMatches[] = [];
  /** Tagged forms in the order first seen, with their counts. */
  private readonly tallies = new Map<string, FormTally>();

  addTags(tags: TaggedDocument): void {
    this.documents.push(tags);
    const { tagged } = tags;
    for (let k = 0; k < tagged.length; k++) {
      const text = tagged.text(k);
      let tally = this.tallies.get(text);
      if (!tally) this.tallies.set(text, (tally = { count: 0, labels: countsByLabel() }));
      tally.count++;
      const label = tagged.label(k);
      if (label !== null) tally.labels[label] = (tally.labels[label] ?? 0) + 1;
    }
  }

  get documentCount(): number {
    return this.documents.length;
  }

  /** What the second pass looks for: every form tagged in the corpus, known once all documents' tags are in. */
  forms(): CorpusForms {
    const byFirstToken = new Map<string, string[]>();
    for (const text of this.tallies.keys()) {
      if (!WORDLIKE.test(text)) continue;
      const first = text.split(/\s/, 1)[0];
      const forms = byFirstToken.get(first);
      if (forms) forms.push(text);
      else byFirstToken.set(first, [text]);
    }
    // Proper token-aligned parts of multi-token forms → the longer forms and where the part sits in them.
    const parts = new Map<string, Array<{ form: string; offset: number }>>();
    for (const [form, whole] of this.tallies) {
      const tokens = tokenSpans(form);
      if (tokens.length < 2) continue;
      for (let i = 0; i < tokens.length; i++) {
        for (let j = i; j < tokens.length; j++) {
          if (i === 0 && j === tokens.length - 1) continue;
          const part = form.slice(tokens[i][0], tokens[j][1]);
          const alone = this.tallies.get(part)?.count ?? 0;
          if (whole.count <= alone) continue;
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
    const untagged = this.untaggedPlaces();
    const conflicting = [...this.tallies]
      .filter(([, { labels }]) => Object.keys(labels).length > 1)
      .map(([text]) => text);
    const listed = this.taggedOccurrences(new Set([...conflicting, ...untagged.keys()]));
    return [
      this.conflicts(conflicting, listed),
      this.misses(order, untagged, listed),
      [...this.punctuationEdges(), ...this.partsOfLongerEntities()],
    ].flatMap((group) => group.sort(byFirstOccurrence));
  }

  /** The tagged occurrences of the forms asked for, each form's in corpus order, found in one walk. */
  private taggedOccurrences(forms: ReadonlySet<string>): Map<string, CorpusHit[]> {
    const occurrences = new Map<string, CorpusHit[]>();
    if (forms.size === 0) return occurrences;
    for (const { tagged } of this.documents) {
      for (let k = 0; k < tagged.length; k++) {
        const text = tagged.text(k);
        if (!forms.has(text)) continue;
        const list = occurrences.get(text);
        if (list) list.push(tagged.hit(k));
        else occurrences.set(text, [tagged.hit(k)]);
      }
    }
    return occurrences;
  }

  /** Where the second pass found tagged forms untagged, by form. */
  private untaggedPlaces(): Map<string, CorpusHit[]> {
    const untagged = new Map<string, CorpusHit[]>();
    for (const { untagged: places } of this.matches) {
      for (const { form, hit } of places) {
        const list = untagged.get(form);
        if (list) list.push(hit);
        else untagged.set(form, [hit]);
      }
    }
    return untagged;
  }

  private conflicts(forms: string[], listed: Map<string, CorpusHit[]>): Finding[] {
    return forms.map((text) => {
      const labels = { ...this.tallies.get(text)!.labels };
      const hits = listed.get(text)!;
      const label = majority(labels);
      return {
        kind: 'label-conflict',
        text,
        labels,
        occurrences: hits,
        message: `tagged ${labelList(labels)}`,
        fix: {
          action: { kind: 'relabel', label },
          targets: hits.filter((hit) => hit.label !== label),
        },
      };
    });
  }

  /** Tagged forms left untagged elsewhere: each with its tagged and untagged places. */
  private misses(
    order: Map<string, number>,
    untagged: Map<string, CorpusHit[]>,
    listed: Map<string, CorpusHit[]>,
  ): Finding[] {
    const findings: Finding[] = [];
    for (const [text, { labels: counted }] of this.tallies) {
      const missed = untagged.get(text);
      if (!missed) continue;
      const labels = { ...counted };
      const occurrences = [...listed.get(text)!, ...missed].sort(
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
        const hit = tagged.hit(entity);
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
          ? {
              action: { kind: 'tag', label: majority(labels) },
              targets,
              name: `trim to "${targets[0].text}"`,
            }
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
        const hit = tagged.hit(entity);
        const key = `${hit.text}\u0000${form}`;
        const existing = findings.get(key);
        if (existing) {
          existing.occurrences.push(hit);
          existing.fix.targets.push(target);
          continue;
        }
        const labels = { ...this.tallies.get(form)!.labels };
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
    for (const { path, doc } of this.documents) {
      const tags = tagDocument(path, doc);
      corpus.addTags({ ...tags, tagged: hitList(tags.tagged) });
    }
    const forms = corpus.forms();
    for (const { path, doc } of this.documents) corpus.addMatches(matchDocument(path, doc, forms));
    return corpus.findings();
  }
}
