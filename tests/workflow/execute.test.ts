// executeBatches as a run's stop and save point: the signal, and saving each request's answers before it
// counts as done. A scripted backend in this process; no timing beyond a few milliseconds.
import { describe, expect, it } from 'vitest';
import { setTimeout as sleep } from 'node:timers/promises';
import { BackendError, BitextError } from '../../src/core/errors.js';
import type { TranslateRequest, TranslateResult, TranslationBackend } from '../../src/backends/types.js';
import { executeBatches, type Batch, type ReceivedItem } from '../../src/workflow/execute.js';
import { toBackendSegment } from '../../src/workflow/markup.js';

const pair = { source: 'de', target: 'en' } as const;

function batches(count: number): Batch[] {
  return Array.from({ length: count }, (_, i) => {
    const text = `Satz ${i + 1}.`;
    const segment = { id: `s${i}`, text, plain: text };
    return { pair, context: undefined, segments: [{ text, context: '', backend: toBackendSegment(segment, []), segment, format: 'text' as const }], bytes: text.length };
  });
}

/** Answers after `latency` ms; `fail(n)` decides a failure for request n; records what it was given. */
function scripted(options: { latency?: number; fail?: (n: number) => BackendError | undefined } = {}) {
  const started: string[] = [];
  const signals: (AbortSignal | undefined)[] = [];
  const backend: TranslationBackend = {
    name: 'scripted',
    limits: { maxSegments: 50, maxBytes: 1000 },
    concurrency: 2,
    async translate(request: TranslateRequest, signal?: AbortSignal): Promise<TranslateResult[]> {
      if (signal?.aborted) throw new BackendError('network', 'not sent: stopping', { retryable: false });
      started.push(request.segments[0]!.text);
      signals.push(signal);
      await sleep(options.latency ?? 0);
      const failure = options.fail?.(started.length);
      if (failure) throw failure;
      return request.segments.map((s) => ({ parts: [{ type: 'text', text: `EN ${s.text}` }], billedCharacters: s.text.length }));
    },
  };
  return { backend, started, signals };
}

describe('executeBatches', () => {
  it('hands its signal to the backend, and once it is aborted starts no request; those in flight finish and are kept', async () => {
    const { backend, started, signals } = scripted({ latency: 20 });
    const controller = new AbortController();
    const saved: string[] = [];
    const running = executeBatches(backend, batches(10), {
      concurrency: 2,
      signal: controller.signal,
      onReceived: async (_lang, items) => {
        saved.push(...items.map((i) => i.text));
      },
    });
    await sleep(5);
    controller.abort();
    const result = await running;
    expect(started).toEqual(['Satz 1.', 'Satz 2.']);
    expect(signals.every((s) => s === controller.signal)).toBe(true);
    expect([...result.translations.get('en')!.keys()]).toEqual(['Satz 1.', 'Satz 2.']);
    expect(saved).toEqual(['Satz 1.', 'Satz 2.']);
    expect(result.interrupted).toBe(true);
    expect(result.error).toBeUndefined();
    expect(result.stats).toMatchObject({ requests: 2, failedRequests: 0 });
  });

  it('does not retry once stopped: the wait before a retry ends with the signal', async () => {
    const { backend, started } = scripted({ fail: (n) => (n === 1 ? new BackendError('rate-limit', '429') : undefined) });
    const controller = new AbortController();
    const running = executeBatches(backend, batches(1), { signal: controller.signal, retryBaseMs: 60_000 });
    await sleep(20);
    const before = Date.now();
    controller.abort();
    const result = await running;
    expect(Date.now() - before).toBeLessThan(1000);
    expect(started).toHaveLength(1);
    expect(result).toMatchObject({ interrupted: true, stats: { retries: 1, requests: 0 } });
  });

  it('counts a request as done only once its answers are saved; a failure to save stops the run and keeps the answers', async () => {
    const { backend, started } = scripted();
    const order: string[] = [];
    const result = await executeBatches(backend, batches(6), {
      concurrency: 1,
      onProgress: (e) => {
        if (e.type === 'batch-done') order.push('done');
      },
      onReceived: async (_lang, items: readonly ReceivedItem[]) => {
        order.push(`saved ${items[0]!.text}`);
        if (items[0]!.text === 'Satz 2.') throw new BitextError('output', 'cannot save (ENOSPC)');
      },
    });
    expect(order).toEqual(['saved Satz 1.', 'done', 'saved Satz 2.']);
    expect(started).toEqual(['Satz 1.', 'Satz 2.']);
    expect(result.saveError?.message).toBe('cannot save (ENOSPC)');
    expect([...result.translations.get('en')!.keys()]).toEqual(['Satz 1.', 'Satz 2.']);
    expect(result.interrupted).toBeUndefined();
  });
});
