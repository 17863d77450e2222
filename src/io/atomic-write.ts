import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { access, lstat, mkdir, open, readdir, readFile, readlink, realpath, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join, relative, isAbsolute, resolve } from 'node:path';
import { BitextError } from '../core/errors.js';
import { describeFsError } from './read-text.js';

export interface WriteOptions {
  /** Files may only be written inside this folder (after resolving symbolic links). */
  readonly root: string;
  /** How to name the file in messages. */
  readonly displayPath?: string;
}

export type ReplaceOutcome = 'written' | 'unchanged' | 'conflict';

/**
 * What a file is to hold: its text, or its text in pieces, in order (a large file need not be built as
 * one string first: each piece is encoded on its own and the pieces written in one call).
 */
export type FileContent = string | Iterable<string>;

/** True when `bytes` are exactly the `pieces` one after the other. */
function holds(bytes: Buffer, pieces: readonly Buffer[]): boolean {
  let at = 0;
  for (const piece of pieces) {
    if (at + piece.length > bytes.length || bytes.compare(piece, 0, piece.length, at, at + piece.length) !== 0) return false;
    at += piece.length;
  }
  return at === bytes.length;
}

/** Names of the temporary files `replaceFile` writes before the rename; a killed write leaves one behind. */
export const TEMP_PREFIX = '.bitext-tmp-';

/**
 * Removes the temporary files a killed write left in `folders` and their sub-folders (symbolic links to
 * folders are followed once; no deeper than `maxDepth`). Only for folders bitext alone writes, and only
 * while holding their lock: a temporary file is another run's half-written file until then. Returns the
 * files removed.
 */
export async function removeTempFiles(folders: readonly string[], maxDepth = 4): Promise<string[]> {
  const removed: string[] = [];
  const seen = new Set<string>();
  const walk = async (folder: string, depth: number): Promise<void> => {
    const real = await realpath(folder).catch(() => undefined);
    if (real === undefined || seen.has(real)) return;
    seen.add(real);
    const entries = await readdir(folder, { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      const path = join(folder, entry.name);
      if (entry.isFile() && entry.name.startsWith(TEMP_PREFIX)) {
        await rm(path, { force: true });
        removed.push(path);
      } else if (depth < maxDepth && (entry.isDirectory() || (entry.isSymbolicLink() && (await stat(path).catch(() => undefined))?.isDirectory()))) {
        await walk(path, depth + 1);
      }
    }
  };
  for (const folder of folders) await walk(folder, 1);
  return removed;
}

/**
 * Writes a file atomically: a temporary file in the same folder, fsync, then rename over the target, so a
 * crash mid-write leaves the old file whole. Refuses to write through a symbolic link that leads outside
 * `root`. Touches nothing when the file already holds exactly these bytes (untouched files keep their
 * mtime, and git sees no change).
 *
 * `expected` guards a reviewer's file: the bytes the caller planned from (`null`: the file did not exist).
 * If the file holds anything else — when we start, or just before the rename — nothing is written and the
 * answer is `conflict`, so the caller can plan again from what the person saved.
 */
export async function replaceFile(
  path: string,
  content: FileContent,
  options: WriteOptions & { readonly expected?: Buffer | null },
): Promise<ReplaceOutcome> {
  const shown = options.displayPath ?? path;
  const data = typeof content === 'string' ? [Buffer.from(content, 'utf8')] : Array.from(content, (piece) => Buffer.from(piece, 'utf8'));
  const target = await checkWritable(path, options);
  const before = await readIfExists(target, shown);
  if (before !== null && holds(before, data)) return 'unchanged';
  if (options.expected !== undefined && !sameBytes(before, options.expected)) return 'conflict';
  // Keep the permissions the file had (a rename would otherwise reset them).
  const mode = before ? (await stat(target)).mode & 0o7777 : 0o644;
  const temp = join(dirname(target), `${TEMP_PREFIX}${basename(target)}-${randomBytes(6).toString('hex')}`);
  try {
    const handle = await open(temp, 'wx', mode);
    try {
      if (data.length === 1) await handle.writeFile(data[0] as Buffer);
      else if (data.length > 1) {
        const size = data.reduce((sum, piece) => sum + piece.length, 0);
        const { bytesWritten } = await handle.writev(data);
        if (bytesWritten !== size) throw new Error(`short write: ${bytesWritten} of ${size} bytes`);
      }
      await handle.chmod(mode);
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (!sameBytes(await readIfExists(target, shown), before)) {
      await rm(temp, { force: true });
      return 'conflict';
    }
    await rename(temp, target);
    // The rename is durable only once the folder is on the disk too: a power cut must not bring back
    // the old file after the crash journal that held its translations was removed.
    await syncFolder(dirname(target));
  } catch (error) {
    await rm(temp, { force: true });
    if (error instanceof BitextError) throw error;
    throw new BitextError('output', `cannot write (${describeFsError(error)})`, { file: shown, cause: error });
  }
  return 'written';
}

/** Flushes a folder's entries (names, renames) to the disk; where a file system refuses, nothing is lost by trying. */
export async function syncFolder(folder: string): Promise<void> {
  let handle;
  try {
    handle = await open(folder, 'r');
    await handle.sync();
  } catch {
    // Windows cannot open a folder for flushing; the rename is still atomic there.
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/** `replaceFile` for files only bitext writes; a change by someone else mid-write is an error. */
export async function writeFileAtomic(path: string, content: FileContent, options: WriteOptions): Promise<boolean> {
  const outcome = await replaceFile(path, content, options);
  if (outcome === 'conflict') {
    const shown = options.displayPath ?? path;
    throw new BitextError('output', `changed by another program while bitext was writing it; run again`, { file: shown });
  }
  return outcome === 'written';
}

async function readIfExists(path: string, shown: string): Promise<Buffer | null> {
  try {
    return await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new BitextError('output', `cannot read before writing (${describeFsError(error)})`, { file: shown, cause: error });
  }
}

function sameBytes(a: Buffer | null, b: Buffer | null): boolean {
  return a === null || b === null ? a === b : a.equals(b);
}

/**
 * Checks, before anything is paid for, that `path` can be written: its folder exists (created if need be)
 * inside `root`, no symbolic link leads outside `root`, and no folder stands where the file belongs.
 * Returns the resolved path to write.
 */
export async function checkWritable(path: string, options: WriteOptions): Promise<string> {
  const shown = options.displayPath ?? path;
  await ensureDirectory(dirname(path), options.root, shown);
  const target = await resolveInside(path, options.root, shown);
  const info = await stat(target).catch(() => undefined);
  if (info?.isDirectory()) throw new BitextError('output', `is a folder where the file belongs; move it away`, { file: shown });
  try {
    await access(dirname(target), constants.W_OK);
  } catch (error) {
    throw new BitextError('output', `cannot write in ${dirname(target)} (${describeFsError(error)})`, { file: shown, cause: error });
  }
  return target;
}

/** Creates `dir` (and parents) and checks that it is a directory inside `root`. */
export async function ensureDirectory(dir: string, root: string, shown: string = dir): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST' || code === 'ENOTDIR') {
      throw new BitextError('output', `the output folder ${dir} is a file, not a folder; choose another --out`, {
        file: shown,
        cause: error,
      });
    }
    throw new BitextError('output', `cannot create folder ${dir} (${describeFsError(error)})`, { file: shown, cause: error });
  }
}

/**
 * Where `path` really is: every symbolic link resolved, also for a path that does not exist yet (its
 * deepest existing ancestor is resolved) and for a link that points at nothing yet (followed by its text).
 */
export async function realPathOf(path: string, hops = 0): Promise<string> {
  try {
    return await realpath(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' && code !== 'ENOTDIR') throw error;
  }
  const link = await readlink(path).catch(() => undefined);
  if (link !== undefined && hops < 40) return realPathOf(resolve(dirname(path), link), hops + 1);
  const parent = dirname(path);
  if (parent === path) return path;
  return join(await realPathOf(parent, hops), basename(path));
}

/** Resolves symbolic links in `path` and refuses any that lead outside `root`. */
async function resolveInside(path: string, root: string, shown: string): Promise<string> {
  const realRoot = await realpath(root);
  let resolved: string;
  try {
    const info = await lstat(path);
    resolved = info.isSymbolicLink() ? await realpath(path) : join(await realpath(dirname(path)), basename(path));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    // A dangling link also lands here: lstat succeeds for it, so only truly absent files reach this.
    resolved = join(await realpath(dirname(path)), basename(path));
  }
  const rel = relative(realRoot, resolved);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) {
    throw new BitextError('output', `refusing to write through a symbolic link that leads outside ${root}`, { file: shown });
  }
  return resolved;
}
