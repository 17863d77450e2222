// Fuzzy lookup: character edit distance, with a lossless trigram/length prefilter so that only a few
// candidates reach the (comparatively costly) Levenshtein computation.
import { distance } from 'fastest-levenshtein';
import { comparePreference, preferredBySource } from './memory.js';
import { foldSegmentText, normalizeSegmentText } from './normalize.js';
import type { FuzzyMatch, FuzzyOptions, MemoryEntry, TranslationMemory } from './types.js';

export const DEFAULT_FUZZY_THRESHOLD = 0.75;
export const DEFAULT_FUZZY_LIMIT = 3;
/** Score of a match that differs from the query only in letter case: never shown as an exact 100 %. */
export const CASE_ONLY_SCORE = 0.99;

interface FuzzyIndex {
  /** One preferred entry per normalised source, ordered by folded length so ids are length-sorted. */
  readonly entries: readonly MemoryEntry[];
  readonly exactKeys: readonly string[];
  readonly folded: readonly string[];
  readonly lengths: Int32Array;
  /** Number of distinct trigrams of each folded source. */
  readonly gramCounts: Int32Array;
  /** Trigram -> ascending ids (hence ascending length). */
  readonly postings: ReadonlyMap<string, Int32Array>;
  /** Scratch counters, one per id; reset after every lookup. */
  readonly shared: Int32Array;
}

/** Distinct trigrams of the text framed by sentinels, so short strings and word edges count too. */
function distinctTrigrams(folded: string): Set<string> {
  const framed = `\u0002${folded}\u0003`;
  const grams = new Set<string>();
  for (let i = 0; i + 3 <= framed.length; i += 1) grams.add(framed.slice(i, i + 3));
  return grams;
}

const fuzzyIndexes = new WeakMap<TranslationMemory, FuzzyIndex>();

function buildIndex(memory: TranslationMemory): FuzzyIndex {
  const rows = [...preferredBySource(memory).entries()].map(([exactKey, entry]) => ({
    exactKey,
    entry,
    folded: exactKey.toLowerCase(),
  }));
  rows.sort((a, b) => a.folded.length - b.folded.length || (a.exactKey < b.exactKey ? -1 : 1));
  const lengths = new Int32Array(rows.length);
  const gramCounts = new Int32Array(rows.length);
  const lists = new Map<string, number[]>();
  rows.forEach((row, id) => {
    lengths[id] = row.folded.length;
    const grams = distinctTrigrams(row.folded);
    gramCounts[id] = grams.size;
    for (const gram of grams) {
      const list = lists.get(gram);
      if (list === undefined) lists.set(gram, [id]);
      else list.push(id);
    }
  });
  const postings = new Map<string, Int32Array>();
  for (const [gram, list] of lists) postings.set(gram, Int32Array.from(list));
  return {
    entries: rows.map((row) => row.entry),
    exactKeys: rows.map((row) => row.exactKey),
    folded: rows.map((row) => row.folded),
    lengths,
    gramCounts,
    postings,
    shared: new Int32Array(rows.length),
  };
}

function indexFor(memory: TranslationMemory): FuzzyIndex {
  let index = fuzzyIndexes.get(memory);
  if (index === undefined) {
    index = buildIndex(memory);
    fuzzyIndexes.set(memory, index);
  }
  return index;
}

/** First position in the ascending array whose value is >= `value`. */
function lowerBound(values: Int32Array, value: number, from = 0): number {
  let low = from;
  let high = values.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((values[mid] ?? 0) < value) low = mid + 1;
    else high = mid;
  }
  return low;
}

function compareMatches(a: FuzzyMatch, b: FuzzyMatch): number {
  return b.score - a.score || comparePreference(a.entry, b.entry);
}

/**
 * Entries whose source is similar to `source`, best first (score, then human over machine, then most
 * recent). Score = 1 − Levenshtein distance / longer length, on NFC, whitespace-collapsed, case-folded
 * text (UTF-16 code units). One result per distinct source (its preferred entry).
 */
export function lookupFuzzy(
  memory: TranslationMemory,
  source: string,
  options: FuzzyOptions = {},
): FuzzyMatch[] {
  const threshold = options.threshold ?? DEFAULT_FUZZY_THRESHOLD;
  const limit = options.limit ?? DEFAULT_FUZZY_LIMIT;
  if (!(threshold > 0 && threshold <= 1)) throw new RangeError(`threshold must be in (0, 1], got ${threshold}`);
  if (!(Number.isInteger(limit) && limit >= 0)) throw new RangeError(`limit must be a whole number >= 0, got ${limit}`);
  const exactKey = normalizeSegmentText(source);
  const query = foldSegmentText(source);
  if (query.length === 0 || limit === 0 || memory.entries.length === 0) return [];
  const index = indexFor(memory);
  const queryLength = query.length;
  const slack = 1 - threshold;

  // Length bound: |la − lc| <= (1 − t)·max(la, lc). The epsilon keeps float rounding from losing matches.
  const minLength = Math.ceil(threshold * queryLength - 1e-9);
  const maxLength = Math.floor(queryLength / threshold + 1e-9);
  const first = lowerBound(index.lengths, minLength);
  const end = lowerBound(index.lengths, maxLength + 1, first);
  if (first >= end) return [];

  const queryGrams = distinctTrigrams(query);
  const shared = index.shared;
  for (const gram of queryGrams) {
    const posting = index.postings.get(gram);
    if (posting === undefined) continue;
    for (let at = lowerBound(posting, first); at < posting.length; at += 1) {
      const id = posting[at] ?? end;
      if (id >= end) break;
      shared[id] = (shared[id] ?? 0) + 1;
    }
  }

  // Count filter: one edit destroys at most 3 trigrams of either string, so a candidate within d edits
  // shares at least max(Ga, Gc) − 3d distinct trigrams. It never rejects a real match.
  const candidates: { id: number; bound: number }[] = [];
  for (let id = first; id < end; id += 1) {
    const candidateLength = index.lengths[id] ?? 0;
    const longer = Math.max(queryLength, candidateLength);
    const maxEdits = Math.floor(slack * longer + 1e-9);
    const grams = Math.max(queryGrams.size, index.gramCounts[id] ?? 0);
    const common = shared[id] ?? 0;
    if (common < grams - 3 * maxEdits) continue;
    const minEdits = Math.max(Math.abs(queryLength - candidateLength), Math.ceil((grams - common) / 3));
    candidates.push({ id, bound: 1 - minEdits / longer });
  }
  shared.fill(0, first, end);

  // Verify the most promising first; stop once no remaining candidate can enter the top `limit`.
  candidates.sort((a, b) => b.bound - a.bound);
  const matches: FuzzyMatch[] = [];
  for (const { id, bound } of candidates) {
    const worst = matches.length >= limit ? matches[matches.length - 1] : undefined;
    if (bound < threshold || (worst !== undefined && bound < worst.score)) break;
    const folded = index.folded[id] ?? '';
    const entry = index.entries[id];
    if (entry === undefined) continue;
    const edits = distance(query, folded);
    let score = 1 - edits / Math.max(queryLength, folded.length);
    if (edits === 0 && index.exactKeys[id] !== exactKey) score = CASE_ONLY_SCORE;
    if (score < threshold) continue;
    matches.push({ entry, score });
    matches.sort(compareMatches);
    if (matches.length > limit) matches.pop();
  }
  return matches;
}
