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

/**
 * Interns forms and their features. Feature ids: 0 is the bias; own features and neighbour
 * features (one id per neighbour position) share one id space, counted by featureCount.
 */
export class FeatureIndex {
  private readonly types = new Map<string, number>();
  private readonly own: Int32Array[] = [];
  private readonly near: Int32Array[] = [];
  private readonly ids = new Map<string, number>([['bias', 0]]);
  readonly forms: string[] = [];
  private readonly words: boolean[] = [];
  /** The most features one token can fire. */
  private widest = 0;
  readonly start: number;
  readonly end: number;

  constructor() {
    this.start = this.typeOf(SENTENCE_START);
    this.end = this.typeOf(SENTENCE_END);
  }

  get featureCount(): number {
    return this.ids.size;
  }

  get typeCount(): number {
    return this.forms.length;
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

/** Reusable buffers for the features of one sentence. */
export class SentenceFeatures {
  ids = new Int32Array(1024);
  starts = new Int32Array(64);

  reserve(tokens: number, size: number): void {
    if (this.starts.length < tokens + 1) this.starts = new Int32Array(2 * (tokens + 1));
    if (this.ids.length < size) this.ids = new Int32Array(2 * size);
  }
}
