// `emend git diff`: git's external diff driver for bracket files, showing entity changes as `emend diff` does.
import { parse } from '../../shared/format/parse';
import { diffDocuments } from '../../shared/review/diff';
import { FileError } from '../workspace/file-error';
import { readDocument } from '../workspace/read-document';
import { labelsForPath } from '../workspace/settings';
import { printChanges } from './diff';
import { paint, printable, UsageError, type CliIO } from './io';

/** git's name for a missing side (a file added or deleted). */
const NO_FILE = '/dev/null';

async function readSide(file: string): Promise<string> {
  return file === NO_FILE ? '' : readDocument(file);
}

/**
 * Shows one file's change from the seven arguments git gives a diff command (path old-file old-hex
 * old-mode new-file new-hex new-mode; more for a rename, one for an unmerged path). Always succeeds,
 * since git stops the whole diff when its driver fails: a file it cannot read is named, not shown.
 */
export async function diffDriver(args: readonly string[], io: CliIO): Promise<void> {
  if (args.length === 1) {
    io.out(`* Unmerged path ${args[0]}\n`);
    return;
  }
  if (args.length < 7)
    throw new UsageError(
      "a diff driver takes git's 7 arguments: PATH OLD-FILE OLD-HEX OLD-MODE NEW-FILE NEW-HEX NEW-MODE",
    );
  const [name, oldFile, , , newFile] = args;
  const shownNew = args.length >= 9 ? args[7] : name;
  io.out(`${paint(io, 'bold', `emend diff a/${printable(name)} b/${printable(shownNew)}`)}\n`);
  let before: string;
  let after: string;
  try {
    [before, after] = [await readSide(oldFile), await readSide(newFile)];
  } catch (error) {
    if (!(error instanceof FileError)) throw error;
    io.out(`  not compared: ${name}: ${error.reason}\n`);
    return;
  }
  const labels = await labelsForPath(name);
  const diff = diffDocuments(parse(before, { labels }), parse(after, { labels }));
  if (diff.changes.length === 0 && diff.textEdits.length === 0) {
    io.out('  same entities and text\n');
    return;
  }
  printChanges(io, diff);
}
