// The one API between the editor and the workspace: every call, request, response and event, typed once.
import type { AgreementReport } from '../agreement/report';
import type { SkippedHit } from '../corpus/apply-to-all';
import type { Finding } from '../corpus/consistency';
import type { CorpusHit } from '../corpus/hits';
import type {
  BracketDocument,
  CloseStyle,
  Diagnostic,
  DocumentEntity,
  LineEnding,
} from '../format/document';
import type { History, HistoryEntry } from '../model/history';
import type { Transaction } from '../model/operations';
import type { ReviewReport } from '../review/report';
import type { Suspect } from '../suspects/suspect';
import {
  REQUEST_SCHEMAS,
  type AppliedDocument,
  type ApiMethod,
  type ApiRequest,
  type BaselineSource,
  type ClientId,
  type CorpusSettings,
  type DocumentId,
  type TaskId,
} from './requests';

export { API_ERROR_CODES, ApiError, type ApiErrorBody, type ApiErrorCode } from './errors';
export {
  CONFLICT_CHOICES,
  type AnnotatorCopy,
  type AppliedDocument,
  type ApiMethod,
  type ApiRequest,
  type BaselineSource,
  type ClientId,
  type ConflictChoice,
  type CorpusSettings,
  type DocumentId,
  type LabelSetting,
  type TaskId,
} from './requests';

export type DocumentStatus = 'untouched' | 'edited' | 'saved' | 'reviewed';

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
  /**
   * Its file changed on disk under unsaved edits (keep mine or take theirs before it is saved), or
   * was deleted (a save writes it again).
   */
  onDisk?: 'changed' | 'deleted';
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
  /** Set when the file cannot be saved as it is now (read-only): why, and what to do. */
  readOnly?: string;
  /** Set while the file is gone or unreadable on disk (as last looked at) under unsaved edits. */
  fileLost?: FileLost;
  /** Set while the file changed on disk under unsaved edits. */
  conflict?: boolean;
  /** Set while edits that "Take theirs" set aside can be restored (resolveConflict restore-set-aside). */
  setAside?: true;
}

/** A file gone from under its document: deleted, or unreadable now (why). */
export type FileLost = 'deleted' | { unreadable: string };

/** Why a deleted file under unsaved edits cannot be written again yet (FileLost's unreadable). */
export const FOLDER_GONE = 'its folder is gone (moved, renamed or removed)';

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
  /** Set when the file cannot be saved as it is now (read-only): why, and what to do. */
  readOnly?: string;
  /** Set while the file is gone or unreadable on disk (as last looked at) under unsaved edits. */
  fileLost?: FileLost;
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

export interface Baseline {
  id: DocumentId;
  source: BaselineSource;
  /** The baseline's bracket text, as a file holds it. */
  text: string;
  /** A git baseline of a document renamed since: its path (from the repository's root) there. */
  renamedFrom?: string;
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

/** A span of a document's plain text. */
export interface PlainSpan {
  start: number;
  end: number;
}

/** What adjudicating a document against the same copies kept from an earlier session. */
export interface EarlierAdjudication {
  /** The places settled with no entity. */
  none: PlainSpan[];
}

/** A document as each annotator's copy holds it (bracket text), in the order the copies were given. */
export interface CopyVersions {
  id: DocumentId;
  annotators: string[];
  texts: string[];
  /** What an earlier adjudication of the document against these copies kept; null: none was. */
  earlier: EarlierAdjudication | null;
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

/** Every call's response, by method name (requests: REQUEST_SCHEMAS in ./requests). */
export interface ApiResponses {
  getCorpus: CorpusInfo;
  openDocument: DocumentState;
  openSource: DocumentSource;
  applyEdit: EditResult;
  undo: EditResult;
  redo: EditResult;
  save: SaveResult;
  /** Every document it could save, and each it could not with why (the others are saved all the same). */
  saveAll: {
    saved: DocumentId[];
    failed: Array<{ id: DocumentId; message: string }>;
    /** Of those saved, the documents whose file had been deleted on disk: written again. */
    recreated: DocumentId[];
    /** What saves said beyond saving (an owner not kept, another program's bytes kept and where). */
    notices: Array<{ id: DocumentId; notice: string }>;
  };
  markReviewed: DocumentSummary;
  resolveConflict: DocumentState;
  updateSettings: CorpusSettings;
  getBaseline: Baseline;
  /** Every readable document compared with its baseline; the editor names the baseline in words. */
  reviewCorpus: Omit<ReviewReport, 'baseline'>;
  getGitLog: { commits: GitCommit[] };
  getHistory: DocumentHistory;
  searchCorpus: CorpusSearchResult;
  checkCorpus: {
    /** The findings that fit in what the editor lists (see MOST_LISTED_HITS), in order. */
    findings: Finding[];
    /** How many findings the corpus has: more than listed on a large corpus (`emend check` lists all). */
    total: number;
    documents: number;
  };
  applyToAll: ApplyToAllResult;
  undoApplyToAll: UndoApplyToAllResult;
  exportCorpus: CorpusExport;
  getAgreement: CorpusAgreement;
  getCopyVersions: CopyVersions;
  keepAdjudication: Record<string, never>;
  findSuspects: SuspectsResult;
  dismissSuspect: { dismissed: number };
  restoreSuspect: { dismissed: number };
  cancelTask: { cancelled: boolean };
  showDocument: Record<string, never>;
}

export interface CorpusSearchResult {
  hits: CorpusHit[];
  /** Documents searched. */
  documents: number;
  /** Set when more hits were found than returned. */
  truncated: boolean;
}

export interface ApplyToAllResult {
  documents: AppliedDocument[];
  /** How many hits changed something. */
  applied: number;
  skipped: SkippedHit[];
  /** Cancel came once documents were being changed: the run finished (an apply never stops half way). */
  cancelledLate?: true;
}

export interface UndoApplyToAllResult {
  undone: DocumentId[];
  /** Documents edited since (or gone): left as they are, with the reason. */
  skipped: Array<{ id: DocumentId; reason: string }>;
  /** Cancelled part way: it stopped before the next document (undoing again goes on). */
  stopped?: true;
  /** Of the list given, the documents not reached, still changed. */
  left?: AppliedDocument[];
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
  /** Said beside the suspects when they deserve less trust (few entities, none whole, nothing scored); else null. */
  caution: string | null;
  /** Per document, the lines whose markup is broken: not checked (no fix may tag there). */
  unchecked: Array<{ id: DocumentId; lines: number[] }>;
}

export type ApiResponse<M extends ApiMethod> = ApiResponses[M];

/** The contract as a value, so transports and tests can enumerate it. */
export const API_METHODS = Object.keys(REQUEST_SCHEMAS) as ApiMethod[];

/** The workspace as the editor sees it. */
export type EmendApi = { [M in ApiMethod]: (request: ApiRequest<M>) => Promise<ApiResponse<M>> };

/** Pushed from the workspace to every editor; an edit's event skips the editor it came from (`origin`). */
export type ApiEvent =
  | { type: 'corpus-changed'; documents: DocumentSummary[] }
  | { type: 'document-reloaded'; state: DocumentSource }
  | { type: 'document-conflict'; id: DocumentId }
  /** An open document's file was deleted (by another program); its unsaved edits, if any, are kept. */
  | { type: 'document-deleted'; id: DocumentId }
  /**
   * An open document's file now holds what Emend cannot read (why: as the corpus list says it):
   * unsaved edits are kept (a save writes over it); a document without them is refused.
   */
  | { type: 'document-unreadable'; id: DocumentId; why: string }
  /** An open document's file, told deleted or unreadable before, can be read again. */
  | { type: 'document-found'; id: DocumentId }
  /** An open document's file turned read-only (readOnly: why it cannot be saved) or writable again (null). */
  | { type: 'document-access'; id: DocumentId; readOnly: string | null }
  | { type: 'document-edited'; result: EditResult; origin?: ClientId }
  /** A document was saved at revision (by any editor): editors showing that revision show it saved. */
  | { type: 'document-saved'; id: DocumentId; revision: number }
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
  'export',
  'shortcuts',
  'command-palette',
  'theme-light',
  'theme-dark',
  'theme-system',
] as const;

export type MenuCommand = (typeof MENU_COMMANDS)[number];

export function isApiMethod(name: unknown): name is ApiMethod {
  return typeof name === 'string' && (API_METHODS as readonly string[]).includes(name);
}
