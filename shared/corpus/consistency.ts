// The consistency report of a corpus: label conflicts, possible misses and suspicious boundaries, each with a fix.
import type { BracketDocument, DocumentEntity } from '../format/document';
import { isTokenEnd, isTokenStart, tokenSpans } from '../format/tokens';
import { entitiesOverlapping } from '../model/gestures';
import { plural } from '../plural';
import { filePositions } from '../review/positions';
import type { CorpusAction } from './apply-to-all';
import { hitAt, type CorpusHit } from './hits';

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

interface CheckedDocument {
  path: string;
  doc: BracketDocument;
  position: (offset: number) => { line: number; column: number };
}

/** Punctuation that opens or closes a phrase: glued to an entity's edge it is rarely part of the name. */
const OPENING = /^["'(«“‘]/u;
const CLOSING = /[:;,!?"')»”’]$/u;
const PUNCTUATION_TOKEN = /^[\p{P}\p{S}]+$/u;
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
 * Collects a corpus document by document (add), then reports its findings. Forms are compared as
 * exact text on whole tokens, case-sensitive.
 */
export class ConsistencyCheck {
  private readonly documents: CheckedDocument[] = [];
  /** Tagged occurrences by surface form, in corpus order. */
  private readonly tagged = new Map<string, CorpusHit[]>();

  add(path: string, parsed: BracketDocument): void {
    // Only the text and entities are needed: the file's source is let go.
    const doc: BracketDocument = { ...parsed, origin: undefined };
    const checked = { path, doc, position: filePositions(doc) };
    this.documents.push(checked);
    for (const entity of doc.entities) {
      const hit = this.entityHit(checked, entity);
      const list = this.tagged.get(hit.text);
      if (list) list.push(hit);
      else this.tagged.set(hit.text, [hit]);
    }
  }

  get documentCount(): number {
    return this.documents.length;
  }

  private entityHit({ path, doc, position }: CheckedDocument, entity: DocumentEntity): CorpusHit {
    return hitAt(path, doc, entity.start, entity.end, position);
  }

  /** Every finding: label conflicts, then possible misses, then boundaries, each in corpus order. */
  findings(): Finding[] {
    const order = new Map(this.documents.map((checked, index) => [checked.path, index]));
    const first = (finding: Finding) => finding.occurrences[0];
    const byFirstOccurrence = (a: Finding, b: Finding) =>
      order.get(first(a).path)! - order.get(first(b).path)! || first(a).start - first(b).start;
    return [this.conflicts(), this.misses(), this.boundaries()].flatMap((group) =>
      group.sort(byFirstOccurrence),
    );
  }

  private conflicts(): Finding[] {
    const findings: Finding[] = [];
    for (const [text, hits] of this.tagged) {
      const labels = countLabels(hits);
      if (Object.keys(labels).length < 2) continue;
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

  /** Untagged whole-token occurrences of tagged forms, found in one walk over each document's tokens. */
  private misses(): Finding[] {
    const byFirstToken = new Map<string, string[]>();
    for (const text of this.tagged.keys()) {
      if (!WORDLIKE.test(text)) continue;
      const first = text.split(/\s/, 1)[0];
      const forms = byFirstToken.get(first);
      if (forms) forms.push(text);
      else byFirstToken.set(first, [text]);
    }
    const untagged = new Map<string, CorpusHit[]>();
    for (const checked of this.documents) {
      const { doc } = checked;
      for (const [start, tokenEnd] of tokenSpans(doc.text)) {
        const forms = byFirstToken.get(doc.text.slice(start, tokenEnd));
        if (!forms) continue;
        for (const form of forms) {
          const end = start + form.length;
          if (!doc.text.startsWith(form, start) || !isTokenEnd(doc.text, end)) continue;
          if (entitiesOverlapping(doc.entities, start, end).length > 0) continue;
          const hit = hitAt(checked.path, doc, start, end, checked.position);
          const list = untagged.get(form);
          if (list) list.push(hit);
          else untagged.set(form, [hit]);
        }
      }
    }
    const order = new Map(this.documents.map((checked, index) => [checked.path, index]));
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

  private boundaries(): Finding[] {
    return [...this.punctuationEdges(), ...this.partsOfLongerEntities()];
  }

  /** Entities with punctuation at an edge: a separate token (trim it) or glued (untag). */
  private punctuationEdges(): Finding[] {
    const groups = new Map<
      string,
      { hits: CorpusHit[]; targets: CorpusHit[]; trim: boolean; why: string }
    >();
    for (const checked of this.documents) {
      const { doc } = checked;
      for (const entity of doc.entities) {
        const text = doc.text.slice(entity.start, entity.end);
        const tokens = tokenSpans(text);
        let first = 0;
        let last = tokens.length - 1;
        while (first <= last && PUNCTUATION_TOKEN.test(text.slice(...tokens[first]))) first++;
        while (last >= first && PUNCTUATION_TOKEN.test(text.slice(...tokens[last]))) last--;
        let why: string;
        let target: CorpusHit | null = null;
        let trim = false;
        if (first > last) continue; // all punctuation: not a name at all, left to the annotator
        if (first > 0 || last < tokens.length - 1) {
          why = `entity ${first > 0 ? 'starts' : 'ends'} with a punctuation token`;
          trim = true;
          target = hitAt(
            checked.path,
            doc,
            entity.start + tokens[first][0],
            entity.start + tokens[last][1],
            checked.position,
          );
        } else if (OPENING.test(text) || CLOSING.test(text)) {
          why = `entity ${OPENING.test(text) ? 'starts' : 'ends'} with glued punctuation`;
        } else continue;
        const key = `${text}\u0000${why}`;
        const hit = this.entityHit(checked, entity);
        const group = groups.get(key) ?? { hits: [], targets: [], trim, why };
        groups.set(key, group);
        group.hits.push(hit);
        group.targets.push(target ?? hit);
      }
    }
    return [...groups.values()].map(({ hits, targets, trim, why }) => {
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
    // Proper token-aligned parts of multi-token forms → the longer forms and where the part sits in them.
    const parts = new Map<string, Array<{ form: string; offset: number }>>();
    for (const form of this.tagged.keys()) {
      const tokens = tokenSpans(form);
      if (tokens.length < 2) continue;
      for (let i = 0; i < tokens.length; i++) {
        for (let j = i; j < tokens.length; j++) {
          if (i === 0 && j === tokens.length - 1) continue;
          const part = form.slice(tokens[i][0], tokens[j][1]);
          const list = parts.get(part) ?? [];
          parts.set(part, list);
          list.push({ form, offset: tokens[i][0] });
        }
      }
    }
    const findings: Finding[] = [];
    for (const checked of this.documents) {
      const { doc } = checked;
      for (const entity of doc.entities) {
        const text = doc.text.slice(entity.start, entity.end);
        for (const { form, offset } of parts.get(text) ?? []) {
          const start = entity.start - offset;
          const end = start + form.length;
          if (start < 0 || doc.text.slice(start, end) !== form) continue;
          if (!isTokenStart(doc.text, start) || !isTokenEnd(doc.text, end)) continue;
          const whole = this.tagged.get(form)!;
          const alone = this.tagged.get(text)!.length;
          if (whole.length <= alone) continue;
          const labels = countLabels(whole);
          const target = hitAt(checked.path, doc, start, end, checked.position);
          const existing = findings.find(
            (finding) => finding.text === text && finding.fix.targets[0].text === form,
          );
          if (existing) {
            existing.occurrences.push(this.entityHit(checked, entity));
            existing.fix.targets.push(target);
            continue;
          }
          findings.push({
            kind: 'boundary',
            text,
            labels: countLabels([this.entityHit(checked, entity)]),
            occurrences: [this.entityHit(checked, entity)],
            message: `usually part of "${form}" (tagged ${labelList(labels)})`,
            fix: { action: { kind: 'tag', label: majority(labels) }, targets: [target] },
          });
          break;
        }
      }
    }
    for (const finding of findings) finding.labels = countLabels(finding.occurrences);
    return findings;
  }
}
