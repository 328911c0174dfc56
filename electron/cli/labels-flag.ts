// The --labels flag of the CLI commands: a label set given on the command line, checked.
import { UsageError } from './io';
import { parseLabelList } from '../../shared/format/labels';

/** The label set a command uses: `--labels A,B` if given, else each path's corpus settings. */
export function labelsFlag(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const { labels, invalid, empty } = parseLabelList(value);
  if (invalid.length > 0)
    throw new UsageError(`invalid label(s) in --labels: ${invalid.join(', ')}`);
  if (labels.length === 0) throw new UsageError('--labels needs at least one label');
  if (empty)
    throw new UsageError(`--labels "${value}" names an empty label; remove the extra comma`);
  return labels;
}
