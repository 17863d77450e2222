import { diffArrays } from 'diff';
import { distance } from 'fastest-levenshtein';
import type { BlockKind, SegmentId, SourceDocument } from '../core/types.js';
import type { BilingualDocument, BilingualSegment } from '../bilingual/types.js';
import { hashMachineText } from '../bilingual/index.js';

/**
 * How one segment of the new source relates to the reviewer's file:
 * - `kept`: the source sentence is unchanged; the old segment (target, status, notes) carries over as is.
 * - `changed`: the sentence was edited; it keeps the old id and target, which become stale unless the
 *   target was untouched machine output.
 * - `added`: a new sentence.
 */
export type AlignedSegment =
  | { readonly kind: 'kept'; readonly source: string; readonly old: BilingualSegment }
  | { readonly kind: 'changed'; readonly source: string; readonly old: BilingualSegment }
  | { readonly kind: 'added'; readonly source: string; readonly id: SegmentId };

export interface AlignedParagraph {
  readonly kind: BlockKind;
  /** The whole paragraph, given to the backend as context. */
  readonly text: string;
  readonly segments: readonly AlignedSegment[];
}

/** Below this similarity an edited sentence counts as deleted + inserted rather than changed. */
const CHANGED_SIMILARITY = 0.5;

/**
 * Aligns the new source with the previous bilingual file by a sequence diff of the source sentences, so
 * identities and human work follow the text, not positions: inserting or deleting a sentence shifts
 * nothing else.
 */
export function alignDocument(source: SourceDocument, previous: BilingualDocument | undefined): AlignedParagraph[] {
  const newSegments = source.paragraphs.flatMap((p, pi) => p.segments.map((s) => ({ ...s, paragraph: pi })));
  const oldSegments = previous ? previous.paragraphs.flatMap((p) => p.segments).map(detectHumanEdit) : [];
  const aligned: AlignedSegment[] = [];
  const diff = diffArrays(
    oldSegments.map((s) => s.source),
    newSegments.map((s) => s.text),
  );
  let oldAt = 0;
  let newAt = 0;
  for (let i = 0; i < diff.length; i++) {
    const part = diff[i]!;
    if (!part.added && !part.removed) {
      for (let k = 0; k < part.count!; k++) aligned.push({ kind: 'kept', source: newSegments[newAt++]!.text, old: oldSegments[oldAt++]! });
      continue;
    }
    // A removed run followed by an added run (or the reverse) is a region of edits: pair by position.
    const next = diff[i + 1];
    const removed = part.removed ? part.count! : next?.removed ? next.count! : 0;
    const added = part.added ? part.count! : next?.added ? next.count! : 0;
    if (next && (next.added || next.removed) && next.added !== part.added) i++;
    const olds = oldSegments.slice(oldAt, oldAt + removed);
    oldAt += removed;
    for (let k = 0; k < added; k++) {
      const text = newSegments[newAt]!.text;
      const id = newSegments[newAt]!.id;
      newAt++;
      const old = olds[k];
      if (old && old.target !== '' && similarity(old.previousSource ?? old.source, text) >= CHANGED_SIMILARITY) {
        aligned.push({ kind: 'changed', source: text, old });
      } else {
        aligned.push({ kind: 'added', source: text, id });
      }
    }
  }
  return regroup(source, aligned);
}

/** A target that differs from the last machine output was edited by a person, whatever the status says. */
export function detectHumanEdit(segment: BilingualSegment): BilingualSegment {
  if (segment.target === '') return segment;
  if (segment.status === 'new') return { ...segment, status: 'edited' };
  if (segment.status === 'machine' && hashMachineText(segment.target) !== segment.machineHash) return { ...segment, status: 'edited' };
  return segment;
}

function regroup(source: SourceDocument, aligned: readonly AlignedSegment[]): AlignedParagraph[] {
  const used = new Set<SegmentId>();
  for (const a of aligned) if (a.kind !== 'added') used.add(a.old.id);
  let at = 0;
  return source.paragraphs.map((paragraph) => {
    const segments = paragraph.segments.map(() => {
      const a = aligned[at++]!;
      if (a.kind !== 'added') return a;
      const id = uniqueId(a.id, used);
      used.add(id);
      return id === a.id ? a : { ...a, id };
    });
    return { kind: paragraph.kind, text: paragraph.segments.map((s) => s.text).join(' '), segments };
  });
}

function uniqueId(id: SegmentId, used: ReadonlySet<SegmentId>): SegmentId {
  if (!used.has(id)) return id;
  for (let n = 2; ; n++) if (!used.has(`${id}~${n}`)) return `${id}~${n}`;
}

/** 1 − Levenshtein distance / longer length: 1 for equal strings. */
export function similarity(a: string, b: string): number {
  const longest = Math.max(a.length, b.length);
  return longest === 0 ? 1 : 1 - distance(a, b) / longest;
}
