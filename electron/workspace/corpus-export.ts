// Export from the app: documents as they are now, in any format, named and written as `emend export --out` writes them.
import {
  ApiError,
  type CorpusExport,
  type DocumentId,
  type TaskId,
} from '../../shared/api/contract';
import {
  DEFAULT_EXPORT_OPTIONS,
  EXPORT_FORMATS,
  exportDocument,
  exportedName,
  type ExportFormat,
  type ExportOptions,
} from '../../shared/convert/export';
import { ConvertError } from '../../shared/convert/messages';
import { RECORD_UNITS, type RecordUnit } from '../../shared/convert/records';
import { TAG_SCHEMES, type TagScheme } from '../../shared/convert/tags';
import { eachDocument } from './corpus-search';
import { checkDocumentId } from './paths';
import { checkBoolean, checkObject, invalid } from './request';
import type { Tasks } from './tasks';
import type { Workspace } from './workspace';

function oneOf<T extends string>(
  value: unknown,
  allowed: readonly T[],
  name: string,
  fallback: T,
): T {
  if (value === undefined) return fallback;
  if (!allowed.includes(value as T))
    invalid(`"options.${name}" must be one of ${allowed.join(', ')}`);
  return value as T;
}

export function checkExportOptions(value: unknown): ExportOptions {
  const options = checkObject(value, '"options"');
  const flag = (name: keyof ExportOptions, key: string) =>
    options[key] === undefined
      ? (DEFAULT_EXPORT_OPTIONS[name] as boolean)
      : checkBoolean(options[key], `options.${key}`);
  return {
    format: oneOf<ExportFormat>(options.format, EXPORT_FORMATS, 'format', 'brackets'),
    scheme: oneOf<TagScheme>(options.scheme, TAG_SCHEMES, 'scheme', DEFAULT_EXPORT_OPTIONS.scheme),
    docstart: flag('docstart', 'docstart'),
    unit: oneOf<RecordUnit>(options.unit, RECORD_UNITS, 'unit', DEFAULT_EXPORT_OPTIONS.unit),
    normalize: flag('normalize', 'normalize'),
    stripHtml: flag('stripHtml', 'stripHtml'),
  };
}

export function checkIds(value: unknown): DocumentId[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.length === 0) invalid('"ids" must be a non-empty array');
  return value.map((id) => checkDocumentId(id));
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
      const errors = doc.diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
      for (const { line, column, code, message } of errors) {
        problems.push(`${id}:${line}:${column}: ${code}: ${message}`);
      }
      if (errors.length > 0) return;
      try {
        const exported = exportDocument(source, doc, options);
        for (const { line, message } of exported.warnings)
          result.warnings.push({ id, line, message });
        for (const output of exported.outputs) {
          result.files.push({ name: exportedName(id, output.extension), content: output.content });
        }
      } catch (error) {
        if (!(error instanceof ConvertError)) throw error;
        problems.push(`${id}:${error.line}: ${error.message}`);
      }
    });
    if (problems.length > 0) {
      throw new ApiError('refused-file', `nothing exported: ${problems.join('; ')}`);
    }
    return result;
  });
}
