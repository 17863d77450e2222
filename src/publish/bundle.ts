// i18next resource bundles: one namespace per document, one key per block.
//
// Keys are stable: a front-matter field is `fm.<key>` (`fm.title`, `fm.image.alt`); any other block is the
// review-file id of its first segment (`s7a2acf00`), which is derived from its text once and then kept by
// the review file through edits of that sentence — never an array index, never a position. Editing,
// inserting or deleting text elsewhere in the document leaves every other key alone.
//
// Values are the published text of the block, exactly what the published document holds for it (inline
// Markdown for Markdown bodies). Values that i18next would interpret — `{{name}}`, `$t(other)` — and keys
// that contain i18next's separators (`.`, `:`) must come back from `t()` as written, so sites load the
// bundles with `I18NEXT_OPTIONS` (below), which turns key and namespace separators, interpolation and
// nesting off. The test loads the bundles into i18next itself.
import type { Block, SegmentId } from '../core/types.js';

/**
 * Options for `i18next.init` / `createInstance` that read bitext's bundles as plain text: no key or
 * namespace separators, and interpolation and nesting delimiters that cannot occur in text (U+0000 is
 * refused in every file bitext reads).
 */
export const I18NEXT_OPTIONS = {
  keySeparator: false,
  nsSeparator: false,
  returnNull: false,
  interpolation: { escapeValue: false, prefix: '\u0000{', suffix: '}\u0000', nestingPrefix: '\u0000$t(', nestingSuffix: ')\u0000' },
} as const;

/** The bundle key of a block. `firstId` is the review file's id of the block's first segment. */
export function bundleKey(block: Block, firstId: SegmentId): string {
  return block.kind === 'front-matter' && block.field !== undefined ? `fm.${block.field}` : firstId;
}

/** The bundle as JSON text: keys in document order, two-space indent, a final newline. */
export function toBundle(entries: readonly (readonly [string, string])[]): string {
  const bundle: Record<string, string> = {};
  for (const [key, value] of entries) Object.defineProperty(bundle, key, { value, enumerable: true, writable: true, configurable: true });
  return `${JSON.stringify(bundle, null, 2)}\n`;
}
