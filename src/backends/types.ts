import type { LanguagePair, ProgressListener } from '../core/types.js';
import type { Glossary } from '../glossary/types.js';

/** A glossary term inside one segment, with the target the backend must produce for it. */
export interface SegmentTerm {
  /** UTF-16 offsets into `BackendSegment.text`. */
  readonly start: number;
  readonly end: number;
  /** Required target text; equals the source text for do-not-translate terms. */
  readonly target: string;
  readonly doNotTranslate: boolean;
}

export interface BackendSegment {
  readonly text: string;
  readonly terms: readonly SegmentTerm[];
}

export interface TranslateRequest {
  readonly pair: LanguagePair;
  readonly segments: readonly BackendSegment[];
  /**
   * Text that informs the translation but is not translated (DeepL does not bill it): the paragraph the
   * segments come from. The workflow only batches segments that share a context.
   */
  readonly context?: string;
  /** Result of `prepareGlossary`, when the backend has that capability. */
  readonly glossary?: GlossaryRef;
}

export interface TranslateResult {
  readonly text: string;
  /** Characters the provider billed for this segment (0 when unknown/free). */
  readonly billedCharacters: number;
}

export interface GlossaryRef {
  readonly id: string;
  readonly name: string;
}

export interface BackendLimits {
  /** Most segments in one request. */
  readonly maxSegments: number;
  /** Most UTF-8 bytes of segment text (plus context) in one request. */
  readonly maxBytes: number;
}

export interface Usage {
  readonly characterCount: number;
  readonly characterLimit: number;
}

/**
 * A translation provider. One result per input segment, in order; the workflow batches by `limits`,
 * the backend never re-batches. It throws only `BackendError`.
 */
export interface TranslationBackend {
  readonly name: string;
  readonly limits: BackendLimits;
  /** Requests the backend may have in flight at once. */
  readonly concurrency: number;
  /** True when the backend already retries rate limits and network faults itself (the workflow then does not). */
  readonly handlesRetries: boolean;
  translate(request: TranslateRequest, signal?: AbortSignal): Promise<TranslateResult[]>;
  /** Optional capability: a server-side glossary for a language pair. */
  prepareGlossary?(glossary: Glossary, pair: LanguagePair): Promise<GlossaryRef | undefined>;
  /** Optional capability: account usage, printed after a run. */
  getUsage?(): Promise<Usage | undefined>;
  /** Optional capability: target languages the backend accepts (lower-case codes). */
  supportsTarget?(lang: string): Promise<boolean>;
}

export interface BackendOptions {
  /** Environment to read keys and knobs from (injected; never `process.env` below `cli/`). */
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly onProgress?: ProgressListener;
  /** Overrides the backend's default concurrency. */
  readonly concurrency?: number;
  /** Backend-specific settings from the command line (e.g. `formality`, `en`: `en-US`). */
  readonly settings?: Readonly<Record<string, string>>;
}

export type BackendFactory = (options: BackendOptions) => Promise<TranslationBackend>;
