// `emend stats`: counts files, lines, tokens, entities and distinct surface forms per label, file by file.
import { largest } from '../../shared/long-lists';
import { StatsCounter, type CorpusStats } from '../../shared/corpus/stats';
import { openCorpus } from './corpus-files';
import { EXIT_OK, parseFlags, type CliIO, type Command } from './io';
import { jobsFlag, JOBS_USAGE } from './worker-pool';

const USAGE = `Usage: emend stats [--json] [--jobs N] PATH...
  Counts files, lines, tokens, entities, and per label the entities and distinct surface forms.
  --json      print {"files","lines","tokens","entities","labels":{...},"unreadable":[{"path","reason"}]}
${JOBS_USAGE}
  Files are read one at a time; one that cannot be read is listed at the end (exit status 2).`;

function table(result: CorpusStats): string {
  const rows: string[][] = [
    ['files', String(result.files)],
    ['lines', String(result.lines)],
    ['tokens', String(result.tokens)],
    ['entities', String(result.entities)],
  ];
  const out = rows.map(([name, value]) => `${name.padEnd(10)}${value.padStart(10)}`);
  const labelWidth =
    largest(
      Object.keys(result.labels).map((label) => label.length),
      5,
    ) + 2;
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
    const { values, positionals } = parseFlags(args, {
      json: { type: 'boolean' },
      jobs: { type: 'string' },
    });
    const jobs = jobsFlag(values.jobs);
    const corpus = await openCorpus(positionals, { io, command: 'stats', jobs });
    const counter = new StatsCounter();
    await corpus.forEachResult('stats', (_file, tally) => counter.addTally(tally));
    const result = counter.result();
    if (values.json)
      io.out(`${JSON.stringify({ ...result, unreadable: corpus.unreadableListed() })}\n`);
    else io.out(table(result));
    return corpus.reportUnreadable(io, 'stats') ?? EXIT_OK;
  },
};
