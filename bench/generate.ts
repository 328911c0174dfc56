// Generates bracket documents of a given size for benchmarks: realistic tokens, one entity per ~8 tokens.

const WORDS = [
  'the',
  'said',
  'on',
  'Tuesday',
  'that',
  'traffic',
  'through',
  'rose',
  'percent',
  'in',
  'third',
  'quarter',
  'reporters',
  'new',
  'terminal',
  'would',
  'open',
  'March',
  ',',
  '.',
  'of',
  'and',
  'to',
  'a',
  'for',
  'talks',
  "'s",
  '(',
  ')',
  '--',
  'officials',
  'joined',
  'session',
  'cables',
  'citing',
  'damage',
  'year',
  'é',
  'naïve',
];
const ENTITIES: Array<[string, string]> = [
  ['LOC', 'Kosovo'],
  ['MISC', 'Serbs'],
  ['PER', 'Christopher W. Dell'],
  ['ORG', 'NATO'],
  ['LOC', 'Pristina'],
  ['ORG', 'European Commission'],
  ['PER', 'Ines Carvalho'],
  ['MISC', 'Portuguese'],
  ['LOC', 'Setubal'],
];

/** A deterministic document of about `bytes` UTF-16 units, lines of ~20 tokens, some HTML and literals. */
export function generateDocument(bytes: number, seed = 1): string {
  let state = seed >>> 0;
  const random = (limit: number) => {
    // mulberry32: a small, well-mixed 32-bit generator, so documents are the same on every run.
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) % limit;
  };
  const lines: string[] = [];
  let size = 0;
  let paragraph = 1;
  while (size < bytes) {
    const tokens: string[] = [];
    if (random(12) === 0)
      tokens.push(`<a id='par${paragraph}' href='#par${paragraph}'>¶</a>${paragraph++}`);
    for (let i = 0; i < 20; i++) {
      if (random(8) === 0) {
        const [label, text] = ENTITIES[random(ENTITIES.length)];
        tokens.push(`[${label} ${text}  ]`);
      } else if (random(200) === 0) {
        tokens.push('[1]');
      } else {
        tokens.push(WORDS[random(WORDS.length)]);
      }
    }
    const line = `${tokens.join(' ')} `;
    lines.push(line);
    size += line.length + 1;
  }
  return `${lines.join('\n')}\n`;
}
