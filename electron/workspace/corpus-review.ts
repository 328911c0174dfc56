// Corpus review in the workspace: every readable document as it is now (unsaved edits included) compared with its baseline, one at a time, as a task.
import { ApiError, type ApiResponses, type TaskId } from '../../shared/api/contract';
import type { BaselineSource } from '../../shared/api/requests';
import { parse } from '../../shared/format/parse';
import {
  compareDocuments,
  jsonChanges,
  ReportBuilder,
  type UnreadableDocument,
} from '../../shared/review/report';
import { checkCommit, NotAtRevision, readGitBaselines } from './baseline';
import { FileError } from './file-error';
import { isListed } from './folder-walk';
import { gitText } from './git-process';
import type { Tasks } from './tasks';
import type { Workspace } from './workspace';

/** How many documents' git versions one `git cat-file` reads: a few MB at a time, not the corpus. */
const GIT_BATCH = 64;

/**
 * Compares each readable document with its baseline from source, a step of the task each; a document
 * whose baseline or file cannot be read is listed with why. Only each document's compact report is
 * kept, so the memory is that of one document at a time (a git revision's versions are read a batch
 * at a time by one git process: one per document took six times as long on 5,000 documents).
 */
export async function reviewCorpus(
  workspace: Workspace,
  tasks: Tasks,
  source: BaselineSource,
  taskId: TaskId | undefined,
): Promise<ApiResponses['reviewCorpus']> {
  const ids = workspace.readableIds();
  return tasks.run(taskId, ids.length, async (task) => {
    const labels = workspace.labelNames();
    const report = new ReportBuilder();
    const unreadable: UnreadableDocument[] = [];
    const onlyAfter: string[] = [];
    // The names at the revision (from the repository's root) of documents renamed since.
    const renamedFrom = new Set<string>();
    // Read many at a time where the revision is the corpus repository's commit; else each document
    // alone says why not (its own repository may hold it).
    const batched =
      source.kind === 'git' &&
      (await checkCommit(source.revision, workspace.root).then(
        () => true,
        () => false,
      ));
    for (let first = 0; first < ids.length; first += GIT_BATCH) {
      const batch = ids.slice(first, first + GIT_BATCH);
      const fromGit =
        batched && source.kind === 'git'
          ? await readGitBaselines(workspace.root, batch, source.revision)
          : batch.map(() => undefined);
      for (const [k, id] of batch.entries()) {
        try {
          const baseline = fromGit[k] ?? (await workspace.getBaseline(id, source));
          if (baseline instanceof ApiError) throw baseline;
          const text = typeof baseline === 'string' ? baseline : baseline.text;
          const before = parse(text, { labels });
          const after = parse(await workspace.currentText(id), { labels });
          const compared = compareDocuments(id, before, after);
          const firstName = typeof baseline === 'string' ? undefined : baseline.renamedFrom;
          if (firstName) renamedFrom.add(firstName);
          report.add(id, compared.diff, jsonChanges(compared), firstName);
        } catch (error) {
          // New since the revision: only in what is reviewed, as `emend diff --report` lists it.
          if (error instanceof NotAtRevision) onlyAfter.push(id);
          else if (error instanceof ApiError || error instanceof FileError)
            unreadable.push({ path: id, reason: error.message });
          else throw error;
        }
        await task.step(first + k + 1);
      }
    }
    // Every document listed is here, those that cannot be opened included.
    const listed = async () => new Set((await workspace.getCorpus()).documents.map(({ id }) => id));
    const onlyBefore =
      batched && source.kind === 'git'
        ? await goneSince(workspace.root, source.revision, await listed(), renamedFrom)
        : [];
    return report.counted(onlyBefore, onlyAfter, unreadable);
  });
}

/**
 * The documents below root at revision that are gone since (nor renamed: `renamedFrom` holds the
 * first names of those renamed, from the repository's root), by their paths from root, as the
 * corpus names its documents: only in the reference, as `emend diff --report` lists them.
 */
async function goneSince(
  root: string,
  revision: string,
  present: ReadonlySet<string>,
  renamedFrom: ReadonlySet<string>,
): Promise<string[]> {
  const prefix = (await gitText(['rev-parse', '--show-prefix'], root)).trim();
  const listing = await gitText(['ls-tree', '-r', '-z', '--name-only', revision, '--', '.'], root);
  // What a folder walk would list: documents, outside dot folders and node_modules.
  const listed = (name: string) =>
    name
      .split('/')
      .every((part, k, parts) => isListed(part, k < parts.length - 1 ? 'folder' : 'file'));
  return listing
    .split('\0')
    .filter(
      (name) =>
        name !== '' && listed(name) && !present.has(name) && !renamedFrom.has(`${prefix}${name}`),
    )
    .sort();
}
