// Fuzzy lookup: word-level edit distance, as CAT tools score matches, with a lossless prefix filter over an
// inverted index of words so that only a handful of candidates are ever compared.
import { comparePreference, preferredBySource } from './memory.js';
import { foldSegmentText, normalizeSegmentText } from './normalize.js';
import type { FuzzyMatch, FuzzyOptions, MemoryEntry, TranslationMemory } from './types.js';

export const DEFAULT_FUZZY_THRESHOLD = 0.75;
export const DEFAULT_FUZZY_LIMIT = 3;
/** Score of a match whose words equal the query's but whose text differs (case, spacing around marks). */
export const CASE_ONLY_SCORE = 0.99;

/** Words (letters, marks, digits) and single non-space symbols (punctuation, emoji parts) are tokens. */
const TOKEN = /[\p{L}\p{M}\p{N}]+|[^\s\p{L}\p{M}\p{N}]/gu;

/** The tokens of a segment as the fuzzy measure sees them: NFC, case-folded. */
export function tokenizeSegmentText(text: string): string[] {
  return foldSegmentText(text).match(TOKEN) ?? [];
}

interface FuzzyIndex {
  /** One preferred entry per normalised source, ordered by token count so ids are length-sorted. */
  readonly entries: readonly MemoryEntry[];
  readonly exactKeys: readonly string[];
  readonly tokens: readonly Int32Array[];
  readonly lengths: Int32Array;
  readonly vocabulary: ReadonlyMap<string, number>;
  /**
   * Key "tokenId:k" -> ascending ids of sources holding that token at least k+1 times. Counting repeats
   * separately makes the overlap argument hold for multisets ("der … der").
   */
  readonly postings: ReadonlyMap<string, Int32Array>;
  /** Scratch marks, one per id; reset after every lookup. */
  readonly seen: Uint8Array;
  /** Scratch: how many of each vocabulary token the query still has unmatched; reset after every lookup. */
  readonly remaining: Int32Array;
}

const fuzzyIndexes = new WeakMap<TranslationMemory, FuzzyIndex>();

function occurrenceKeys(tokens: Int32Array): string[] {
  const counts = new Map<number, number>();
  const keys: string[] = [];
  for (const token of tokens) {
    const k = counts.get(token) ?? 0;
    counts.set(token, k + 1);
    keys.push(`${token}:${k}`);
  }
  return keys;
}

function buildIndex(memory: TranslationMemory): FuzzyIndex {
  const vocabulary = new Map<string, number>();
  const toIds = (words: readonly string[]): Int32Array =>
    Int32Array.from(words, (word) => {
      let id = vocabulary.get(word);
      if (id === undefined) {
        id = vocabulary.size;
        vocabulary.set(word, id);
      }
      return id;
    });
  const rows = [...preferredBySource(memory).entries()].map(([exactKey, entry]) => ({
    exactKey,
    entry,
    tokens: toIds(tokenizeSegmentText(entry.source)),
  }));
  rows.sort((a, b) => a.tokens.length - b.tokens.length || (a.exactKey < b.exactKey ? -1 : 1));
  const lists = new Map<string, number[]>();
  rows.forEach((row, id) => {
    for (const key of occurrenceKeys(row.tokens)) {
      const list = lists.get(key);
      if (list === undefined) lists.set(key, [id]);
      else list.push(id);
    }
  });
  const postings = new Map<string, Int32Array>();
  for (const [key, list] of lists) postings.set(key, Int32Array.from(list));
  return {
    entries: rows.map((row) => row.entry),
    exactKeys: rows.map((row) => row.exactKey),
    tokens: rows.map((row) => row.tokens),
    lengths: Int32Array.from(rows, (row) => row.tokens.length),
    vocabulary,
    postings,
    seen: new Uint8Array(rows.length),
    remaining: new Int32Array(vocabulary.size),
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

let rowA = new Int32Array(64);
let rowB = new Int32Array(64);

/** Token edit distance, or `limit + 1` as soon as it is sure to exceed `limit` (all row values do). */
function boundedDistance(a: Int32Array, b: Int32Array, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  if (rowA.length <= b.length) {
    rowA = new Int32Array(b.length + 1);
    rowB = new Int32Array(b.length + 1);
  }
  let previous = rowA;
  let current = rowB;
  for (let j = 0; j <= b.length; j += 1) previous[j] = j;
  for (let i = 1; i <= a.length; i += 1) {
    current[0] = i;
    let rowMinimum = i;
    const token = a[i - 1];
    for (let j = 1; j <= b.length; j += 1) {
      const substitute = (previous[j - 1] ?? 0) + (token === b[j - 1] ? 0 : 1);
      const value = Math.min(substitute, (previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1);
      current[j] = value;
      if (value < rowMinimum) rowMinimum = value;
    }
    if (rowMinimum > limit) return limit + 1;
    [previous, current] = [current, previous];
  }
  return previous[b.length] ?? limit + 1;
}

function compareMatches(a: FuzzyMatch, b: FuzzyMatch): number {
  return b.score - a.score || comparePreference(a.entry, b.entry);
}

/** Most edits a match with `longer` tokens may have; the epsilon keeps float rounding from losing one. */
function allowedEdits(threshold: number, longer: number): number {
  return Math.floor((1 - threshold) * longer + 1e-9);
}

/**
 * Entries whose source is similar to `source`, best first (score, then human over machine, then most
 * recent); one result per distinct source (its preferred entry).
 *
 * Score = 1 − (word-level edit distance) / (token count of the longer segment), over NFC, case-folded
 * tokens (words and single punctuation marks). 1 only for an exact match after normalisation.
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
  const words = tokenizeSegmentText(source);
  if (words.length === 0 || limit === 0 || memory.entries.length === 0) return [];
  const index = indexFor(memory);
  const exactKey = normalizeSegmentText(source);
  // Words the memory has never seen get ids no source has; they can only count as edits.
  const query = Int32Array.from(words, (word, at) => index.vocabulary.get(word) ?? -1 - at);
  const queryLength = query.length;

  // Length filter: |na − nb| <= (1 − t)·max(na, nb).
  const minLength = Math.ceil(threshold * queryLength - 1e-9);
  const maxLength = Math.floor(queryLength / threshold + 1e-9);
  const first = lowerBound(index.lengths, minLength);
  const end = lowerBound(index.lengths, maxLength + 1, first);
  if (first >= end) return [];

  // Prefix filter: every edit removes at most one query token from the common multiset, so a match
  // within `slack` edits shares at least one of any `slack + 1` query tokens. Pick the rarest ones.
  const slack = allowedEdits(threshold, Math.max(queryLength, maxLength));
  const candidates: number[] = [];
  if (slack + 1 > queryLength) {
    for (let id = first; id < end; id += 1) candidates.push(id);
  } else {
    const lists = occurrenceKeys(query)
      .map((key) => index.postings.get(key))
      .map((posting) => posting ?? new Int32Array(0))
      .sort((a, b) => a.length - b.length)
      .slice(0, slack + 1);
    const seen = index.seen;
    for (const posting of lists) {
      for (let at = lowerBound(posting, first); at < posting.length; at += 1) {
        const id = posting[at] ?? end;
        if (id >= end) break;
        if (seen[id] === 0) {
          seen[id] = 1;
          candidates.push(id);
        }
      }
    }
    for (const id of candidates) seen[id] = 0;
  }

  // Count filter before the quadratic comparison: within d edits the common multiset has >= longer − d.
  const remaining = index.remaining;
  for (const token of query) if (token >= 0) remaining[token] = (remaining[token] ?? 0) + 1;
  const taken: number[] = [];
  const matches: FuzzyMatch[] = [];
  for (const id of candidates) {
    const tokens = index.tokens[id];
    const entry = index.entries[id];
    if (tokens === undefined || entry === undefined) continue;
    const longer = Math.max(queryLength, tokens.length);
    const maxEdits = allowedEdits(threshold, longer);
    for (const token of tokens) {
      if ((remaining[token] ?? 0) > 0) {
        remaining[token] = (remaining[token] ?? 0) - 1;
        taken.push(token);
      }
    }
    const common = taken.length;
    for (const token of taken) remaining[token] = (remaining[token] ?? 0) + 1;
    taken.length = 0;
    if (common < longer - maxEdits) continue;
    const edits = boundedDistance(query, tokens, maxEdits);
    let score = 1 - edits / longer;
    if (edits === 0 && index.exactKeys[id] !== exactKey) score = CASE_ONLY_SCORE;
    if (score < threshold) continue;
    matches.push({ entry, score });
  }
  for (const token of query) if (token >= 0) remaining[token] = 0;
  return matches.sort(compareMatches).slice(0, limit);
}
