// The two-way lens every source format implements: read a file into blocks and segments, and map a
// translation back onto a segment's markup. The workflow only ever talks to this interface, so adding a
// format means adding a module and one line in `formats.ts` — nothing in the workflow changes.
import type { Block, InlineCode, InlinePart, Segment, SourceDocument, SourceFormatName } from '../core/types.js';
import type { FrontMatterValue } from './front-matter.js';
import type { SegmentationRules } from '../segmentation/rules.js';

export interface ReadOptions {
  /** Front-matter keys that are translated (Markdown); dotted paths. */
  readonly frontMatterKeys?: readonly string[];
  /** The project's join/split rules, applied after the German splitter. */
  readonly segmentation?: SegmentationRules;
}

export interface ReadResult {
  readonly blocks: readonly Block[];
  /** Front matter as plain data, for formats that have one. */
  readonly frontMatter?: Readonly<Record<string, unknown>>;
}

export interface TargetProblem {
  /** `missing`/`changed`: markup of the source is not in the target as written (errors); `extra`: markup of the target's own; `block`: the target reads as more than inline text (warnings). */
  readonly kind: 'missing' | 'changed' | 'extra' | 'block';
  readonly severity: 'error' | 'warning';
  readonly message: string;
}

/** A target mapped onto the source segment's markup, and what did not map. */
export interface ParsedTarget {
  /** Parts referring to the segment's code ids, and to `ownCodes` for markup only the target has. */
  readonly parts: readonly InlinePart[];
  /** Markup of the target that does not match the source's (a lost link, a changed URL, edited code). */
  readonly problems: readonly TargetProblem[];
  readonly ownCodes?: readonly InlineCode[];
}

/** What `write` needs to put translations back into a source. */
export interface WriteInput {
  /** The decoded source text the document was read from (BOM removed, LF line ends). */
  readonly text: string;
  readonly doc: SourceDocument;
  /** The translation of every segment, block by block (`targets[b][s]`), as the review file holds it. */
  readonly targets: readonly (readonly string[])[];
  /** Keys to set in the front matter (language, provenance); formats without one ignore them. */
  readonly frontMatter?: Readonly<Record<string, FrontMatterValue>>;
}

export interface WriteResult {
  /** The target-language document (LF line ends, no BOM: the caller restores the source's). */
  readonly text: string;
  /** What was put in place of each block, by block index: the text a resource bundle gets. */
  readonly blocks: readonly string[];
}

export interface SourceFormat {
  readonly name: SourceFormatName;
  /** Lower-case file extensions with the dot. */
  readonly extensions: readonly string[];
  /**
   * Decoded text → blocks of segments. Pure. Content problems throw `BitextError('input', …, { line })`
   * without a file name; the caller knows the file and adds it.
   */
  read(text: string, options: ReadOptions): ReadResult;
  /** A target as a reviewer wrote it (or bitext rendered it) → parts referring to the segment's codes. */
  parseTarget(target: string, segment: Segment): ParsedTarget;
  /** `parseTarget` of each item, as one batch (a document's targets): the same results, faster. */
  parseTargets(items: readonly { readonly target: string; readonly segment: Segment }[]): ParsedTarget[];
  /** Parts referring to the segment's codes (a backend's answer) → the target as the reviewer edits it. */
  renderTarget(parts: readonly InlinePart[], segment: Segment): string;
  /**
   * The other direction of the lens: the source with every block's text replaced by its translation and
   * everything else byte for byte as it was.
   */
  write(input: WriteInput): WriteResult;
}
