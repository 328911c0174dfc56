// The suspect model's features: each distinct token form interned once with the features it fires, as integer ids.
import { detached } from '../format/detached';

/** Where a feature looks, relative to the token being tagged: the token itself, then its neighbours. */
const NEIGHBOURS = [-2, -1, 1, 2] as const;

const UPPER = /\p{Lu}/u;
const LOWER = /\p{Ll}/u;
const DIGIT = /\p{N}/u;
const LETTER = /\p{L}/u;

/** The shape of a form: letters as X or x, digits as d, other characters kept (`McCain` → `XxXxxxx`). */
function shapeOf(form: string): string {
  let shape = '';
  for (const char of form) {
    if (UPPER.test(char)) shape += 'X';
    else if (LOWER.test(char)) shape += 'x';
    else if (DIGIT.test(char)) shape += 'd';
    else if (LETTER.test(char)) shape += 'l';
    else shape += char;
  }
  return shape;
}

/** The shape with runs of one character written once (`XxXxxxx` → `XxXx`). */
const shortShape = (shape: string) => shape.replace(/(.)\1+/gu, '$1');

/** The features a form fires when it is the token tagged. */
function ownFeatures(form: string): string[] {
  const lower = form.toLowerCase();
  const chars = [...lower];
  const shape = shapeOf(form);
  const features = [
    `w=${form}`,
    `l=${lower}`,
    `sh=${shape.slice(0, 12)}`,
    `ss=${shortShape(shape)}`,
  ];
  for (let n = 1; n <= 4 && n <= chars.length; n++) {
    features.push(`p${n}=${chars.slice(0, n).join('')}`, `s${n}=${chars.slice(-n).join('')}`);
  }
  if (UPPER.test(chars.length > 0 ? [...form][0] : '')) features.push('cap');
  if (form !== lower && form === form.toUpperCase()) features.push('allcaps');
  if (DIGIT.test(form)) features.push('digit');
  if (!LETTER.test(form) && !DIGIT.test(form)) features.push('punct');
  features.push(`len=${Math.min(chars.length, 8)}`);
  return features;
}

/** The features a form fires as a neighbour of the token tagged (each neighbour position apart). */
function neighbourFeatures(form: string): string[] {
  const lower = form.toLowerCase();
  return [`l=${lower}`, `ss=${shortShape(shapeOf(form))}`, `s3=${[...lower].slice(-3).join('')}`];
}

/** The pseudo-forms before the first and after the last token of a sentence. */
const SENTENCE_START = '\u0000start';
const SENTENCE_END = '\u0000end';

/** A feature table as typed arrays, to cross to another thread: each form's ids laid end to end. */
export interface PackedFeatures {
  own: Int32Array;
  /** Form t's own features are own[ownStarts[t] .. ownStarts[t + 1]); near likewise. */
  ownStarts: Int32Array;
  near: Int32Array;
  nearStarts: Int32Array;
  start: number;
  end: number;
  widest: number;
  featureCount: number;
}

/**
 * The features every known form fires, as ids: what training and scoring read. Feature ids: 0 is
 * the bias; own features and neighbour features (one id per neighbour position) share one id
 * space, counted by featureCount.
 */
export class FeatureTable {
  protected readonly own: Int32Array[] = [];
  protected readonly near: Int32Array[] = [];
  /** The most features one token can fire. */
  protected widest = 0;
  /** The pseudo-forms' ids. */
  protected start = 0;
  protected end = 0;
  private count = 0;

  get featureCount(): number {
    return this.count;
  }

  /** The table packed from another thread. */
  static unpack(packed: PackedFeatures): FeatureTable {
    const table = new FeatureTable();
    const slices = (flat: Int32Array, starts: Int32Array, into: Int32Array[]) => {
      for (let t = 0; t + 1 < starts.length; t++)
        into.push(flat.subarray(starts[t], starts[t + 1]));
    };
    slices(packed.own, packed.ownStarts, table.own);
    slices(packed.near, packed.nearStarts, table.near);
    table.widest = packed.widest;
    table.start = packed.start;
    table.end = packed.end;
    table.count = packed.featureCount;
    return table;
  }

  /** The table as typed arrays (a copy: forms interned later are not in it). */
  pack(): PackedFeatures {
    const flatten = (lists: readonly Int32Array[]) => {
      const starts = new Int32Array(lists.length + 1);
      lists.forEach((list, t) => (starts[t + 1] = starts[t] + list.length));
      const flat = new Int32Array(starts[lists.length]);
      lists.forEach((list, t) => flat.set(list, starts[t]));
      return [flat, starts] as const;
    };
    const [own, ownStarts] = flatten(this.own);
    const [near, nearStarts] = flatten(this.near);
    const { widest, start, end, featureCount } = this;
    return { own, ownStarts, near, nearStarts, widest, start, end, featureCount };
  }

  /**
   * The features of every token of a sentence given its form ids: into out (grown as needed),
   * token i's features at out.ids[out.starts[i] .. out.starts[i + 1]).
   */
  sentenceFeatures(types: ArrayLike<number>, out: SentenceFeatures): void {
    const n = types.length;
    out.reserve(n, n * this.widest);
    const { ids, starts } = out;
    let at = 0;
    for (let i = 0; i < n; i++) {
      starts[i] = at;
      ids[at++] = 0;
      for (const id of this.own[types[i]]) ids[at++] = id;
      for (let k = 0; k < NEIGHBOURS.length; k++) {
        const j = i + NEIGHBOURS[k];
        const type = j < 0 ? this.start : j >= n ? this.end : types[j];
        const near = this.near[type];
        const width = near.length / NEIGHBOURS.length;
        for (let m = k * width; m < (k + 1) * width; m++) ids[at++] = near[m];
      }
    }
    starts[n] = at;
  }
}

/** A feature table that interns forms and their features as it meets them. */
export class FeatureIndex extends FeatureTable {
  private readonly types = new Map<string, number>();
  private readonly ids = new Map<string, number>([['bias', 0]]);
  readonly forms: string[] = [];
  private readonly words: boolean[] = [];

  constructor() {
    super();
    this.start = this.typeOf(SENTENCE_START);
    this.end = this.typeOf(SENTENCE_END);
  }

  override get featureCount(): number {
    return this.ids.size;
  }

  /** The id of a form, interning it and its features on first sight. */
  typeOf(slice: string): number {
    const known = this.types.get(slice);
    if (known !== undefined) return known;
    const form = detached(slice);
    const type = this.forms.length;
    const own = form.startsWith('\u0000') ? [form] : ownFeatures(form);
    const near = form.startsWith('\u0000') ? [form] : neighbourFeatures(form);
    this.own.push(Int32Array.from(own, (name) => this.idOf(name)));
    this.near.push(
      Int32Array.from(
        NEIGHBOURS.flatMap((at) => near.map((name) => `${at}:${name}`)),
        (name) => this.idOf(name),
      ),
    );
    this.widest = Math.max(this.widest, 1 + own.length + NEIGHBOURS.length * near.length);
    this.types.set(form, type);
    this.forms.push(form);
    this.words.push(LETTER.test(form) || DIGIT.test(form));
    return type;
  }

  /** Whether the form holds a letter or a digit. */
  wordlike(type: number): boolean {
    return this.words[type];
  }

  private idOf(name: string): number {
    let id = this.ids.get(name);
    if (id === undefined) this.ids.set(name, (id = this.ids.size));
    return id;
  }
}

/** Reusable buffers for the features of one sentence. */
export class SentenceFeatures {
  ids = new Int32Array(1024);
  starts = new Int32Array(64);

  reserve(tokens: number, size: number): void {
    if (this.starts.length < tokens + 1) this.starts = new Int32Array(2 * (tokens + 1));
    if (this.ids.length < size) this.ids = new Int32Array(2 * size);
  }
}
