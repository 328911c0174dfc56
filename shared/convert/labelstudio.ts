// Label Studio JSON tasks: {"data":{"text"},"annotations":[{"result":[labels spans]}]}, offsets in code points.
import type { BracketDocument } from '../format/document';
import {
  checkImportedText,
  joinRecords,
  writeBracketFile,
  type BracketFile,
  type ImportedRecord,
} from './bracket-file';
import { codePointIndex } from './code-points';
import { ConvertError, type ConvertMessage } from './messages';
import { checkRecords, offsetRecords, spanFromCodePoints, type RecordUnit } from './records';

/** The document as a Label Studio task list, one task per document or line; checked before returning. */
export function exportLabelStudio(doc: BracketDocument, unit: RecordUnit): string {
  const records = offsetRecords(doc, unit);
  const tasks = records.map((record) => ({
    data: { text: record.text },
    annotations: [
      {
        result: record.entities.map((entity, index) => ({
          id: `e${index + 1}`,
          from_name: 'label',
          to_name: 'text',
          type: 'labels',
          value: {
            start: entity.start,
            end: entity.end,
            text: record.text.slice(record.utf16[index].start, record.utf16[index].end),
            labels: [entity.label],
          },
        })),
      },
    ],
  }));
  const output = `${JSON.stringify(tasks, null, 2)}\n`;
  checkRecords(records, readLabelStudio(output).records);
  return output;
}

/** The 1-based line where each element of a top-level JSON array starts. */
function elementLines(source: string): number[] {
  const lines: number[] = [];
  let line = 1;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < source.length; i++) {
    const char = source[i];
    if (char === '\n') line++;
    if (inString) {
      if (char === '\\') i++;
      else if (char === '"') inString = false;
    } else if (char === '"') {
      inString = true;
      if (depth === 1) lines.push(line);
    } else if (char === '{' || char === '[') {
      if (depth === 1) lines.push(line);
      depth++;
    } else if (char === '}' || char === ']') depth--;
  }
  return lines;
}

/** Where JSON.parse stopped, as a line, from its "position N" message; 1 when it does not say. */
function syntaxErrorLine(source: string, error: Error): number {
  const position = /position (\d+)/.exec(error.message);
  if (!position) return 1;
  return source.slice(0, Number(position[1])).split('\n').length;
}

interface LabelStudioTask {
  data?: { text?: unknown };
  annotations?: { result?: unknown; was_cancelled?: boolean }[];
}

interface LabelStudioResult {
  type?: unknown;
  value?: { start?: unknown; end?: unknown; text?: unknown; labels?: unknown };
}

/** The records of a Label Studio export (a task list or one task); throws ConvertError naming the line. */
export function readLabelStudio(source: string): {
  records: ImportedRecord[];
  warnings: ConvertMessage[];
} {
  const json = source.replace(/^\uFEFF/, '');
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    throw new ConvertError(
      syntaxErrorLine(json, error as Error),
      `not valid JSON (${(error as Error).message})`,
    );
  }
  const tasks = (Array.isArray(value) ? value : [value]) as LabelStudioTask[];
  const lines = Array.isArray(value) ? elementLines(json) : [1];
  const warnings: ConvertMessage[] = [];
  const records = tasks.map((task, taskIndex) => {
    const line = lines[taskIndex] ?? 1;
    const where = `task ${taskIndex + 1}`;
    const text = task?.data?.text;
    if (typeof text !== 'string')
      throw new ConvertError(line, `${where} has no "data": {"text": ...} string`);
    checkImportedText(text, line, `${where}'s "data.text" field`);
    const given = task.annotations ?? [];
    if (!Array.isArray(given))
      throw new ConvertError(line, `${where}: "annotations" must be a list`);
    given.forEach((annotation, annotationIndex) => {
      if (annotation === null || typeof annotation !== 'object') {
        throw new ConvertError(
          line,
          `${where}, annotation ${annotationIndex + 1} is not an object`,
        );
      }
    });
    const annotations = given.filter((annotation) => !annotation.was_cancelled);
    if (annotations.length > 1) {
      warnings.push({
        line,
        message: `${where} has ${annotations.length} annotations; the first is used`,
      });
    }
    const results = (annotations[0]?.result ?? []) as LabelStudioResult[];
    if (!Array.isArray(results)) throw new ConvertError(line, `${where}: "result" must be a list`);
    const index = codePointIndex(text);
    results.forEach((result, resultIndex) => {
      if (result === null || typeof result !== 'object') {
        throw new ConvertError(line, `${where}, span ${resultIndex + 1} is not an object`);
      }
    });
    const entities = results
      .filter((result) => result.type === 'labels')
      .map((result, resultIndex) => {
        const what = `${where}, span ${resultIndex + 1}`;
        const labels = result.value?.labels;
        if (!Array.isArray(labels) || labels.length === 0 || typeof labels[0] !== 'string') {
          throw new ConvertError(line, `${what} has no label`);
        }
        if (labels.length > 1) {
          throw new ConvertError(
            line,
            `${what} has ${labels.length} labels; a bracket entity has one`,
          );
        }
        const span = spanFromCodePoints(result.value?.start, result.value?.end, line, index, what);
        const covered = text.slice(span.start, span.end);
        if (typeof result.value?.text === 'string' && result.value.text !== covered) {
          throw new ConvertError(
            line,
            `${what}: offsets [${result.value.start}, ${result.value.end}] cover ${JSON.stringify(covered)}, ` +
              `not its text ${JSON.stringify(result.value.text)}`,
          );
        }
        return { ...span, label: labels[0], line };
      });
    return { text, entities, line };
  });
  return { records, warnings };
}

/** A Label Studio export as a bracket file: each task a document, separated by a blank line. */
export function importLabelStudio(source: string): BracketFile {
  const { records, warnings } = readLabelStudio(source);
  const file = writeBracketFile(joinRecords(records));
  return { ...file, warnings: [...warnings, ...file.warnings] };
}
