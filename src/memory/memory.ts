// The pure core of the translation memory: immutable values in, new values out. No file system here.
import type { LanguagePair, SegmentStatus } from '../core/types.js';
import { normalizeSegmentText } from './normalize.js';
import type { MemoryEntry, TranslationMemory } from './types.js';

export function createMemory(pair: LanguagePair): TranslationMemory {
  return { pair: { source: pair.source, target: pair.target }, entries: [] };
}

/** Code-unit order, never locale order: the file must sort the same on every machine. */
export function compareEntries(a: MemoryEntry, b: MemoryEntry): number {
  if (a.source !== b.source) return a.source < b.source ? -1 : 1;
  if (a.target !== b.target) return a.target < b.target ? -1 : 1;
  return 0;
}

function changedTime(entry: MemoryEntry): number {
  const time = Date.parse(entry.changed);
  return Number.isNaN(time) ? 0 : time;
}

/**
 * A person's translation that was never resolved: typed into a `stale` segment (against the source shown
 * there) and left at `stale`. Kept, so the work is not lost, but never offered as a finished translation.
 */
export function isUnresolved(entry: MemoryEntry): boolean {
  return entry.origin === 'human' && entry.status === 'stale';
}

/** 0: a person's finished translation, 1: machine output, 2: a person's unresolved one. */
function preferenceRank(entry: MemoryEntry): number {
  if (entry.origin === 'machine') return 1;
  return isUnresolved(entry) ? 2 : 0;
}

/**
 * Negative when `a` should be preferred: a person's finished work first, then machine output, then a
 * person's unresolved work; within each, the most recent change.
 */
export function comparePreference(a: MemoryEntry, b: MemoryEntry): number {
  const byRank = preferenceRank(a) - preferenceRank(b);
  if (byRank !== 0) return byRank;
  const byTime = changedTime(b) - changedTime(a);
  if (byTime !== 0) return byTime;
  return compareEntries(a, b);
}

/** Equal but for the date: re-adding what the memory already knows changes nothing (not even `changed`). */
function sameContent(a: MemoryEntry, b: MemoryEntry): boolean {
  return (
    a.source === b.source &&
    a.target === b.target &&
    a.origin === b.origin &&
    a.status === b.status &&
    a.document === b.document &&
    a.note === b.note
  );
}

/** Copies only the known fields, so callers' extra properties never leak into the file; `note: ''` is no note. */
function cleanEntry(entry: MemoryEntry): MemoryEntry {
  const { source, target, origin, status, document, note, changed } = entry;
  const clean: { -readonly [K in keyof MemoryEntry]: MemoryEntry[K] } = { source, target, origin, status, changed };
  if (document !== undefined) clean.document = document;
  if (note !== undefined && note !== '') clean.note = note;
  return clean;
}

/** Review progress of a person's translation; statuses not listed (machine, new, stale) rank lowest. */
const STATUS_RANK: Partial<Record<SegmentStatus, number>> = { edited: 1, reviewed: 2, approved: 3 };

function statusRank(status: SegmentStatus): number {
  return STATUS_RANK[status] ?? 0;
}

/** The entries of one normalised source while `addToMemory` merges into it. */
class Group {
  /** Machine entries have been dropped for a human one: `entries` are all human. */
  humansOnly = false;
  /**
   * Normalised target -> index in `entries`, once the group is large enough for a scan to cost more than
   * a map (most sources have one or two translations).
   */
  humanTargets: Map<string, number> | undefined = undefined;
  entries: MemoryEntry[];
  /** A person's finished translation is among the entries (unresolved ones do not count). */
  hasHuman: boolean;

  /** `before`: the entries as stored, to tell whether the merge changed anything. */
  constructor(readonly before: readonly MemoryEntry[]) {
    this.entries = [...before];
    this.hasHuman = before.some((entry) => entry.origin === 'human' && !isUnresolved(entry));
  }
}

const NO_ENTRIES: readonly MemoryEntry[] = [];

/**
 * Merges one entry into the group of entries that share its normalised source. O(1) per entry (a scan of
 * up to 8 human targets, then a map), so thousands of translations of one short source stay linear.
 *
 * Rules (why: a person's translation is the asset; machine output can always be regenerated):
 * - a human entry removes every machine entry of that source; human entries with different targets
 *   are kept side by side (lookup prefers the most recent);
 * - a human entry is identified by its normalised (source, target) alone. The same sentence is often
 *   translated identically in several documents, each re-read on every run with a new date; if document
 *   or date took part, each run would flip the entry between documents and rewrite the file. So re-adding
 *   a known pair with the same or a lower status changes nothing (stored document, status, date stay)
 *   but its note: an incoming note replaces the stored one, without changing the date; no note keeps it;
 *   a higher status (approved > reviewed > edited > others) takes the incoming texts, status and date,
 *   and its note if it has one, but keeps the stored document. Status only ever rises and the last
 *   note read wins, so repeated runs settle after one;
 * - a machine entry is dropped when a human entry for that source exists; otherwise it replaces the
 *   previous machine entry unless that one is more recent, so each source keeps one machine translation;
 *   re-adding it equal but for the date changes nothing;
 * - an unresolved human entry (status `stale`: typed into a stale segment and never resolved) is kept
 *   beside the others like any human entry, but removes no machine entry and does not keep one out: it
 *   is not a finished translation. Resolving the same text later raises its status like any other.
 */
function mergeIntoGroup(group: Group, incoming: MemoryEntry): void {
  if (incoming.origin === 'machine') {
    if (group.hasHuman || group.entries.some((entry) => sameContent(entry, incoming))) return;
    const at = group.entries.findIndex((entry) => entry.origin === 'machine');
    const previous = at === -1 ? undefined : group.entries[at];
    if (previous !== undefined && changedTime(previous) > changedTime(incoming)) return;
    // Unresolved human entries stay beside the one machine entry.
    group.entries = [...group.entries.filter((entry) => entry.origin !== 'machine'), incoming];
    group.humansOnly = false;
    group.humanTargets = undefined;
    return;
  }
  if (!group.humansOnly && !isUnresolved(incoming)) {
    group.entries = group.entries.filter((entry) => entry.origin === 'human');
    group.humansOnly = true;
    group.humanTargets = undefined;
  }
  // `hasHuman` follows what the group holds, not what arrived: a human entry that only meets a stored
  // unresolved one of the same target at the same rank (e.g. `new` on `stale`) leaves it unresolved, and
  // the next call (which rebuilds the group from the stored entries) would let machine output in.
  mergeHuman(group, incoming);
}

function mergeHuman(group: Group, incoming: MemoryEntry): void {
  const targetKey = normalizeSegmentText(incoming.target);
  const at = findTarget(group, targetKey);
  const stored = at === -1 ? undefined : group.entries[at];
  if (stored === undefined) {
    group.humanTargets?.set(targetKey, group.entries.length);
    group.entries.push(incoming);
    if (!isUnresolved(incoming)) group.hasHuman = true;
    return;
  }
  if (statusRank(incoming.status) <= statusRank(stored.status)) {
    // A new comment on a known pair is taken, and only the comment: `changed` dates the translation,
    // so a comment edited in one document and read again on every run leaves the file alone.
    if (incoming.note !== undefined && incoming.note !== stored.note) group.entries[at] = { ...stored, note: incoming.note };
    return;
  }
  const document = stored.document ?? incoming.document;
  const note = incoming.note ?? stored.note;
  // A higher status is edited, reviewed or approved: a finished translation.
  group.hasHuman = true;
  group.entries[at] = cleanEntry({ ...incoming, ...(document === undefined ? {} : { document }), ...(note === undefined ? {} : { note }) });
}

/** Above this many translations of one source, a map finds a target; below, a scan does. */
const SCAN_LIMIT = 8;

/** Index in `group.entries` of the human entry whose normalised target is `key`, or -1. */
function findTarget(group: Group, key: string): number {
  // Built on demand, also for a large stored group that only receives known pairs (re-reading
  // thousands of translations of one source would otherwise scan them all for each).
  if (group.humanTargets === undefined && group.entries.length > SCAN_LIMIT) {
    const targets = new Map<string, number>();
    group.entries.forEach((entry, index) => {
      if (entry.origin !== 'human') return;
      const target = normalizeSegmentText(entry.target);
      if (!targets.has(target)) targets.set(target, index);
    });
    group.humanTargets = targets;
  }
  if (group.humanTargets !== undefined) return group.humanTargets.get(key) ?? -1;
  return group.entries.findIndex((entry) => entry.origin === 'human' && normalizeSegmentText(entry.target) === key);
}

function groupChanged(group: Group): boolean {
  if (group.entries.length !== group.before.length || group.before.length === 0) return true;
  // Unchanged entries keep their identity; a group's entries are distinct objects.
  if (group.before.length <= SCAN_LIMIT) return group.entries.some((entry) => !group.before.includes(entry));
  const before = new Set(group.before);
  return group.entries.some((entry) => !before.has(entry));
}

const exactIndexes = new WeakMap<TranslationMemory, Map<string, MemoryEntry>>();
const sourceIndexes = new WeakMap<TranslationMemory, Map<string, number[]>>();

/** Normalised source -> positions in `memory.entries`, built once per (immutable) memory value. */
function positionsBySource(memory: TranslationMemory): Map<string, number[]> {
  let index = sourceIndexes.get(memory);
  if (index === undefined) {
    index = new Map();
    memory.entries.forEach((entry, position) => {
      const key = normalizeSegmentText(entry.source);
      const list = index?.get(key);
      if (list === undefined) index?.set(key, [position]);
      else list.push(position);
    });
    sourceIndexes.set(memory, index);
  }
  return index;
}

/**
 * Entry lists `addToMemory` built in order. Memory values are immutable, so a list built sorted stays
 * sorted, and writing a memory of 100,000 entries need not compare them all again (100 ms).
 */
const builtSorted = new WeakSet<readonly MemoryEntry[]>();

/** True when `entries` are in `compareEntries` order (what every memory value holds). */
export function isSorted(entries: readonly MemoryEntry[]): boolean {
  if (builtSorted.has(entries)) return true;
  for (let at = 1; at < entries.length; at += 1) {
    if (compareEntries(entries[at - 1] as MemoryEntry, entries[at] as MemoryEntry) > 0) return false;
  }
  return true;
}

/** Below this many entries one sort is as fast as sorting by the first two characters first. */
const BUCKET_SORT_MIN = 1024;

/**
 * `entries` sorted by `compareEntries`, stably, as a new list. A large list is first put in buckets by the
 * first two code units of the source (a number that orders like the text, a one-character source before
 * its longer neighbours), then each bucket is sorted: half the comparisons of one sort of 100,000 entries,
 * each a call of `compareEntries` (80 ms of 180 ms here).
 */
function sortEntries(entries: readonly MemoryEntry[]): MemoryEntry[] {
  if (entries.length < BUCKET_SORT_MIN) return [...entries].sort(compareEntries);
  const buckets = new Map<number, MemoryEntry[]>();
  for (const entry of entries) {
    const source = entry.source;
    const key = source.length === 0 ? -1 : source.charCodeAt(0) * 0x10001 + (source.length > 1 ? source.charCodeAt(1) + 1 : 0);
    const bucket = buckets.get(key);
    if (bucket === undefined) buckets.set(key, [entry]);
    else bucket.push(entry);
  }
  const sorted = new Array<MemoryEntry>(entries.length);
  let at = 0;
  for (const key of [...buckets.keys()].sort((a, b) => a - b)) {
    const bucket = buckets.get(key) as MemoryEntry[];
    if (bucket.length > 1) bucket.sort(compareEntries);
    for (const entry of bucket) sorted[at++] = entry;
  }
  return sorted;
}

/** Merges two lists sorted by `compareEntries` into one, in one pass. */
function mergeSorted(a: readonly MemoryEntry[], b: readonly MemoryEntry[]): MemoryEntry[] {
  const merged: MemoryEntry[] = new Array<MemoryEntry>(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as MemoryEntry;
    const y = b[j] as MemoryEntry;
    if (compareEntries(y, x) < 0) {
      merged[k++] = y;
      j += 1;
    } else {
      merged[k++] = x;
      i += 1;
    }
  }
  while (i < a.length) merged[k++] = a[i++] as MemoryEntry;
  while (j < b.length) merged[k++] = b[j++] as MemoryEntry;
  return merged;
}

/**
 * Adds entries (in order, as if one by one) and reports whether anything changed. Entries are keyed by
 * normalised source and target, so whitespace or NFC variants update the existing entry.
 *
 * Cost: O(n) for the memory (its source index is cached per memory value) plus O(k log k) for k incoming
 * entries: only the groups they touch are rebuilt, then merged back into the sorted list in one pass.
 */
export function addToMemory(
  memory: TranslationMemory,
  entries: readonly MemoryEntry[],
): { memory: TranslationMemory; changed: boolean } {
  if (entries.length === 0) return { memory, changed: false };
  const stored = positionsBySource(memory);
  // A new source's first entry is kept as is (merging one entry into nothing gives that entry): most
  // sources of a large import have one entry, and need no group.
  const groups = new Map<string, MemoryEntry | Group>();
  for (const entry of entries) {
    const key = normalizeSegmentText(entry.source);
    const found = groups.get(key);
    if (found instanceof Group) {
      mergeIntoGroup(found, cleanEntry(entry));
      continue;
    }
    const positions = stored.get(key);
    if (found === undefined && positions === undefined) {
      groups.set(key, cleanEntry(entry));
      continue;
    }
    const group = new Group(positions === undefined ? NO_ENTRIES : positions.map((position) => memory.entries[position] as MemoryEntry));
    if (found !== undefined) mergeIntoGroup(group, found);
    mergeIntoGroup(group, cleanEntry(entry));
    groups.set(key, group);
  }
  const added: MemoryEntry[] = [];
  const replaced = new Set<MemoryEntry>();
  for (const value of groups.values()) {
    if (!(value instanceof Group)) {
      added.push(value);
    } else if (groupChanged(value)) {
      for (const entry of value.before) replaced.add(entry);
      for (const entry of value.entries) added.push(entry);
    }
  }
  if (added.length === 0 && replaced.size === 0) return { memory, changed: false };
  let kept = replaced.size === 0 ? memory.entries : memory.entries.filter((entry) => !replaced.has(entry));
  // Sorted by construction; a hand-built value may not be, and the one-pass merge needs it.
  if (!isSorted(kept)) kept = sortEntries(kept);
  const sortedAdded = sortEntries(added);
  const merged = kept.length === 0 ? sortedAdded : mergeSorted(kept, sortedAdded);
  builtSorted.add(merged);
  return { memory: { pair: memory.pair, entries: merged }, changed: true };
}


/**
 * The memory of entries read from a file, when the file already holds exactly what `addToMemory` would
 * make of them (strictly sorted, and merging each source's entries keeps them all: what bitext writes);
 * undefined otherwise. The caller then takes `addToMemory`. One pass also builds the source and the
 * preferred-entry indexes that lookups and the next `addToMemory` need, which would each normalise every
 * source again. `entries` must be clean (only the known fields, no empty note), as a parser makes them.
 */
export function memoryFromStored(pair: LanguagePair, entries: readonly MemoryEntry[]): TranslationMemory | undefined {
  const positions = new Map<string, number[]>();
  const preferred = new Map<string, MemoryEntry>();
  let shared = false;
  for (let at = 0; at < entries.length; at += 1) {
    const entry = entries[at] as MemoryEntry;
    if (at > 0 && compareEntries(entries[at - 1] as MemoryEntry, entry) >= 0) return undefined;
    const key = normalizeSegmentText(entry.source);
    const list = positions.get(key);
    if (list === undefined) {
      positions.set(key, [at]);
      preferred.set(key, entry);
      continue;
    }
    list.push(at);
    shared = true;
    if (comparePreference(entry, preferred.get(key) as MemoryEntry) < 0) preferred.set(key, entry);
  }
  if (shared) {
    for (const list of positions.values()) {
      if (list.length === 1) continue;
      // Merged one by one in file order, as `addToMemory` would: nothing may be dropped or rewritten.
      const group = new Group(NO_ENTRIES);
      for (const at of list) mergeIntoGroup(group, entries[at] as MemoryEntry);
      if (group.entries.length !== list.length || list.some((at) => !group.entries.includes(entries[at] as MemoryEntry))) return undefined;
    }
  }
  const memory: TranslationMemory = { pair: { source: pair.source, target: pair.target }, entries };
  builtSorted.add(entries);
  sourceIndexes.set(memory, positions);
  exactIndexes.set(memory, preferred);
  return memory;
}

/** Best entry per normalised source, built once per (immutable) memory value. */
export function preferredBySource(memory: TranslationMemory): Map<string, MemoryEntry> {
  let index = exactIndexes.get(memory);
  if (index === undefined) {
    index = new Map();
    for (const entry of memory.entries) {
      const key = normalizeSegmentText(entry.source);
      const current = index.get(key);
      if (current === undefined || comparePreference(entry, current) < 0) index.set(key, entry);
    }
    exactIndexes.set(memory, index);
  }
  return index;
}

/**
 * The entry whose source equals `source` after normalisation: a person's finished translation over
 * machine output, then the most recent. Never an unresolved entry (a correction left at `stale`): that is
 * no finished translation to fill a segment with; fuzzy lookup still offers it as a suggestion.
 */
export function lookupExact(memory: TranslationMemory, source: string): MemoryEntry | undefined {
  const entry = preferredBySource(memory).get(normalizeSegmentText(source));
  return entry === undefined || isUnresolved(entry) ? undefined : entry;
}

/** Every entry whose source equals `source` after normalisation, in the memory's order. */
export function entriesFor(memory: TranslationMemory, source: string): MemoryEntry[] {
  return (positionsBySource(memory).get(normalizeSegmentText(source)) ?? []).map((position) => memory.entries[position] as MemoryEntry);
}
