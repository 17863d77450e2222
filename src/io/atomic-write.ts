import { randomBytes } from 'node:crypto';
import { lstat, mkdir, open, readFile, realpath, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join, relative, isAbsolute } from 'node:path';
import { BitextError } from '../core/errors.js';
import { describeFsError } from './read-text.js';

export interface WriteOptions {
  /** Files may only be written inside this folder (after resolving symbolic links). */
  readonly root: string;
  /** How to name the file in messages. */
  readonly displayPath?: string;
}

/**
 * Writes a file atomically: a temporary file in the same folder, fsync, then rename over the target, so a
 * crash mid-write leaves the old file whole. Refuses to write through a symbolic link that leads outside
 * `root`. Returns false (and touches nothing) when the file already holds exactly these bytes, so
 * untouched files keep their mtime and git sees no change.
 */
export async function writeFileAtomic(path: string, content: string, options: WriteOptions): Promise<boolean> {
  const shown = options.displayPath ?? path;
  const data = Buffer.from(content, 'utf8');
  const target = await checkWritable(path, options);
  let mode = 0o644;
  try {
    const existing = await readFile(target);
    if (existing.equals(data)) return false;
    // Keep the permissions the file had (a rename would otherwise reset them).
    mode = (await stat(target)).mode & 0o7777;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new BitextError('output', `${shown}: cannot read before writing (${describeFsError(error)})`, { file: shown, cause: error });
    }
  }
  const temp = join(dirname(target), `.bitext-tmp-${basename(target)}-${randomBytes(6).toString('hex')}`);
  try {
    const handle = await open(temp, 'wx', mode);
    try {
      await handle.writeFile(data);
      await handle.chmod(mode);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw new BitextError('output', `${shown}: cannot write (${describeFsError(error)})`, { file: shown, cause: error });
  }
  return true;
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
  if (info?.isDirectory()) throw new BitextError('output', `${shown}: is a folder where the file belongs; move it away`, { file: shown });
  return target;
}

/** Creates `dir` (and parents) and checks that it is a directory inside `root`. */
export async function ensureDirectory(dir: string, root: string, shown: string = dir): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST' || code === 'ENOTDIR') {
      throw new BitextError('output', `${shown}: the output folder ${dir} is a file, not a folder; choose another --out`, {
        file: shown,
        cause: error,
      });
    }
    throw new BitextError('output', `${shown}: cannot create folder ${dir} (${describeFsError(error)})`, { file: shown, cause: error });
  }
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
    throw new BitextError('output', `${shown}: refusing to write through a symbolic link that leads outside ${root}`, { file: shown });
  }
  return resolved;
}
