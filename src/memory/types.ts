import type { LanguagePair, SegmentStatus } from '../core/types.js';

/** Who produced a memory entry's target: a person, or a machine-translation backend. */
export type MemoryOrigin = 'human' | 'machine';

export const MEMORY_ORIGINS: readonly MemoryOrigin[] = ['human', 'machine'];

/** One translated sentence pair as the project memory keeps it. */
export interface MemoryEntry {
  /** Source sentence exactly as translated (not normalised; normalisation is applied at lookup). */
  readonly source: string;
  readonly target: string;
  readonly origin: MemoryOrigin;
  readonly status: SegmentStatus;
  /** Project-relative path of the document the pair came from, when known. */
  readonly document?: string;
  /** A reviewer's comment on the pair (never empty; may hold line breaks). TMX: `<note>`. */
  readonly note?: string;
  /** ISO 8601 date-time of the last change, from the caller's injected clock. */
  readonly changed: string;
}

/**
 * An immutable project memory for one language pair. `entries` is always sorted by source, then target
 * (UTF-16 code-unit order), so that serialisation is deterministic and diffs stay small.
 */
export interface TranslationMemory {
  readonly pair: LanguagePair;
  readonly entries: readonly MemoryEntry[];
}

export interface FuzzyMatch {
  readonly entry: MemoryEntry;
  /** Similarity 0..1; 1 only for an exact (normalised) match. */
  readonly score: number;
}

export interface FuzzyOptions {
  /** Lowest score returned, 0..1. Default 0.75. */
  readonly threshold?: number;
  /** Most matches returned. Default 3. */
  readonly limit?: number;
}
