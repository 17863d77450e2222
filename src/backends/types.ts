import type { InlineCodeKind, InlinePart, LanguagePair, ProgressListener } from '../core/types.js';
import type { Glossary } from '../glossary/types.js';

/** A placeholder sent to a backend: its kind and role, never its markup (no URL or code leaves the machine). */
export interface BackendCode {
  readonly id: number;
  readonly kind: InlineCodeKind;
  /** Paired codes wrap text (`open` … `close`); the others are empty placeholders. */
  readonly paired: boolean;
  /** Protected spans (do-not-translate glossary terms): the text, which must come back verbatim. */
  readonly text?: string;
}

/** A glossary term whose translation the backend should put in (backends without server glossaries). */
export interface SegmentTerm {
  /** The term as it stands in the segment's text. */
  readonly source: string;
  readonly target: string;
}

export interface BackendSegment {
  /** What is billed: the text runs and the protected texts, without placeholders. */
  readonly text: string;
  /** The sentence as text runs and placeholders referring to `codes`. Plain text: one text run. */
  readonly parts: readonly InlinePart[];
  readonly codes: readonly BackendCode[];
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
  /** The translation as text runs and placeholders referring to the codes sent. */
  readonly parts: readonly InlinePart[];
  /** Characters the provider billed for this segment (0 when unknown/free). */
  readonly billedCharacters: number;
  /**
   * Set when the answer's markup could not be read (malformed tags, an unknown placeholder); `parts` then
   * holds the text that could be recovered. The workflow decides what to do; the batch is never lost.
   */
  readonly problem?: string;
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
  /** Attempts the workflow makes for a retryable failure (rate limit, server error, time-out); default 4. */
  readonly maxAttempts?: number;
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
