import pLimit from 'p-limit';
import { setTimeout as sleep } from 'node:timers/promises';
import { BackendError, BitextError } from '../core/errors.js';
import type { LanguageCode, LanguagePair, ProgressListener, Segment, SourceFormatName } from '../core/types.js';
import type { BackendLimits, BackendSegment, GlossaryRef, TranslateResult, TranslationBackend } from '../backends/types.js';
import { answerToTarget, checkAnswer } from './markup.js';

/** One unique text to translate into one language. */
export interface WorkItem {
  /** The segment's text as the reviewer reads it: the key the translation is filed under. */
  readonly text: string;
  readonly context: string;
  /** What the backend gets: text runs, placeholders, imposed glossary terms. */
  readonly backend: BackendSegment;
  /** The source segment and its format, to turn the answer into the reviewer's target. */
  readonly segment: Segment;
  readonly format: SourceFormatName;
}

/** A translation received for a work item, as the reviewer will see it. */
export interface Received {
  readonly target: string;
  /** Markup of the source that could not be restored in `target` (empty when all of it was). */
  readonly problems: readonly string[];
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
  /** Segments whose markup did not come back and that were sent again on their own. */
  markupRetries: number;
  /** Segments whose markup could not be restored even then: kept with a finding. */
  markupFlagged: number;
  /** Requests that failed (retried or not). */
  failedRequests: number;
  segments: number;
  characters: number;
  billedCharacters: number;
  retries: number;
}

export interface ExecutionResult {
  /** Translations by target language, then by source text. */
  readonly translations: ReadonlyMap<LanguageCode, ReadonlyMap<string, Received>>;
  readonly stats: ExecutionStats;
  /** The error that stopped the run; everything translated before it is in `translations`. */
  readonly error?: BackendError;
  /** The answers could not be saved (`onReceived` failed, e.g. a full disk): the run stopped sending. */
  readonly saveError?: BitextError;
  /** The signal stopped the run before every batch was sent; what was received is in `translations`. */
  readonly interrupted?: true;
}

/** One answer as it is saved: the text it translates and the reviewer's target. */
export interface ReceivedItem {
  readonly text: string;
  readonly received: Received;
}

const encoder = new TextEncoder();
export const byteLength = (text: string): number => encoder.encode(text).length;
export const characterCount = (text: string): number => [...text].length;

/** Bytes one placeholder may take on the wire (`<g id="12">` and `</g>`, form-encoded), for batching. */
const PLACEHOLDER_BYTES = 24;

/** What a work item weighs against a backend's `maxBytes`: its text and its placeholders. */
export function itemBytes(item: WorkItem): number {
  return byteLength(item.backend.text) + PLACEHOLDER_BYTES * item.backend.codes.length;
}

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
      const longest = group.reduce((max, item) => Math.max(max, itemBytes(item)), 0);
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
        const size = itemBytes(item);
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
  /**
   * Stops the run: no new request starts and nothing is retried; requests in flight finish (the provider
   * may already have billed them) and their answers are kept. Also handed to the backend.
   */
  readonly signal?: AbortSignal;
  /**
   * Saves the answers of one request durably (the crash journal) before the request counts as done. A
   * failure stops the run like a backend error: no answer should be bought that cannot be kept.
   */
  readonly onReceived?: (lang: LanguageCode, items: readonly ReceivedItem[]) => Promise<void>;
}

/**
 * Sends the batches with bounded concurrency. A non-retryable error (quota, auth, …), a failure to save
 * the answers, or the signal stops the run at once: no new request starts, requests in flight finish, and
 * every translation received so far is returned so the caller can save it — nothing paid for is thrown away.
 */
export async function executeBatches(
  backend: TranslationBackend,
  batches: readonly Batch[],
  options: ExecuteOptions = {},
): Promise<ExecutionResult> {
  const stats: ExecutionStats = emptyStats();
  const translations = new Map<LanguageCode, Map<string, Received>>();
  const limit = pLimit(Math.max(1, options.concurrency ?? backend.concurrency));
  const maxAttempts = options.maxAttempts ?? backend.maxAttempts ?? 4;
  const retryBaseMs = options.retryBaseMs ?? 500;
  const { signal } = options;
  let stopError: BackendError | undefined;
  if (options.onProgress) {
    const totals = new Map<LanguageCode, { segments: number; characters: number }>();
    for (const batch of batches) {
      const total = totals.get(batch.pair.target) ?? { segments: 0, characters: 0 };
      total.segments += batch.segments.length;
      total.characters += batch.segments.reduce((n, s) => n + characterCount(s.backend.text), 0);
      totals.set(batch.pair.target, total);
    }
    for (const [lang, total] of totals) options.onProgress({ type: 'plan', lang, ...total });
  }
  let saveError: BitextError | undefined;
  let inFlight = 0;
  const stopped = (): boolean => stopError !== undefined || saveError !== undefined || signal?.aborted === true;
  const onAbort = (): void => {
    if (inFlight > 0) {
      options.onProgress?.({ type: 'message', text: `stopping: no new request starts; waiting for ${inFlight} in flight (they may already be billed)` });
    }
  };
  signal?.addEventListener('abort', onAbort, { once: true });

  /** One request with retries; undefined when the run stopped or the request failed for good. */
  const send = async (batch: Batch): Promise<TranslateResult[] | undefined> => {
    for (let attempt = 1; ; attempt++) {
      if (stopped()) return undefined;
      try {
        const glossary = options.glossaries?.get(batch.pair.target);
        inFlight++;
        let results: TranslateResult[];
        try {
          results = await backend.translate(
            {
              pair: batch.pair,
              segments: batch.segments.map((item) => item.backend),
              ...(batch.context !== undefined ? { context: batch.context } : {}),
              ...(glossary ? { glossary } : {}),
            },
            signal,
          );
        } finally {
          inFlight--;
        }
        if (results.length !== batch.segments.length) {
          throw new BackendError(
            'bad-response',
            `${backend.name} returned ${results.length} translations for ${batch.segments.length} texts`,
            { retryable: false },
          );
        }
        return results;
      } catch (error) {
        // Once the run is stopping, a cancelled request (the backend refuses to start one) or one that would
        // be retried is simply not sent; a quota or key failure is still worth reporting.
        if (signal?.aborted && error instanceof BackendError && (error.kind === 'network' || error.kind === 'rate-limit')) return undefined;
        stats.failedRequests++;
        const backendError =
          error instanceof BackendError
            ? error
            : new BackendError('bad-response', `${backend.name}: unexpected failure (${(error as Error)?.message ?? String(error)})`, {
                retryable: false,
                cause: error,
              });
        if (backendError.retryable && attempt < maxAttempts && !stopped()) {
          const delayMs = retryBaseMs * 2 ** (attempt - 1);
          stats.retries++;
          options.onProgress?.({ type: 'retry', attempt, delayMs, reason: backendError.message });
          // The wait ends early when the run is stopped: nothing is retried then.
          const waited = await sleep(delayMs, true, signal ? { signal } : {}).catch(() => false);
          if (!waited) return undefined;
          continue;
        }
        // Requests in flight are not aborted: the provider may already have billed them.
        stopError ??= backendError;
        return undefined;
      }
    }
  };

  /**
   * Files one request's answers: saved (journal) first, then counted, so a request counts as done only
   * once its answers survive a crash. Returns false when they could not be saved.
   */
  const keep = async (batch: Batch, items: readonly ReceivedItem[], results: readonly TranslateResult[]): Promise<boolean> => {
    const lang = batch.pair.target;
    let byText = translations.get(lang);
    if (!byText) translations.set(lang, (byText = new Map()));
    // In memory first: if saving fails, the caller still writes what was paid for.
    for (const item of items) byText.set(item.text, item.received);
    try {
      await options.onReceived?.(lang, items);
    } catch (error) {
      saveError ??=
        error instanceof BitextError ? error : new BitextError('output', `cannot save the translations received (${(error as Error)?.message ?? String(error)})`, { cause: error });
      return false;
    } finally {
      stats.requests++;
      stats.segments += batch.segments.length;
      stats.characters += batch.segments.reduce((n, s) => n + characterCount(s.backend.text), 0);
      stats.billedCharacters += results.reduce((n, r) => n + r.billedCharacters, 0);
    }
    return true;
  };

  const run = async (batch: Batch): Promise<boolean> => {
    if (stopped()) return false;
    const lang = batch.pair.target;
    const characters = batch.segments.reduce((n, s) => n + characterCount(s.backend.text), 0);
    options.onProgress?.({ type: 'batch-start', lang, segments: batch.segments.length, characters });
    const results = await send(batch);
    if (results === undefined) return false;
    const again: WorkItem[] = [];
    const items = batch.segments.map((item, i): ReceivedItem => {
      const checked = checkAnswer(item.backend, results[i]!, lang);
      const target = answerToTarget(checked.parts, item.backend, item.segment, item.format);
      // Keep the best we have now: if the retry fails or never happens, this answer is what was paid for.
      if (!checked.ok) again.push(item);
      return { text: item.text, received: { target, problems: checked.ok ? [] : checked.problems } };
    });
    if (!(await keep(batch, items, results))) return true;
    options.onProgress?.({ type: 'batch-done', lang, segments: batch.segments.length, characters });
    // A segment whose markup did not come back goes once more on its own, where the engine has only it to
    // get right; whatever comes back then is kept, flagged if it still lacks markup.
    for (const item of again) {
      stats.markupRetries++;
      const alone: Batch = { pair: batch.pair, context: batch.context, segments: [item], bytes: itemBytes(item) };
      const result = (await send(alone))?.[0];
      const checked = result === undefined ? undefined : checkAnswer(item.backend, result, lang);
      if (checked !== undefined) {
        const target = answerToTarget(checked.parts, item.backend, item.segment, item.format);
        await keep(alone, [{ text: item.text, received: { target, problems: checked.ok ? [] : checked.problems } }], [result!]);
      }
      if (!checked?.ok) stats.markupFlagged++;
    }
    return true;
  };

  const done = await Promise.all(batches.map((batch) => limit(() => run(batch))));
  signal?.removeEventListener('abort', onAbort);
  const interrupted = signal?.aborted === true && done.some((sent) => !sent) && stopError === undefined && saveError === undefined;
  return {
    translations,
    stats,
    ...(stopError ? { error: stopError } : {}),
    ...(saveError ? { saveError } : {}),
    ...(interrupted ? { interrupted: true as const } : {}),
  };
}

export function emptyStats(): ExecutionStats {
  return { requests: 0, markupRetries: 0, markupFlagged: 0, failedRequests: 0, segments: 0, characters: 0, billedCharacters: 0, retries: 0 };
}
