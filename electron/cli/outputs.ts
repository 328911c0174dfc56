// Writes the files a command produced all or nothing: each staged beside its place first, all put in place at the end; never over an input or twice.
import { existsSync, lstatSync, promises as fs, realpathSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import {
  removeStagedTemps,
  stageFileAtomic,
  tempPathFor,
  type StagedFile,
} from '../workspace/atomic-write';
import { guardInterrupts } from './interrupts';
import { FileError } from '../workspace/file-error';
import { isDocumentPath } from '../workspace/folder-walk';
import { textHash } from '../workspace/journal';
import { expectReadable, expectUnchanged } from '../workspace/unchanged';
import { UsageError, warn, type CliIO } from './io';

export interface OutputFile {
  path: string;
  content: string;
}

/** An output before its content is made (where it will be written). */
export type OutputPath = Pick<OutputFile, 'path'>;

/** The real path of a file that may not exist yet: its nearest existing folder resolved through links. */
function realPathOf(file: string): string {
  const resolved = path.resolve(file);
  try {
    return realpathSync(resolved);
  } catch {
    const parent = path.dirname(resolved);
    return parent === resolved ? resolved : path.join(realPathOf(parent), path.basename(resolved));
  }
}

/** How `--force` reads in the usage of a command that writes into --out, its text at column `width` + 2. */
export const forceUsage = (width: number) =>
  `  ${'--force'.padEnd(width)}replace .txt files in DIR (documents someone may have corrected)`;

/**
 * Throws UsageError when a folder between --out and an output is a symbolic link (--out itself may
 * be one: the user chose it; a link inside it, a cloned repository's say, could lead anywhere).
 */
function checkNoLinkBelow(out: string, output: string): void {
  const parts = path.relative(out, path.dirname(output)).split(path.sep).filter(Boolean);
  let folder = out;
  for (const part of parts) {
    folder = path.join(folder, part);
    let found;
    try {
      found = lstatSync(folder, { throwIfNoEntry: false });
    } catch (error) {
      // A file where a folder above it should be: staging the output says so, naming it.
      if ((error as NodeJS.ErrnoException).code === 'ENOTDIR') return;
      throw error;
    }
    if (!found) return; // made by the write, a real folder
    if (found.isSymbolicLink()) {
      throw new UsageError(
        `${folder} is a symbolic link inside --out: outputs are not written through links (remove it, or choose another --out)`,
      );
    }
  }
}

/** The named paths that are folders, as real paths, each with the name it was given. */
function namedFolders(named: readonly string[]): Array<{ name: string; real: string }> {
  return named
    .filter((name) => statSync(name, { throwIfNoEntry: false })?.isDirectory())
    .map((name) => ({ name, real: realPathOf(name) }));
}

/**
 * Throws UsageError when two outputs share a path or an output would replace an input, comparing
 * real paths (an --out that is a symbolic link to the input folder is the input folder); when a
 * document (`.txt`) would be written inside a folder named in `named` (the next run on that folder
 * would read it as one of its documents); when a folder between `out` and an output is a link; and,
 * unless force, when a `.txt` output exists already: a bracket document there may hold someone's
 * corrections.
 */
export function checkOutputs(
  outputs: readonly OutputPath[],
  inputs: readonly string[],
  force: boolean,
  out?: string,
  named: readonly string[] = [],
): void {
  const inputPaths = new Set(inputs.map(realPathOf));
  const folders = namedFolders(named);
  const seen = new Set<string>();
  const existing: string[] = [];
  for (const output of outputs) {
    if (out !== undefined) checkNoLinkBelow(out, output.path);
    const resolved = realPathOf(output.path);
    if (inputPaths.has(resolved)) {
      throw new UsageError(`${output.path} is an input: choose another --out folder`);
    }
    const isDocument = isDocumentPath(output.path);
    const holding = isDocument
      ? folders.find(({ real }) => resolved.startsWith(real + path.sep))
      : undefined;
    if (holding) {
      throw new UsageError(
        `--out ${out ?? path.dirname(output.path)} is inside ${holding.name}, a folder read as input: its documents would be read as part of it next time; choose an --out outside it`,
      );
    }
    if (seen.has(resolved)) throw new UsageError(`two inputs would both write ${output.path}`);
    seen.add(resolved);
    if (!force && isDocument && existsSync(output.path)) existing.push(output.path);
  }
  if (existing.length > 0) {
    throw new UsageError(
      existing.length === 1
        ? `1 document in --out exists already (${existing[0]}): pass --force to replace it`
        : `${existing.length} documents in --out exist already (${existing[0]}, …): pass --force to replace them`,
    );
  }
}

/**
 * The files one command writes, all or nothing. Each is staged: written and synced as a temp file
 * beside its place (folders made as needed), every check a save makes done, nothing replaced. Only
 * when every file is staged does commit put them in place, one rename each. A failure while staging
 * (a name too long, no room, a file that cannot be read or written) discards the staged files and
 * the folders made for them, so the corpus and --out are as they were.
 *
 *   await writeAllOrNothing(io, 'tag', async (batch) => {
 *     for (const file of files) await batch.stage(file.path, newText(file));
 *   });
 */
export class OutputBatch {
  /** Each staged file, with the hash of the text its place held when read (when it was read). */
  private readonly staged: Array<{ path: string; file: StagedFile; readHash?: string }> = [];
  /** The outermost folders staging made, to remove when discarding. */
  private readonly folders: string[] = [];

  /**
   * Stages content for file. A document (`.txt`) larger than Emend reads back is refused. readAs:
   * the text file held when the command read it; it is put in place only if it still does.
   */
  async stage(file: string, content: string, readAs?: string): Promise<void> {
    if (isDocumentPath(file)) expectReadable(file, content);
    const made = await fs.mkdir(path.dirname(file), { recursive: true }).catch((error) => {
      const why =
        error.code === 'EEXIST' || error.code === 'ENOTDIR'
          ? 'a file is where a folder of its path should be'
          : (error.code ?? error);
      throw new FileError('write-failed', file, `cannot make its folder (${why})`);
    });
    if (made !== undefined) this.folders.push(made);
    const readHash = readAs === undefined ? undefined : textHash(readAs);
    this.staged.push({ path: file, file: await stageFileAtomic(file, content), readHash });
  }

  /** Throws FileError 'changed' for the first file another program wrote since the command read it. */
  async checkUnchanged(): Promise<void> {
    for (const { path: file, readHash } of this.staged)
      if (readHash !== undefined) await expectUnchanged(file, readHash);
  }

  /** Discards at once (synchronously: the process is ending) what staging wrote. */
  discardNow(): void {
    removeStagedTemps();
    for (const folder of this.folders) rmSync(folder, { recursive: true, force: true });
  }

  async discard(): Promise<void> {
    for (const { file } of this.staged) await file.discard();
    for (const folder of this.folders.reverse())
      await fs.rm(folder, { recursive: true, force: true });
    this.staged.length = 0;
  }

  /**
   * Puts every staged file in place, in order; returns their paths. The bytes each file held are
   * kept beside it (a hard link, else a copy) until all are in place: a rename that fails (rare:
   * the checks and the writing are done; an append-only file, a file another program holds open
   * on Windows) puts back every file put in place before it, and the rest are discarded, so
   * nothing is written. What could not be put back is named.
   */
  async commit(io: CliIO, command: string): Promise<string[]> {
    const written: Array<{ path: string; target: string; kept: string | null }> = [];
    for (const [k, { path: file, file: staged }] of this.staged.entries()) {
      const { target } = staged;
      let kept: string | null = null;
      try {
        kept = await keepBytes(target);
        for (const notice of await staged.commit()) {
          warn(io, `emend ${command}`, `${file}: ${notice}`);
        }
      } catch (error) {
        if (kept) await fs.rm(kept, { force: true });
        for (const later of this.staged.slice(k)) await later.file.discard();
        const notPutBack = await putBack(written);
        const list = (paths: string[]) => paths.map((name) => `  ${name}\n`).join('');
        io.err(
          notPutBack.length === 0
            ? `emend ${command}: ${file} could not be put in place; the ${written.length} put in place before it were put back\n`
            : `emend ${command}: ${file} could not be put in place; these put in place before it could not be put back:\n${list(notPutBack)}`,
        );
        throw error;
      }
      written.push({ path: file, target, kept });
    }
    for (const { kept } of written) if (kept) await fs.rm(kept, { force: true });
    return written.map(({ path: file }) => file);
  }
}

/** The bytes a file holds, kept beside it under a temp name (a hard link, else a copy); null when there is no file. */
async function keepBytes(target: string): Promise<string | null> {
  const kept = tempPathFor(target);
  try {
    await fs.link(target, kept);
    return kept;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    await fs.copyFile(target, kept);
    return kept;
  }
}

/** Puts the files put in place back as they were (a new one removed); returns those it could not. */
async function putBack(
  written: ReadonlyArray<{ path: string; target: string; kept: string | null }>,
): Promise<string[]> {
  const failed: string[] = [];
  for (const { path: file, target, kept } of [...written].reverse()) {
    try {
      if (kept) await fs.rename(kept, target);
      else await fs.rm(target, { force: true });
    } catch {
      failed.push(file);
    }
  }
  return failed;
}

/**
 * Runs stageAll with a batch, then puts everything it staged in place (see OutputBatch); when
 * stageAll throws, nothing is written, and its error's message says so. Ctrl-C, a kill or a
 * hang-up while staging discards what was staged (nothing written); while putting in place, it
 * waits until every file is in place. Returns stageAll's result.
 */
export async function writeAllOrNothing<T>(
  io: CliIO,
  command: string,
  stageAll: (batch: OutputBatch) => Promise<T>,
): Promise<T> {
  const batch = new OutputBatch();
  const interrupts = guardInterrupts(() => batch.discardNow());
  try {
    let result: T;
    try {
      result = await stageAll(batch);
      await batch.checkUnchanged();
    } catch (error) {
      await batch.discard();
      if (error instanceof Error) error.message += '; nothing written';
      throw error;
    }
    interrupts.hold();
    await batch.commit(io, command);
    return result;
  } finally {
    interrupts.release();
  }
}

/** Writes the outputs all or nothing (see OutputBatch). */
export async function writeOutputs(
  io: CliIO,
  command: string,
  outputs: readonly OutputFile[],
): Promise<void> {
  await writeAllOrNothing(io, command, async (batch) => {
    for (const output of outputs) await batch.stage(output.path, output.content);
  });
}
