// The progress events the CLI draws its bars from: one `plan` per language before the first request, and
// batch events that add up to it exactly, also when a request is retried.
import { describe, expect, it } from 'vitest';
import type { ProgressEvent } from '../../src/core/types.js';
import { createMockBackend } from '../../src/backends/mock.js';
import { executeBatches, planBatches, type WorkItem } from '../../src/workflow/execute.js';
import { toBackendSegment } from '../../src/workflow/markup.js';

function item(text: string, context: string): WorkItem {
  const segment = { id: `s${text.length}`, text, plain: text };
  return { text, context, backend: toBackendSegment(segment, []), segment, format: 'text' };
}

describe('executeBatches progress', () => {
  it('announces per language what it sends, and the batches add up to it', async () => {
    const work = new Map([
      ['en', [item('Eins ist hier.', 'a'), item('Zwei ist da.', 'a'), item('Drei ist dort.', 'b')]],
      ['fr', [item('Größe: 3 m².', 'c')]],
    ]);
    const batches = planBatches(work, 'de', { maxSegments: 50, maxBytes: 128 * 1024 }, true);
    const backend = await createMockBackend({ env: { BITEXT_MOCK_FAIL: 'rate-limit@1' } });
    const events: ProgressEvent[] = [];
    const result = await executeBatches(backend, batches, { retryBaseMs: 1, onProgress: (e) => events.push(e) });
    expect(result.error).toBeUndefined();

    const plans = events.filter((e) => e.type === 'plan');
    expect(plans).toEqual([
      { type: 'plan', lang: 'en', segments: 3, characters: [...'Eins ist hier.Zwei ist da.Drei ist dort.'].length },
      { type: 'plan', lang: 'fr', segments: 1, characters: [...'Größe: 3 m².'].length },
    ]);
    const firstRequest = events.findIndex((e) => e.type === 'batch-start');
    expect(events.slice(0, firstRequest).every((e) => e.type === 'plan')).toBe(true);
    expect(events.some((e) => e.type === 'retry')).toBe(true);
    for (const plan of plans) {
      const done = events.filter((e) => e.type === 'batch-done' && e.lang === plan.lang) as Extract<ProgressEvent, { type: 'batch-done' }>[];
      expect(done.reduce((n, e) => n + e.segments, 0)).toBe(plan.segments);
      expect(done.reduce((n, e) => n + e.characters, 0)).toBe(plan.characters);
    }
  });
});
