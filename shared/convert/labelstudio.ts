// Label Studio JSON tasks: {"data":{"text"},"annotations":[{"result":[labels or hypertextlabels spans]}]}, offsets in code points.
import type { BracketDocument } from '../format/document';
import { plural } from '../plural';
import {
  checkImportedText,
  joinRecords,
  writeBracketFile,
  type BracketFile,
  type ImportedRecord,
  type SourceEntity,
} from './bracket-file';
import { codePointIndex, type CodePointIndex } from './code-points';
import { ConvertError, preview, type ConvertMessage } from './messages';
import { refuseOversized } from './output-limit';
import { checkRecords, offsetRecords, spanFromCodePoints, type RecordUnit } from './records';

/** The document as a Label Studio task list, one task per document or line; checked before returning. */
export function exportLabelStudio(doc: BracketDocument, unit: RecordUnit): string {
  refuseOversized('Label Studio JSON', labelStudioFloor(doc));
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

/** The characters of a span result written with nothing in it (Label Studio's output holds one per entity). */
const EMPTY_RESULT = JSON.stringify(
  {
    id: 'e',
    from_name: 'label',
    to_name: 'text',
    type: 'labels',
    value: { start: 0, end: 0, text: '', labels: [''] },
  },
  null,
  2,
).length;

/**
 * Fewer characters than the document's Label Studio output has: each entity's result, its text
 * there and in its task's text.
 */
export function labelStudioFloor(doc: BracketDocument): number {
  let floor = 0;
  for (const entity of doc.entities)
    floor += EMPTY_RESULT + entity.label.length + 2 * (entity.end - entity.start);
  return floor;
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
  data?: { text?: unknown; [field: string]: unknown };
  annotations?: { result?: unknown; was_cancelled?: boolean }[];
  /** What exports from before Label Studio 1.0 call the annotations. */
  completions?: LabelStudioTask['annotations'];
  predictions?: unknown;
}

interface LabelStudioResult {
  type?: unknown;
  /** The name of the object the result is on: the text's (conventionally "text") or another field's. */
  to_name?: unknown;
  value?: { start?: unknown; end?: unknown; text?: unknown; [labels: string]: unknown };
}

/** The result types that are entity spans; a result's value holds its labels under the type's name. */
const SPAN_TYPES: readonly unknown[] = ['labels', 'hypertextlabels'];

/**
 * A result's type; one written without it (missing, null or empty: by a script, not Label Studio)
 * whose value holds labels and offsets is a labels span.
 */
function typeOf(result: LabelStudioResult): string {
  if (result.type !== undefined && result.type !== null && result.type !== '')
    return String(result.type);
  const value = result.value;
  return value && 'labels' in value && 'start' in value && 'end' in value ? 'labels' : '(none)';
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
    if (typeof text !== 'string') {
      const data = task?.data;
      const fields =
        typeof data === 'object' && data !== null && Object.keys(data).length > 0
          ? `; its "data" holds ${Object.keys(data)
              .slice(0, 8)
              .map((key) => JSON.stringify(key))
              .join(', ')}: name the text "text"`
          : '';
      throw new ConvertError(line, `${where} has no "data": {"text": ...} string${fields}`);
    }
    checkImportedText(text, line, `${where}'s "data.text" field`);
    const results = onTheText(
      annotationResults(task, where, line, warnings),
      task,
      where,
      line,
      warnings,
    );
    const index = codePointIndex(text);
    const entities: SourceEntity[] = [];
    const others: string[] = [];
    results.forEach((result, resultIndex) => {
      const what = `${where}, span ${resultIndex + 1}`;
      if (result === null || typeof result !== 'object') {
        throw new ConvertError(line, `${what} is not an object`);
      }
      if (!SPAN_TYPES.includes(typeOf(result))) others.push(typeOf(result));
      else if (isXPathRegion(result)) {
        warnings.push({
          line,
          message: `${what} (${regionInWords(result)}): its start and end are XPath ranges, not offsets into the text: not imported`,
        });
      } else entities.push(resultEntity(result, text, index, line, what));
    });
    if (others.length > 0) {
      warnings.push({
        line,
        message: `${where}: ${plural(others.length, 'result')} of type ${[...new Set(others)].join(', ')} not imported: a bracket file holds entity spans only`,
      });
    }
    return { text, entities, line };
  });
  return { records, warnings };
}

/**
 * The results of the task's first annotation not cancelled, with a warning when there are several,
 * or none while the task was annotated (every annotation cancelled) or predicted.
 */
function annotationResults(
  task: LabelStudioTask,
  where: string,
  line: number,
  warnings: ConvertMessage[],
): LabelStudioResult[] {
  const given = task.annotations ?? task.completions ?? [];
  if (!Array.isArray(given)) throw new ConvertError(line, `${where}: "annotations" must be a list`);
  given.forEach((annotation, annotationIndex) => {
    if (annotation === null || typeof annotation !== 'object') {
      throw new ConvertError(line, `${where}, annotation ${annotationIndex + 1} is not an object`);
    }
  });
  const annotations = given.filter((annotation) => !annotation.was_cancelled);
  if (annotations.length > 1) {
    warnings.push({
      line,
      message: `${where} has ${annotations.length} annotations; the first is used`,
    });
  }
  if (annotations.length === 0 && given.length > 0) {
    warnings.push({
      line,
      message: `${where}: every annotation was cancelled (skipped): its text is written without entities`,
    });
  } else if (given.length === 0 && Array.isArray(task.predictions) && task.predictions.length > 0) {
    warnings.push({
      line,
      message: `${where} has no annotations, only predictions (not imported): its text is written without entities`,
    });
  }
  const results = annotations[0]?.result ?? [];
  if (!Array.isArray(results)) throw new ConvertError(line, `${where}: "result" must be a list`);
  return results as LabelStudioResult[];
}

/**
 * The results on the text: a result whose to_name names another field of the task's data (a title
 * labeled beside the text) is on that field, its offsets not the text's; it is left out, with a
 * warning. A to_name naming no field (an object named otherwise in the labeling config) is taken
 * for the text's.
 */
function onTheText(
  results: LabelStudioResult[],
  task: LabelStudioTask,
  where: string,
  line: number,
  warnings: ConvertMessage[],
): LabelStudioResult[] {
  const elsewhere = new Map<string, number>();
  const kept = results.filter((result) => {
    const target = result?.to_name;
    if (typeof target !== 'string' || target === 'text' || !Object.hasOwn(task.data!, target))
      return true;
    elsewhere.set(target, (elsewhere.get(target) ?? 0) + 1);
    return false;
  });
  for (const [field, count] of elsewhere) {
    warnings.push({
      line,
      message: `${where}: ${plural(count, 'span')} on ${JSON.stringify(field)}, not on "text": not imported`,
    });
  }
  return kept;
}

/** Whether a result is a HyperText region placed by XPath strings (as Label Studio writes them), not offsets. */
const isXPathRegion = ({ type, value }: LabelStudioResult) =>
  type === 'hypertextlabels' &&
  (typeof value?.start === 'string' || typeof value?.end === 'string');

/** A HyperText region for a message: its type, labels and text (`hypertextlabels ["PER"] "Bob"`). */
function regionInWords({ value }: LabelStudioResult): string {
  const text = typeof value?.text === 'string' ? ` ${JSON.stringify(value.text)}` : '';
  return `hypertextlabels ${preview(value?.hypertextlabels)}${text}`;
}

/** A span result as an entity: one label, offsets in code points that cover its text when given. */
function resultEntity(
  result: LabelStudioResult,
  text: string,
  index: CodePointIndex,
  line: number,
  what: string,
): SourceEntity {
  const labels = result.value?.[typeOf(result)];
  if (!Array.isArray(labels) || labels.length === 0 || typeof labels[0] !== 'string') {
    throw new ConvertError(line, `${what} has no label`);
  }
  if (labels.length > 1) {
    throw new ConvertError(line, `${what} has ${labels.length} labels; a bracket entity has one`);
  }
  const span = spanFromCodePoints(result.value?.start, result.value?.end, line, index, what);
  const covered = text.slice(span.start, span.end);
  const given = result.value?.text;
  if (typeof given === 'string' && given !== covered) {
    const { start, end } = result.value!;
    // Older Label Studio, and other tools in JavaScript, count UTF-16 units.
    const utf16 = text.slice(Number(start), Number(end)) === given;
    throw new ConvertError(
      line,
      `${what}: offsets [${start}, ${end}] cover ${JSON.stringify(covered)}, not its text ${JSON.stringify(given)}` +
        (utf16
          ? '; counted in UTF-16 units (as JavaScript counts) they cover it: convert them to code points'
          : ''),
    );
  }
  return { ...span, label: labels[0], line };
}

/** A Label Studio export as a bracket file: each task a document, separated by a blank line. */
export function importLabelStudio(source: string): BracketFile {
  const { records, warnings } = readLabelStudio(source);
  const file = writeBracketFile(joinRecords(records, warnings));
  return { ...file, warnings: [...warnings, ...file.warnings] };
}
