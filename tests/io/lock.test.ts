import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { acquireLock, takeoverMarkerPath } from '../../src/io/lock.js';
import { rejection } from '../helpers/rejection.js';

// The races need separate processes (a lock between async calls of one process proves nothing), and a
// child cannot import TypeScript. Rather than trusting whatever `dist/` holds, the current sources of
// src/core and src/io are transpiled into a temporary folder, so the children run exactly this checkout.
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const NO_SUCH_PID = 2 ** 22 + 12345; // above Linux's pid_max (2^22), so no process can have it

const CHILD = `
import { createInterface } from 'node:readline';
import { acquireLock } from './io/lock.js';
const [path, command] = process.argv.slice(2);
const lines = createInterface({ input: process.stdin })[Symbol.asyncIterator]();
const say = (message) => process.stdout.write(JSON.stringify(message) + '\\n');
say({ ready: true });
await lines.next(); // "go": every child starts acquiring at the same moment
let lock;
try {
  lock = await acquireLock(path, command, new Date());
  say({ acquired: true });
} catch (error) {
  say({ acquired: false, name: error.name, code: error.code, message: error.message });
}
await lines.next(); // held until the test has heard from every child
if (lock) await lock.release();
say({ done: true });
process.exit(0);
`;

interface Outcome {
  readonly acquired: boolean;
  readonly name?: string;
  readonly code?: string;
  readonly message?: string;
}

let build: string;
let work: string;

beforeAll(async () => {
  build = await mkdtemp(join(tmpdir(), 'bitext-lock-build-'));
  for (const folder of ['core', 'io']) {
    await mkdir(join(build, folder));
    for (const name of await readdir(join(ROOT, 'src', folder))) {
      if (!name.endsWith('.ts')) continue;
      const source = await readFile(join(ROOT, 'src', folder, name), 'utf8');
      const { outputText } = ts.transpileModule(source, {
        compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022 },
      });
      await writeFile(join(build, folder, name.replace(/\.ts$/, '.js')), outputText);
    }
  }
  await writeFile(join(build, 'package.json'), '{"type":"module"}\n');
  await writeFile(join(build, 'child.mjs'), CHILD);
});

afterAll(async () => {
  await rm(build, { recursive: true, force: true });
});

beforeEach(async (context) => {
  work = await mkdtemp(join(tmpdir(), 'bitext-lock-'));
  context.onTestFinished(() => rm(work, { recursive: true, force: true }));
});

class Child {
  readonly process: ChildProcessWithoutNullStreams;
  private readonly messages: Record<string, unknown>[] = [];
  private waiting: (() => void) | undefined;
  private stderr = '';

  constructor(lockPath: string, command: string) {
    this.process = spawn(process.execPath, [join(build, 'child.mjs'), lockPath, command], { stdio: 'pipe' });
    this.process.stderr.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    createInterface({ input: this.process.stdout }).on('line', (line) => {
      this.messages.push(JSON.parse(line) as Record<string, unknown>);
      this.waiting?.();
    });
    this.process.on('exit', () => this.waiting?.());
  }

  /** The next message from the child (they come in a fixed order: ready, outcome, done). */
  async next(): Promise<Record<string, unknown>> {
    while (this.messages.length === 0) {
      if (this.process.exitCode !== null) throw new Error(`child exited early: ${this.stderr}`);
      await new Promise<void>((resolveWait) => (this.waiting = resolveWait));
    }
    return this.messages.shift()!;
  }

  send(line: string): void {
    this.process.stdin.write(`${line}\n`);
  }

  async finish(): Promise<void> {
    this.send('exit');
    await this.next();
    if (this.process.exitCode === null) await new Promise((resolveExit) => this.process.once('exit', resolveExit));
  }
}

/** Starts `count` children, lets them race for the lock at once, and returns each one's outcome. */
async function race(lockPath: string, count: number): Promise<{ outcomes: Outcome[]; children: Child[] }> {
  const children = Array.from({ length: count }, (_, index) => new Child(lockPath, `child ${index}`));
  for (const child of children) await child.next(); // ready
  for (const child of children) child.send('go');
  const outcomes: Outcome[] = [];
  for (const child of children) outcomes.push((await child.next()) as unknown as Outcome);
  return { outcomes, children };
}

function deadHolder(started = '2024-01-01T00:00:00.000Z'): string {
  return `${JSON.stringify({ pid: NO_SUCH_PID, host: hostname(), command: 'bitext translate --to en', started })}\n`;
}

describe('acquireLock between processes', () => {
  it('lets exactly one of two processes take a free lock; the other is told who holds it', async () => {
    const lockPath = join(work, '.bitext.lock');
    const { outcomes, children } = await race(lockPath, 2);
    try {
      const winners = children.filter((_, index) => outcomes[index]?.acquired);
      const losers = outcomes.filter((outcome) => !outcome.acquired);
      expect(winners).toHaveLength(1);
      expect(losers).toHaveLength(1);
      const winnerPid = winners[0]!.process.pid!;
      expect(losers[0]).toMatchObject({ name: 'BitextError', code: 'lock' });
      expect(losers[0]?.message).toContain(`process ${winnerPid} on ${hostname()}`);
      expect(JSON.parse(await readFile(lockPath, 'utf8'))).toMatchObject({ pid: winnerPid });
    } finally {
      for (const child of children) await child.finish();
    }
    await expect(readdir(work)).resolves.toEqual([]);
  });

  it('lets exactly one of 12 processes take over a lock left by a dead process (5 rounds)', async () => {
    const lockPath = join(work, '.bitext.lock');
    for (let round = 0; round < 5; round++) {
      await writeFile(lockPath, deadHolder());
      const { outcomes, children } = await race(lockPath, 12);
      try {
        const acquired = outcomes.filter((outcome) => outcome.acquired).length;
        expect(acquired, `round ${round}: ${JSON.stringify(outcomes)}`).toBe(1);
        for (const outcome of outcomes.filter((o) => !o.acquired)) expect(outcome).toMatchObject({ code: 'lock' });
        const holder = JSON.parse(await readFile(lockPath, 'utf8')) as { pid: number };
        const winner = children[outcomes.findIndex((outcome) => outcome.acquired)];
        expect(holder.pid).toBe(winner?.process.pid);
      } finally {
        for (const child of children) await child.finish();
      }
      // Released by the winner, and no takeover marker left behind.
      expect(await readdir(work)).toEqual([]);
    }
  });

  it('release() leaves alone a lock that another process took over', async () => {
    const lockPath = join(work, '.bitext.lock');
    const mine = await acquireLock(lockPath, 'test', new Date('2024-01-01T00:00:00.000Z'));
    await rm(lockPath); // as a person would, thinking the run was stuck
    const other = new Child(lockPath, 'other run');
    try {
      await other.next(); // ready
      other.send('go');
      expect(await other.next()).toMatchObject({ acquired: true });
      await mine.release();
      expect(JSON.parse(await readFile(lockPath, 'utf8'))).toMatchObject({ pid: other.process.pid, command: 'other run' });
    } finally {
      await other.finish();
    }
    await expect(readdir(work)).resolves.toEqual([]);
  });
});

describe('acquireLock in one process', () => {
  it('takes over a lock whose process is gone, and releases it', async () => {
    const lockPath = join(work, '.bitext.lock');
    await writeFile(lockPath, deadHolder());
    const lock = await acquireLock(lockPath, 'test', new Date('2025-01-01T00:00:00.000Z'));
    expect(JSON.parse(await readFile(lockPath, 'utf8'))).toEqual({
      pid: process.pid,
      host: hostname(),
      command: 'test',
      started: '2025-01-01T00:00:00.000Z',
    });
    await lock.release();
    await lock.release();
    expect(await readdir(work)).toEqual([]);
  });

  it('names a live holder and leaves its lock alone', async () => {
    const lockPath = join(work, '.bitext.lock');
    const held = await acquireLock(lockPath, 'first', new Date('2025-01-01T00:00:00.000Z'));
    const error = await rejection(acquireLock(lockPath, 'second', new Date(), 'out/.bitext.lock'));
    expect(error.code).toBe('lock');
    expect(error.file).toBe('out/.bitext.lock');
    expect(error.message).toContain(`process ${process.pid} on ${hostname()} ("first", started 2025-01-01T00:00:00.000Z)`);
    expect(JSON.parse(await readFile(lockPath, 'utf8'))).toMatchObject({ command: 'first' });
    await held.release();
  });

  it('does not take over a lock of a process on another host', async () => {
    const lockPath = join(work, '.bitext.lock');
    const foreign = JSON.stringify({ pid: NO_SUCH_PID, host: `${hostname()}-elsewhere`, command: 'x', started: 'y' });
    await writeFile(lockPath, foreign);
    const error = await rejection(acquireLock(lockPath, 'test', new Date()));
    expect(error.code).toBe('lock');
    expect(await readFile(lockPath, 'utf8')).toBe(foreign);
  });

  it('reads the lock strictly: a key given twice makes it damaged, never the lock of whichever pid came last', async () => {
    const lockPath = join(work, '.bitext.lock');
    // JSON.parse would keep the dead pid and take over a lock whose holder is alive.
    const twice = `{"pid":${process.pid},"host":${JSON.stringify(hostname())},"command":"first","started":"y","pid":${NO_SUCH_PID}}`;
    await writeFile(lockPath, twice);
    const error = await rejection(acquireLock(lockPath, 'second', new Date()));
    expect(error.code).toBe('lock');
    expect(await readFile(lockPath, 'utf8')).toBe(twice);
  });

  it('gives up with a clear error when a takeover marker was left by a run that died mid-takeover', async () => {
    const lockPath = join(work, '.bitext.lock');
    await writeFile(lockPath, deadHolder());
    const first = await acquireLock(lockPath, 'test', new Date());
    await first.release();
    await writeFile(lockPath, deadHolder());
    // Simulate the crash: a marker for exactly this stale lock exists and nobody will remove it.
    const marker = takeoverMarkerPath(lockPath, deadHolder());
    await writeFile(marker, '');
    const error = await rejection(acquireLock(lockPath, 'test', new Date(), 'out/.bitext.lock'));
    expect(error.code).toBe('lock');
    expect(error.message).toContain('out/.bitext.lock');
    expect(error.message).toContain(marker.slice(lockPath.length));
    expect(await readFile(lockPath, 'utf8')).toBe(deadHolder());
  });
});
