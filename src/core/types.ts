// Shared vocabulary of every pipeline stage. This module imports nothing.

/** A stable segment identity: derived from content once, then persisted. Never an array index. */
export type SegmentId = string;

/** BCP-47-ish language code as the user writes it: `de`, `en`, `en-GB`, `pt-BR`, `zh`. */
export type LanguageCode = string;

export interface LanguagePair {
  readonly source: LanguageCode;
  readonly target: LanguageCode;
}

/** One sentence (or sentence-like unit) of a source document. */
export interface Segment {
  readonly id: SegmentId;
  /** The sentence exactly as in the source, trimmed. */
  readonly text: string;
}

/** Kinds of block a paragraph can come from; plain text only yields `paragraph`. */
export type BlockKind = 'paragraph' | 'heading' | 'list-item' | 'blockquote' | 'table-cell' | 'front-matter';

export interface Paragraph {
  readonly kind: BlockKind;
  readonly segments: readonly Segment[];
}

/** A source document after reading and segmentation. */
export interface SourceDocument {
  /** Path relative to the project root, with forward slashes (e.g. `seeds/a.txt`). */
  readonly path: string;
  /** File name without extension; names the bilingual and published files. */
  readonly name: string;
  readonly format: 'text' | 'markdown';
  /** sha256 of the decoded text (after BOM removal and CRLF normalisation), hex. */
  readonly hash: string;
  readonly paragraphs: readonly Paragraph[];
  /** Front matter of Markdown sources, as plain data (never executed). */
  readonly frontMatter?: Readonly<Record<string, unknown>>;
}

export type Severity = 'error' | 'warning' | 'info';

/** A content problem with a position. Stages return these instead of throwing. */
export interface Diagnostic {
  readonly severity: Severity;
  /** Rule id, kebab-case: `glossary-missing-target`, `glossary-forbidden`, … */
  readonly rule: string;
  readonly message: string;
  readonly file?: string;
  readonly line?: number;
  readonly segmentId?: SegmentId;
}

/** Review states of a translated segment. */
export const SEGMENT_STATUSES = ['new', 'machine', 'edited', 'reviewed', 'approved', 'stale'] as const;
export type SegmentStatus = (typeof SEGMENT_STATUSES)[number];

/** Statuses whose target is a person's work and must never be overwritten. */
export const HUMAN_STATUSES: ReadonlySet<SegmentStatus> = new Set(['edited', 'reviewed', 'approved']);

/** A progress event from a stage; only `cli/` renders them. */
export type ProgressEvent =
  | { readonly type: 'batch-start'; readonly lang: LanguageCode; readonly segments: number; readonly characters: number }
  | { readonly type: 'batch-done'; readonly lang: LanguageCode; readonly segments: number; readonly characters: number }
  | { readonly type: 'retry'; readonly attempt: number; readonly delayMs: number; readonly reason: string }
  | { readonly type: 'message'; readonly text: string };

export type ProgressListener = (event: ProgressEvent) => void;
