// Agreement of annotators' copies from the app: figures streamed one document at a time, and one document's versions.
import {
  ApiError,
  type AnnotatorCopy,
  type CopyVersions,
  type CorpusAgreement,
  type DocumentId,
  type LeftOutDocument,
  type TaskId,
} from '../../shared/api/contract';
import {
  copiesMarkupError,
  mismatchPlace,
  textMismatch,
  type TextMismatch,
} from '../../shared/agreement/adjudicate';
import { AgreementTally } from '../../shared/agreement/figures';
import { parse } from '../../shared/format/parse';
import type { AdjudicationNotes } from './adjudication-notes';
import { openCopies, type OpenCopy } from './agreement-copies';
import type { Tasks } from './tasks';
import type { Workspace } from './workspace';

/** Every copy's text of a document; when some cannot be read, an ApiError naming each (the first's code). */
async function readVersions(copies: readonly OpenCopy[], id: DocumentId): Promise<string[]> {
  const texts: string[] = [];
  const failures: ApiError[] = [];
  for (const copy of copies) {
    try {
      texts.push(await copy.read(id));
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      failures.push(error);
    }
  }
  if (failures.length > 0)
    throw new ApiError(failures[0].code, failures.map((failure) => failure.message).join('; '));
  return texts;
}

export async function copyVersions(
  workspace: Workspace,
  notes: AdjudicationNotes,
  id: DocumentId,
  copies: readonly AnnotatorCopy[],
): Promise<CopyVersions> {
  workspace.documentPath(id);
  const open = await openCopies(workspace, copies);
  return {
    id,
    annotators: open.map((copy) => copy.name),
    texts: await readVersions(open, id),
    earlier: await notes.earlier(id, copies),
  };
}

/**
 * Why a copy's plain text differs from the first copy's, as `emend agree` says it: a markup error
 * in either on or before the first differing line (it changed the plain text), else the copy and
 * the line. texts: the document's bracket text in every copy.
 */
function mismatchReason(
  copies: readonly OpenCopy[],
  id: DocumentId,
  texts: readonly string[],
  mismatch: TextMismatch,
): string {
  const candidates = [mismatch.copy, 0].map((copy) => ({
    file: `${copies[copy].name}/${id}`,
    source: texts[copy],
  }));
  return (
    copiesMarkupError(candidates, mismatch.line) ??
    `${copies[mismatch.copy].name}'s text differs from ${copies[0].name}'s ${mismatchPlace(mismatch)}`
  );
}

/**
 * The figures of the copies over the corpus's documents (those not inside a copy's folder): each
 * document is read from every copy, parsed, added to the tally and dropped before the next.
 * A document a copy lacks, cannot be read, or whose plain text differs is left out, with why.
 */
export async function corpusAgreement(
  workspace: Workspace,
  tasks: Tasks,
  copies: readonly AnnotatorCopy[],
  taskId: TaskId | undefined,
): Promise<CorpusAgreement> {
  const open = await openCopies(workspace, copies);
  const ids = workspace
    .readableIds()
    .filter((id) => !open.some((copy) => copy.inside && id.startsWith(`${copy.inside}/`)));
  const labels = workspace.labelNames();
  return tasks.run(taskId, ids.length, async (task) => {
    const tally = new AgreementTally(open.map((copy) => copy.name));
    const leftOut: LeftOutDocument[] = [];
    for (const [index, id] of ids.entries()) {
      try {
        const texts = await readVersions(open, id);
        const docs = texts.map((text) => parse(text, { labels }));
        const mismatch = textMismatch(docs.map((doc) => doc.text));
        if (mismatch) {
          leftOut.push({ id, reason: mismatchReason(open, id, texts, mismatch) });
        } else {
          tally.add(
            id,
            docs[0].text,
            docs.map((doc) => doc.entities),
          );
        }
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        leftOut.push({ id, reason: error.message });
      }
      await task.step(index + 1);
    }
    return { report: tally.report(), leftOut };
  });
}
