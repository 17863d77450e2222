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

/** Negative when `a` should be preferred: a person's work first, then the most recent change. */
export function comparePreference(a: MemoryEntry, b: MemoryEntry): number {
  if (a.origin !== b.origin) return a.origin === 'human' ? -1 : 1;
  const byTime = changedTime(b) - changedTime(a);
  if (byTime !== 0) return byTime;
  return compareEntries(a, b);
}

function sameEntry(a: MemoryEntry, b: MemoryEntry): boolean {
  return sameContent(a, b) && a.changed === b.changed;
}

/** Equal but for the date: re-adding what the memory already knows changes nothing (not even `changed`). */
function sameContent(a: MemoryEntry, b: MemoryEntry): boolean {
  return a.source === b.source && a.target === b.target && a.origin === b.origin && a.status === b.status && a.document === b.document;
}

/** Copies only the known fields, so callers' extra properties never leak into the file. */
function cleanEntry(entry: MemoryEntry): MemoryEntry {
  const { source, target, origin, status, document, changed } = entry;
  return document === undefined
    ? { source, target, origin, status, changed }
    : { source, target, origin, status, document, changed };
}

/** Review progress of a person's translation; statuses not listed (machine, new, stale) rank lowest. */
const STATUS_RANK: Partial<Record<SegmentStatus, number>> = { edited: 1, reviewed: 2, approved: 3 };

function statusRank(status: SegmentStatus): number {
  return STATUS_RANK[status] ?? 0;
}

/**
 * Merges one entry into the group of entries that share its normalised source.
 *
 * Rules (why: a person's translation is the asset; machine output can always be regenerated):
 * - a human entry removes every machine entry of that source; human entries with different targets
 *   are kept side by side (lookup prefers the most recent);
 * - a human entry is identified by its normalised (source, target) alone. The same sentence is often
 *   translated identically in several documents, each re-read on every run with a new date; if document
 *   or date took part, each run would flip the entry between documents and rewrite the file. So re-adding
 *   a known pair with the same or a lower status changes nothing (stored document, status, date stay);
 *   a higher status (approved > reviewed > edited > others) takes the incoming texts, status and date,
 *   but keeps the stored document. Status only ever rises, so repeated runs settle after one;
 * - a machine entry is dropped when a human entry for that source exists; otherwise it replaces the
 *   previous machine entry unless that one is more recent, so each source keeps one machine translation;
 *   re-adding it equal but for the date changes nothing.
 */
function mergeIntoGroup(group: MemoryEntry[], incoming: MemoryEntry): MemoryEntry[] {
  if (incoming.origin === 'machine') {
    if (group.some((entry) => entry.origin === 'human' || sameContent(entry, incoming))) return group;
    const previous = group[0];
    if (previous !== undefined && changedTime(previous) > changedTime(incoming)) return group;
    return [incoming];
  }
  const targetKey = normalizeSegmentText(incoming.target);
  const humans = group.filter((entry) => entry.origin === 'human');
  const sameTarget = humans.findIndex((entry) => normalizeSegmentText(entry.target) === targetKey);
  const stored = humans[sameTarget];
  if (stored === undefined) return [...humans, incoming];
  if (statusRank(incoming.status) <= statusRank(stored.status)) return humans;
  const document = stored.document ?? incoming.document;
  const upgraded = cleanEntry(document === undefined ? incoming : { ...incoming, document });
  return humans.map((entry, index) => (index === sameTarget ? upgraded : entry));
}

/**
 * Adds entries (in order, as if one by one) and reports whether anything changed. Entries are keyed by
 * normalised source and target, so whitespace or NFC variants update the existing entry.
 */
export function addToMemory(
  memory: TranslationMemory,
  entries: readonly MemoryEntry[],
): { memory: TranslationMemory; changed: boolean } {
  if (entries.length === 0) return { memory, changed: false };
  const groups = new Map<string, MemoryEntry[]>();
  for (const entry of memory.entries) {
    const key = normalizeSegmentText(entry.source);
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [entry]);
    else group.push(entry);
  }
  for (const entry of entries) {
    const key = normalizeSegmentText(entry.source);
    groups.set(key, mergeIntoGroup(groups.get(key) ?? [], cleanEntry(entry)));
  }
  const merged = [...groups.values()].flat().sort(compareEntries);
  const changed =
    merged.length !== memory.entries.length ||
    merged.some((entry, index) => {
      const before = memory.entries[index];
      return before === undefined || !sameEntry(entry, before);
    });
  return changed ? { memory: { pair: memory.pair, entries: merged }, changed } : { memory, changed };
}

const exactIndexes = new WeakMap<TranslationMemory, Map<string, MemoryEntry>>();

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

/** The entry whose source equals `source` after normalisation: human over machine, then most recent. */
export function lookupExact(memory: TranslationMemory, source: string): MemoryEntry | undefined {
  return preferredBySource(memory).get(normalizeSegmentText(source));
}
