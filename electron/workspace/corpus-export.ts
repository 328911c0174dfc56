// Export from the app: documents as they are now, in any format, named and written as `emend export --out` writes them.
import { append } from '../../shared/long-lists';
import type { ArchiveSummary } from '../../shared/api/archive';
import {
  ApiError,
  type CorpusExport,
  type DocumentId,
  type TaskId,
} from '../../shared/api/contract';
import { exportDocument, exportedName, type ExportOptions } from '../../shared/convert/export';
import { exportBlockers, refusalLine } from '../../shared/convert/export-policy';
import { ConvertError } from '../../shared/convert/messages';
import type { BracketDocument } from '../../shared/format/document';
import { archiveName, ZipWriter } from '../../shared/archive/zip';
import { eachDocument } from './corpus-search';
import type { Tasks } from './tasks';
import type { Workspace } from './workspace';

/** One document's exported files and warnings, or the problems that stop the export. */
function exportOne(
  id: DocumentId,
  source: string,
  doc: BracketDocument,
  options: ExportOptions,
): { files: CorpusExport['files']; warnings: CorpusExport['warnings']; problems: string[] } {
  const problems = exportBlockers(doc).map((error) => refusalLine(id, error));
  if (problems.length > 0) return { files: [], warnings: [], problems };
  try {
    const exported = exportDocument(source, doc, options);
    return {
      files: exported.outputs.map((output) => ({
        name: exportedName(id, output.extension),
        content: output.content,
      })),
      warnings: exported.warnings.map(({ line, message }) => ({ id, line, message })),
      problems: [],
    };
  } catch (error) {
    if (!(error instanceof ConvertError)) throw error;
    return { files: [], warnings: [], problems: [`${id}:${error.line}: ${error.message}`] };
  }
}

function refuse(problems: readonly string[]): void {
  if (problems.length > 0) {
    throw new ApiError('refused-file', `nothing exported: ${problems.join('; ')}`);
  }
}

/**
 * Exports the documents (every readable one when ids is absent) as they are now. Like the CLI, a
 * document with annotation errors or one that fails its check stops the export: nothing is returned.
 */
export async function exportCorpus(
  workspace: Workspace,
  tasks: Tasks,
  options: ExportOptions,
  ids: readonly DocumentId[] | undefined,
  taskId: TaskId | undefined,
): Promise<CorpusExport> {
  const chosen = ids ?? workspace.readableIds();
  return tasks.run(taskId, chosen.length, async (task) => {
    const result: CorpusExport = { files: [], warnings: [] };
    const problems: string[] = [];
    await eachDocument(workspace, task, chosen, (id, source, doc) => {
      const one = exportOne(id, source, doc, options);
      append(result.files, one.files);
      append(result.warnings, one.warnings);
      append(problems, one.problems);
    });
    refuse(problems);
    return result;
  });
}

/**
 * Where an archive goes: its summary before the first byte, bytes as they are made, and a wait for
 * them to be taken (backpressure).
 */
export interface ArchiveSink {
  start(summary: ArchiveSummary): void;
  write(bytes: Uint8Array): void;
  flush(): Promise<void>;
}

/** Resolves once stream takes bytes again, or once it emits `end` (closed or failed): a sink's flush. */
export function drained(
  stream: NodeJS.EventEmitter & { readonly writableNeedDrain: boolean },
  end: 'close' | 'error',
): Promise<void> {
  if (!stream.writableNeedDrain) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      stream.off('drain', done);
      stream.off(end, done);
      resolve();
    };
    stream.on('drain', done);
    stream.on(end, done);
  });
}

/**
 * Exports the documents as a zip archive written to sink one document at a time, so a corpus of
 * any size is never held whole: a first pass exports and checks each document and keeps only its
 * warnings and file count (a problem stops the export before sink hears of it), hands them to
 * sink.start, and the second exports each again and writes its files before reading the next.
 */
export async function writeCorpusArchive(
  workspace: Workspace,
  tasks: Tasks,
  options: ExportOptions,
  ids: readonly DocumentId[] | undefined,
  taskId: TaskId | undefined,
  sink: ArchiveSink,
): Promise<ArchiveSummary> {
  const chosen = ids ?? workspace.readableIds();
  return tasks.run(taskId, 2 * chosen.length, async (task) => {
    const summary: ArchiveSummary = { files: 0, warnings: [] };
    const problems: string[] = [];
    /** The files by the name each is written under in the archive: two may not meet. */
    const named = new Map<string, string>();
    await eachDocument(workspace, task, chosen, (id, source, doc) => {
      const one = exportOne(id, source, doc, options);
      summary.files += one.files.length;
      append(summary.warnings, one.warnings);
      append(problems, one.problems);
      for (const { name } of one.files) {
        const entry = archiveName(name);
        const other = named.get(entry);
        if (other !== undefined)
          problems.push(`${other} and ${name} would both be ${entry} in the zip: rename one`);
        else named.set(entry, name);
      }
    });
    refuse(problems);
    sink.start(summary);
    const writer = new ZipWriter((bytes) => sink.write(bytes));
    // The second pass's steps follow the first's: the progress never goes back.
    await eachDocument(
      workspace,
      task,
      chosen,
      async (id, source, doc) => {
        for (const file of exportOne(id, source, doc, options).files) writer.add(file);
        await sink.flush();
      },
      chosen.length,
    );
    writer.finish();
    await sink.flush();
    return summary;
  });
}
