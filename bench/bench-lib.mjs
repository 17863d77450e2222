// Small helpers shared by bench/run.mjs and bench/worker.mjs: child runs with their own peak RSS, memory
// sampling, formatting, the table.
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { arch, cpus, platform, release, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const MB = 1024 * 1024;
export const root = fileURLToPath(new URL('..', import.meta.url));
export const CLI = join(root, 'dist', 'cli', 'main.js');
const USAGE_HOOK = pathToFileURL(fileURLToPath(new URL('./usage-on-exit.mjs', import.meta.url))).href;
const workerPath = fileURLToPath(new URL('./worker.mjs', import.meta.url));

/**
 * Peak heap and RSS of this process. A timer samples while async work runs; synchronous loops call
 * `sample()` between passes, since no timer fires inside them. RSS peak comes from the kernel
 * (`resourceUsage().maxRSS`, in KiB), so it is exact; the heap peak is the highest value sampled.
 */
export function startMemorySampler(intervalMs = 10) {
  let peakHeap = 0;
  const sample = () => {
    const { heapUsed } = process.memoryUsage();
    if (heapUsed > peakHeap) peakHeap = heapUsed;
  };
  const timer = setInterval(sample, intervalMs);
  timer.unref();
  sample();
  return {
    sample,
    stop() {
      sample();
      clearInterval(timer);
      return { peakRssMB: round((process.resourceUsage().maxRSS * 1024) / MB, 1), peakHeapMB: round(peakHeap / MB, 1) };
    },
  };
}

export function round(value, digits = 0) {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Time of one synchronous or async call, in ms. */
export async function timed(fn) {
  const started = performance.now();
  const value = await fn();
  return { ms: performance.now() - started, value };
}

/**
 * The environment of a measured child: ours without the knobs of bitext, the mock and DeepL (a stray
 * DEEPL_AUTH_KEY must not turn a bench run into a paid one), plus `extra`.
 */
export function childEnv(extra = {}) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^(BITEXT_|DEEPL_)/.test(key)));
  return { ...env, NO_COLOR: '1', ...extra };
}

/** Linux keeps a process's peak RSS in /proc; read while it runs, it survives a kill (unlike maxRSS at exit). */
function readPeakKiB(pid) {
  try {
    const match = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}

let runs = 0;

/**
 * Runs a Node script as a child and measures it: wall time from spawn to exit, and the child's own peak
 * RSS (from usage-on-exit.mjs; if the child is killed, the last peak read from /proc, marked `rssAtLeast`).
 * Never rejects: a crash, a non-zero exit or a time-out is in the result for the caller to report.
 */
export function runNode(argv, { cwd, env = {}, timeoutMs = 120_000, measure = true } = {}) {
  const usageFile = join(tmpdir(), `bitext-bench-usage-${process.pid}-${++runs}.json`);
  const args = measure ? ['--import', USAGE_HOOK, ...argv] : argv;
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, {
      cwd,
      env: childEnv(measure ? { ...env, BITEXT_BENCH_USAGE: usageFile } : env),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out = [];
    const err = [];
    child.stdout.on('data', (chunk) => out.push(chunk));
    child.stderr.on('data', (chunk) => err.push(chunk));
    let polledKiB = 0;
    const poll = measure ? setInterval(() => (polledKiB = Math.max(polledKiB, readPeakKiB(child.pid))), 100) : undefined;
    let timedOut = false;
    const killer = setTimeout(() => {
      timedOut = true;
      polledKiB = Math.max(polledKiB, readPeakKiB(child.pid));
      child.kill('SIGKILL');
    }, timeoutMs);
    let wallMs;
    child.on('exit', () => (wallMs = performance.now() - started));
    const finish = (code, signal, spawnError) => {
      clearTimeout(killer);
      clearInterval(poll);
      let usage;
      try {
        usage = JSON.parse(readFileSync(usageFile, 'utf8'));
      } catch {
        usage = undefined;
      }
      rmSync(usageFile, { force: true });
      const rssKiB = usage?.maxRssKiB ?? polledKiB;
      resolve({
        code,
        signal,
        timedOut,
        ok: code === 0 && !timedOut,
        wallMs: wallMs ?? performance.now() - started,
        peakRssMB: rssKiB > 0 ? round(rssKiB / 1024, 1) : undefined,
        rssAtLeast: usage === undefined && rssKiB > 0,
        cpuMs: usage ? usage.userMs + usage.systemMs : undefined,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        error: spawnError,
      });
    };
    child.on('error', (error) => finish(null, null, error));
    child.on('close', (code, signal) => finish(code, signal));
  });
}

/** The built CLI (`bitext …`), measured. */
export const runCli = (args, options) => runNode([CLI, ...args], options);

/** Why a child run did not give a figure, in a few words (for the table and the misses list). */
export function describeFailure(run) {
  if (run.error) return `could not start: ${run.error.message}`;
  if (run.timedOut) return `timed out after ${fmt.s(run.wallMs)}`;
  const last = (run.stderr.trim() || run.stdout.trim()).split('\n').filter(Boolean).at(-1) ?? '';
  return `exit ${run.code ?? run.signal}${last ? `: ${last.slice(0, 160)}` : ''}`;
}

/**
 * Runs one task of bench/worker.mjs in its own Node process, so each figure's peak RSS is its own and one
 * task's garbage never slows the next. The worker prints its result as the last line of stdout.
 */
export async function runWorker(task, args = {}, { cwd, timeoutMs = 120_000 } = {}) {
  const run = await runNode([workerPath, task, JSON.stringify(args)], { cwd, timeoutMs });
  if (!run.ok) throw new Error(`bench worker "${task}" failed (${describeFailure(run)}):\n${run.stderr.slice(-2000)}`);
  const last = run.stdout.trim().split('\n').pop() ?? '';
  try {
    return { ...JSON.parse(last), processPeakRssMB: run.peakRssMB, processWallMs: run.wallMs };
  } catch (error) {
    throw new Error(`bench worker "${task}" printed no JSON result:\n${run.stdout}\n${run.stderr}`, { cause: error });
  }
}

export function machineInfo() {
  const list = cpus();
  let commit = null;
  let dirty = null;
  try {
    commit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() !== '';
  } catch {
    // Not a git checkout (e.g. an unpacked tarball): the figures stand without a commit.
  }
  return {
    date: new Date().toISOString(),
    node: process.version,
    v8: process.versions.v8,
    platform: `${platform()} ${release()} ${arch()}`,
    cpus: { count: list.length, model: list[0]?.model.trim() ?? 'unknown' },
    totalMemoryGB: round(totalmem() / 1024 ** 3, 1),
    commit,
    dirty,
  };
}

// Formatting: figures as a person reads them (thousands separators, units that fit the size).
export const fmt = {
  int: (n) => Math.round(n).toLocaleString('en'),
  ms: (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : ms >= 100 ? `${Math.round(ms)} ms` : `${ms.toFixed(1)} ms`),
  s: (ms) => `${(ms / 1000).toFixed(ms >= 10_000 ? 1 : 2)} s`,
  rate: (n) => (n >= 1e6 ? `${(n / 1e6).toFixed(1)} M` : n >= 1e4 ? `${(n / 1e3).toFixed(0)} k` : n >= 100 ? Math.round(n).toLocaleString('en') : n.toFixed(1)),
  bytes: (n) => (n >= 1e6 ? `${(n / 1e6).toFixed(1)} MB` : n >= 1e3 ? `${(n / 1e3).toFixed(0)} kB` : `${n} B`),
  mb: (n) => (n === undefined ? '' : `${Math.round(n)} MB`),
  ratio: (n) => `${n.toFixed(2)}×`,
};

/** A plain-text table with columns sized to their content (code points, so ✓ and × count as one). */
export function renderTable(headers, rows) {
  const width = (text) => [...String(text ?? '')].length;
  const pad = (text, w) => String(text ?? '') + ' '.repeat(Math.max(0, w - width(text)));
  const widths = headers.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i]))));
  const line = (cells) => cells.map((c, i) => pad(c, widths[i])).join('  ').trimEnd();
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** The same rows as a Markdown table (for the README). */
export function renderMarkdownTable(headers, rows) {
  const esc = (c) => String(c ?? '').replaceAll('|', '\\|');
  return [`| ${headers.join(' | ')} |`, `| ${headers.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.map(esc).join(' | ')} |`)].join('\n');
}
