// `emend stats`: counts files, lines, tokens, entities and distinct surface forms per label.
import { tokenSpans } from '../../shared/format/tokens';
import { parseFlags, type CliIO, type Command } from './io';
import { loadDocuments, type LoadedDocument } from './load';

const USAGE = `Usage: emend stats [--json] PATH...
  Counts files, lines, tokens, entities, and per label the entities and distinct surface forms.`;

export interface CorpusStats {
  files: number;
  lines: number;
  tokens: number;
  entities: number;
  labels: Record<string, { entities: number; distinct: number }>;
}

export function countStats(documents: readonly LoadedDocument[]): CorpusStats {
  const forms = new Map<string, Set<string>>();
  const perLabel = new Map<string, number>();
  let lines = 0;
  let tokens = 0;
  let entities = 0;
  for (const { doc } of documents) {
    const { text } = doc;
    if (text.length > 0) lines += text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
    tokens += tokenSpans(text).length;
    entities += doc.entities.length;
    for (const entity of doc.entities) {
      perLabel.set(entity.label, (perLabel.get(entity.label) ?? 0) + 1);
      if (!forms.has(entity.label)) forms.set(entity.label, new Set());
      forms.get(entity.label)!.add(text.slice(entity.start, entity.end));
    }
  }
  const labels: CorpusStats['labels'] = {};
  for (const label of [...perLabel.keys()].sort()) {
    labels[label] = { entities: perLabel.get(label)!, distinct: forms.get(label)!.size };
  }
  return { files: documents.length, lines, tokens, entities, labels };
}

export const stats: Command = {
  summary: 'count files, lines, tokens, entities and surface forms per label',
  usage: USAGE,
  async run(args: string[], io: CliIO): Promise<number> {
    const { values, positionals } = parseFlags(args, { json: { type: 'boolean' } });
    const result = countStats(await loadDocuments(positionals));
    if (values.json) {
      io.out(`${JSON.stringify(result)}\n`);
      return 0;
    }
    const rows: string[][] = [
      ['files', String(result.files)],
      ['lines', String(result.lines)],
      ['tokens', String(result.tokens)],
      ['entities', String(result.entities)],
    ];
    const out = rows.map(([name, value]) => `${name.padEnd(10)}${value.padStart(10)}`);
    const labelWidth = Math.max(5, ...Object.keys(result.labels).map((label) => label.length)) + 2;
    out.push(
      '',
      `${'label'.padEnd(labelWidth)}${'entities'.padStart(10)}${'distinct'.padStart(10)}`,
    );
    for (const [label, counts] of Object.entries(result.labels)) {
      out.push(
        `${label.padEnd(labelWidth)}${String(counts.entities).padStart(10)}${String(counts.distinct).padStart(10)}`,
      );
    }
    io.out(`${out.join('\n')}\n`);
    return 0;
  },
};
