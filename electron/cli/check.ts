// `emend check`: the consistency report of a corpus (label conflicts, possible misses, boundaries); exit 1 on findings.
import { plural } from '../../shared/plural';
import { CorpusConsistency, type Finding } from '../../shared/corpus/consistency';
import type { CorpusHit } from '../../shared/corpus/hits';
import { EXIT_FOUND, EXIT_OK, paint, parseFlags, quoted, type CliIO, type Command } from './io';
import { openCorpus } from './corpus-files';
import { labelsFlag } from './labels-flag';
import { packedHitList } from './packed-hits';
import { jobsFlag, JOBS_USAGE } from './worker-pool';

const USAGE = `Usage: emend check [--labels A,B,...] [--json] [--jobs N] PATH...
  Reports what is inconsistent across the corpus, one finding per line, grouped by kind; a line
  starts at the first place its fix changes (path:line:col; a label conflict: its first occurrence)
  and --json lists every occurrence:
    label-conflict  the same text tagged with different labels (counts per label)
    possible-miss   a text tagged somewhere and left untagged elsewhere (each untagged place)
    boundary        punctuation at an entity's edge, or a text usually tagged as part of a longer entity
  Texts are compared exactly (case-sensitive), on whole tokens.
  --labels    the label set (default: the corpus settings, else PER,LOC,ORG,MISC)
  --json      print {"findings":[{"kind","text","labels","occurrences":[{"path","line","column","label"}]}],
              "unreadable":[{"path","reason"}]}
${JOBS_USAGE}
  A file that cannot be read is left out of the report and listed at the end. Exit status: 0 no
  findings, 1 findings, 2 usage error or a file that could not be read.`;

const where = (hit: CorpusHit) => `${hit.path}:${hit.line}:${hit.column}`;

/** The places a finding's line lists: the ones its fix would change. */
function findingLine(finding: Finding, io: CliIO): string {
  const targets = finding.fix.targets;
  const first = finding.kind === 'label-conflict' ? finding.occurrences[0] : targets[0];
  const places = targets.map((hit) =>
    hit.label === null || finding.kind !== 'label-conflict'
      ? where(hit)
      : `${where(hit)} ${hit.label}`,
  );
  const what =
    finding.kind === 'possible-miss'
      ? 'untagged at'
      : finding.kind === 'label-conflict'
        ? 'to relabel'
        : 'at';
  return `${where(first)}: ${paint(io, 'yellow', finding.kind)} ${quoted(finding.text)}: ${finding.message}; ${what} ${places.join(', ')}`;
}

export const check: Command = {
  summary: 'report label conflicts, possible misses and suspicious boundaries across files',
  usage: USAGE,
  async run(args: string[], io: CliIO): Promise<number> {
    const { values, positionals } = parseFlags(args, {
      labels: { type: 'string' },
      json: { type: 'boolean' },
      jobs: { type: 'string' },
    });
    const corpus = await openCorpus(positionals, {
      labels: labelsFlag(values.labels),
      io,
      command: 'check',
      jobs: jobsFlag(values.jobs),
    });
    const consistency = new CorpusConsistency();
    // An unreadable file is left out and listed (exit 2), as validate does: the report is over the
    // readable files. Two passes on the same threads, each document on one: its tagged forms, then
    // its matches of the corpus's.
    await corpus.withThreads(async () => {
      await corpus.forEachResult('check', (_, tags) =>
        consistency.addTags({ ...tags, tagged: packedHitList(tags.tagged) }),
      );
      await corpus.forEachResult('check-matches', (_, matches) => consistency.addMatches(matches), {
        forms: consistency.forms(),
      });
    });
    const findings = consistency.findings();
    if (values.json) {
      const shaped = findings.map(({ kind, text, labels, occurrences }) => ({
        kind,
        text,
        labels,
        occurrences: occurrences.map(({ path, line, column, label }) => ({
          path,
          line,
          column,
          label,
        })),
      }));
      io.out(`${JSON.stringify({ findings: shaped, unreadable: corpus.unreadableListed() })}\n`);
    } else {
      for (const finding of findings) io.out(`${findingLine(finding, io)}\n`);
      const count = (kind: Finding['kind']) =>
        findings.filter((finding) => finding.kind === kind).length;
      const files = plural(consistency.documentCount, 'file');
      const conflicts = count('label-conflict');
      const misses = count('possible-miss');
      const boundaries = count('boundary');
      io.err(
        `${files}: ${plural(conflicts, 'label conflict')}, ` +
          `${plural(misses, 'possible miss', 'possible misses')}, ${plural(boundaries, 'boundary', 'boundaries')}\n`,
      );
    }
    return corpus.reportUnreadable(io, 'check') ?? (findings.length > 0 ? EXIT_FOUND : EXIT_OK);
  },
};
