// Fuzzy lookup: word-level edit distance, as CAT tools score matches, with a lossless prefix filter over an
// inverted index of words so that only a handful of candidates are ever compared.
import { comparePreference, preferredBySource } from './memory.js';
import { foldSegmentText, normalizeSegmentText } from './normalize.js';
import { TOKEN, TokenVocabulary } from './token-ids.js';
import type { FuzzyMatch, FuzzyOptions, MemoryEntry, TranslationMemory } from './types.js';

export const DEFAULT_FUZZY_THRESHOLD = 0.75;
export const DEFAULT_FUZZY_LIMIT = 3;
/** Score of a match whose words equal the query's but whose text differs (case, spacing around marks). */
export const CASE_ONLY_SCORE = 0.99;
/** Posting lists scanned beyond the prefix filter's, to raise the count each candidate needs. */
const EXTRA_LISTS = 3;


/** The tokens of a segment as the fuzzy measure sees them: NFC, case-folded. */
export function tokenizeSegmentText(text: string): string[] {
  return foldSegmentText(text).match(TOKEN) ?? [];
}

interface FuzzyIndex {
  /** One preferred entry per normalised source, ordered by token count so ids are length-sorted. */
  readonly entries: readonly MemoryEntry[];
  readonly exactKeys: readonly string[];
  /** Every source's token ids, one after the other (source `id` at `starts[id]` … `starts[id + 1]`). */
  readonly tokens: Int32Array;
  readonly starts: Int32Array;
  readonly lengths: Int32Array;
  readonly vocabulary: ReadonlyMap<string, number>;
  /**
   * Posting lists, one after the other in `postingIds`: list `l` is `postingIds[postingStarts[l]` …
   * `postingStarts[l + 1])`, ascending ids. List `token` holds the sources with that token at least once;
   * `repeats.get(`${token}:${k}`)` (k >= 1) names the list of those holding it at least k+1 times.
   * Counting repeats separately makes the overlap argument hold for multisets ("der … der").
   */
  readonly postingIds: Int32Array;
  readonly postingStarts: Int32Array;
  readonly repeats: ReadonlyMap<string, number>;
  /** Scratch: per id, how many of the scanned query lists hold it; reset after every lookup. */
  readonly hits: Uint16Array;
  /** Scratch: how many of each vocabulary token the query still has unmatched; reset after every lookup. */
  readonly remaining: Int32Array;
}

const fuzzyIndexes = new WeakMap<TranslationMemory, FuzzyIndex>();
const NO_IDS = new Int32Array(0);

/**
 * Built in flat arrays (one buffer of token ids, posting lists laid end to end after a counting pass):
 * per-source typed arrays and per-token growing lists cost twice the time on 100,000 sources, most of it
 * allocation and garbage collection.
 */
function buildIndex(memory: TranslationMemory): FuzzyIndex {
  const words = new TokenVocabulary();
  const preferred = preferredBySource(memory);
  const count = preferred.size;
  const keysInOrder: string[] = new Array<string>(count);
  const entriesInOrder: MemoryEntry[] = new Array<MemoryEntry>(count);
  const rowLengths = new Int32Array(count);
  let flat: Int32Array = new Int32Array(16 * count + 16);
  let used = 0;
  let row = 0;
  for (const [exactKey, entry] of preferred) {
    // The exact key is the source normalised: folding it is folding the source.
    const appended = words.append(exactKey.toLowerCase(), flat, used);
    flat = appended.buffer;
    keysInOrder[row] = exactKey;
    entriesInOrder[row] = entry;
    rowLengths[row] = appended.end - used;
    used = appended.end;
    row += 1;
  }
  const vocabulary = new Map<string, number>(words.words.map((word, id) => [word, id]));
  // Ids ordered by token count (a counting sort; within a count, in the memory's order: the order of
  // candidates never decides a result, which is sorted by score and preference, a total order).
  let longest = 0;
  for (let at = 0; at < count; at += 1) if ((rowLengths[at] as number) > longest) longest = rowLengths[at] as number;
  const firstOfLength = new Int32Array(longest + 2);
  for (let at = 0; at < count; at += 1) firstOfLength[(rowLengths[at] as number) + 1] = (firstOfLength[(rowLengths[at] as number) + 1] as number) + 1;
  for (let length = 1; length <= longest + 1; length += 1) firstOfLength[length] = (firstOfLength[length] as number) + (firstOfLength[length - 1] as number);
  const order = new Int32Array(count);
  for (let at = 0; at < count; at += 1) {
    const length = rowLengths[at] as number;
    order[firstOfLength[length] as number] = at;
    firstOfLength[length] = (firstOfLength[length] as number) + 1;
  }
  const flatStarts = new Int32Array(count + 1);
  for (let at = 0; at < count; at += 1) flatStarts[at + 1] = (flatStarts[at] as number) + (rowLengths[at] as number);
  const starts = new Int32Array(count + 1);
  const lengths = new Int32Array(count);
  const tokens = new Int32Array(used);
  const entries: MemoryEntry[] = new Array<MemoryEntry>(count);
  const exactKeys: string[] = new Array<string>(count);
  for (let id = 0; id < count; id += 1) {
    const from = order[id] as number;
    const length = rowLengths[from] as number;
    lengths[id] = length;
    starts[id + 1] = (starts[id] as number) + length;
    tokens.set(flat.subarray(flatStarts[from] as number, (flatStarts[from] as number) + length), starts[id] as number);
    entries[id] = entriesInOrder[from] as MemoryEntry;
    exactKeys[id] = keysInOrder[from] as string;
  }
  // Posting lists: count, lay out, fill (ids ascend because sources are visited in id order).
  const size = vocabulary.size;
  const repeats = new Map<string, number>();
  const seen = new Int32Array(size);
  const sizes: number[] = new Array<number>(size).fill(0);
  const listOf = (token: number, k: number): number => {
    if (k === 0) return token;
    const key = `${token}:${k}`;
    let list = repeats.get(key);
    if (list === undefined) {
      list = sizes.length;
      sizes.push(0);
      repeats.set(key, list);
    }
    return list;
  };
  const visit = (each: (list: number, id: number) => void): void => {
    for (let id = 0; id < count; id += 1) {
      const end = starts[id + 1] as number;
      for (let at = starts[id] as number; at < end; at += 1) {
        const token = tokens[at] as number;
        const k = seen[token] as number;
        seen[token] = k + 1;
        each(listOf(token, k), id);
      }
      for (let at = starts[id] as number; at < end; at += 1) seen[tokens[at] as number] = 0;
    }
  };
  visit((list) => {
    sizes[list] = (sizes[list] as number) + 1;
  });
  const postingStarts = new Int32Array(sizes.length + 1);
  for (let list = 0; list < sizes.length; list += 1) postingStarts[list + 1] = (postingStarts[list] as number) + (sizes[list] as number);
  const postingIds = new Int32Array(postingStarts[sizes.length] as number);
  const fill = postingStarts.slice(0, sizes.length);
  visit((list, id) => {
    const at = fill[list] as number;
    postingIds[at] = id;
    fill[list] = at + 1;
  });
  return {
    entries,
    exactKeys,
    tokens,
    starts,
    lengths,
    vocabulary,
    postingIds,
    postingStarts,
    repeats,
    hits: new Uint16Array(count),
    remaining: new Int32Array(size),
  };
}

/** The ids of the sources holding `token` at least k+1 times. */
function postingList(index: FuzzyIndex, token: number, k: number): Int32Array {
  const list = k === 0 ? token : index.repeats.get(`${token}:${k}`);
  if (list === undefined || list >= index.postingStarts.length - 1) return NO_IDS;
  return index.postingIds.subarray(index.postingStarts[list] as number, index.postingStarts[list + 1] as number);
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

/**
 * Token edit distance between `a` and `b[from, from + length)`, or `limit + 1` as soon as it is sure to
 * exceed `limit`. Only the diagonal band |i − j| <= limit is computed (a cell outside it needs more than
 * `limit` edits), and the scan stops when a whole row exceeds `limit` (Ukkonen).
 */
function boundedDistance(a: Int32Array, b: Int32Array, offset: number, length: number, limit: number): number {
  const over = limit + 1;
  if (Math.abs(a.length - length) > limit) return over;
  if (rowA.length <= length + 1) {
    rowA = new Int32Array(length + 2);
    rowB = new Int32Array(length + 2);
  }
  let previous = rowA;
  let current = rowB;
  for (let j = 0; j <= length; j += 1) previous[j] = j <= limit ? j : over;
  for (let i = 1; i <= a.length; i += 1) {
    const from = i - limit > 1 ? i - limit : 1;
    const to = i + limit < length ? i + limit : length;
    // The cell left of the band, and the row above's cell at the band's new right edge, are out of
    // reach (the buffers are reused, so set them rather than trust what they hold).
    current[from - 1] = from === 1 && i <= limit ? i : over;
    if (to === i + limit) previous[to] = over;
    let rowMinimum = current[from - 1] as number;
    const token = a[i - 1];
    for (let j = from; j <= to; j += 1) {
      const substitute = (previous[j - 1] as number) + (token === b[offset + j - 1] ? 0 : 1);
      const deleteA = (previous[j] as number) + 1;
      const insertB = (current[j - 1] as number) + 1;
      let value = substitute < deleteA ? substitute : deleteA;
      if (insertB < value) value = insertB;
      if (value > over) value = over;
      current[j] = value;
      if (value < rowMinimum) rowMinimum = value;
    }
    if (rowMinimum > limit) return over;
    const swap = previous;
    previous = current;
    current = swap;
  }
  const last = previous[length] as number;
  return last < over ? last : over;
}

/** The query's posting lists, rarest first: the k-th occurrence of a token reads its k-th list. */
function postingLists(index: FuzzyIndex, query: Int32Array): Int32Array[] {
  const occurrence = index.remaining; // zero outside a lookup; reset below
  const lists: Int32Array[] = new Array<Int32Array>(query.length);
  for (let at = 0; at < query.length; at += 1) {
    const token = query[at] as number;
    if (token < 0) {
      lists[at] = NO_IDS;
      continue;
    }
    const k = occurrence[token] as number;
    occurrence[token] = k + 1;
    lists[at] = postingList(index, token, k);
  }
  for (let at = 0; at < query.length; at += 1) {
    const token = query[at] as number;
    if (token >= 0) occurrence[token] = 0;
  }
  return lists.sort((a, b) => a.length - b.length);
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

  // Length filter: |na − nb| <= (1 − t)·max(na, nb). Ids are sorted by length, so this is a range.
  const minLength = Math.ceil(threshold * queryLength - 1e-9);
  const maxLength = Math.floor(queryLength / threshold + 1e-9);
  const first = lowerBound(index.lengths, minLength);
  const end = lowerBound(index.lengths, maxLength + 1, first);
  if (first >= end) return [];

  // Count filter over posting lists (lossless). Within d(L) = allowedEdits(t, max(n, L)) edits, a source
  // of L tokens shares at least max(n, L) − d(L) of the query's n tokens (as a multiset), so it lacks at
  // most n − max(n, L) + d(L) of them: at most d(n) whatever L is. Among any P query tokens it holds at
  // least P − lacking(L). P = d(n) + 1 is the classic prefix filter ("at least one of the d(n) + 1
  // rarest"); a few more of the rarest lists raise the bar, so far fewer sources reach the comparison.
  const lacking = allowedEdits(threshold, queryLength);
  const candidates: number[] = [];
  if (lacking + 1 > queryLength) {
    for (let id = first; id < end; id += 1) candidates.push(id);
  } else {
    const lists = postingLists(index, query);
    const prefix = lacking + 1;
    let scanned = prefix;
    // More lists while each costs no more than all before it: the work at most doubles per list.
    let cost = 0;
    for (let at = 0; at < prefix; at += 1) cost += (lists[at] as Int32Array).length;
    while (scanned < queryLength && scanned < prefix + EXTRA_LISTS && (lists[scanned] as Int32Array).length <= Math.max(cost, 64)) {
      cost += (lists[scanned] as Int32Array).length;
      scanned += 1;
    }
    // hits needed by length: scanned − lacking(L).
    const need = new Int32Array(maxLength + 1);
    for (let length = minLength; length <= maxLength; length += 1) {
      const longer = Math.max(queryLength, length);
      need[length] = scanned - (queryLength - longer + allowedEdits(threshold, longer));
    }
    const hits = index.hits;
    const touched: number[] = [];
    for (let at = 0; at < scanned; at += 1) {
      const posting = lists[at] as Int32Array;
      // A source needs at least scanned − d(n) hits, so it holds one of the first d(n) + 1 lists:
      // the longer lists only count hits of sources already found.
      const opens = at < prefix;
      for (let position = lowerBound(posting, first); position < posting.length; position += 1) {
        const id = posting[position] as number;
        if (id >= end) break;
        const count = hits[id] as number;
        if (count === 0) {
          if (!opens) continue;
          touched.push(id);
        }
        hits[id] = count + 1;
      }
    }
    const lengths = index.lengths;
    for (let at = 0; at < touched.length; at += 1) {
      const id = touched[at] as number;
      if ((hits[id] as number) >= (need[lengths[id] as number] as number)) candidates.push(id);
      hits[id] = 0;
    }
  }

  // The full count filter before the comparison: within d edits the common multiset has >= longer − d.
  const remaining = index.remaining;
  for (let at = 0; at < queryLength; at += 1) {
    const token = query[at] as number;
    if (token >= 0) remaining[token] = (remaining[token] as number) + 1;
  }
  const { tokens, starts } = index;
  const taken: number[] = [];
  const matches: FuzzyMatch[] = [];
  for (let at = 0; at < candidates.length; at += 1) {
    const id = candidates[at] as number;
    const start = starts[id] as number;
    const length = (starts[id + 1] as number) - start;
    const longer = queryLength > length ? queryLength : length;
    const maxEdits = allowedEdits(threshold, longer);
    for (let position = start; position < start + length; position += 1) {
      const token = tokens[position] as number;
      if ((remaining[token] as number) > 0) {
        remaining[token] = (remaining[token] as number) - 1;
        taken.push(token);
      }
    }
    const common = taken.length;
    for (let back = 0; back < taken.length; back += 1) {
      const token = taken[back] as number;
      remaining[token] = (remaining[token] as number) + 1;
    }
    taken.length = 0;
    if (common < longer - maxEdits) continue;
    const edits = boundedDistance(query, tokens, start, length, maxEdits);
    let score = 1 - edits / longer;
    if (edits === 0 && index.exactKeys[id] !== exactKey) score = CASE_ONLY_SCORE;
    if (score < threshold) continue;
    matches.push({ entry: index.entries[id] as MemoryEntry, score });
  }
  for (const token of query) if (token >= 0) remaining[token] = 0;
  return matches.sort(compareMatches).slice(0, limit);
}
