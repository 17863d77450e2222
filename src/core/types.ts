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
  /**
   * The sentence as a reviewer reads and edits it: exactly as in the source (trimmed) for plain text; inline
   * Markdown for Markdown sources. What alignment and the translation memory compare.
   */
  readonly text: string;
  /**
   * The sentence without markup: the text of every text run, and one character for every empty inline
   * code — U+FFFC (OBJECT_REPLACEMENT) for inline code, an image, a footnote reference, inline HTML; a line
   * break for a hard break. What ids hash, glossary terms are found in and QA reads. Equal to `text` for
   * plain text.
   */
  readonly plain: string;
  /** Inline markup as typed placeholders; absent for plain text. */
  readonly inline?: InlineContent;
}

/** U+FFFC: stands for an empty inline code in `Segment.plain`. */
export const OBJECT_REPLACEMENT = '\uFFFC';

/** Kinds of block a translatable text can come from; plain text only yields `paragraph`. */
export type BlockKind =
  | 'paragraph'
  | 'heading'
  | 'list-item'
  | 'blockquote'
  | 'table-cell'
  | 'footnote'
  | 'image-alt'
  | 'front-matter';

/** Where something stands in a source file: UTF-16 offsets into the decoded text. */
export interface SourceRange {
  readonly start: number;
  readonly end: number;
}

/** A unit of translatable text of a source: a plain-text line, a Markdown paragraph or heading, a front-matter field. */
export interface Block {
  readonly kind: BlockKind;
  /** Headings: 1–6. */
  readonly depth?: number;
  /** Front-matter fields: the key path, dotted (`title`, `image.caption`). */
  readonly field?: string;
  /** Image alt texts: where the image stands in the source (its code's `anchor`). */
  readonly anchor?: number;
  /** 1-based line of the source file where the block starts. */
  readonly line: number;
  /** Where the block's translatable content stands in the source, to put the translation back. */
  readonly range: SourceRange;
  readonly segments: readonly Segment[];
}

/** A source document after reading and segmentation. */
export interface SourceDocument {
  /** Path relative to the project root, with forward slashes (e.g. `seeds/a.txt`). */
  readonly path: string;
  /** File name without extension; names the bilingual and published files. */
  readonly name: string;
  readonly format: SourceFormatName;
  /** sha256 of the decoded text (after BOM removal and CRLF normalisation), hex. */
  readonly hash: string;
  readonly blocks: readonly Block[];
  /** Front matter of Markdown sources, as plain data (never executed). */
  readonly frontMatter?: Readonly<Record<string, unknown>>;
  /** What reading found worth a look, with line and column: invisible and bidirectional control characters. */
  readonly warnings?: readonly Diagnostic[];
}

export type SourceFormatName = 'text' | 'markdown';

// ---------------------------------------------------------------------------------------------------------
// Inline markup. A segment of a Markdown source is a sequence of text runs and placeholders; each placeholder
// refers to a code that keeps the markup as written. The text sent to a backend (placeholders as tags), the
// text a reviewer edits (inline Markdown) and the text published are three renderings of this one model.

/** Paired codes wrap text; every other kind is empty (a placeholder that stands for itself). */
export type InlineCodeKind =
  | 'emphasis'
  | 'strong'
  | 'strikethrough'
  | 'link'
  | 'code'
  | 'footnote-ref'
  | 'html'
  | 'break'
  | 'image'
  | 'math'
  | 'autolink'
  | 'protected';

export const PAIRED_CODE_KINDS: ReadonlySet<InlineCodeKind> = new Set(['emphasis', 'strong', 'strikethrough', 'link']);

export interface InlineCode {
  readonly kind: InlineCodeKind;
  /** 1-based, unique within its segment: what the placeholders of a backend answer and a target refer to. */
  readonly id: number;
  /** Markdown before the content of a paired code (`**`, `[`); the whole construct of an empty one (`` `npm` ``). */
  readonly open: string;
  /** Markdown after the content of a paired code (`**`, `](https://example.com "Title")`). */
  readonly close?: string;
  /** Links and images: the destination, which QA compares and no request carries. */
  readonly url?: string;
  /** Text that must come back verbatim: a protected glossary term (sent, never translated). */
  readonly text?: string;
  /** Markdown the code needs to be read on its own: the definition of a reference link or footnote. */
  readonly definition?: string;
  /** Images: where the image stands in the source, which names the block of its alt text. */
  readonly anchor?: number;
}

export type InlinePart =
  | { readonly type: 'text'; readonly text: string }
  | { readonly type: 'open' | 'close' | 'empty'; readonly id: number };

export interface InlineContent {
  readonly parts: readonly InlinePart[];
  readonly codes: readonly InlineCode[];
}

export type Severity = 'error' | 'warning' | 'info';

/** A content problem with a position. Stages return these instead of throwing. */
export interface Diagnostic {
  readonly severity: Severity;
  /** Rule id, kebab-case: `glossary-missing-target`, `glossary-forbidden`, … */
  readonly rule: string;
  readonly message: string;
  /** How to fix it. */
  readonly hint?: string;
  readonly file?: string;
  readonly line?: number;
  /** 1-based column in `line` (UTF-16 code units), where it helps an editor jump to the character. */
  readonly column?: number;
  readonly segmentId?: SegmentId;
}

/** Review states of a translated segment. */
export const SEGMENT_STATUSES = ['new', 'machine', 'edited', 'reviewed', 'approved', 'stale'] as const;
export type SegmentStatus = (typeof SEGMENT_STATUSES)[number];

/** Statuses whose target is a person's work and must never be overwritten. */
export const HUMAN_STATUSES: ReadonlySet<SegmentStatus> = new Set(['edited', 'reviewed', 'approved']);

/** A progress event from a stage; only `cli/` renders them. */
export type ProgressEvent =
  /** Once per target language, before the first request: what this run sends in all (batch events add up to it). */
  | { readonly type: 'plan'; readonly lang: LanguageCode; readonly segments: number; readonly characters: number }
  | { readonly type: 'batch-start'; readonly lang: LanguageCode; readonly segments: number; readonly characters: number }
  | { readonly type: 'batch-done'; readonly lang: LanguageCode; readonly segments: number; readonly characters: number }
  | { readonly type: 'retry'; readonly attempt: number; readonly delayMs: number; readonly reason: string }
  | { readonly type: 'message'; readonly text: string };

export type ProgressListener = (event: ProgressEvent) => void;
