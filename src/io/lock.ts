import { hostname } from 'node:os';
import { open, readFile, rm } from 'node:fs/promises';
import { BitextError } from '../core/errors.js';

interface LockHolder {
  readonly pid: number;
  readonly host: string;
  readonly command: string;
  readonly started: string;
}

export interface Lock {
  release(): Promise<void>;
}

/**
 * Takes an exclusive lock file (created with O_EXCL, so two runs cannot both win). A lock left behind by
 * a process that no longer runs on this host is taken over; any other holder is named in the error.
 */
export async function acquireLock(path: string, command: string, now: Date, displayPath: string = path): Promise<Lock> {
  const holder: LockHolder = { pid: process.pid, host: hostname(), command, started: now.toISOString() };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(path, 'wx');
      await handle.writeFile(`${JSON.stringify(holder)}\n`);
      await handle.close();
      return { release: () => rm(path, { force: true }) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new BitextError('output', `${displayPath}: cannot create lock file (${(error as Error).message})`, { file: displayPath, cause: error });
      }
    }
    const existing = await readHolder(path);
    if (existing && existing.host === holder.host && !isAlive(existing.pid)) {
      await rm(path, { force: true });
      continue;
    }
    const who = existing
      ? `process ${existing.pid} on ${existing.host} ("${existing.command}", started ${existing.started})`
      : 'another process';
    throw new BitextError(
      'lock',
      `${displayPath}: ${who} is working on this folder. Wait for it to finish; if it is gone, delete ${displayPath}.`,
      { file: displayPath },
    );
  }
  throw new BitextError('lock', `${displayPath}: could not take the lock`, { file: displayPath });
}

async function readHolder(path: string): Promise<LockHolder | undefined> {
  try {
    const value: unknown = JSON.parse(await readFile(path, 'utf8'));
    if (typeof value === 'object' && value !== null && typeof (value as LockHolder).pid === 'number') return value as LockHolder;
  } catch {
    // Unreadable or half-written lock: treated as held by an unknown process.
  }
  return undefined;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
