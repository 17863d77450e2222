import fc from 'fast-check';
import { distance } from 'fastest-levenshtein';
import { describe, expect, it } from 'vitest';
import {
  addToMemory,
  CASE_ONLY_SCORE,
  createMemory,
  DEFAULT_FUZZY_LIMIT,
  DEFAULT_FUZZY_THRESHOLD,
  lookupFuzzy,
  tokenizeSegmentText,
  type MemoryEntry,
  type TranslationMemory,
} from '../../src/memory/index.js';
import { editSentence, seededRandom, syntheticEntries } from '../../bench/synthetic-memory.mjs';

const pair = { source: 'de', target: 'en' } as const;

function entry(source: string, target = `T:${source}`, overrides: Partial<MemoryEntry> = {}): MemoryEntry {
  return { source, target, origin: 'human', status: 'reviewed', changed: '2024-01-01T00:00:00.000Z', ...overrides };
}

const memoryOf = (...entries: MemoryEntry[]): TranslationMemory => addToMemory(createMemory(pair), entries).memory;

describe('lookupFuzzy', () => {
  it('pins the documented defaults', () => {
    expect(DEFAULT_FUZZY_THRESHOLD).toBe(0.75);
    expect(DEFAULT_FUZZY_LIMIT).toBe(3);
    const sources = ['a b c d e f g h i j', 'a b c d e f g h i X', 'a b c d e f g h X X', 'a b c d e f g X X X', 'a b c d e f X X X X'];
    const results = lookupFuzzy(memoryOf(...sources.map((s) => entry(s))), 'a b c d e f g h i j');
    // 0.6 is below the default threshold and only three are returned.
    expect(results.map((r) => [r.entry.source, r.score])).toEqual([
      ['a b c d e f g h i j', 1],
      ['a b c d e f g h i X', 0.9],
      ['a b c d e f g h X X', 0.8],
    ]);
  });

  it('scores 1 − word edits / longer token count, over case-folded words and punctuation marks', () => {
    const memory = memoryOf(entry('Der Bundestag hat das Gesetz am Freitag beschlossen.'));
    // 9 tokens (8 words and the full stop): one substitution, and one deletion of "am".
    const [match] = lookupFuzzy(memory, 'der  BUNDESTAG hat das Gesetz Freitag abgelehnt.', { threshold: 0.5 });
    expect(match?.score).toBeCloseTo(1 - 2 / 9, 10);
    expect(lookupFuzzy(memory, 'Der Bundestag hat das Gesetz am Freitag beschlossen!')[0]?.score).toBeCloseTo(8 / 9, 10);
    // An inflected word is a whole edit: the measure works on words, not characters.
    expect(lookupFuzzy(memory, 'Der Bundestag hat die Gesetze am Freitag beschlossen.')[0]?.score).toBeCloseTo(7 / 9, 10);
  });

  it('never reports a case-only difference as an exact match', () => {
    const memory = memoryOf(entry('Die Bank ist geschlossen.'));
    expect(lookupFuzzy(memory, 'die bank ist geschlossen.')[0]?.score).toBe(CASE_ONLY_SCORE);
    expect(lookupFuzzy(memory, 'Die Bank ist geschlossen .')[0]?.score).toBe(CASE_ONLY_SCORE);
    expect(lookupFuzzy(memory, ' Die  Bank ist geschlossen.')[0]?.score).toBe(1);
  });

  it('returns one match per source, the preferred entry, and orders ties human-first then newest', () => {
    const memory = memoryOf(
      entry('Das Haus am See', 'house by the lake', { changed: '2024-01-01T00:00:00.000Z' }),
      entry('Das Haus am See', 'lake house', { changed: '2024-06-01T00:00:00.000Z' }),
      entry('Das Haus am Set', 'machine', { origin: 'machine', status: 'machine', changed: '2025-01-01T00:00:00.000Z' }),
      entry('Das Haus am Meer', 'human old', { changed: '2020-01-01T00:00:00.000Z' }),
      entry('Das Haus im See', 'human new', { changed: '2023-01-01T00:00:00.000Z' }),
    );
    const results = lookupFuzzy(memory, 'Das Haus am See', { limit: 10 });
    expect(results.map((r) => r.entry.target)).toEqual(['lake house', 'human new', 'human old', 'machine']);
  });

  it('handles empty queries, empty memories, limit 0, and rejects bad options', () => {
    const memory = memoryOf(entry('a'));
    expect(lookupFuzzy(memory, '   ')).toEqual([]);
    expect(lookupFuzzy(createMemory(pair), 'a')).toEqual([]);
    expect(lookupFuzzy(memory, 'a', { limit: 0 })).toEqual([]);
    expect(() => lookupFuzzy(memory, 'a', { threshold: 0 })).toThrow(RangeError);
    expect(() => lookupFuzzy(memory, 'a', { limit: 1.5 })).toThrow(RangeError);
  });

  it('finds exactly what a brute-force scan finds (the prefilters lose nothing)', () => {
    // Few distinct words make near matches, repeated words and short segments common.
    const text = fc
      .array(fc.constantFrom('der', 'Der', 'die', 'Bank', 'bank', ',', '.', 'ist'), { minLength: 1, maxLength: 9 })
      .map((words) => words.join(' '));
    // Independent oracle: every distinct folded word becomes one character, then plain Levenshtein.
    const symbols = new Map<string, string>();
    const encode = (s: string) =>
      tokenizeSegmentText(s)
        .map((w) => {
          if (!symbols.has(w)) symbols.set(w, String.fromCharCode(0xe000 + symbols.size));
          return symbols.get(w);
        })
        .join('');
    fc.assert(
      fc.property(fc.uniqueArray(text, { maxLength: 40 }), text, fc.double({ min: 0.2, max: 1, noNaN: true }), (sources, query, threshold) => {
        const memory = memoryOf(...sources.map((s) => entry(s)));
        const q = encode(query);
        const expected = memory.entries
          .map((e) => {
            const c = encode(e.source);
            const d = distance(q, c);
            return d === 0 && e.source !== query ? CASE_ONLY_SCORE : 1 - d / Math.max(q.length, c.length);
          })
          .filter((score) => score >= threshold)
          .sort((a, b) => b - a);
        const found = lookupFuzzy(memory, query, { threshold, limit: 1000 }).map((r) => r.score);
        expect(found).toEqual(expected);
      }),
      { numRuns: 500 },
    );
  });
});

describe('lookupFuzzy on 50 000 entries', () => {
  it('stays fast: hits and misses, after a one-off index build', () => {
    const entries = syntheticEntries(50_000, 7);
    const memory = memoryOf(...entries);
    const random = seededRandom(99);
    const hits = Array.from({ length: 300 }, (_, i) => editSentence(random, entries[(i * 163) % entries.length]!.source, 2));
    const misses = syntheticEntries(300, 12345).map((e) => e.source);

    let started = performance.now();
    lookupFuzzy(memory, 'Aufwärmen des Index.');
    const buildMs = performance.now() - started;

    const rate = (queries: readonly string[]): { perSecond: number; found: number } => {
      let found = 0;
      started = performance.now();
      for (const query of queries) found += lookupFuzzy(memory, query).length > 0 ? 1 : 0;
      return { perSecond: queries.length / ((performance.now() - started) / 1000), found };
    };
    const hit = rate(hits);
    const miss = rate(misses);
    if (process.env.BITEXT_BENCH === '1') {
      process.stdout.write(
        `fuzzy 50k: index ${buildMs.toFixed(0)} ms; near-hits ${hit.perSecond.toFixed(0)}/s ` +
          `(${hit.found}/${hits.length} found); misses ${miss.perSecond.toFixed(0)}/s\n`,
      );
    }
    expect(hit.found).toBeGreaterThan(hits.length * 0.9);
    // Generous floors for a 2-core CI machine; typical figures are in docs/memory.md.
    expect(hit.perSecond).toBeGreaterThan(50);
    expect(miss.perSecond).toBeGreaterThan(50);
  }, 120_000);
});
