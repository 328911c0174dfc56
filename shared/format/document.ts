// The parsed form of a bracket file: plain text, flat entities over it, and what printing needs (its problems are derived, see validate.ts).

export type Severity = 'error' | 'warning' | 'info';

export type DiagnosticCode =
  | 'unclosed-entity'
  | 'entity-spans-lines'
  | 'stray-close'
  | 'nested-entity'
  | 'empty-entity'
  | 'unknown-label'
  | 'mixed-close-style'
  | 'glued-close'
  | 'glued-open'
  | 'markup-in-entity'
  | 'literal-bracket'
  | 'merge-conflict'
  | 'conflict-marker'
  | 'lone-carriage-returns';

export interface Diagnostic {
  /** 1-based line in the file. */
  line: number;
  /** 1-based column in the file, counted in Unicode code points. */
  column: number;
  severity: Severity;
  code: DiagnosticCode;
  message: string;
  /** 0-based UTF-16 offset in the file text (after the BOM). */
  offset: number;
}

/** An entity over the plain text: [start, end) in UTF-16 units, as JavaScript strings count. */
export interface Entity {
  start: number;
  end: number;
  label: string;
}

export interface DocumentEntity extends Entity {
  /** Stable within a session: parse numbers entities in file order; edits take fresh ids. */
  id: number;
  /** The spaces and `]` that closed this entity in the file; absent once the entity is edited. */
  close?: string;
}

/** How the file writes a close marker: two spaces then `]` (the users' main source) or one. */
export type CloseStyle = '  ]' | ' ]';

/** The close marker of entities Emend writes anew (an import, `--normalize`): two spaces then `]`. */
export const CANONICAL_CLOSE: CloseStyle = '  ]';

export type LineEnding = '\n' | '\r\n' | 'mixed' | 'none';

export interface BracketDocument {
  /** Plain text: the file with the entity markup removed (literal text, HTML and line ends kept). */
  text: string;
  /** Sorted by start, never overlapping. */
  entities: readonly DocumentEntity[];
  /** The id the next added entity takes. */
  nextId: number;
  bom: boolean;
  lineEnding: LineEnding;
  closeStyle: CloseStyle;
  /** The label set the document was read against. */
  labels: readonly string[];
  /**
   * The file as parsed (without its BOM) and the entity objects parse made from it. Entities still
   * present as the same objects are written by copying the file's bytes, so saving a large document
   * costs in proportion to what changed. Absent for documents built by importers.
   */
  origin?: DocumentOrigin;
}

export interface DocumentOrigin {
  source: string;
  /** The plain text parsed from source; the origin applies only while the document's text is this. */
  text: string;
  entities: readonly DocumentEntity[];
}

export const DEFAULT_LABELS: readonly string[] = ['PER', 'LOC', 'ORG', 'MISC'];
