import type { LanguageCode, SegmentId, SourceDocument } from '../core/types.js';
import { HUMAN_STATUSES } from '../core/types.js';
import type { BilingualDocument, BilingualSegment, Suggestion } from '../bilingual/types.js';
import { hashMachineText } from '../bilingual/index.js';
import type { TranslationMemory } from '../memory/index.js';
import { lookupExact, lookupFuzzy } from '../memory/index.js';
import { alignDocument, detectHumanEdit } from './align.js';

/** What a segment still needs from the backend: a target, or (for stale segments) a fresh draft. */
export type Need = 'target' | 'draft';

export interface PlannedSegment {
  /** What the file will hold if the backend delivers nothing. */
  readonly base: BilingualSegment;
  readonly need?: Need;
  /** The paragraph the segment stands in; sent as context. */
  readonly context: string;
}

export interface PlannedParagraph {
  readonly kind: SourceDocument['paragraphs'][number]['kind'];
  readonly segments: readonly PlannedSegment[];
}

export interface DocumentPlan {
  readonly source: SourceDocument;
  readonly lang: LanguageCode;
  readonly previous: BilingualDocument | undefined;
  readonly paragraphs: readonly PlannedParagraph[];
  /** Segments filled from the translation memory this run (0 characters billed). */
  readonly memoryHits: number;
}

const MAX_SUGGESTIONS = 3;

/**
 * Decides, for one source and target language, what carries over from the reviewer's file, what the
 * memory fills, and what must go to the backend. Pure: the caller reads files and sends requests.
 */
export function planDocument(
  source: SourceDocument,
  lang: LanguageCode,
  previous: BilingualDocument | undefined,
  memory: TranslationMemory,
): DocumentPlan {
  let memoryHits = 0;
  const paragraphs = alignDocument(source, previous).map((paragraph) => ({
    kind: paragraph.kind,
    segments: paragraph.segments.map((aligned): PlannedSegment => {
      const planned = planSegment(aligned, memory);
      if (planned.fromMemory) memoryHits++;
      return { base: planned.base, need: planned.need, context: paragraph.text };
    }),
  }));
  return { source, lang, previous, paragraphs, memoryHits };
}

function planSegment(
  aligned: ReturnType<typeof alignDocument>[number]['segments'][number],
  memory: TranslationMemory,
): { base: BilingualSegment; need?: Need; fromMemory?: boolean } {
  if (aligned.kind === 'kept') {
    const old = aligned.old;
    if (old.status === 'stale') return old.draft === undefined ? fillDraft(old, memory) : { base: old };
    // A resolved segment sheds the stale-only lines.
    const base: BilingualSegment = withoutStaleLines(old);
    if (base.target === '') return fillTarget(base.id, base.source, memory, base.suggestions);
    return { base };
  }
  if (aligned.kind === 'changed') {
    const old = aligned.old;
    if (!HUMAN_STATUSES.has(old.status) && old.status !== 'stale') return fillTarget(old.id, aligned.source, memory);
    const stale: BilingualSegment = {
      id: old.id,
      status: 'stale',
      source: aligned.source,
      target: old.target,
      machineHash: old.machineHash,
      previousSource: old.previousSource ?? old.source,
    };
    return fillDraft(stale, memory);
  }
  return fillTarget(aligned.id, aligned.source, memory);
}

function fillTarget(
  id: SegmentId,
  source: string,
  memory: TranslationMemory,
  suggestions?: readonly Suggestion[],
): { base: BilingualSegment; need?: Need; fromMemory?: boolean } {
  const exact = lookupExact(memory, source);
  if (exact) {
    const human = exact.origin === 'human';
    return {
      base: {
        id,
        status: human ? 'edited' : 'machine',
        source,
        target: exact.target,
        machineHash: human ? '' : hashMachineText(exact.target),
        suggestions: [{ score: 100, source: exact.source, target: exact.target }],
      },
      fromMemory: true,
    };
  }
  const fuzzy = suggestions ?? suggest(memory, source);
  const base: BilingualSegment = { id, status: 'new', source, target: '', machineHash: '' };
  return { base: fuzzy.length > 0 ? { ...base, suggestions: fuzzy } : base, need: 'target' };
}

function fillDraft(stale: BilingualSegment, memory: TranslationMemory): { base: BilingualSegment; need?: Need; fromMemory?: boolean } {
  const exact = lookupExact(memory, stale.source);
  if (exact && exact.target !== stale.target) return { base: { ...stale, draft: exact.target }, fromMemory: true };
  return { base: stale, need: 'draft' };
}

function suggest(memory: TranslationMemory, source: string): Suggestion[] {
  return lookupFuzzy(memory, source, { limit: MAX_SUGGESTIONS }).map(({ entry, score }) => ({
    score: Math.floor(score * 100),
    source: entry.source,
    target: entry.target,
  }));
}

function withoutStaleLines(segment: BilingualSegment): BilingualSegment {
  if (segment.previousSource === undefined && segment.draft === undefined) return segment;
  const { previousSource: _p, draft: _d, ...rest } = segment;
  return rest;
}

/** The reviewer's segments as the workflow sees them (human edits detected). */
export function reviewedSegments(doc: BilingualDocument): BilingualSegment[] {
  return doc.paragraphs.flatMap((p) => p.segments).map(detectHumanEdit);
}
