import { appendFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { BackendError, BitextError, type BackendErrorKind } from '../core/errors.js';
import type { InlinePart } from '../core/types.js';
import type { BackendLimits, BackendOptions, BackendSegment, SegmentTerm, TranslateRequest, TranslateResult, TranslationBackend } from './types.js';

/**
 * Deterministic offline backend for tests, benchmarks and dry runs of the workflow. Glossary terms get
 * their required target; everything else stays German behind a `(MOCK xx)` mark, so nobody mistakes the
 * output for a translation. Placeholders come back where they were, unless a knob mangles them.
 *
 * Knobs (environment, so the built CLI can be driven from tests):
 * - BITEXT_MOCK_LATENCY_MS: delay per request (a request once started is never cut short, as on the wire).
 * - BITEXT_MOCK_FAIL: comma list of `KIND@N` — request number N (1-based, counting attempts) fails with
 *   KIND (`rate-limit`, `quota`, `network`, `auth`, `bad-request`, `bad-response`).
 * - BITEXT_MOCK_QUOTA: characters the "account" may bill; a request that would exceed it fails with `quota`.
 * - BITEXT_MOCK_LOG: file to which every request is appended as one JSON line (texts, context, target).
 * - BITEXT_MOCK_MARKUP: comma list of `MANGLE` or `MANGLE@N` — how the answers (of request N, else of every
 *   request) treat placeholders, like a careless MT engine: `drop` (the first one is lost), `reorder` (a
 *   paired code closes before it opens), `duplicate` (the first one comes twice), `start` (the first one
 *   moves to the start), `strip` (every placeholder is lost), `eat-space` (the spaces next to placeholders
 *   vanish).
 */
/** The mock's configuration: no settings (its knobs are environment variables), and knobs that parse. */
export function checkMockOptions(options: Pick<BackendOptions, 'env' | 'settings'>): void {
  const keys = Object.keys(options.settings ?? {});
  if (keys.length > 0) {
    throw new BitextError('config', `the mock backend takes no settings, got ${keys.map((k) => `"${k}"`).join(', ')}; its knobs are BITEXT_MOCK_* environment variables`);
  }
  parseNumber(options.env.BITEXT_MOCK_LATENCY_MS, 'BITEXT_MOCK_LATENCY_MS');
  parseNumber(options.env.BITEXT_MOCK_QUOTA, 'BITEXT_MOCK_QUOTA');
  parseFailures(options.env.BITEXT_MOCK_FAIL ?? '');
  parseMangles(options.env.BITEXT_MOCK_MARKUP ?? '');
}

/** Limits like DeepL's request body, so batching is exercised offline too. */
export const MOCK_LIMITS: BackendLimits = { maxSegments: 50, maxBytes: 128 * 1024 };

export async function createMockBackend(options: BackendOptions): Promise<TranslationBackend> {
  checkMockOptions(options);
  const env = options.env;
  const latencyMs = parseNumber(env.BITEXT_MOCK_LATENCY_MS, 'BITEXT_MOCK_LATENCY_MS') ?? 0;
  const quota = parseNumber(env.BITEXT_MOCK_QUOTA, 'BITEXT_MOCK_QUOTA');
  const failures = parseFailures(env.BITEXT_MOCK_FAIL ?? '');
  const mangles = parseMangles(env.BITEXT_MOCK_MARKUP ?? '');
  const log = env.BITEXT_MOCK_LOG;
  let requests = 0;
  let billed = 0;

  return {
    name: 'mock',
    limits: MOCK_LIMITS,
    concurrency: options.concurrency ?? 4,
    async translate(request: TranslateRequest, signal?: AbortSignal): Promise<TranslateResult[]> {
      // Like a real provider: a stopping run starts no request, and one already sent runs to its end (the
      // latency stands for the request on the wire, which the provider bills whether or not we wait).
      if (signal?.aborted) throw new BackendError('network', 'mock: request not sent, the run is stopping', { retryable: false, cause: signal.reason });
      requests++;
      const number = requests;
      if (latencyMs > 0) await sleep(latencyMs);
      const failure = failures.get(number);
      if (failure) throw new BackendError(failure, `mock: injected ${failure} failure on request ${number}`);
      const characters = request.segments.reduce((sum, s) => sum + [...s.text].length, 0);
      if (quota !== undefined && billed + characters > quota) {
        throw new BackendError('quota', `mock: quota of ${quota} characters exceeded (${billed} billed so far)`, { retryable: false });
      }
      billed += characters;
      if (log) {
        const line = { target: request.pair.target, context: request.context ?? null, texts: request.segments.map(describeSegment) };
        await appendFile(log, `${JSON.stringify(line)}\n`);
      }
      const mangle = mangles.get(number) ?? mangles.get(0);
      return request.segments.map((segment) => ({
        parts: mangleParts(pseudoTranslate(segment, request.pair.target), segment, mangle),
        billedCharacters: [...segment.text].length,
      }));
    },
    async getUsage() {
      return { characterCount: billed, characterLimit: quota ?? 0 };
    },
  };
}

/** What the log shows of a segment: its text, protected terms as text, placeholders as `<N>`, `</N>`, `<N/>` (no markup was sent). */
export function describeSegment(segment: BackendSegment): string {
  if (segment.codes.every((code) => code.kind === 'protected')) return segment.text;
  const protectedText = new Map(segment.codes.map((code) => [code.id, code.text]));
  return segment.parts
    .map((p) => (p.type === 'text' ? p.text : p.type === 'open' ? `<${p.id}>` : p.type === 'close' ? `</${p.id}>` : (protectedText.get(p.id) ?? `<${p.id}/>`)))
    .join('');
}

/** `(MOCK en) ` + the source with every glossary term replaced by its required target; placeholders stay. */
export function pseudoTranslate(segment: BackendSegment, target: string): InlinePart[] {
  const terms = [...segment.terms].sort((a, b) => b.source.length - a.source.length);
  const parts: InlinePart[] = segment.parts.map((part) => (part.type === 'text' ? { type: 'text', text: replaceTerms(part.text, terms) } : part));
  const mark = `(MOCK ${target}) `;
  const first = parts[0];
  if (first?.type === 'text') parts[0] = { type: 'text', text: mark + first.text };
  else parts.unshift({ type: 'text', text: mark });
  return parts;
}

function replaceTerms(text: string, terms: readonly SegmentTerm[]): string {
  const wanted = terms.filter((t) => t.source !== '' && text.includes(t.source));
  if (wanted.length === 0) return text;
  // Text between terms is copied as slices: a string built one character at a time is a chain of one
  // rope node per character (~32 bytes each), which held 200 MB for the answers of one 10 MB document.
  let out = '';
  let from = 0;
  let at = 0;
  while (at < text.length) {
    const term = wanted.find((t) => text.startsWith(t.source, at));
    if (term === undefined) {
      at += 1;
      continue;
    }
    out += text.slice(from, at) + term.target;
    at += term.source.length;
    from = at;
  }
  return out + text.slice(from);
}

const MANGLES = ['drop', 'reorder', 'duplicate', 'start', 'strip', 'eat-space'] as const;
type Mangle = (typeof MANGLES)[number];

function mangleParts(parts: InlinePart[], segment: BackendSegment, mangle: Mangle | undefined): InlinePart[] {
  if (mangle === undefined || segment.codes.length === 0) return parts;
  const firstCode = parts.findIndex((p) => p.type !== 'text');
  switch (mangle) {
    case 'strip':
      return parts.filter((p) => p.type === 'text');
    case 'drop': {
      const id = (parts[firstCode] as { id: number } | undefined)?.id;
      return parts.filter((p) => p.type === 'text' || p.id !== id);
    }
    case 'duplicate':
      return firstCode < 0 ? parts : [...parts.slice(0, firstCode + 1), parts[firstCode]!, ...parts.slice(firstCode + 1)];
    case 'start':
      return firstCode < 0 ? parts : [parts[firstCode]!, ...parts.slice(0, firstCode), ...parts.slice(firstCode + 1)];
    case 'reorder': {
      const open = parts.findIndex((p) => p.type === 'open');
      if (open < 0) return [...parts].reverse();
      const id = (parts[open] as { id: number }).id;
      const close = parts.findIndex((p) => p.type === 'close' && p.id === id);
      const swapped = [...parts];
      swapped[open] = parts[close]!;
      swapped[close] = parts[open]!;
      return swapped;
    }
    case 'eat-space':
      return parts.map((p, i) => {
        if (p.type !== 'text') return p;
        let text = p.text;
        if (parts[i + 1] !== undefined && parts[i + 1]!.type !== 'text') text = text.replace(/\s+$/u, '');
        if (i > 0 && parts[i - 1]!.type !== 'text') text = text.replace(/^\s+/u, '');
        return { type: 'text', text };
      });
  }
}

function parseMangles(spec: string): Map<number, Mangle> {
  const mangles = new Map<number, Mangle>();
  for (const part of spec.split(',').map((p) => p.trim()).filter(Boolean)) {
    const [kind, at] = part.split('@');
    const n = at === undefined ? 0 : Number(at);
    if (!MANGLES.includes(kind as Mangle) || !Number.isInteger(n) || n < 0 || (at !== undefined && n < 1)) {
      throw new BitextError('config', `BITEXT_MOCK_MARKUP: "${part}" is not MANGLE or MANGLE@N with MANGLE one of ${MANGLES.join(', ')}`);
    }
    mangles.set(n, kind as Mangle);
  }
  return mangles;
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
