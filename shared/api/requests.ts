// Every API request as one schema: the contract's request types and the workspace's checks both come from it.
import type { CorpusAction } from '../corpus/apply-to-all';
import type { CorpusHit } from '../corpus/hits';
import { TAGGED_FILTERS, type SearchQuery } from '../corpus/search';
import { DEFAULT_EXPORT_OPTIONS, EXPORT_FORMATS, type ExportOptions } from '../convert/export';
import { RECORD_UNITS } from '../convert/records';
import { TAG_SCHEMES } from '../convert/tags';
import { isValidLabel } from '../format/labels';
import type { Transaction } from '../model/operations';
import { MAX_REWRITE_LENGTH } from '../model/rewrite';
import { ApiError } from './errors';
import {
  array,
  boolean,
  custom,
  nullable,
  object,
  oneOf,
  optional,
  refined,
  text,
  variants,
  whole,
  withDefault,
  type Input,
  type Output,
} from './schema';

/** A suspect's key, as a ranking lists it. */
const suspectKey = refined(text('0123456789abcdef01234567', 24), (value, where) =>
  /^[0-9a-f]{24}$/.test(value) ? null : `"${where}" must be a suspect's key`,
);

/** Longest document id accepted. */
export const MAX_ID_LENGTH = 4096;
/** Most operations one transaction may carry, and most hits one apply-to-all (a large document fits). */
export const MAX_OPERATIONS = 100_000;
/** Most annotators' copies one comparison takes (teams are two to five annotators). */
export const MAX_COPIES = 10;
/** Most labels a corpus may set. */
export const MAX_LABELS = 1000;

/** A document's id: its path relative to the corpus root, with `/` separators. */
export type DocumentId = string;

/**
 * A document id's shape, before it touches the file system: a relative path with `/` separators,
 * no empty, `.` or `..` segment, no NUL. A segment that only starts with dots (`..txt`) is a name
 * like any other. (The workspace also refuses what only Windows reads as a path.)
 */
export const documentId = custom<DocumentId>(
  ['string'],
  'document.txt',
  (id, where) => {
    if (typeof id !== 'string' || id.length === 0) {
      throw new ApiError('invalid-request', `"${where}" must be a document id: a non-empty string`);
    }
    if (id.length > MAX_ID_LENGTH) throw new ApiError('too-large', `"${where}" is too long`);
    if (id.includes('\0')) throw new ApiError('path-outside', 'a document id cannot contain NUL');
    if (id.startsWith('/') || id.split('/').some((part) => part === '' || /^\.\.?$/.test(part))) {
      throw new ApiError(
        'path-outside',
        `${JSON.stringify(id)} is not a path inside the opened folder`,
      );
    }
    return id;
  },
  MAX_ID_LENGTH,
);

/** A label, by the one rule of shared/format/labels (any length). */
export const label = refined(text('LOC'), (value, where) =>
  isValidLabel(value)
    ? null
    : `"${where}" must be a label: a letter, then letters, digits, "_" or "-"`,
);

/**
 * No option (a leading dash), no exclusion (a leading `^`), no space or control character, no `:`
 * (a path in a revision), no `\` (in no git name), no range (`..`): git's names else.
 */
const REVISION = /^[^-^\s\p{Cc}:\\][^\s\p{Cc}:\\]*$/u;

/**
 * Whether value names a git revision that cannot be read as an option, an exclusion or a range
 * (`HEAD~2`, a hash, any branch name git takes: `fix+labels`, `anné`): the API's rule and the
 * command line's.
 */
export const isRevisionName = (value: string): boolean =>
  REVISION.test(value) && !value.includes('..');

/** A git revision name (see isRevisionName). */
export const gitRevision = refined(text('HEAD', 200), (value) =>
  isRevisionName(value) ? null : `"${value}" is not a git revision name`,
);

/** An editor's id, chosen by the editor: the workspace names it as the origin of the edits it sends. */
export type ClientId = string;
const clientId = refined(text('editor-1', 64), (value, where) =>
  /^[\w-]{1,64}$/.test(value) ? null : `"${where}" must be up to 64 letters, digits or dashes`,
);

/** Names a long call, so the editor can follow its progress events and cancel it. */
export type TaskId = string;
const taskId = refined(text('task-1', 100), (value, where) =>
  value.length > 0 ? null : `"${where}" must be a short string`,
);

const revision = whole(0);

/** An entity's own close marker, as parse reads one: spaces, then `]`. */
const closeMarker = refined(text(' ]', 64), (value, where) =>
  /^ +\]$/.test(value) ? null : `"${where}" must be a close marker: spaces, then "]"`,
);

/** Text a rewrite removes or inserts: short (a merge conflict's lines go in several). */
const rewriteText = text('', MAX_REWRITE_LENGTH);

/**
 * An entity's id: a document numbers its entities from 1 and takes the next after the largest; so
 * large an id that the next would not be a safe integer would leave the document unable to take
 * another entity. Two thousand million are more than any document holds over its life.
 */
const entityId = whole(undefined, 2 ** 31 - 1);

/**
 * An edit's operations, rebuilt from known fields only. A `close` may only be a close marker (as a
 * restored version held it), so a request cannot write raw markup.
 */
const transaction = object({
  ops: array(
    variants('op', {
      add: {
        entity: object({
          id: entityId,
          start: whole(),
          end: whole(),
          label,
          close: optional(closeMarker),
        }),
      },
      remove: { id: entityId },
      relabel: { id: entityId, label, close: optional(closeMarker) },
      resize: { id: entityId, start: whole(), end: whole(), close: optional(closeMarker) },
      rewrite: { offset: whole(), remove: rewriteText, insert: rewriteText },
    }),
    { min: 1, max: MAX_OPERATIONS, tooMany: 'too-large' },
  ),
}) satisfies { check(value: unknown, where: string): Transaction };

/** keep-mine and take-theirs answer a conflict; restore-set-aside lays the edits take-theirs set aside over the document. */
export const CONFLICT_CHOICES = ['keep-mine', 'take-theirs', 'restore-set-aside'] as const;
export type ConflictChoice = (typeof CONFLICT_CHOICES)[number];

/** An annotator's copy of the corpus in a folder: its path, relative to the corpus folder. */
const copyPath = refined(text('copy-a', 1000), (value, where) =>
  value === '' ? `"${where}" must be a folder's path` : null,
);

/**
 * What to compare a document with: the file as first opened, the file on disk now, another file,
 * a git revision, or the same document in an annotator's copy (a folder inside or beside the corpus).
 */
const baselineSource = variants('kind', {
  'first-opened': {},
  disk: {},
  file: { id: documentId },
  git: { revision: gitRevision },
  copy: { path: copyPath },
});
export type BaselineSource = Output<typeof baselineSource>;

/** An annotator's copy of the corpus: a folder inside or beside it (relative to the corpus folder), or a git revision. */
const annotatorCopy = variants('kind', {
  folder: { path: copyPath },
  git: { revision: gitRevision },
});
export type AnnotatorCopy = Output<typeof annotatorCopy>;
const copies = array(annotatorCopy, { min: 2, max: MAX_COPIES });

const labelSetting = object({
  name: label,
  /** `#rrggbb` */
  color: refined(text('#112233', 7), (value, where) =>
    /^#[0-9a-fA-F]{6}$/.test(value) ? null : `"${where}" must be #rrggbb`,
  ),
  /** One key that applies the label ("1".."9", a letter) or "". */
  key: text('1', 1),
});
export type LabelSetting = Output<typeof labelSetting>;

/** A corpus's settings: its label set, each name and key used once. */
export const corpusSettings = object({
  labels: refined(array(labelSetting, { min: 1, max: MAX_LABELS }), (labels, where) => {
    const names = labels.map((setting) => setting.name);
    const keys = labels.map((setting) => setting.key).filter((key) => key !== '');
    const name = names.find((name, index) => names.indexOf(name) !== index);
    if (name !== undefined) return `"${where}" lists the label "${name}" twice`;
    const key = keys.find((key, index) => keys.indexOf(key) !== index);
    return key === undefined ? null : `"${where}" gives the key "${key}" to two labels`;
  }),
});
export type CorpusSettings = Output<typeof corpusSettings>;

const searchQuery = object({
  /** The text to find, or a regular expression (JavaScript syntax) when regex is set. */
  pattern: text('Kosovo', 1000),
  regex: withDefault(boolean, false),
  caseSensitive: withDefault(boolean, true),
  label: withDefault(nullable(label), null),
  tagged: withDefault(oneOf(TAGGED_FILTERS), 'any'),
}) satisfies { check(value: unknown, where: string): SearchQuery };

const corpusAction = variants('kind', {
  tag: { label },
  relabel: { label },
  untag: {},
}) satisfies { check(value: unknown, where: string): CorpusAction };

/**
 * A hit as search found it: its text is checked against the place (a document edited since is left
 * alone there); what only informs (its label and context) may be left out.
 */
const corpusHit = object({
  path: documentId,
  start: whole(0),
  end: whole(0),
  text: text('Kosovo'),
  label: withDefault(nullable(label), null),
  overlaps: withDefault(boolean, false),
  inTag: optional(text('<br>')),
  line: whole(0),
  column: whole(0),
  before: withDefault(text(''), ''),
  after: withDefault(text(''), ''),
}) satisfies { check(value: unknown, where: string): CorpusHit };

/** A document an apply-to-all changed, and the revision its transaction left it at. */
const appliedDocument = object({ id: documentId, revision });
export type AppliedDocument = Output<typeof appliedDocument>;

const exportOptions = object({
  format: withDefault(oneOf(EXPORT_FORMATS), DEFAULT_EXPORT_OPTIONS.format),
  scheme: withDefault(oneOf(TAG_SCHEMES), DEFAULT_EXPORT_OPTIONS.scheme),
  docstart: withDefault(boolean, DEFAULT_EXPORT_OPTIONS.docstart),
  unit: withDefault(oneOf(RECORD_UNITS), DEFAULT_EXPORT_OPTIONS.unit),
  normalize: withDefault(boolean, DEFAULT_EXPORT_OPTIONS.normalize),
  stripHtml: withDefault(boolean, DEFAULT_EXPORT_OPTIONS.stripHtml),
}) satisfies { check(value: unknown, where: string): ExportOptions };

const task = optional(taskId);
const step = object({ id: documentId, revision, client: optional(clientId) });

/** Every call's request, by method name. */
export const REQUEST_SCHEMAS = {
  getCorpus: object({}),
  openDocument: object({ id: documentId }),
  /** The editor's open: the document in compact form; without `id`, the corpus's first readable one. */
  openSource: object({ id: optional(documentId) }),
  applyEdit: object({
    id: documentId,
    revision,
    tx: transaction,
    group: optional(text('group', 200)),
    client: optional(clientId),
  }),
  undo: step,
  redo: step,
  save: object({ id: documentId, revision }),
  saveAll: object({}),
  markReviewed: object({ id: documentId, reviewed: boolean }),
  resolveConflict: object({ id: documentId, choice: oneOf(CONFLICT_CHOICES) }),
  updateSettings: object({ settings: corpusSettings }),
  /** `source` defaults to the file as first opened. */
  getBaseline: object({
    id: documentId,
    source: withDefault(baselineSource, { kind: 'first-opened' }),
  }),
  /** Every readable document as it is now (unsaved edits included) compared with its baseline. */
  reviewCorpus: object({
    source: withDefault(baselineSource, { kind: 'first-opened' }),
    task,
  }),
  /** The recent commits of the document's file (newest first; empty outside git). */
  getGitLog: object({ id: documentId }),
  /** The document's edit history, as journaled (it survives restarts). */
  getHistory: object({ id: documentId }),
  /** Searches every readable document as it is now (unsaved edits included). */
  searchCorpus: object({ query: searchQuery, task }),
  /** The consistency report of the corpus as it is now. */
  checkCorpus: object({ task }),
  /** One transaction per document over the hits' documents (the editor does the one on screen itself). */
  applyToAll: object({
    action: corpusAction,
    hits: array(corpusHit, { min: 1, max: MAX_OPERATIONS, tooMany: 'too-large' }),
    task,
  }),
  /**
   * Undoes an apply-to-all in each document still at the revision it left; without documents, the
   * last one recorded (its answer lost, or the workspace killed part way).
   */
  undoApplyToAll: object({
    documents: optional(array(appliedDocument, { min: 1, max: MAX_OPERATIONS })),
    task,
  }),
  /** Exports documents (all when ids is absent) as the CLI's `export --out` would write them. */
  exportCorpus: object({
    options: exportOptions,
    ids: optional(array(documentId, { min: 1, max: MAX_OPERATIONS })),
    task,
  }),
  /** Agreement figures of the annotators' copies, document by document (`emend agree --json`). */
  getAgreement: object({ copies, task }),
  /** A document as each annotator's copy holds it, to adjudicate it. */
  getCopyVersions: object({ id: documentId, copies }),
  /**
   * Keeps (in `.emend/`) that the document is adjudicated against these copies, and the places
   * settled with no entity, for the next session in any editor.
   */
  keepAdjudication: object({
    id: documentId,
    copies,
    none: array(object({ start: whole(0), end: whole(0) }), { max: MAX_OPERATIONS }),
  }),
  /** Ranks the corpus as it is now for likely annotation errors (in a worker), worst first. */
  findSuspects: object({ task }),
  /** Keeps a suspect of the last ranking dismissed (in `.emend/`) until its text changes. */
  dismissSuspect: object({ key: suspectKey }),
  /** Undoes the dismissal of a suspect dismissed since the last ranking: it is listed again. */
  restoreSuspect: object({ key: suspectKey }),
  /** Stops a long call started with this task id; it fails with code "cancelled". */
  cancelTask: object({ task: taskId }),
  /** Tells which document an editor shows (null: none): it stays open, clean ones nobody shows may close. */
  showDocument: object({ client: clientId, id: nullable(documentId) }),
};

export type ApiMethod = keyof typeof REQUEST_SCHEMAS;
/** What a caller sends. */
export type ApiRequest<M extends ApiMethod> = Input<(typeof REQUEST_SCHEMAS)[M]>;
/** What the workspace gets once the request is checked (defaults filled in). */
export type CheckedRequest<M extends ApiMethod> = Output<(typeof REQUEST_SCHEMAS)[M]>;

/** Checks a request to method; throws an ApiError (invalid-request, too-large, path-outside) naming what is wrong. */
export function checkRequest<M extends ApiMethod>(method: M, request: unknown): CheckedRequest<M> {
  return REQUEST_SCHEMAS[method].check(request, '') as CheckedRequest<M>;
}
