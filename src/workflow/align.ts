import { diffArrays } from 'diff';
import { distance } from 'fastest-levenshtein';
import type { Block, Segment, SegmentId, SourceDocument } from '../core/types.js';
import type { BilingualDocument, BilingualSegment } from '../bilingual/types.js';
import { hashMachineText } from '../bilingual/index.js';

/**
 * How one segment of the new source relates to the reviewer's file:
 * - `kept`: the source sentence is unchanged (possibly moved); the old segment carries over as is.
 * - `changed`: the sentence was edited; it keeps the old id and target, which become stale unless the
 *   target was untouched machine output.
 * - `added`: a new sentence.
 */
export type AlignedSegment =
  | { readonly kind: 'kept'; readonly source: string; readonly segment: Segment; readonly old: BilingualSegment }
  | { readonly kind: 'changed'; readonly source: string; readonly segment: Segment; readonly old: BilingualSegment }
  | { readonly kind: 'added'; readonly source: string; readonly segment: Segment; readonly id: SegmentId };

export interface AlignedParagraph {
  readonly block: Block;
  /** The whole block without markup, given to the backend as context. */
  readonly text: string;
  readonly segments: readonly AlignedSegment[];
}

/** Below this similarity an edited sentence counts as deleted + inserted rather than changed. */
const CHANGED_SIMILARITY = 0.5;
/** How far apart (in sentences) an edited sentence and its new version may stand within one region. */
const PAIRING_WINDOW = 25;

/**
 * Aligns the new source with the previous bilingual file so identities and human work follow the text,
 * not positions:
 * 1. a sequence diff of the source sentences keeps every unchanged run in place;
 * 2. a sentence deleted in one place and inserted verbatim elsewhere is a move, not new work;
 * 3. inside each region of edits, old and new sentences pair by best similarity (not by index), so
 *    inserting a sentence next to an edited one still finds the edited one.
 */
export function alignDocument(source: SourceDocument, previous: BilingualDocument | undefined): AlignedParagraph[] {
  const newSegments: Segment[] = source.blocks.flatMap((b) => b.segments);
  const oldSegments = previous ? previous.paragraphs.flatMap((p) => p.segments).map(readReviewerIntent) : [];
  const result: (AlignedSegment | undefined)[] = new Array(newSegments.length);
  const regions: { olds: number[]; news: number[] }[] = [];

  let oldAt = 0;
  let newAt = 0;
  // Consecutive removed/added parts between two unchanged runs form one region of edits.
  let region: { olds: number[]; news: number[] } | undefined;
  for (const part of diffArrays(
    oldSegments.map((s) => s.source),
    newSegments.map((s) => s.text),
  )) {
    const count = part.count ?? part.value.length;
    if (!part.added && !part.removed) {
      region = undefined;
      for (let k = 0; k < count; k++) {
        const segment = newSegments[newAt]!;
        result[newAt++] = { kind: 'kept', source: segment.text, segment, old: oldSegments[oldAt++]! };
      }
      continue;
    }
    if (!region) regions.push((region = { olds: [], news: [] }));
    for (let k = 0; k < count; k++) {
      if (part.removed) region.olds.push(oldAt++);
      else region.news.push(newAt++);
    }
  }

  // Moves: the same sentence removed in one place and added in another.
  const removedByText = new Map<string, number[]>();
  for (const region of regions) for (const o of region.olds) pushTo(removedByText, oldSegments[o]!.source, o);
  const moved = new Set<number>();
  for (const region of regions) {
    for (const n of region.news) {
      const candidates = removedByText.get(newSegments[n]!.text);
      const o = candidates?.shift();
      if (o === undefined) continue;
      moved.add(o);
      result[n] = { kind: 'kept', source: newSegments[n]!.text, segment: newSegments[n]!, old: oldSegments[o]! };
    }
  }

  // Edits: best-similarity pairs within each region. Only nearby positions are compared, so a document
  // whose every sentence changed costs O(n·window) comparisons, not O(n²).
  for (const region of regions) {
    const olds = region.olds.filter((o) => !moved.has(o) && oldSegments[o]!.target !== '');
    const news = region.news.filter((n) => result[n] === undefined);
    const window = PAIRING_WINDOW + Math.abs(olds.length - news.length);
    const pairs: { o: number; n: number; score: number }[] = [];
    olds.forEach((o, i) => {
      const old = oldSegments[o]!;
      for (let j = Math.max(0, i - window); j < Math.min(news.length, i + window + 1); j++) {
        const n = news[j]!;
        const text = newSegments[n]!.text;
        let score = similarity(old.source, text);
        if (old.previousSource !== undefined) score = Math.max(score, similarity(old.previousSource, text));
        if (score >= CHANGED_SIMILARITY) pairs.push({ o, n, score });
      }
    });
    pairs.sort((a, b) => b.score - a.score || a.n - b.n);
    const usedOld = new Set<number>();
    for (const { o, n } of pairs) {
      if (usedOld.has(o) || result[n] !== undefined) continue;
      usedOld.add(o);
      result[n] = { kind: 'changed', source: newSegments[n]!.text, segment: newSegments[n]!, old: oldSegments[o]! };
    }
  }

  const aligned = newSegments.map((s, i) => result[i] ?? { kind: 'added' as const, source: s.text, segment: s, id: s.id });
  return regroup(source, aligned);
}

/**
 * What the reviewer's file says, read the way a reviewer means it:
 * - a target that differs from the last machine output was edited by a person, whatever the status says;
 * - `new` over untouched machine output asks for a fresh translation;
 * - `stale` set by hand on a segment whose source never changed has nothing to compare: it stays stale,
 *   without a draft being billed.
 */
export function readReviewerIntent(segment: BilingualSegment): BilingualSegment {
  // `previous source` and `draft` only mean something while the segment is stale; once a reviewer
  // resolved it, they are history and must not steer alignment or planning.
  const current = segment.status === 'stale' ? segment : withoutStaleLines(segment);
  if (current.target === '') return current;
  const untouchedMachine = current.machineHash !== '' && hashMachineText(current.target) === current.machineHash;
  if (current.status === 'new') {
    return untouchedMachine ? { ...current, target: '', machineHash: '' } : { ...current, status: 'edited' };
  }
  if (current.status === 'machine' && !untouchedMachine) return { ...current, status: 'edited' };
  return current;
}

/** True when the reviewer set `new` over untouched machine output: they want a fresh translation. */
export function rejectsMachineOutput(segment: BilingualSegment): boolean {
  return segment.status === 'new' && segment.target !== '' && segment.machineHash !== '' && hashMachineText(segment.target) === segment.machineHash;
}

export function withoutStaleLines(segment: BilingualSegment): BilingualSegment {
  if (segment.previousSource === undefined && segment.draft === undefined) return segment;
  const { previousSource: _p, draft: _d, ...rest } = segment;
  return rest;
}

function regroup(source: SourceDocument, aligned: readonly AlignedSegment[]): AlignedParagraph[] {
  const used = new Set<SegmentId>();
  for (const a of aligned) if (a.kind !== 'added') used.add(a.old.id);
  let at = 0;
  return source.blocks.map((block) => {
    const segments = block.segments.map(() => {
      const a = aligned[at++]!;
      if (a.kind !== 'added') return a;
      const id = uniqueId(a.id, used);
      used.add(id);
      return id === a.id ? a : { ...a, id };
    });
    return { block, text: contextOf(block), segments };
  });
}

/** Ids are unique within a file; a content id that is already taken gets `~2`, `~3`, … */
function uniqueId(id: SegmentId, used: ReadonlySet<SegmentId>): SegmentId {
  if (!used.has(id)) return id;
  for (let n = 2; ; n++) if (!used.has(`${id}~${n}`)) return `${id}~${n}`;
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** 1 − Levenshtein distance / longer length: 1 for equal strings. */
export function similarity(a: string, b: string): number {
  const longest = Math.max(a.length, b.length);
  return longest === 0 ? 1 : 1 - distance(a, b) / longest;
}

/** A block as context for the backend: its plain text, without placeholders (they mean nothing there). */
function contextOf(block: Block): string {
  const text = block.segments.map((s) => s.plain).join(' ');
  return block.segments.some((s) => s.inline !== undefined) ? text.replace(/\uFFFC/g, '').replace(/\s+/g, ' ').trim() : text;
}
