import pLimit from 'p-limit';
import { setTimeout as sleep } from 'node:timers/promises';
import { BackendError } from '../core/errors.js';
import type { LanguageCode, LanguagePair, ProgressListener } from '../core/types.js';
import type { BackendLimits, BackendSegment, GlossaryRef, TranslateResult, TranslationBackend } from '../backends/types.js';

/** One unique text to translate into one language. */
export interface WorkItem {
  readonly text: string;
  readonly context: string;
  readonly terms: BackendSegment['terms'];
}

export interface Batch {
  readonly pair: LanguagePair;
  readonly context: string | undefined;
  readonly segments: readonly WorkItem[];
  /** UTF-8 bytes of texts and context: what the backend's `maxBytes` limits. */
  readonly bytes: number;
}

export interface ExecutionStats {
  /** Requests answered with translations. */
  requests: number;
  /** Requests that failed (retried or not). */
  failedRequests: number;
  segments: number;
  characters: number;
  billedCharacters: number;
  retries: number;
}

export interface ExecutionResult {
  /** Translations by target language, then by source text. */
  readonly translations: ReadonlyMap<LanguageCode, ReadonlyMap<string, TranslateResult>>;
  readonly stats: ExecutionStats;
  /** The error that stopped the run; everything translated before it is in `translations`. */
  readonly error?: BackendError;
}

const encoder = new TextEncoder();
export const byteLength = (text: string): number => encoder.encode(text).length;
export const characterCount = (text: string): number => [...text].length;

/**
 * Groups work into requests: only texts that share a context (their paragraph) go together, and no
 * request exceeds the backend's segment or byte limits. Order is stable, so runs are reproducible.
 */
export function planBatches(
  work: ReadonlyMap<LanguageCode, readonly WorkItem[]>,
  source: LanguageCode,
  limits: BackendLimits,
  useContext: boolean,
): Batch[] {
  const batches: Batch[] = [];
  for (const [target, items] of work) {
    const groups = new Map<string, WorkItem[]>();
    for (const item of items) {
      const key = useContext ? item.context : '';
      const group = groups.get(key);
      if (group) group.push(item);
      else groups.set(key, [item]);
    }
    for (const [paragraph, group] of groups) {
      // A paragraph that leaves no room for its longest sentence would put every sentence in a request of
      // its own, each repeating the paragraph, and past DeepL's body limit no request could be sent at all;
      // its sentences go without context instead, as with --no-context.
      const longest = group.reduce((max, item) => Math.max(max, byteLength(item.text)), 0);
      const context = useContext && byteLength(paragraph) + longest <= limits.maxBytes ? paragraph : undefined;
      const contextBytes = context === undefined ? 0 : byteLength(context);
      let current: WorkItem[] = [];
      let bytes = contextBytes;
      const flush = () => {
        if (current.length === 0) return;
        batches.push({ pair: { source, target }, context, segments: current, bytes });
        current = [];
        bytes = contextBytes;
      };
      for (const item of group) {
        const size = byteLength(item.text);
        if (current.length >= limits.maxSegments || (current.length > 0 && bytes + size > limits.maxBytes)) flush();
        current.push(item);
        bytes += size;
      }
      flush();
    }
  }
  return batches;
}

export interface ExecuteOptions {
  readonly concurrency?: number;
  readonly glossaries?: ReadonlyMap<LanguageCode, GlossaryRef>;
  readonly onProgress?: ProgressListener;
  /** Attempts for retryable errors when the backend does not retry itself. */
  readonly maxAttempts?: number;
  readonly retryBaseMs?: number;
}

/**
 * Sends the batches with bounded concurrency. A non-retryable error (quota, auth, …) stops the run at once:
 * no new request starts, requests in flight finish, and every translation received so far is returned
 * so the caller can save it — nothing paid for is thrown away.
 */
export async function executeBatches(
  backend: TranslationBackend,
  batches: readonly Batch[],
  options: ExecuteOptions = {},
): Promise<ExecutionResult> {
  const stats: ExecutionStats = { requests: 0, failedRequests: 0, segments: 0, characters: 0, billedCharacters: 0, retries: 0 };
  const translations = new Map<LanguageCode, Map<string, TranslateResult>>();
  const limit = pLimit(Math.max(1, options.concurrency ?? backend.concurrency));
  const maxAttempts = backend.handlesRetries ? 1 : (options.maxAttempts ?? 4);
  const retryBaseMs = options.retryBaseMs ?? 500;
  let stopError: BackendError | undefined;

  const run = async (batch: Batch) => {
    if (stopError) return;
    const characters = batch.segments.reduce((n, s) => n + characterCount(s.text), 0);
    options.onProgress?.({ type: 'batch-start', lang: batch.pair.target, segments: batch.segments.length, characters });
    for (let attempt = 1; ; attempt++) {
      if (stopError) return;
      try {
        const glossary = options.glossaries?.get(batch.pair.target);
        const results = await backend.translate(
          {
            pair: batch.pair,
            segments: batch.segments.map(({ text, terms }) => ({ text, terms })),
            ...(batch.context !== undefined ? { context: batch.context } : {}),
            ...(glossary ? { glossary } : {}),
          },
        );
        if (results.length !== batch.segments.length) {
          throw new BackendError(
            'bad-response',
            `${backend.name} returned ${results.length} translations for ${batch.segments.length} texts`,
            { retryable: false },
          );
        }
        stats.requests++;
        let byText = translations.get(batch.pair.target);
        if (!byText) translations.set(batch.pair.target, (byText = new Map()));
        batch.segments.forEach((segment, i) => byText!.set(segment.text, results[i]!));
        stats.segments += batch.segments.length;
        stats.characters += characters;
        stats.billedCharacters += results.reduce((n, r) => n + r.billedCharacters, 0);
        options.onProgress?.({ type: 'batch-done', lang: batch.pair.target, segments: batch.segments.length, characters });
        return;
      } catch (error) {
        stats.failedRequests++;
        const backendError =
          error instanceof BackendError
            ? error
            : new BackendError('bad-response', `${backend.name}: unexpected failure (${(error as Error)?.message ?? String(error)})`, {
                retryable: false,
                cause: error,
              });
        if (backendError.retryable && attempt < maxAttempts && !stopError) {
          const delayMs = retryBaseMs * 2 ** (attempt - 1);
          stats.retries++;
          options.onProgress?.({ type: 'retry', attempt, delayMs, reason: backendError.message });
          await sleep(delayMs);
          continue;
        }
        // Requests in flight are not aborted: the provider may already have billed them.
        stopError ??= backendError;
        return;
      }
    }
  };

  await Promise.all(batches.map((batch) => limit(() => run(batch))));
  return { translations, stats, ...(stopError ? { error: stopError } : {}) };
}
