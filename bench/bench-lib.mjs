// Small helpers shared by bench/run.mjs and bench/worker.mjs: memory sampling, child runs, formatting.
import { execFileSync, spawn } from 'node:child_process';
import { cpus, platform, release, arch, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';

const MB = 1024 * 1024;

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

const workerPath = fileURLToPath(new URL('./worker.mjs', import.meta.url));

/**
 * Runs one task of bench/worker.mjs in its own Node process, so each figure's peak RSS is its own and one
 * task's garbage never slows the next. The worker prints its result as the last line of stdout.
 */
export function runWorker(task, args = {}, { cwd } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [workerPath, task, JSON.stringify(args)], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.stderr.on('data', (chunk) => (err += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const last = out.trim().split('\n').pop() ?? '';
      if (code !== 0) return reject(new Error(`bench worker "${task}" exited with ${code}:\n${err || out}`));
      try {
        resolve(JSON.parse(last));
      } catch (error) {
        reject(new Error(`bench worker "${task}" printed no JSON result:\n${out}\n${err}`, { cause: error }));
      }
    });
  });
}

export function machineInfo(root) {
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
  rate: (n) => (n >= 1e6 ? `${(n / 1e6).toFixed(1)} M` : n >= 1e4 ? `${(n / 1e3).toFixed(0)} k` : n >= 100 ? Math.round(n).toLocaleString('en') : n.toFixed(1)),
  chars: (n) => `${(n / 1e6).toFixed(1)} M chars`,
};

/** A plain-text table with columns sized to their content. */
export function renderTable(headers, rows) {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i] ?? '').length)));
  const line = (cells) => cells.map((c, i) => String(c ?? '').padEnd(widths[i])).join('  ').trimEnd();
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** The same rows as a Markdown table (for the README). */
export function renderMarkdownTable(headers, rows) {
  const esc = (c) => String(c ?? '').replaceAll('|', '\\|');
  return [`| ${headers.join(' | ')} |`, `| ${headers.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.map(esc).join(' | ')} |`)].join('\n');
}
