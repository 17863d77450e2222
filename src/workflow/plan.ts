import type { Block, Diagnostic, LanguageCode, Segment, SegmentId, SegmentStatus, SourceDocument } from '../core/types.js';
import { HUMAN_STATUSES } from '../core/types.js';
import type { BilingualDocument, BilingualSegment, Suggestion } from '../bilingual/types.js';
import { hashMachineText } from '../bilingual/index.js';
import type { MemoryEntry, TranslationMemory } from '../memory/index.js';
import { entriesFor, isUnresolved, lookupExact } from '../memory/memory.js';
import { lookupFuzzy } from '../memory/fuzzy.js';
import { alignDocument, readReviewerIntent, SPLIT_MARK, withoutStaleLines, type AlignedSegment } from './align.js';
import { readReviewRequests } from './review-requests.js';
import type { SegmentationRule } from '../segmentation/rules.js';
import { staleResolvedCheck } from '../qa/checks/stale-resolved.js';
import type { Resolution } from './qa.js';

/** What a segment still needs from the backend: a target, or (for stale segments) a fresh draft. */
export type Need = 'target' | 'draft';

export interface PlannedSegment {
  /** What the file will hold if the backend delivers nothing. */
  readonly base: BilingualSegment;
  /** The source segment (with its inline markup) that `base.source` shows. */
  readonly segment: Segment;
  readonly need?: Need;
  /** The block the segment stands in, without markup; sent as context. */
  readonly context: string;
  /** A stale segment a person set to a human status since the last run: what QA compares. */
  readonly resolution?: Resolution;
}

export interface PlannedParagraph {
  readonly block: Block;
  readonly segments: readonly PlannedSegment[];
}

export interface DocumentPlan {
  readonly source: SourceDocument;
  readonly lang: LanguageCode;
  readonly previous: BilingualDocument | undefined;
  readonly paragraphs: readonly PlannedParagraph[];
  /** Segments filled from the translation memory this run (0 characters billed). */
  readonly memoryHits: number;
  /** Segments filled with machine output the project already had for the same sentence (0 billed). */
  readonly reused: number;
  /** Joins and splits the reviewer asked for in this file (plain text, as the splitter sees it). */
  readonly rules: readonly SegmentationRule[];
  /** Requests that could not be done, or source lines put back, by segment id. */
  readonly warnings: readonly Diagnostic[];
  /** Segments filled with answers an interrupted run received (its journal), 0 billed. */
  readonly recovered: number;
  /**
   * Stale segments with a correction typed into them whose sentence left the source: the correction is
   * in the memory as an unresolved entry, and the run report says so.
   */
  readonly droppedCorrections: readonly BilingualSegment[];
}

/** What the planner may fill without the backend. */
export interface PlanResources {
  /** The memory of the target language itself: read, and the one new human work goes into. */
  readonly memory: TranslationMemory;
  /**
   * The memories of more general tags of the same language and script, most specific first (`fr` for
   * `fr-FR`: `memoryTargetsFor`), read after `memory`: a person's work in the variant's own memory, then
   * in these, then machine output in the same order.
   */
  readonly fallbacks?: readonly TranslationMemory[];
  /** Untouched machine output already in the project's files, by source sentence. */
  readonly machineTargets: ReadonlyMap<string, string>;
  /** Sentences whose machine output a reviewer rejected (set back to `new`): never reuse it. */
  readonly rejected: ReadonlySet<string>;
  /**
   * Answers a run received and did not get to write (it was killed or interrupted), by source sentence:
   * paid for, so they fill what they translate — targets and stale drafts — before anything is sent. Also
   * for a sentence whose older machine output a reviewer rejected: this answer is the fresh one asked for.
   */
  readonly recovered?: ReadonlyMap<string, string>;
  /** The document being planned (set by planDocument): a person's work it recorded itself keeps its status. */
  readonly document?: string;
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
  resources: PlanResources,
): DocumentPlan {
  let memoryHits = 0;
  let reused = 0;
  let recovered = 0;
  const requests = previous === undefined ? undefined : readReviewRequests(previous, source);
  const file = requests?.doc;
  const raw = new Map(file?.paragraphs.flatMap((p) => p.segments.map((s) => [s.id, s] as const)) ?? []);
  const own: PlanResources = { ...resources, document: source.path };
  const paragraphs = alignDocument(source, file).map((paragraph) => ({
    block: paragraph.block,
    segments: paragraph.segments.map((aligned): PlannedSegment => {
      const planned = carryNotes(aligned, planSegment(aligned, own));
      if (planned.filled === 'memory') memoryHits++;
      if (planned.filled === 'reuse') reused++;
      if (planned.filled === 'recovered') recovered++;
      const resolved = aligned.kind === 'kept' ? resolutionOf(raw.get(aligned.old.id), planned.base, aligned.segment.plain, lang, resources) : undefined;
      return {
        base: resolved?.keep ? { ...planned.base, previousSource: resolved.resolution.previousSource } : planned.base,
        segment: aligned.segment,
        need: planned.need,
        context: paragraph.text,
        ...(resolved ? { resolution: resolved.resolution } : {}),
      };
    }),
  }));
  const used = new Set(paragraphs.flatMap((p) => p.segments.map((s) => s.base.id)));
  const droppedCorrections = [...raw.values()].filter(
    (s) => !used.has(s.id) && s.status === 'stale' && s.target !== '' && entriesFor(resources.memory, s.source).some((e) => isUnresolved(e) && e.target === s.target),
  );
  // A sentence deleted from the source takes its segment out of the file: a person's translation stays in
  // the memory (said, so nobody looks for it), a comment on machine output is said with its text. Parts of a
  // join or a split live on in their new segment and are not deleted.
  const kept = paragraphs.flatMap((p) => p.segments.map((s) => space(s.base.source)));
  const deleted = [...raw.values()].filter((s) => {
    if (used.has(s.id) || droppedCorrections.includes(s)) return false;
    const text = space(s.source.split(SPLIT_MARK).join(' '));
    return !kept.some((k) => k.includes(text) || text.includes(k));
  });
  const deletedNotes: Diagnostic[] = deleted.flatMap((s): Diagnostic[] => {
    const intent = readReviewerIntent(s);
    const human = intent.target !== '' && HUMAN_STATUSES.has(intent.status);
    if (!human && s.comment === undefined) return [];
    return [
      {
        severity: human ? 'info' : 'warning',
        rule: 'review-sentence-deleted',
        message: human
          ? `the sentence of this segment (${intent.status}) was deleted from the source; its translation${s.comment === undefined ? ' stays' : ' and comment stay'} in the memory and fill it if the sentence comes back`
          : `the sentence of this segment was deleted from the source, and with it the segment's comment: ${JSON.stringify(s.comment)}`,
        segmentId: s.id,
      },
    ];
  });
  // A correction typed into a stale segment, then replaced by `use-draft`/`use-memory`: kept (unresolved, in
  // the memory, see staleEntries), and the reviewer is told where.
  const replacedTyping: Diagnostic[] = [...raw.values()]
    .filter((s) => (s.action?.kind === 'use-draft' ? s.draft !== undefined : s.action?.kind === 'use-memory' && s.suggestions?.[s.action.index - 1] !== undefined))
    .filter((s) => s.previousSource !== undefined && s.target !== '')
    .filter((s) => entriesFor(resources.memory, s.source).some((e) => isUnresolved(e) && e.target === s.target))
    .map((s) => ({
      severity: 'warning',
      rule: 'review-typed-kept',
      message: `\`${s.action!.kind}\` replaced the translation typed into this stale segment; the typed text is kept in the memory as unresolved (status stale), where a later run finds it`,
      hint: 'to keep the typed text instead, use `use-memory` on its suggestion, or paste it back and set a status',
      segmentId: s.id,
    }));
  return {
    source,
    lang,
    previous: file,
    paragraphs,
    memoryHits,
    reused,
    recovered,
    droppedCorrections,
    rules: requests?.rules ?? [],
    warnings: [...(requests?.warnings ?? []), ...replacedTyping, ...deletedNotes],
  };
}

const space = (text: string): string => text.replace(/\s+/g, ' ').trim();

/**
 * A reviewer's comment moves with the segment wherever alignment takes it, and survives a change of the
 * source. Accepted findings were accepted for this sentence: they go when the source changes.
 */
function carryNotes(aligned: AlignedSegment, planned: Planned): Planned {
  if (aligned.kind === 'added') return planned;
  const { comment, accepted } = aligned.old;
  const keepAccepted = aligned.kind === 'kept' && accepted !== undefined && accepted.length > 0;
  if (comment === undefined && !keepAccepted) return planned;
  const { comment: _c, accepted: _a, ...base } = planned.base;
  return { ...planned, base: { ...base, ...(comment === undefined ? {} : { comment }), ...(keepAccepted ? { accepted } : {}) } };
}

type Planned = { base: BilingualSegment; need?: Need; filled?: 'memory' | 'reuse' | 'recovered' };

/**
 * A person set a stale segment to a human status since bitext last wrote the file (the status changed, the
 * `previous source:` line is still there). If the target is still the one it had while stale — the memory
 * knows it as the translation of the previous source — and the source change touched a number, a negation
 * or a name, that resolution is an error: the `previous source:` line stays, so the finding stays (and
 * blocks publishing) until the target is fixed.
 */
function resolutionOf(
  raw: BilingualSegment | undefined,
  base: BilingualSegment,
  plain: string,
  lang: LanguageCode,
  resources: PlanResources,
): { resolution: Resolution; keep: boolean } | undefined {
  if (raw?.previousSource === undefined || !HUMAN_STATUSES.has(base.status)) return undefined;
  const before = lookupExact(resources.memory, raw.previousSource);
  if (before === undefined || before.origin !== 'human') return undefined;
  const resolution: Resolution = { previousSource: raw.previousSource, staleTarget: before.target };
  const findings = staleResolvedCheck.run(
    { id: base.id, source: plain, target: base.target, status: base.status, resolution },
    { sourceLanguage: 'de', targetLanguage: lang },
  );
  return { resolution, keep: findings.some((f) => f.severity === 'error') };
}

function planSegment(aligned: AlignedSegment, resources: PlanResources): Planned {
  if (aligned.kind === 'kept') {
    const old = aligned.old;
    if (old.status === 'stale') {
      // A hand-set `stale` without a previous source has no change to draft for: nothing is billed.
      return old.draft === undefined && old.previousSource !== undefined ? fillDraft(old, resources) : { base: old };
    }
    // A resolved segment sheds the stale-only lines.
    const base: BilingualSegment = withoutStaleLines(old);
    // A person's status is kept even over an empty target (QA reports it); only `new`/`machine` get filled.
    if (base.target === '' && !HUMAN_STATUSES.has(base.status)) return fillTarget(base.id, base.source, resources, base.suggestions);
    return { base };
  }
  if (aligned.kind === 'changed') {
    const old = aligned.old;
    if (old.status === 'stale' && aligned.source === old.previousSource) return restore(old, aligned.source, resources.memory);
    if (!HUMAN_STATUSES.has(old.status) && old.status !== 'stale') return fillTarget(old.id, aligned.source, resources);
    const stale: BilingualSegment = {
      id: old.id,
      status: 'stale',
      source: aligned.source,
      target: old.target,
      machineHash: old.machineHash,
      previousSource: old.previousSource ?? old.source,
    };
    return fillDraft(stale, resources);
  }
  return fillTarget(aligned.id, aligned.source, resources);
}

/**
 * The target is current for `source` again (the source was changed back, or the memory holds this very
 * translation for the new source): the stale lines go, and the status is the one the memory recorded for
 * this pair — or `edited` when it recorded none, since a person made or kept the target.
 */
function restore(stale: BilingualSegment, source: string, memory: TranslationMemory): Planned {
  const recorded = memory.entries.find((e) => e.origin === 'human' && !isUnresolved(e) && e.source === source && e.target === stale.target);
  let status: SegmentStatus = recorded?.status ?? 'edited';
  if (!recorded && stale.machineHash !== '' && hashMachineText(stale.target) === stale.machineHash) status = 'machine';
  return { base: { ...withoutStaleLines(stale), source, status } };
}

function fillTarget(id: SegmentId, source: string, resources: PlanResources, suggestions?: readonly Suggestion[]): Planned {
  const rejected = resources.rejected.has(source);
  const exact = exactMatch(resources, source);
  // A person's translation first; then an answer already paid for; then the memory's machine output.
  if (exact?.origin === 'human') return fromMemory(id, source, exact, [], resources.document);
  const recovered = resources.recovered?.get(source);
  if (recovered !== undefined) {
    // What the interrupted run would have written: the answer, with the suggestions planned for it.
    const fuzzy = suggestions ?? suggest(resources, source);
    const base: BilingualSegment = { id, status: 'machine', source, target: recovered, machineHash: hashMachineText(recovered) };
    return { base: fuzzy.length > 0 ? { ...base, suggestions: fuzzy } : base, filled: 'recovered' };
  }
  if (exact && !rejected) {
    // Machine output already paid for; a person's unresolved correction of this very sentence (which fuzzy
    // lookup ranks below it, one result per source) is offered beside it.
    const unresolved = chain(resources)
      .flatMap((memory) => entriesFor(memory, source))
      .filter((entry) => isUnresolved(entry))
      .map((entry): Suggestion => ({ score: 100, source: entry.source, target: entry.target }));
    return fromMemory(id, source, exact, [...unresolved, ...(suggestions ?? suggest(resources, source))]);
  }
  const machine = rejected ? undefined : resources.machineTargets.get(source);
  if (machine !== undefined) {
    return { base: { id, status: 'machine', source, target: machine, machineHash: hashMachineText(machine) }, filled: 'reuse' };
  }
  const fuzzy = suggestions ?? suggest(resources, source);
  const base: BilingualSegment = { id, status: 'new', source, target: '', machineHash: '' };
  return { base: fuzzy.length > 0 ? { ...base, suggestions: fuzzy } : base, need: 'target' };
}

/**
 * A segment filled from an exact match. A person's match is shown as the suggestion it came from; machine
 * output is just the target, beside the other suggestions (a correction kept unresolved, say).
 */
function fromMemory(id: SegmentId, source: string, exact: MemoryEntry, others: readonly Suggestion[] = [], document?: string): Planned {
  const human = exact.origin === 'human';
  // A person's finished work recorded from this very document (a segment block deleted from its file,
  // say) comes back with the status it had; from elsewhere it is `edited`: a person looks at it here.
  const ownWork = document !== undefined && exact.document === document && HUMAN_STATUSES.has(exact.status) && !isUnresolved(exact);
  const status: SegmentStatus = !human ? 'machine' : ownWork ? exact.status : 'edited';
  const seen = new Set([exact.target]);
  const shown = human
    ? [{ score: 100, source: exact.source, target: exact.target }]
    : others.filter((s) => !seen.has(s.target) && seen.add(s.target) !== undefined).slice(0, MAX_SUGGESTIONS);
  return {
    base: {
      id,
      status,
      source,
      target: exact.target,
      machineHash: human ? '' : hashMachineText(exact.target),
      ...(shown.length > 0 ? { suggestions: shown } : {}),
      // The pair's note (a reviewer's comment elsewhere, a TMX <note>) comes with it.
      ...(human && exact.note !== undefined ? { comment: exact.note } : {}),
    },
    filled: 'memory',
  };
}

function fillDraft(stale: BilingualSegment, resources: PlanResources): Planned {
  const exact = exactMatch(resources, stale.source);
  if (exact?.origin === 'human' && exact.target === stale.target) return restore(stale, stale.source, resources.memory);
  if (exact?.origin === 'human') return { base: { ...stale, draft: exact.target }, filled: 'memory' };
  const recovered = resources.recovered?.get(stale.source);
  if (recovered !== undefined) return { base: { ...stale, draft: recovered }, filled: 'recovered' };
  if (exact && exact.target !== stale.target) return { base: { ...stale, draft: exact.target }, filled: 'memory' };
  return { base: stale, need: 'draft' };
}

/** The memories a lookup reads, in order: the target's own, then the more general ones. */
function chain(resources: PlanResources): readonly TranslationMemory[] {
  return resources.fallbacks === undefined || resources.fallbacks.length === 0 ? [resources.memory] : [resources.memory, ...resources.fallbacks];
}

/** The exact match across the memories: a person's finished work first (most specific memory first), then machine output. */
function exactMatch(resources: PlanResources, source: string): MemoryEntry | undefined {
  const found = chain(resources)
    .map((memory) => lookupExact(memory, source))
    .filter((entry): entry is MemoryEntry => entry !== undefined);
  return found.find((entry) => entry.origin === 'human') ?? found[0];
}

/** Fuzzy suggestions across the memories: best score first; at equal scores, the more specific memory. */
function suggest(resources: PlanResources, source: string): Suggestion[] {
  const matches = chain(resources).flatMap((memory, rank) => lookupFuzzy(memory, source, { limit: MAX_SUGGESTIONS }).map((match) => ({ ...match, rank })));
  matches.sort((a, b) => b.score - a.score || a.rank - b.rank);
  const seen = new Set<string>();
  const suggestions: Suggestion[] = [];
  for (const { entry, score } of matches) {
    const key = `${entry.source}\u0000${entry.target}`;
    if (seen.has(key)) continue;
    seen.add(key);
    suggestions.push({ score: Math.floor(score * 100), source: entry.source, target: entry.target });
    if (suggestions.length === MAX_SUGGESTIONS) break;
  }
  return suggestions;
}

/** The reviewer's segments as the workflow sees them (human edits detected). */
export function reviewedSegments(doc: BilingualDocument): BilingualSegment[] {
  return doc.paragraphs.flatMap((p) => p.segments).map(readReviewerIntent);
}
