// Corpus statistics (files, lines, tokens, entities, distinct surface forms per label), counted straight from each document's source.
import { detached } from '../format/detached';
import { DEFAULT_LABELS } from '../format/document';
import { scanEntities } from '../format/scan';
import { countTagCuts, countTokensInUtf8 } from '../format/tokens';

export interface CorpusStats {
  files: number;
  lines: number;
  tokens: number;
  entities: number;
  labels: Record<string, { entities: number; distinct: number }>;
}

/** A counter's totals as plain data (its surface forms listed), to be added to another counter. */
export interface StatsTally {
  files: number;
  lines: number;
  tokens: number;
  entities: number;
  labels: { label: string; entities: number; forms: string[] }[];
}

/**
 * Counts the tag cuts (see countTagCuts) of a source's plain text as scanEntities reports its
 * entities in order. Tags and markup never cross a line, so only the lines holding a `<` have their
 * plain text rebuilt, one line at a time.
 */
class TagCutCounter {
  private cuts = 0;
  /** The next line holding a `<`: where it starts and ends (before its line feed); -1 past the last. */
  private lineStart = -1;
  private lineEnd = -1;
  /** The plain pieces of that line so far, and where its source is copied up to. */
  private pieces: string[] = [];
  private copied = 0;

  constructor(private readonly src: string) {
    this.nextLine(src.indexOf('<'));
  }

  private nextLine(lessThan: number): void {
    const { src } = this;
    this.pieces = [];
    if (lessThan === -1) {
      this.lineStart = this.lineEnd = -1;
      return;
    }
    this.lineStart = this.copied = src.lastIndexOf('\n', lessThan) + 1;
    const feed = src.indexOf('\n', lessThan);
    this.lineEnd = feed === -1 ? src.length : feed;
  }

  /** Finishes every line holding a `<` that ends before offset. */
  private finishBefore(offset: number): void {
    while (this.lineStart !== -1 && this.lineEnd < offset) {
      this.pieces.push(this.src.slice(this.copied, this.lineEnd));
      this.cuts += countTagCuts(this.pieces.join(''));
      this.nextLine(this.src.indexOf('<', this.lineEnd));
    }
  }

  entity(open: number, contentStart: number, contentEnd: number, closeAt: number): void {
    this.finishBefore(open);
    if (this.lineStart === -1 || open < this.lineStart) return;
    this.pieces.push(this.src.slice(this.copied, open), this.src.slice(contentStart, contentEnd));
    this.copied = closeAt + 1;
  }

  total(): number {
    this.finishBefore(Infinity);
    return this.cuts;
  }
}

interface LabelTally {
  label: string;
  entities: number;
  /** The distinct surface forms, copied out of the source. */
  forms: Set<string>;
}

/**
 * Running totals over documents added one at a time. Each source is scanned as parse scans it, but
 * nothing is built: no entity objects, no plain text. Tokens and surface forms are those of the
 * plain text parse would give. Only the distinct surface forms are kept.
 */
export class StatsCounter {
  private files = 0;
  private lines = 0;
  private tokens = 0;
  private entities = 0;
  private readonly labels = new Map<string, LabelTally>();

  /**
   * Adds one document, as read from its file: its source and the source's UTF-8 bytes (a byte
   * order mark is not text). Or a piece of one, `first` false for all but its first: its pieces
   * added in order, every one but the last ending with a line feed (markup never crosses a line),
   * count as the document added whole.
   */
  add(
    source: string,
    utf8: Uint8Array,
    labels: readonly string[] = DEFAULT_LABELS,
    first = true,
  ): void {
    const bom = first && source.charCodeAt(0) === 0xfeff;
    const src = bom ? source.slice(1) : source;
    if (first) this.files++;
    let feeds = 0;
    for (let i = src.indexOf('\n'); i !== -1; i = src.indexOf('\n', i + 1)) feeds++;
    // Markup never holds a line break, so the plain text has the source's lines.
    if (src.length > 0) this.lines += feeds + (src.endsWith('\n') ? 0 : 1);

    // Each entity's markup adds two tokens to the source, whatever is glued to it: `[LABEL` (or
    // the text glued before it plus `[LABEL`, where the plain text glues that text to the
    // content instead) and `]` (likewise with the text glued after it).
    const tallies = this.labels;
    let entities = 0;
    let markupTokens = 0;
    let last: LabelTally | undefined;
    const tagCuts = new TagCutCounter(src);
    scanEntities(src, labels, {
      entity(open, label, contentStart, contentEnd, closeAt) {
        entities++;
        tagCuts.entity(open, contentStart, contentEnd, closeAt);
        markupTokens += 2;
        let tally = last?.label === label ? last : tallies.get(label);
        if (!tally) tallies.set(label, (tally = { label, entities: 0, forms: new Set() }));
        last = tally;
        tally.entities++;
        const form = src.slice(contentStart, contentEnd);
        if (!tally.forms.has(form)) tally.forms.add(detached(form));
      },
    });
    this.entities += entities;
    this.tokens += countTokensInUtf8(bom ? utf8.subarray(3) : utf8) - markupTokens;
    this.tokens += tagCuts.total();
  }

  /** The totals so far as plain data: what a worker thread hands back (see addTally). */
  tally(): StatsTally {
    const { files, lines, tokens, entities } = this;
    const labels = [...this.labels.values()].map(({ label, entities, forms }) => ({
      label,
      entities,
      forms: [...forms],
    }));
    return { files, lines, tokens, entities, labels };
  }

  /** Adds another counter's totals (its tally), as if its documents had been added here. */
  addTally(tally: StatsTally): void {
    this.files += tally.files;
    this.lines += tally.lines;
    this.tokens += tally.tokens;
    this.entities += tally.entities;
    for (const { label, entities, forms } of tally.labels) {
      let own = this.labels.get(label);
      if (!own) this.labels.set(label, (own = { label, entities: 0, forms: new Set() }));
      own.entities += entities;
      for (const form of forms) own.forms.add(form);
    }
  }

  result(): CorpusStats {
    const labels: CorpusStats['labels'] = {};
    for (const label of [...this.labels.keys()].sort()) {
      const tally = this.labels.get(label)!;
      labels[label] = { entities: tally.entities, distinct: tally.forms.size };
    }
    const { files, lines, tokens, entities } = this;
    return { files, lines, tokens, entities, labels };
  }
}
