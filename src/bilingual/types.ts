import type { BlockKind, LanguageCode, SegmentId, SegmentStatus } from '../core/types.js';

/** A translation-memory match offered to the reviewer. */
export interface Suggestion {
  /** Similarity 0..100 (integer percent). */
  readonly score: number;
  readonly source: string;
  readonly target: string;
}

export interface BilingualSegment {
  readonly id: SegmentId;
  readonly status: SegmentStatus;
  readonly source: string;
  /** '' when there is no translation yet. */
  readonly target: string;
  /**
   * Hash of the last machine output put into `target` ('' when none). A target whose hash differs was
   * changed by a person, even if the status was left alone.
   */
  readonly machineHash: string;
  /** Stale segments: the source sentence the current target was made from. */
  readonly previousSource?: string;
  /** Stale segments: a fresh machine draft for the new source, offered beside the old target. */
  readonly draft?: string;
  /** Fuzzy translation-memory matches. */
  readonly suggestions?: readonly Suggestion[];
  /** The reviewer's comment on the segment: kept across runs, moves with the segment, goes into the memory. */
  readonly comment?: string;
  /** Findings the reviewer accepted, each with the reason they gave: not reported again. */
  readonly accepted?: readonly AcceptedFinding[];
  /** Something the reviewer asked for with the status word, done by the next run (never written back). */
  readonly action?: ReviewAction;
  /** The reviewer marked a split point (`||`) in the source line: the source text before it. */
  readonly splitAfter?: string;
}

/** A finding a reviewer looked at and accepted, with the reason (`- accept numbers-changed: rounded`). */
export interface AcceptedFinding {
  readonly rule: string;
  readonly reason: string;
}

/**
 * One-word instructions in place of a status: take the draft of a stale segment, take a memory suggestion
 * (the first, or the n-th), or join the segment with the next one.
 */
export type ReviewAction = { readonly kind: 'use-draft' } | { readonly kind: 'use-memory'; readonly index: number } | { readonly kind: 'join' };

export interface BilingualParagraph {
  readonly kind: BlockKind;
  /** Shown after the kind (`h2`, a front-matter key); derived from the source, never read back. */
  readonly detail?: string;
  readonly segments: readonly BilingualSegment[];
}

export interface BilingualDocument {
  /** The format version the file was read in (the writer always writes the current one). */
  readonly version: 1 | 2;
  readonly source: { readonly path: string; readonly hash: string; readonly language: LanguageCode };
  readonly targetLanguage: LanguageCode;
  /**
   * `markdown` when the source is Markdown: its segments' source and target lines are inline Markdown as
   * written (front-matter fields and alt texts stay plain text). Absent for plain-text sources.
   */
  readonly format?: 'markdown';
  /** Backend that produced the latest machine output ('' when none did). */
  readonly backend: string;
  /** Hash of the glossary in force when the file was written ('' without glossary). */
  readonly glossaryHash: string;
  /** Front-matter keys a person added (`reviewer: Anna`), as written: kept, never interpreted. */
  readonly extraFrontMatter?: readonly string[];
  readonly paragraphs: readonly BilingualParagraph[];
}

/** Per-segment lines shown to the reviewer (glossary terms, QA findings); derived, never parsed back. */
export type SegmentNotes = ReadonlyMap<SegmentId, readonly string[]>;
