import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const CLI = join(ROOT, 'dist/cli/main.js');

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the built CLI as a user would: a separate process, its own cwd, a clean environment. */
export function runCli(
  args: readonly string[],
  options: { cwd: string; env?: Record<string, string>; input?: string | Buffer },
): Promise<CliResult> {
  return startCli(args, options).result;
}

export interface RunningCli {
  readonly child: ChildProcessWithoutNullStreams;
  /** Resolves when the process has ended; `code` is 128 + the signal's number if a signal ended it. */
  readonly result: Promise<CliResult & { readonly signal: NodeJS.Signals | null }>;
  /** Resolves once standard error holds `count` lines matching `pattern` (progress lines, messages). */
  waitForStderr(pattern: RegExp, count?: number): Promise<void>;
}

/** Starts the built CLI and hands back the process, to signal or kill it mid-run. */
export function startCli(args: readonly string[], options: { cwd: string; env?: Record<string, string>; input?: string | Buffer }): RunningCli {
  const child = spawn(process.execPath, [CLI, ...args], {
    cwd: options.cwd,
    env: { PATH: process.env.PATH ?? '', HOME: options.cwd, ...options.env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  const watchers: { pattern: RegExp; count: number; done: () => void }[] = [];
  const check = () => {
    const text = Buffer.concat(err).toString('utf8');
    for (const watcher of [...watchers]) {
      const flags = watcher.pattern.flags.includes('g') ? watcher.pattern.flags : `${watcher.pattern.flags}g`;
      if ((text.match(new RegExp(watcher.pattern.source, flags)) ?? []).length >= watcher.count) {
        watchers.splice(watchers.indexOf(watcher), 1);
        watcher.done();
      }
    }
  };
  child.stdout.on('data', (c: Buffer) => out.push(c));
  child.stderr.on('data', (c: Buffer) => {
    err.push(c);
    check();
  });
  const result = new Promise<CliResult & { signal: NodeJS.Signals | null }>((resolvePromise, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      for (const watcher of watchers.splice(0)) watcher.done();
      const signalCode = signal === null ? -1 : 128 + ({ SIGINT: 2, SIGKILL: 9, SIGTERM: 15 } as Partial<Record<NodeJS.Signals, number>>)[signal]!;
      resolvePromise({ code: code ?? signalCode, signal, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') });
    });
  });
  child.stdin.end(options.input ?? '');
  return {
    child,
    result,
    waitForStderr(pattern, count = 1) {
      return new Promise((done) => {
        watchers.push({ pattern, count, done });
        check();
      });
    },
  };
}

/** A temporary project with the real seeds and glossary; removed by the returned cleanup. */
export async function tempProject(options: { seeds?: boolean; glossary?: boolean } = {}): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'bitext-test-'));
  if (options.seeds ?? true) await copyTracked(['seeds'], dir);
  if (options.glossary ?? true) await copyTracked(['glossary.json'], dir);
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/**
 * Copies the files git tracks under `paths` (relative to the clone) into `dir`, as they are in the
 * working tree. What a user's own runs leave in the clone (the README's `translate --to fr` writes
 * translations/fr/ and translations/memory/de-fr.jsonl) is not the project's and must not reach a test.
 */
export async function copyTracked(paths: readonly string[], dir: string): Promise<void> {
  for (const file of trackedFiles(paths)) {
    await mkdir(dirname(join(dir, file)), { recursive: true });
    await copyFile(join(ROOT, file), join(dir, file));
  }
}

/** The files git tracks under `paths`, relative to the clone (`/`-separated), in git's order. */
export function trackedFiles(paths: readonly string[]): string[] {
  const listed = spawnSync('git', ['ls-files', '-z', '--', ...paths], { cwd: ROOT, encoding: 'utf8' });
  if (listed.status !== 0) throw new Error(`git ls-files failed in ${ROOT}: ${listed.stderr || String(listed.error)}`);
  const files = listed.stdout.split('\0').filter((file) => file !== '');
  if (files.length === 0) throw new Error(`git tracks no file under ${paths.join(', ')}`);
  return files;
}
