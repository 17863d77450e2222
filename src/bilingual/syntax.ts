// The line kinds of a bilingual file, shared by the writer and the parser so that the writer's escaping
// always covers exactly what the parser would read as structure.
import type { BlockKind } from '../core/types.js';

/** Version 2: hashes out of the YAML, no derived counts, comments, accepted findings, one-word actions. */
export const FORMAT_VERSION = 2;

/** Every BlockKind, at run time; the `satisfies` plus the check below break the build if core adds one. */
export const BLOCK_KINDS = [
  'paragraph',
  'heading',
  'list-item',
  'blockquote',
  'table-cell',
  'footnote',
  'image-alt',
  'front-matter',
] as const satisfies readonly BlockKind[];
type MissingKind = Exclude<BlockKind, (typeof BLOCK_KINDS)[number]>;
const allKindsListed: MissingKind extends never ? true : false = true;
void allKindsListed;

/** Shown where a segment has no translation; typed over by the reviewer. Renders as italic text. */
export const PLACEHOLDER = '_(no translation yet: replace this line with the translation)_';
/** Recognises the placeholder even when the reviewer typed after it on the same line. */
export const PLACEHOLDER_START = /^_\(no translation yet\b[^)]*\)_?/i;

// Exactly four hashes: the `# ` title line, whatever its text, must never read as a paragraph heading.
export const HEADING_LINE = /^####[ \t]*¶(?:[ \t]+(.*))?$/;
export const COMMENT_START = /^<!--/;
export const MARKER_START = /^<!--[ \t]*bitext(?![-\w])/i;
export const MARKER_LINE = /^<!--[ \t]*bitext[ \t]+(\S+)(?:[ \t]+mt=(\S*))?[ \t]*-->$/i;
export const QUOTE_LINE = /^>[ \t]?(.*)$/;
/**
 * The mark in front of the status word, so the state of every segment shows at a glance on GitHub: what is
 * left to do is red, orange or purple. Derived from the word; the reader ignores it.
 */
export const STATUS_MARKS = { new: '🔴', machine: '🟠', stale: '🟣', edited: '🟡', reviewed: '🔵', approved: '🟢' } as const;
const MARK = String.raw`(?:(?:🔴|🟠|🟣|🟡|🔵|🟢|⚪)️?[ 	]*)?`;
export const STATUS_LINE = new RegExp(String.raw`^${MARK}status[ 	]*:[ 	]*(.*)$`, 'iu');
/** One-word instructions a reviewer may write instead of a status. */
export const ACTIONS = ['use-draft', 'use-memory', 'join'] as const;

// Extra lines after the status line; written as a Markdown list so GitHub shows one per line, read with or
// without the bullet because a reviewer may drop it.
const BULLET = String.raw`(?:[-*+][ \t]+)?`;
export const PREVIOUS_SOURCE_LINE = new RegExp(String.raw`^${BULLET}previous[ \t]+source[ \t]*:[ \t]*(.*)$`, 'i');
export const DRAFT_LINE = new RegExp(String.raw`^${BULLET}draft[ \t]*:[ \t]*(.*)$`, 'i');
export const COMMENT_LINE = new RegExp(String.raw`^${BULLET}comment[ \t]*:[ \t]*(.*)$`, 'i');
/** `- accept numbers-changed: the figure is rounded on purpose` */
export const ACCEPT_START = new RegExp(String.raw`^${BULLET}accept[ \t]+[a-z]`, 'i');
export const ACCEPT_LINE = new RegExp(String.raw`^${BULLET}accept[ \t]+([a-z][a-z0-9-]*)[ \t]*:[ \t]*(.*)$`, 'i');
/** Derived: the word-by-word change between the previous and the current source. Ignored when reading. */
export const CHANGES_LINE = new RegExp(String.raw`^${BULLET}changes[ \t]*:`, 'i');
/** Anything that starts like a memory line is one; a malformed one is an error, never target text. */
export const MEMORY_START = new RegExp(String.raw`^${BULLET}memory[ \t]+\d`, 'i');
export const MEMORY_LINE = new RegExp(
  String.raw`^${BULLET}memory[ \t]+(\d{1,3})[ \t]*%[ \t]+(source|target)[ \t]*:[ \t]*(.*)$`,
  'i',
);

/** Text that would be read as one of our own line kinds if it stood at the start of a line. */
export const KEYWORD_START = /^(?:(?:🔴|🟠|🟣|🟡|🔵|🟢|⚪)|status[ \t]*:|previous[ \t]+source[ \t]*:|draft[ \t]*:|memory[ \t]+\d|comment[ \t]*:|accept[ \t]+[a-z]|changes[ \t]*:)/iu;

export const SEPARATOR = ' · ';
