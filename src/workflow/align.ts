import { lazyRequire } from '../core/lazy.js';
import { distance } from 'fastest-levenshtein';
import type { Block, Segment, SegmentId, SourceDocument } from '../core/types.js';
import type { BilingualDocument, BilingualSegment } from '../bilingual/types.js';
import { hashMachineText } from '../bilingual/index.js';
import { splitSentences } from '../segmentation/index.js';

const diff = lazyRequire<typeof import('diff')>('diff');

/**
 * How one segment of the new source relates to the reviewer's file:
 * - `kept`: the source sentence is unchanged (possibly moved); the old segment carries over as is.
 * - `changed`: the sentence was edited; it keeps the old id and target, which become stale unless the
 *   target was untouched machine output.
 * - `added`: a new sentence.
 */
export type AlignedSegment =
  | {
      readonly kind: 'kept';
      readonly source: string;
      readonly segment: Segment;
      readonly old: BilingualSegment;
      /** The old segment was made from a split or a join of the reviewer's segments: its id may repeat. */
      readonly resegmented?: true;
    }
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
  for (const part of sequenceParts(
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

  // Segmentation changes: a sentence now split in two (a reviewer's `||`, a rule, a better splitter) or
  // two sentences now one (a reviewer's `join`) carry their translations over instead of going stale.
  for (const region of regions) resegment(region, oldSegments, newSegments, result, moved);

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

/** One part of a sequence diff, as `diffArrays` of the diff library gives it. */
export interface SequencePart {
  readonly count?: number;
  readonly added: boolean;
  readonly removed: boolean;
  readonly value: readonly string[];
}

/**
 * `diffArrays(olds, news)`. A first run (no previous file), an emptied source and an unchanged one get
 * their single part without loading the diff library (~15 ms of start-up here); a test holds these to it.
 */
export function sequenceParts(olds: readonly string[], news: readonly string[]): readonly SequencePart[] {
  const whole = (value: readonly string[], added: boolean, removed: boolean): SequencePart[] => (value.length === 0 ? [] : [{ count: value.length, added, removed, value }]);
  if (olds.length === 0) return whole(news, true, false);
  if (news.length === 0) return whole(olds, false, true);
  if (olds.length === news.length && olds.every((text, i) => text === news[i])) return whole(news, false, false);
  return diff().diffArrays([...olds], [...news]);
}

/**
 * What the reviewer's file says, read the way a reviewer means it:
 * - a target that differs from the last machine output was edited by a person, whatever the status says;
 * - `new` over untouched machine output asks for a fresh translation;
 * - `stale` set by hand on a segment whose source never changed has nothing to compare: it stays stale,
 *   without a draft being billed.
 */
export function readReviewerIntent(segment: BilingualSegment): BilingualSegment {
  if (segment.action !== undefined) return applyAction(segment);
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

/**
 * A one-word action typed in place of the status: `use-draft` takes the stale segment's draft,
 * `use-memory [n]` the n-th memory suggestion — either becomes a person's target (`edited`). `join` is
 * done by segmentation (see review-requests.ts); here the segment keeps the status it had. An action that
 * cannot be done leaves the segment as it was (the run warns).
 */
export function applyAction(segment: BilingualSegment): BilingualSegment {
  const { action, ...s } = segment;
  if (action?.kind === 'use-draft' && s.draft !== undefined) return { ...withoutStaleLines(s), target: s.draft, status: 'edited', machineHash: '' };
  const suggestion = action?.kind === 'use-memory' ? s.suggestions?.[action.index - 1] : undefined;
  if (suggestion !== undefined) return { ...withoutStaleLines(s), target: suggestion.target, status: 'edited', machineHash: '' };
  return readReviewerIntent({ ...s, status: statusBefore(s) });
}

/** The status a segment had before a person typed an action in its place, as far as the file tells. */
function statusBefore(s: BilingualSegment): BilingualSegment['status'] {
  if (s.previousSource !== undefined) return 'stale';
  if (s.target === '') return 'new';
  return s.machineHash !== '' && hashMachineText(s.target) === s.machineHash ? 'machine' : 'edited';
}

/** True when the reviewer set `new` over untouched machine output: they want a fresh translation. */
/**
 * `new` set over machine output (kept, or deleted from the target line): the reviewer asks for a fresh
 * translation. The marker's `mt=` hash says which output was rejected, also when its text is gone.
 */
export function rejectsMachineOutput(segment: BilingualSegment): boolean {
  return segment.status === 'new' && segment.machineHash !== '' && (segment.target === '' || hashMachineText(segment.target) === segment.machineHash);
}

export function withoutStaleLines(segment: BilingualSegment): BilingualSegment {
  if (segment.previousSource === undefined && segment.draft === undefined) return segment;
  const { previousSource: _p, draft: _d, ...rest } = segment;
  return rest;
}

function regroup(source: SourceDocument, aligned: readonly AlignedSegment[]): AlignedParagraph[] {
  const used = new Set<SegmentId>();
  for (const a of aligned) if (a.kind !== 'added' && !(a.kind === 'kept' && a.resegmented)) used.add(a.old.id);
  let at = 0;
  return source.blocks.map((block) => {
    const segments = block.segments.map((): AlignedSegment => {
      const a = aligned[at++]!;
      if (a.kind === 'kept' && a.resegmented) {
        const id = uniqueId(a.old.id, used);
        used.add(id);
        return id === a.old.id ? a : { ...a, old: { ...a.old, id } };
      }
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

// ---------------------------------------------------------------------------------------------------------
// Segmentation changes. Texts are compared with runs of whitespace as one space and the reviewer's split
// marks (`||`) removed, so "A. || B." in a review file is the sentence "A. B.".

/** The split mark a reviewer types into a source line (and, optionally, into the target line). */
export const SPLIT_MARK = '||';

function comparable(text: string): string {
  return text.split(SPLIT_MARK).join(' ').replace(/\s+/g, ' ').trim();
}

function resegment(
  region: { olds: number[]; news: number[] },
  oldSegments: readonly BilingualSegment[],
  newSegments: readonly Segment[],
  result: (AlignedSegment | undefined)[],
  moved: ReadonlySet<number>,
): void {
  const olds = region.olds.filter((o) => !moved.has(o));
  const news = region.news.filter((n) => result[n] === undefined);
  if (olds.length === 0 || news.length === 0) return;
  const usedOld = new Set<number>();
  const oldText = new Map(olds.map((o) => [o, comparable(oldSegments[o]!.source)]));
  const newText = new Map(news.map((n) => [n, comparable(newSegments[n]!.text)]));
  const free = (n: number): boolean => newText.has(n) && result[n] === undefined;
  const freeOld = (o: number): boolean => oldText.has(o) && !usedOld.has(o);

  for (const o of olds) {
    const whole = oldText.get(o)!;
    if (whole === '') continue;
    for (const n of news) {
      if (!free(n) || !whole.startsWith(newText.get(n)!)) continue;
      // The old sentence is the new one (only whitespace or a `||` differed), or several new ones in a row.
      const run = [n];
      let text = newText.get(n)!;
      while (text.length < whole.length && free(run[run.length - 1]! + 1) && whole.startsWith(`${text} ${newText.get(run[run.length - 1]! + 1)!}`)) {
        run.push(run[run.length - 1]! + 1);
        text = `${text} ${newText.get(run[run.length - 1]!)!}`;
      }
      if (text !== whole) continue;
      const pieces = splitTarget(oldSegments[o]!, run.map((i) => newSegments[i]!));
      run.forEach((i, k) => {
        result[i] = { kind: 'kept', source: newSegments[i]!.text, segment: newSegments[i]!, old: pieces[k]!, ...(run.length > 1 ? { resegmented: true as const } : {}) };
      });
      usedOld.add(o);
      break;
    }
  }

  for (const n of news) {
    if (!free(n)) continue;
    const whole = newText.get(n)!;
    for (const o of olds) {
      if (!freeOld(o) || oldText.get(o) === '' || !whole.startsWith(oldText.get(o)!)) continue;
      const run = [o];
      let text = oldText.get(o)!;
      while (text.length < whole.length && freeOld(run[run.length - 1]! + 1) && whole.startsWith(`${text} ${oldText.get(run[run.length - 1]! + 1)!}`)) {
        run.push(run[run.length - 1]! + 1);
        text = `${text} ${oldText.get(run[run.length - 1]!)!}`;
      }
      if (text !== whole || run.length < 2) continue;
      for (const i of run) usedOld.add(i);
      result[n] = { kind: 'kept', source: newSegments[n]!.text, segment: newSegments[n]!, old: joinSegments(run.map((i) => oldSegments[i]!), newSegments[n]!.text) };
      break;
    }
  }
  // What was used here is no longer free for the similarity pairing.
  region.olds = region.olds.filter((o) => !usedOld.has(o));
}

function untouchedMachine(s: BilingualSegment): boolean {
  return s.status === 'machine' && s.target !== '' && s.machineHash !== '' && hashMachineText(s.target) === s.machineHash;
}

/**
 * One old segment over several new ones. Its translation is cut where the reviewer put `||` in the target
 * line too, else at its sentence ends when they are as many as the parts; otherwise the first part keeps
 * the whole translation (`edited`: a person trims it; nothing typed is thrown away) and the others are
 * `new`, translated by the next run. Untouched machine output that cannot be cut is asked for again, part
 * by part.
 */
function splitTarget(old: BilingualSegment, pieces: readonly Segment[]): BilingualSegment[] {
  if (pieces.length === 1) {
    const marked = old.source.includes(SPLIT_MARK);
    const target = marked && old.target.includes(SPLIT_MARK) ? old.target.split(SPLIT_MARK).map((t) => t.trim()).join(' ') : old.target;
    const machineHash = target !== old.target && untouchedMachine(old) ? hashMachineText(target) : old.machineHash;
    return [{ ...old, source: pieces[0]!.text, target, machineHash }];
  }
  const byMark = old.target.includes(SPLIT_MARK) ? old.target.split(SPLIT_MARK).map((t) => t.trim()) : undefined;
  const bySentence = byMark === undefined && old.target !== '' ? splitSentences(old.target) : undefined;
  const parts = byMark?.length === pieces.length ? byMark : bySentence?.length === pieces.length ? bySentence : undefined;
  const machine = untouchedMachine(old);
  const { previousSource, draft: _draft, suggestions: _s, accepted: _a, action: _action, comment, ...rest } = old;
  return pieces.map((piece, k): BilingualSegment => {
    const base = { ...rest, id: k === 0 ? old.id : piece.id, source: piece.text };
    const withComment = k === 0 && comment !== undefined ? { ...base, comment } : base;
    if (old.target === '' || (machine && parts === undefined)) return { ...withComment, status: 'new', target: '', machineHash: '' };
    if (machine) return { ...withComment, status: 'machine', target: parts![k]!, machineHash: hashMachineText(parts![k]!) };
    if (old.status === 'stale') {
      return k === 0 && previousSource !== undefined
        ? { ...withComment, status: 'stale', target: parts?.[0] ?? old.target, machineHash: '', previousSource }
        : { ...withComment, status: 'new', target: parts?.[k] ?? '', machineHash: '' };
    }
    // A person's translation: kept whole, cut only where they said (`||`) or as its sentences fall. When it
    // cannot be cut, the first part keeps all of it (`edited`: a person trims it) and the others are `new`,
    // so they are translated (an empty `edited` segment would be sent by nobody and block publishing).
    if (parts === undefined && k > 0) return { ...withComment, status: 'new', target: '', machineHash: '' };
    const status = byMark !== undefined && parts === byMark ? old.status : 'edited';
    const target = parts?.[k] ?? old.target;
    return { ...withComment, status, target, machineHash: '' };
  });
}

/** Several old segments now one sentence: their translations, in order, become its translation. */
function joinSegments(olds: readonly BilingualSegment[], source: string): BilingualSegment {
  const first = olds[0]!;
  const target = olds.map((s) => s.target.trim()).filter((t) => t !== '').join(' ');
  const comments = olds.flatMap((s) => (s.comment === undefined ? [] : [s.comment]));
  const base: BilingualSegment = { id: first.id, source, status: 'edited', target, machineHash: '', ...(comments.length > 0 ? { comment: comments.join(' / ') } : {}) };
  if (olds.some((s) => s.target === '')) return { ...base, status: 'new', target: '' };
  if (olds.every(untouchedMachine)) return { ...base, status: 'machine', machineHash: hashMachineText(target) };
  if (olds.some((s) => s.status === 'stale')) {
    return { ...base, status: 'stale', previousSource: olds.map((s) => s.previousSource ?? s.source).join(' ') };
  }
  return base;
}
