import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addToMemory,
  CASE_ONLY_SCORE,
  createMemory,
  DEFAULT_FUZZY_LIMIT,
  DEFAULT_FUZZY_THRESHOLD,
  lookupFuzzy,
  normalizeSegmentText,
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

  it('finds exactly what an exhaustive scan finds (the filters lose nothing; property)', () => {
    // Few distinct words make near matches, repeated words and short segments common.
    const text = fc
      .array(fc.constantFrom('der', 'Der', 'die', 'Bank', 'bank', ',', '.', 'ist', 'am', 'See'), { minLength: 1, maxLength: 24 })
      .map((words) => words.join(' '));
    fc.assert(
      fc.property(fc.uniqueArray(text, { maxLength: 60 }), text, fc.double({ min: 0.2, max: 1, noNaN: true }), (sources, query, threshold) => {
        const memory = memoryOf(...sources.map((s) => entry(s)));
        expect(found(memory, query, threshold)).toEqual(exhaustive(memory, query, threshold));
      }),
      { numRuns: 1000 },
    );
  });

  it('finds exactly what an exhaustive scan finds on news-like sentences, near and far (property)', () => {
    const entries = syntheticEntries(2000, 21);
    const memory = memoryOf(...entries);
    fc.assert(
      fc.property(
        fc.nat({ max: entries.length - 1 }),
        fc.integer({ min: 0, max: 6 }),
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.constantFrom(0.5, 0.6, 0.7, 0.75, 0.8, 0.9, 1),
        (at, edits, seed, threshold) => {
          const query = editSentence(seededRandom(seed), entries[at]!.source, edits);
          const expected = exhaustive(memory, query, threshold);
          expect(found(memory, query, threshold)).toEqual(expected);
          // With the default limit: the best three scores of the exhaustive scan.
          expect(lookupFuzzy(memory, query, { threshold }).map((r) => r.score)).toEqual(expected.slice(0, 3).map(([, score]) => score));
        },
      ),
      { numRuns: 200 },
    );
  });
});

/** Independent oracle: the textbook full-matrix edit distance over folded words, on every source. */
function editDistance(a: readonly string[], b: readonly string[]): number {
  let above = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const row = [i];
    for (let j = 1; j <= b.length; j += 1) row[j] = Math.min(above[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1), above[j]! + 1, row[j - 1]! + 1);
    above = row;
  }
  return above[b.length]!;
}

const tokenized = new Map<string, string[]>();
const tokensOf = (text: string): string[] => {
  let tokens = tokenized.get(text);
  if (tokens === undefined) tokenized.set(text, (tokens = tokenizeSegmentText(text)));
  return tokens;
};

const byScoreThenSource = (a: readonly [string, number], b: readonly [string, number]) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);

function exhaustive(memory: TranslationMemory, query: string, threshold: number): [string, number][] {
  const q = tokenizeSegmentText(query);
  if (q.length === 0) return [];
  const sources = [...new Set(memory.entries.map((e) => normalizeSegmentText(e.source)))];
  return sources
    .map((source): [string, number] => {
      const c = tokensOf(source);
      const d = editDistance(q, c);
      return [source, d === 0 && source !== normalizeSegmentText(query) ? CASE_ONLY_SCORE : 1 - d / Math.max(q.length, c.length)];
    })
    .filter(([, score]) => score >= threshold)
    .sort(byScoreThenSource);
}

function found(memory: TranslationMemory, query: string, threshold: number): [string, number][] {
  return lookupFuzzy(memory, query, { threshold, limit: 100_000 })
    .map((r): [string, number] => [normalizeSegmentText(r.entry.source), r.score])
    .sort(byScoreThenSource);
}

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
