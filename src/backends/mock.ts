import { appendFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { BackendError, BitextError, type BackendErrorKind } from '../core/errors.js';
import type { BackendOptions, BackendSegment, TranslateRequest, TranslateResult, TranslationBackend } from './types.js';

/**
 * Deterministic offline backend for tests, benchmarks and dry runs of the workflow. Glossary terms get
 * their required target; everything else stays German behind a `(MOCK xx)` mark, so nobody mistakes the
 * output for a translation.
 *
 * Knobs (environment, so the built CLI can be driven from tests):
 * - BITEXT_MOCK_LATENCY_MS: delay per request.
 * - BITEXT_MOCK_FAIL: comma list of `KIND@N` — request number N (1-based, counting attempts) fails with
 *   KIND (`rate-limit`, `quota`, `network`, `auth`, `bad-request`).
 * - BITEXT_MOCK_QUOTA: characters the "account" may bill; a request that would exceed it fails with `quota`.
 * - BITEXT_MOCK_LOG: file to which every request is appended as one JSON line (texts, context, target).
 */
export async function createMockBackend(options: BackendOptions): Promise<TranslationBackend> {
  const env = options.env;
  const latencyMs = parseNumber(env.BITEXT_MOCK_LATENCY_MS, 'BITEXT_MOCK_LATENCY_MS') ?? 0;
  const quota = parseNumber(env.BITEXT_MOCK_QUOTA, 'BITEXT_MOCK_QUOTA');
  const failures = parseFailures(env.BITEXT_MOCK_FAIL ?? '');
  const log = env.BITEXT_MOCK_LOG;
  let requests = 0;
  let billed = 0;

  return {
    name: 'mock',
    limits: { maxSegments: 50, maxBytes: 128 * 1024 },
    concurrency: options.concurrency ?? 4,
    handlesRetries: false,
    async translate(request: TranslateRequest, signal?: AbortSignal): Promise<TranslateResult[]> {
      requests++;
      const number = requests;
      if (latencyMs > 0) await sleep(latencyMs, undefined, { signal });
      const failure = failures.get(number);
      if (failure) throw new BackendError(failure, `mock: injected ${failure} failure on request ${number}`);
      const characters = request.segments.reduce((sum, s) => sum + [...s.text].length, 0);
      if (quota !== undefined && billed + characters > quota) {
        throw new BackendError('quota', `mock: quota of ${quota} characters exceeded (${billed} billed so far)`, { retryable: false });
      }
      billed += characters;
      if (log) {
        const line = { target: request.pair.target, context: request.context ?? null, texts: request.segments.map((s) => s.text) };
        await appendFile(log, `${JSON.stringify(line)}\n`);
      }
      return request.segments.map((segment) => ({
        text: pseudoTranslate(segment, request.pair.target),
        billedCharacters: [...segment.text].length,
      }));
    },
    async getUsage() {
      return { characterCount: billed, characterLimit: quota ?? 0 };
    },
  };
}

/** `(MOCK en) ` + the source with every glossary term replaced by its required target. */
export function pseudoTranslate(segment: BackendSegment, target: string): string {
  const terms = [...segment.terms].sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  for (const term of terms) {
    if (term.start < at) continue; // overlapping spans: the first one wins
    out += segment.text.slice(at, term.start) + term.target;
    at = term.end;
  }
  out += segment.text.slice(at);
  return `(MOCK ${target}) ${out}`;
}

const FAILURE_KINDS: readonly BackendErrorKind[] = ['rate-limit', 'quota', 'network', 'auth', 'bad-request', 'bad-response'];

function parseFailures(spec: string): Map<number, BackendErrorKind> {
  const failures = new Map<number, BackendErrorKind>();
  for (const part of spec.split(',').map((p) => p.trim()).filter(Boolean)) {
    const [kind, at] = part.split('@');
    const n = Number(at);
    if (!FAILURE_KINDS.includes(kind as BackendErrorKind) || !Number.isInteger(n) || n < 1) {
      throw new BitextError('config', `BITEXT_MOCK_FAIL: "${part}" is not KIND@N with KIND one of ${FAILURE_KINDS.join(', ')}`);
    }
    failures.set(n, kind as BackendErrorKind);
  }
  return failures;
}

function parseNumber(value: string | undefined, name: string): number | undefined {
  if (value === undefined || value === '') return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) {
    throw new BitextError('config', `${name}: expected a non-negative number, got "${value}"`);
  }
  return n;
}
