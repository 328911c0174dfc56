// The one API between the editor and the workspace: every call, request, response and event, typed once.
import type { AgreementReport } from '../agreement/report';
import type { CorpusAction, SkippedHit } from '../corpus/apply-to-all';
import type { Finding } from '../corpus/consistency';
import type { CorpusHit } from '../corpus/hits';
import type { SearchQuery } from '../corpus/search';
import type { ExportOptions } from '../convert/export';
import type {
  BracketDocument,
  CloseStyle,
  Diagnostic,
  DocumentEntity,
  LineEnding,
} from '../format/document';
import type { History, HistoryEntry } from '../model/history';
import type { Transaction } from '../model/operations';
import type { Suspect } from '../suspects/suspect';

/** A document's id: its path relative to the corpus root, with `/` separators. */
export type DocumentId = string;

/** An editor's id, chosen by the editor: the workspace names it as the origin of the edits it sends. */
export type ClientId = string;

export type DocumentStatus = 'untouched' | 'edited' | 'saved' | 'reviewed';

export interface LabelSetting {
  name: string;
  /** `#rrggbb` */
  color: string;
  /** One key that applies the label ("1".."9", a letter) or "". */
  key: string;
}

export interface CorpusSettings {
  labels: LabelSetting[];
}

export interface DocumentSummary {
  id: DocumentId;
  /** Display name (the file name). */
  name: string;
  status: DocumentStatus;
  /** Unsaved edits in memory. */
  dirty: boolean;
  entities: number;
  errors: number;
  warnings: number;
  /** Set when the workspace refuses the file (binary, invalid UTF-8, too large): says why. */
  refused?: string;
}

export interface CorpusInfo {
  /** Absolute path of the opened folder (or of the lone file). */
  root: string;
  name: string;
  documents: DocumentSummary[];
  settings: CorpusSettings;
  /** Set when the corpus opened with a limit (a read-only folder): says what it means. */
  notice?: string;
}

export interface DocumentState {
  id: DocumentId;
  revision: number;
  text: string;
  entities: DocumentEntity[];
  nextId: number;
  closeStyle: CloseStyle;
  lineEnding: LineEnding;
  bom: boolean;
  labels: string[];
  diagnostics: Diagnostic[];
  dirty: boolean;
  canUndo: boolean;
  canRedo: boolean;
  /** Set when unsaved edits were restored from the journal on open: how many. */
  recoveredEdits?: number;
  /** Set while the file changed on disk under unsaved edits. */
  conflict?: boolean;
  /** Set while edits that "Take theirs" set aside can be restored (resolveConflict restore-set-aside). */
  setAside?: true;
}

/** A document's state as the parsed form shared code reads (diff, apply to all). */
export function documentOfState(state: DocumentState): BracketDocument {
  return {
    text: state.text,
    entities: state.entities,
    nextId: state.nextId,
    bom: state.bom,
    lineEnding: state.lineEnding,
    closeStyle: state.closeStyle,
    labels: state.labels,
  };
}

/**
 * An open document in compact form, for an editor to parse with shared/format/parse: its bytes as
 * a save would write them now, rather than one object per entity.
 */
export interface DocumentSource {
  id: DocumentId;
  revision: number;
  /** The document's bracket text now, unsaved edits included (a byte-order mark kept). */
  source: string;
  /** The label set to parse it with. */
  labels: string[];
  /** The session ids of its entities in order, when they are not the numbering parse gives (1..n). */
  ids?: number[];
  nextId: number;
  dirty: boolean;
  /** The undo and redo stacks, so an editor can undo and redo locally as the workspace will. */
  history: History;
  /** Set when unsaved edits were restored from the journal on open: how many. */
  recoveredEdits?: number;
  /** Set while the file changed on disk under unsaved edits. */
  conflict?: boolean;
  /** Set while edits that "Take theirs" set aside can be restored (resolveConflict restore-set-aside). */
  setAside?: true;
}

/** What an edit, undo or redo did: apply `applied` to the previous state to get `revision`. */
export interface EditResult {
  id: DocumentId;
  revision: number;
  kind: 'apply' | 'undo' | 'redo';
  applied: Transaction;
  dirty: boolean;
  canUndo: boolean;
  canRedo: boolean;
}

export interface SaveResult {
  id: DocumentId;
  revision: number;
  dirty: false;
  /** Set when the save could not keep something of the file (its owner, its other hard links): says what. */
  notice?: string;
}

/** keep-mine and take-theirs answer a conflict; restore-set-aside lays the edits take-theirs set aside over the document. */
export const CONFLICT_CHOICES = ['keep-mine', 'take-theirs', 'restore-set-aside'] as const;
export type ConflictChoice = (typeof CONFLICT_CHOICES)[number];

/** What to compare a document with: the file as first opened, the file on disk now, another file, a git revision. */
export type BaselineSource =
  | { kind: 'first-opened' }
  | { kind: 'disk' }
  | { kind: 'file'; id: DocumentId }
  | { kind: 'git'; revision: string };

export interface Baseline {
  id: DocumentId;
  source: BaselineSource;
  /** The baseline's bracket text, as a file holds it. */
  text: string;
}

/** A commit that touched a document, for picking a git baseline. */
export interface GitCommit {
  /** The full commit hash. */
  revision: string;
  short: string;
  /** Commit time, milliseconds since the epoch. */
  time: number;
  subject: string;
}

/** An annotator's copy of the corpus: a folder inside or beside it (relative to the corpus folder), or a git revision. */
export type AnnotatorCopy = { kind: 'folder'; path: string } | { kind: 'git'; revision: string };

/** A document as each annotator's copy holds it (bracket text), in the order the copies were given. */
export interface CopyVersions {
  id: DocumentId;
  annotators: string[];
  texts: string[];
}

/** A document the agreement figures leave out, and why (a copy lacks it, or its text differs). */
export interface LeftOutDocument {
  id: DocumentId;
  reason: string;
}

/** The agreement figures of the copies (as `emend agree --json` prints them) and the documents left out. */
export interface CorpusAgreement {
  report: AgreementReport;
  leftOut: LeftOutDocument[];
}

/** A document's undo stack, oldest first, at `revision`: entry k turns point k into point k + 1. */
export interface DocumentHistory {
  id: DocumentId;
  revision: number;
  entries: HistoryEntry[];
  /** The point the file on disk holds, when it is one of the entries' points (0 = before them all). */
  saved: { point: number; time: number } | null;
}

/** Every call: method name → [request, response]. */
export interface ApiCalls {
  getCorpus: [Record<string, never>, CorpusInfo];
  openDocument: [{ id: DocumentId }, DocumentState];
  /** The editor's open: the document in compact form; without `id`, the corpus's first readable one. */
  openSource: [{ id?: DocumentId }, DocumentSource];
  applyEdit: [
    { id: DocumentId; revision: number; tx: Transaction; group?: string; client?: ClientId },
    EditResult,
  ];
  undo: [{ id: DocumentId; revision: number; client?: ClientId }, EditResult];
  redo: [{ id: DocumentId; revision: number; client?: ClientId }, EditResult];
  save: [{ id: DocumentId; revision: number }, SaveResult];
  saveAll: [Record<string, never>, { saved: DocumentId[] }];
  markReviewed: [{ id: DocumentId; reviewed: boolean }, DocumentSummary];
  resolveConflict: [{ id: DocumentId; choice: ConflictChoice }, DocumentState];
  updateSettings: [{ settings: CorpusSettings }, CorpusSettings];
  /** `source` defaults to the file as first opened. */
  getBaseline: [{ id: DocumentId; source?: BaselineSource }, Baseline];
  /** The recent commits of the document's file (newest first; empty outside git). */
  getGitLog: [{ id: DocumentId }, { commits: GitCommit[] }];
  /** The document's edit history, as journaled (it survives restarts). */
  getHistory: [{ id: DocumentId }, DocumentHistory];
  /** Searches every readable document as it is now (unsaved edits included). */
  searchCorpus: [{ query: SearchQuery; task?: TaskId }, CorpusSearchResult];
  /** The consistency report of the corpus as it is now. */
  checkCorpus: [{ task?: TaskId }, { findings: Finding[]; documents: number }];
  /** One transaction per document over the hits' documents (the editor does the one on screen itself). */
  applyToAll: [{ action: CorpusAction; hits: CorpusHit[]; task?: TaskId }, ApplyToAllResult];
  /**
   * Undoes an apply-to-all in each document still at the revision it left; without documents, the
   * last one recorded (its answer lost, or the workspace killed part way).
   */
  undoApplyToAll: [{ documents?: AppliedDocument[] }, UndoApplyToAllResult];
  /** Exports documents (all when ids is absent) as the CLI's `export --out` would write them. */
  exportCorpus: [{ options: ExportOptions; ids?: DocumentId[]; task?: TaskId }, CorpusExport];
  /** Agreement figures of the annotators' copies, document by document (`emend agree --json`). */
  getAgreement: [{ copies: AnnotatorCopy[]; task?: TaskId }, CorpusAgreement];
  /** A document as each annotator's copy holds it, to adjudicate it. */
  getCopyVersions: [{ id: DocumentId; copies: AnnotatorCopy[] }, CopyVersions];
  /** Ranks the corpus as it is now for likely annotation errors (in a worker), worst first. */
  findSuspects: [{ task?: TaskId }, SuspectsResult];
  /** Keeps a suspect of the last ranking dismissed (in `.emend/`) until its text changes. */
  dismissSuspect: [{ key: string }, { dismissed: number }];
  /** Stops a long call started with this task id; it fails with code "cancelled". */
  cancelTask: [{ task: TaskId }, { cancelled: boolean }];
  /** Tells which document an editor shows (null: none): it stays open, clean ones nobody shows may close. */
  showDocument: [{ client: ClientId; id: DocumentId | null }, Record<string, never>];
}

/** Names a long call, so the editor can follow its progress events and cancel it. */
export type TaskId = string;

export interface CorpusSearchResult {
  hits: CorpusHit[];
  /** Documents searched. */
  documents: number;
  /** Set when more hits were found than returned. */
  truncated: boolean;
}

/** A document an apply-to-all changed, and the revision its transaction left it at. */
export interface AppliedDocument {
  id: DocumentId;
  revision: number;
}

export interface ApplyToAllResult {
  documents: AppliedDocument[];
  /** How many hits changed something. */
  applied: number;
  skipped: SkippedHit[];
}

export interface UndoApplyToAllResult {
  undone: DocumentId[];
  /** Documents edited since (or gone): left as they are, with the reason. */
  skipped: Array<{ id: DocumentId; reason: string }>;
}

/** An export's files, named by path relative to the corpus folder, and its warnings. */
export interface CorpusExport {
  files: Array<{ name: string; content: string }>;
  warnings: Array<{ id: DocumentId; line: number; message: string }>;
}

/** A suspect as the workspace lists it, with the key it is dismissed under. */
export interface ListedSuspect extends Suspect {
  key: string;
}

export interface SuspectsResult {
  /** Worst first, dismissed ones left out. */
  suspects: ListedSuspect[];
  /** Documents ranked. */
  documents: number;
}

export type ApiMethod = keyof ApiCalls;
export type ApiRequest<M extends ApiMethod> = ApiCalls[M][0];
export type ApiResponse<M extends ApiMethod> = ApiCalls[M][1];

/** The contract as a value, so transports and tests can enumerate it. */
export const API_METHODS = [
  'getCorpus',
  'openDocument',
  'openSource',
  'applyEdit',
  'undo',
  'redo',
  'save',
  'saveAll',
  'markReviewed',
  'resolveConflict',
  'updateSettings',
  'getBaseline',
  'getGitLog',
  'getHistory',
  'searchCorpus',
  'checkCorpus',
  'applyToAll',
  'undoApplyToAll',
  'exportCorpus',
  'getAgreement',
  'getCopyVersions',
  'findSuspects',
  'dismissSuspect',
  'cancelTask',
  'showDocument',
] as const satisfies readonly ApiMethod[];

/** The workspace as the editor sees it. */
export type EmendApi = { [M in ApiMethod]: (request: ApiRequest<M>) => Promise<ApiResponse<M>> };

/** Pushed from the workspace to every editor; an edit's event skips the editor it came from (`origin`). */
export type ApiEvent =
  | { type: 'corpus-changed'; documents: DocumentSummary[] }
  | { type: 'document-reloaded'; state: DocumentSource }
  | { type: 'document-conflict'; id: DocumentId }
  | { type: 'document-edited'; result: EditResult; origin?: ClientId }
  | { type: 'progress'; task: TaskId; done: number; total: number }
  /** An edited document's suspects, scored again by the last ranking's model. */
  | { type: 'suspects-rescored'; id: DocumentId; suspects: ListedSuspect[] }
  | { type: 'menu'; command: MenuCommand }
  /** The event stream was cut and is back (the host drops a client that falls behind): events may have been missed. */
  | { type: 'reconnected' };

/** Whether event is an editor's own edit coming back to it: transports do not deliver those. */
export function isEchoFor(event: ApiEvent, client: ClientId | null | undefined): boolean {
  return typeof client === 'string' && event.type === 'document-edited' && event.origin === client;
}

/** What an application-menu item asks the editor to do (the Electron shell sends these). */
export const MENU_COMMANDS = [
  'save',
  'save-all',
  'undo',
  'redo',
  'find',
  'shortcuts',
  'theme-light',
  'theme-dark',
  'theme-system',
] as const;

export type MenuCommand = (typeof MENU_COMMANDS)[number];

/** Every error code, in one list the type and the clients' checks both come from. */
export const API_ERROR_CODES = [
  'stale-revision',
  'not-found',
  'refused-file',
  'path-outside',
  'too-large',
  'invalid-request',
  'edit-refused',
  'save-failed',
  'conflict',
  'cancelled',
  'internal',
] as const;

export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

/** Errors cross both transports as this shape; the editor shows `message`. */
export interface ApiErrorBody {
  code: ApiErrorCode;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export function isApiMethod(name: unknown): name is ApiMethod {
  return typeof name === 'string' && (API_METHODS as readonly string[]).includes(name);
}
