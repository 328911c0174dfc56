// Documents named on the command line, each with its path relative to the folder named (or its own name).
import { promises as fs, type Dirent, type Stats } from 'node:fs';
import path from 'node:path';
import { FileError, ioError } from '../workspace/file-error';
import { plural } from '../../shared/plural';
import { DOCUMENT_KIND, isDocumentPath, isListed, type EntryKind } from '../workspace/folder-walk';
import { firstInvalidUtf8 } from '../workspace/read-document';
import { printable, warn, type CliIO } from './io';

export interface NamedDocument {
  /** The path to read. */
  path: string;
  /** Where it sits under the named folder; a named file's own name. */
  relative: string;
}

/** What the paths named on the command line hold. */
export interface DocumentListing {
  documents: NamedDocument[];
  /** Whether a folder was named (outputs then mirror the folder's layout). */
  folders: boolean;
  /** What was named or found but cannot be read: a missing path, a folder that cannot be listed, a name not in UTF-8. */
  unreadable: FileError[];
  /** Symbolic links and documents left out, each with why: a loop, a broken link, a second way to one document. */
  skipped: Array<{ path: string; reason: string }>;
}

/** Says on stderr each symbolic link or document a listing left out, and why. */
export function warnSkipped(io: CliIO, command: string, skipped: DocumentListing['skipped']): void {
  for (const left of skipped) warn(io, command, `${left.path}: ${left.reason}; skipped`);
}

/** Expands each named path as listDocuments does; the first path that cannot be read throws its FileError. */
export async function namedDocuments(
  paths: readonly string[],
  wanted?: Wanted,
): Promise<DocumentListing> {
  const listing = await listDocuments(paths, wanted);
  if (listing.unreadable.length > 0) throw listing.unreadable[0];
  return listing;
}

/**
 * Lists one of the sides a command compares (a version, an annotator's copy): a file named must be
 * readable (its FileError thrown); of a folder, what cannot be read is listed and the rest compared.
 */
export async function listSide(given: string, folder: boolean): Promise<DocumentListing> {
  const listing = await listDocuments([given]);
  if (!folder && listing.unreadable.length > 0) throw listing.unreadable[0];
  return listing;
}

/** The files a folder walk lists: which it takes by name, and what they are called in a message. */
export interface Wanted {
  takes: (file: string) => boolean;
  /** `.txt document` */
  kind: string;
}

const DOCUMENTS: Wanted = { takes: isDocumentPath, kind: DOCUMENT_KIND };

/**
 * Expands each named path: a folder into its documents (see FolderWalk), or into the files wanted
 * takes by name; a file as itself. A path that does not exist, or a folder that holds none of them,
 * is listed in `unreadable`, and the walk goes on.
 */
export async function listDocuments(
  paths: readonly string[],
  wanted: Wanted = DOCUMENTS,
): Promise<DocumentListing> {
  const listing: DocumentListing = { documents: [], folders: false, unreadable: [], skipped: [] };
  // Shared by every path named: a document or folder named twice, or found again under another
  // path named, is a second way to it.
  const listed = new Listed(listing);
  for (const given of paths) {
    let stat;
    try {
      stat = await fs.stat(given);
    } catch (error) {
      listing.unreadable.push(namedPathError(error, given));
      continue;
    }
    const kind = statKind(stat);
    // A name that has no real path (a pipe's /dev/fd/N) is kept as given: it is refused when read.
    const real = await fs.realpath(given).catch(() => path.resolve(given));
    if (kind === 'folder') listing.folders = true;
    if (listed.already(given, real, kind)) continue;
    if (kind === 'folder') {
      await walkNamed(given, real, listing, listed, wanted);
    } else {
      listed.add(given, real);
      listing.documents.push({ path: given, relative: path.basename(given) });
    }
  }
  return listing;
}

/**
 * Walks a folder named; one in which the walk found nothing to list, skip or refuse holds none of
 * the files wanted: it is unreadable, as a missing path is (a typo'd folder, one of another format).
 */
async function walkNamed(
  given: string,
  real: string,
  listing: DocumentListing,
  listed: Listed,
  wanted: Wanted,
): Promise<void> {
  const noted = () => listing.documents.length + listing.skipped.length + listing.unreadable.length;
  const before = noted();
  const walk = new FolderWalk(given, real, listing, listed, wanted.takes);
  await walk.walk(given);
  if (noted() > before) return;
  const others = walk.others > 0 ? `, only ${plural(walk.others, 'other file')}` : '';
  listing.unreadable.push(new FileError('not-found', given, `holds no ${wanted.kind}${others}`));
}

/** The real path of each document and folder listed, and the path it is listed under. */
class Listed {
  private readonly shownAs = new Map<string, string>();

  constructor(private readonly listing: DocumentListing) {}

  add(shown: string, real: string): void {
    this.shownAs.set(real, shown);
  }

  /** Whether real was listed already, by another way or this one: then it is skipped, and why noted. */
  already(shown: string, real: string, kind: EntryKind): boolean {
    const earlier = this.shownAs.get(real);
    if (earlier === undefined) return false;
    const reason = earlier === shown ? 'listed already' : `the same ${kind} as ${earlier}`;
    this.listing.skipped.push({ path: shown, reason });
    return true;
  }
}

/**
 * A folder's entry and its name as text: the bytes on disk decoded, escaped where they are not
 * UTF-8 (no string holds them); what is wrong with the name, if anything (it is then not listed).
 */
interface FolderEntry {
  dirent: Dirent<Buffer>;
  name: string;
  problem: string | null;
}

const fileNames = new TextDecoder('utf-8', { fatal: true });

/**
 * One named folder's documents, recursively: sorted; dot folders, node_modules and files isWanted
 * does not take left out. A symbolic link is followed to a file or folder outside the named folder
 * (what it leads to inside is listed under its own name); one to a folder that holds it (a loop), a
 * broken one, and a second way to a document or folder listed already are skipped, each noted.
 */
class FolderWalk {
  /** How many files the walk left out as not wanted (of another format). */
  others = 0;
  /** Real paths of the folders being walked: the named one and those down to the current one. */
  private readonly open = new Set<string>();

  constructor(
    private readonly given: string,
    private readonly realRoot: string,
    private readonly listing: DocumentListing,
    /** What every path named has listed so far, this walk included. */
    private readonly listed: Listed,
    private readonly isWanted: (file: string) => boolean,
  ) {}

  /** Lists the documents of folder (shown as such), whose real path is real. */
  async walk(folder: string, real = this.realRoot): Promise<void> {
    this.listed.add(folder, real);
    let entries: FolderEntry[];
    try {
      entries = await folderEntries(folder);
    } catch (error) {
      this.listing.unreadable.push(ioError(error, folder, 'read'));
      return;
    }
    this.open.add(real);
    for (const entry of entries) await this.visit(folder, real, entry);
    this.open.delete(real);
  }

  private async visit(folder: string, realFolder: string, { dirent, name, problem }: FolderEntry) {
    const shown = path.join(folder, name);
    if (problem) return this.unnamable(shown, dirent, folder, problem);
    if (dirent.isSymbolicLink()) return this.follow(shown);
    const kind = direntKind(dirent);
    if (kind === 'other' && this.isWanted(name)) return this.skipSpecial(shown);
    if (isListed(name, kind, this.isWanted))
      await this.add(shown, path.join(realFolder, name), kind);
    else if (kind === 'file') this.others++;
  }

  /** A link: followed to a document or folder outside the named folder, else skipped with why. */
  private async follow(shown: string): Promise<void> {
    let target: string;
    let kind: EntryKind;
    try {
      target = await fs.realpath(shown);
      kind = statKind(await fs.stat(target));
    } catch (error) {
      const { reason } = ioError(error, shown, 'read');
      return this.skip(shown, `a symbolic link that cannot be followed (${reason})`);
    }
    if (kind === 'other' && this.isWanted(shown)) return this.skipSpecial(shown);
    if (!isListed(path.basename(shown), kind, this.isWanted)) return;
    if (kind === 'folder' && [...this.open].some((open) => holds(target, open)))
      return this.skip(shown, 'a symbolic link to a folder that holds it (a loop)');
    if (holds(this.realRoot, target)) {
      const inside = path.join(this.given, path.relative(this.realRoot, target));
      return this.skip(shown, `a symbolic link to ${inside} inside the folder named`);
    }
    await this.add(shown, target, kind);
  }

  /** A document listed, or a folder walked, unless it was reached already by another way. */
  private async add(shown: string, real: string, kind: EntryKind): Promise<void> {
    if (this.listed.already(shown, real, kind)) return;
    if (kind === 'folder') return this.walk(shown, real);
    this.listed.add(shown, real);
    this.listing.documents.push({ path: shown, relative: path.relative(this.given, shown) });
  }

  /**
   * An entry whose name is not UTF-8 cannot be named by a path, one with a control character not
   * printed safely: unreadable, if it would be listed.
   */
  private async unnamable(
    shown: string,
    dirent: Dirent<Buffer>,
    folder: string,
    problem: string,
  ): Promise<void> {
    const bytes = Buffer.concat([Buffer.from(`${folder}${path.sep}`), dirent.name]);
    const kind = dirent.isSymbolicLink()
      ? await fs.stat(bytes).then(statKind, () => 'other' as const)
      : direntKind(dirent);
    if (!isListed(path.basename(shown), kind, this.isWanted)) return;
    this.listing.unreadable.push(
      new FileError('unreadable', shown, `the ${kind} name ${problem}; rename it`),
    );
  }

  private skip(shown: string, reason: string): void {
    this.listing.skipped.push({ path: shown, reason });
  }

  /** A document's name on a pipe, a socket or a device: never read (a pipe would never end). */
  private skipSpecial(shown: string): void {
    this.skip(shown, 'not a regular file (a pipe, a socket or a device)');
  }
}

/** A folder's entries, sorted by name. */
async function folderEntries(folder: string): Promise<FolderEntry[]> {
  const dirents = await fs.readdir(folder, { withFileTypes: true, encoding: 'buffer' });
  const entries = dirents.map((dirent) => entryOf(dirent));
  return entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function entryOf(dirent: Dirent<Buffer>): FolderEntry {
  let name: string;
  try {
    name = fileNames.decode(dirent.name);
  } catch {
    return { dirent, name: escapedName(dirent.name), problem: 'is not valid UTF-8' };
  }
  // A name with a control character would be printed into every report: a fake line, a cleared
  // screen, or (a bidi control) a name that reads as another. It is refused under its real name
  // (`--json` lists that one); the reports escape it as they print it.
  if (printable(name) !== name)
    return { dirent, name, problem: 'holds a control or bidi control character' };
  return { dirent, name, problem: null };
}

/** A name as text, each byte that breaks UTF-8 written as \xNN. */
function escapedName(bytes: Uint8Array): string {
  let text = '';
  let rest = bytes;
  for (let bad = firstInvalidUtf8(rest); bad !== -1; bad = firstInvalidUtf8(rest)) {
    text += `${fileNames.decode(rest.subarray(0, bad))}\\x${rest[bad].toString(16).padStart(2, '0')}`;
    rest = rest.subarray(bad + 1);
  }
  return text + fileNames.decode(rest);
}

function direntKind(dirent: Dirent<Buffer>): EntryKind {
  return dirent.isDirectory() ? 'folder' : dirent.isFile() ? 'file' : 'other';
}

function statKind(stat: Stats): EntryKind {
  return stat.isDirectory() ? 'folder' : stat.isFile() ? 'file' : 'other';
}

/** Whether a path is folder itself or inside it (both resolved alike: real, or as named). */
export function holds(folder: string, real: string): boolean {
  return real === folder || real.startsWith(folder.endsWith(path.sep) ? folder : folder + path.sep);
}

/** Whether a named path is a folder; a missing path throws a FileError naming it. */
export async function isFolder(given: string): Promise<boolean> {
  try {
    return (await fs.stat(given)).isDirectory();
  } catch (error) {
    throw namedPathError(error, given);
  }
}

/**
 * Why a path named on the command line cannot be read. A name with bytes that are not UTF-8 reaches
 * Emend with U+FFFD in their place, and so names no file: said so, not only "no such file"; and `-`,
 * standard input to many tools, is not one here.
 */
function namedPathError(error: unknown, given: string): FileError {
  const failure = ioError(error, given, 'read');
  if (failure.code !== 'not-found') return failure;
  if (given === '-')
    return new FileError(
      'not-found',
      given,
      'no such file or folder (Emend reads files and folders, not standard input: save it to a file)',
    );
  if (!given.includes('\uFFFD')) return failure;
  return new FileError(
    'not-found',
    given,
    'no such file or folder (its name as given holds bytes that are not UTF-8, which Emend cannot open; rename it)',
  );
}

/**
 * Matches the documents of several corpora by relative path, in the first corpus's order: the
 * paths every corpus holds, each with its copies, and for each corpus the paths only it lacks or
 * holds (a path some but not all hold is listed under every corpus that lacks it).
 */
export function matchByPath(sides: ReadonlyArray<readonly NamedDocument[]>): {
  matched: Array<{ relative: string; copies: NamedDocument[] }>;
  /** missing[k]: relative paths that side k lacks but another side holds. */
  missing: string[][];
} {
  const byPath = sides.map(
    (side) => new Map(side.map((document) => [document.relative, document])),
  );
  const everyPath = new Set(sides.flatMap((side) => side.map((document) => document.relative)));
  const inAll = (relative: string) => byPath.every((side) => side.has(relative));
  return {
    matched: sides[0]
      .filter((document) => inAll(document.relative))
      .map((document) => ({
        relative: document.relative,
        copies: byPath.map((side) => side.get(document.relative)!),
      })),
    missing: byPath.map((side) => [...everyPath].filter((relative) => !side.has(relative))),
  };
}
