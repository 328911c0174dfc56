// Loads the documents a CLI command names: expands folders, reads and parses each with its corpus labels.
import { parse } from '../../shared/format/parse';
import type { BracketDocument } from '../../shared/format/document';
import { collectDocuments } from '../workspace/folder-walk';
import { readDocument } from '../workspace/read-document';
import { labelsForPath } from '../workspace/settings';
import { UsageError } from './io';
import { parseLabelList } from '../../shared/format/labels';

export interface LoadedDocument {
  path: string;
  source: string;
  doc: BracketDocument;
}

/** The label set a command uses: `--labels A,B` if given, else each path's corpus settings. */
export function labelsFlag(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const { labels, invalid } = parseLabelList(value);
  if (invalid.length > 0)
    throw new UsageError(`invalid label(s) in --labels: ${invalid.join(', ')}`);
  if (labels.length === 0) throw new UsageError('--labels needs at least one label');
  return labels;
}

/**
 * Reads every document under paths before anything else happens, so a bad file stops the command
 * with nothing written. Throws FileError (missing, binary, invalid UTF-8, ...) naming the file.
 */
export async function loadDocuments(paths: string[], labels?: string[]): Promise<LoadedDocument[]> {
  if (paths.length === 0) throw new UsageError('no PATH given');
  const files = await collectDocuments(paths);
  const loaded: LoadedDocument[] = [];
  for (const file of files) {
    const source = await readDocument(file);
    const doc = parse(source, { labels: labels ?? (await labelsForPath(file)) });
    loaded.push({ path: file, source, doc });
  }
  return loaded;
}
