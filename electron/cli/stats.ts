// `emend stats`: counts files, lines, tokens, entities and distinct surface forms per label, file by file.
import type { BracketDocument } from '../../shared/format/document';
import { countTokens } from '../../shared/format/tokens';
import { openCorpus } from './corpus-files';
import { EXIT_OK, parseFlags, type CliIO, type Command } from './io';

const USAGE = `Usage: emend stats [--json] PATH...
  Counts files, lines, tokens, entities, and per label the entities and distinct surface forms.
  Files are read one at a time; one that cannot be read is listed at the end (exit status 2).`;

export interface CorpusStats {
  files: number;
  lines: number;
  tokens: number;
  entities: number;
  labels: Record<string, { entities: number; distinct: number }>;
}

/**
 * A copy of a slice that does not keep the document's whole text alive (V8 represents a slice as a
 * view into its parent string); the copy is made through a short concatenation.
 */
function detached(slice: string): string {
  return ` ${slice}`.slice(1);
}

/** Running totals over documents added one at a time; only the distinct surface forms are kept. */
export class StatsCounter {
  private files = 0;
  private lines = 0;
  private tokens = 0;
  private entities = 0;
  private readonly forms = new Map<string, Set<string>>();
  private readonly perLabel = new Map<string, number>();

  add({ text, entities }: BracketDocument): void {
    this.files++;
    let feeds = 0;
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) feeds++;
    if (text.length > 0) this.lines += feeds + (text.endsWith('\n') ? 0 : 1);
    this.tokens += countTokens(text);
    this.entities += entities.length;
    for (const entity of entities) {
      this.perLabel.set(entity.label, (this.perLabel.get(entity.label) ?? 0) + 1);
      let forms = this.forms.get(entity.label);
      if (!forms) this.forms.set(entity.label, (forms = new Set()));
      const form = text.slice(entity.start, entity.end);
      if (!forms.has(form)) forms.add(detached(form));
    }
  }

  result(): CorpusStats {
    const labels: CorpusStats['labels'] = {};
    for (const label of [...this.perLabel.keys()].sort()) {
      labels[label] = {
        entities: this.perLabel.get(label)!,
        distinct: this.forms.get(label)!.size,
      };
    }
    const { files, lines, tokens, entities } = this;
    return { files, lines, tokens, entities, labels };
  }
}

function table(result: CorpusStats): string {
  const rows: string[][] = [
    ['files', String(result.files)],
    ['lines', String(result.lines)],
    ['tokens', String(result.tokens)],
    ['entities', String(result.entities)],
  ];
  const out = rows.map(([name, value]) => `${name.padEnd(10)}${value.padStart(10)}`);
  const labelWidth = Math.max(5, ...Object.keys(result.labels).map((label) => label.length)) + 2;
  out.push('', `${'label'.padEnd(labelWidth)}${'entities'.padStart(10)}${'distinct'.padStart(10)}`);
  for (const [label, counts] of Object.entries(result.labels)) {
    out.push(
      `${label.padEnd(labelWidth)}${String(counts.entities).padStart(10)}${String(counts.distinct).padStart(10)}`,
    );
  }
  return `${out.join('\n')}\n`;
}

export const stats: Command = {
  summary: 'count files, lines, tokens, entities and surface forms per label',
  usage: USAGE,
  async run(args: string[], io: CliIO): Promise<number> {
    const { values, positionals } = parseFlags(args, { json: { type: 'boolean' } });
    const corpus = await openCorpus(positionals, { io, command: 'stats' });
    const counter = new StatsCounter();
    await corpus.forEach(({ doc }) => counter.add(doc));
    const result = counter.result();
    io.out(values.json ? `${JSON.stringify(result)}\n` : table(result));
    return corpus.reportUnreadable(io, 'stats') ?? EXIT_OK;
  },
};
