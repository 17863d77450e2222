import { createHash } from 'node:crypto';
import { hostname } from 'node:os';
import { open, readFile, rm } from 'node:fs/promises';
import { setTimeout as delay } from 'node:timers/promises';
import { BitextError } from '../core/errors.js';
import { parseStrictJson } from './strict-json.js';

interface LockHolder {
  readonly pid: number;
  readonly host: string;
  readonly command: string;
  readonly started: string;
}

export interface Lock {
  /** Removes the lock file if it is still ours; never someone else's. Safe to call twice. */
  release(): Promise<void>;
}

type LockFile =
  | { readonly kind: 'missing' }
  /** Empty or not (yet) a holder: its creator may be between creating and writing it. */
  | { readonly kind: 'unreadable' }
  | { readonly kind: 'held'; readonly holder: LockHolder; readonly raw: string };

/** Bounds every wait: a racing creator finishes writing, or a racing takeover finishes, within ms. */
const RETRY_DELAY_MS = 10;
const MAX_ATTEMPTS = 100;

/**
 * Takes an exclusive lock file (created with O_EXCL, so two runs cannot both win). A lock left behind by
 * a process that no longer runs on this host is taken over; any other holder is named in the error.
 *
 * Takeover is the delicate part: "read, judge stale, delete" lets a slow process delete the *fresh* lock
 * a faster one created in between (measured: 4 of 12 racing processes "acquired" it). Files have no
 * compare-and-delete, so deleting a stale lock is serialised by a marker created with O_EXCL whose name
 * is derived from the stale lock's exact content: only the one process that creates the marker may delete,
 * and only after re-reading the lock under the marker and finding the very same dead holder. Why that is
 * enough: a dead holder's content is never written again, so once it is seen under the marker nobody but
 * the marker's owner can remove it before the owner does; a later process that reads the old content and
 * then gets the marker re-reads and finds something else. Everyone else just retries the O_EXCL create.
 * (Renaming the stale file away is not enough: the rename can move a fresh lock, and the gap before it is
 * put back lets a third process in.)
 */
export async function acquireLock(path: string, command: string, now: Date, displayPath: string = path): Promise<Lock> {
  const holder: LockHolder = { pid: process.pid, host: hostname(), command, started: now.toISOString() };
  let seen: LockFile = { kind: 'missing' };
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    if (await createLockFile(path, holder, displayPath)) return { release: () => releaseLock(path, holder) };
    seen = await readLockFile(path);
    if (seen.kind === 'missing') continue;
    if (seen.kind === 'unreadable') {
      await delay(RETRY_DELAY_MS);
      continue;
    }
    if (!isStale(seen.holder, holder.host)) throw heldError(seen, displayPath);
    if (!(await removeStaleLock(path, seen.raw, displayPath))) await delay(RETRY_DELAY_MS);
  }
  if (seen.kind === 'held' && isStale(seen.holder, holder.host)) {
    const marker = displayPath + takeoverMarkerPath(path, seen.raw).slice(path.length);
    throw new BitextError(
      'lock',
      `the lock of process ${seen.holder.pid}, which has ended, is being taken over by another run ` +
        `(marker ${marker}). If no other bitext is running, a run died during the takeover: delete ${marker} and ${displayPath}.`,
      { file: displayPath },
    );
  }
  throw heldError(seen, displayPath);
}

/** Name of the marker that serialises the takeover of the lock whose file holds exactly `raw`. */
export function takeoverMarkerPath(path: string, raw: string): string {
  return `${path}.takeover-${createHash('sha256').update(raw).digest('hex').slice(0, 16)}`;
}

async function createLockFile(path: string, holder: LockHolder, displayPath: string): Promise<boolean> {
  let handle;
  try {
    handle = await open(path, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw new BitextError('output', `cannot create lock file (${(error as Error).message})`, { file: displayPath, cause: error });
  }
  try {
    await handle.writeFile(`${JSON.stringify(holder)}\n`);
  } catch (error) {
    // An empty lock would block every later run: take it back before reporting.
    await handle.close();
    await rm(path, { force: true });
    throw new BitextError('output', `cannot write lock file (${(error as Error).message})`, { file: displayPath, cause: error });
  }
  await handle.close();
  return true;
}

/** Deletes the lock file if it still holds exactly `raw`; false when another process is doing the takeover. */
async function removeStaleLock(path: string, raw: string, displayPath: string): Promise<boolean> {
  const marker = takeoverMarkerPath(path, raw);
  try {
    await (await open(marker, 'wx')).close();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw new BitextError('output', `cannot take over a stale lock (${(error as Error).message})`, { file: displayPath, cause: error });
  }
  try {
    const current = await readLockFile(path);
    if (current.kind === 'held' && current.raw === raw) await rm(path, { force: true });
  } finally {
    await rm(marker, { force: true });
  }
  return true;
}

async function releaseLock(path: string, mine: LockHolder): Promise<void> {
  const current = await readLockFile(path);
  // Only a person deleting the file by hand between this read and the rm could make us remove another
  // run's lock: no bitext process removes the lock of a live holder.
  if (current.kind === 'held' && sameHolder(current.holder, mine)) await rm(path, { force: true });
}

function sameHolder(a: LockHolder, b: LockHolder): boolean {
  return a.pid === b.pid && a.host === b.host && a.started === b.started;
}

function isStale(holder: LockHolder, host: string): boolean {
  return holder.host === host && !isAlive(holder.pid);
}

function heldError(seen: LockFile, displayPath: string): BitextError {
  const who =
    seen.kind === 'held'
      ? `process ${seen.holder.pid} on ${seen.holder.host} ("${seen.holder.command}", started ${seen.holder.started})`
      : 'another process';
  return new BitextError(
    'lock',
    `${who} is working on this folder. Wait for it to finish; if it is gone, delete ${displayPath}.`,
    { file: displayPath },
  );
}

async function readLockFile(path: string): Promise<LockFile> {
  let raw: string;
  try {
    raw = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
    return { kind: 'unreadable' };
  }
  try {
    // Strict: a holder with a key twice ({"pid":1,…,"pid":2}) is damaged, not the holder of its last pid.
    const value: unknown = parseStrictJson(raw, { code: 'input' });
    if (isHolder(value)) return { kind: 'held', holder: value, raw };
  } catch {
    // Half-written or damaged: treated as held by an unknown process.
  }
  return { kind: 'unreadable' };
}

function isHolder(value: unknown): value is LockHolder {
  if (typeof value !== 'object' || value === null) return false;
  const { pid, host, command, started } = value as Record<string, unknown>;
  return Number.isInteger(pid) && typeof host === 'string' && typeof command === 'string' && typeof started === 'string';
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Releases every lock, even when one release fails; the first failure is rethrown afterwards. */
export async function releaseAll(locks: readonly Lock[]): Promise<void> {
  const results = await Promise.allSettled(locks.map((lock) => lock.release()));
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
}
