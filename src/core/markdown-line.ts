// One line of inline Markdown, as the review file holds it and the publisher puts it at the start of a
// block. Shared by the Markdown reader (which renders segments in this canonical form) and the review file
// (which writes them as they are): so writing a rendered segment never changes it, and reading it back
// gives the same text.

/** Words at the start of a line that the review file reads as its own lines. */
const KEYWORD_START = /^(?:status[ \t]*:|previous[ \t]+source[ \t]*:|draft[ \t]*:|memory[ \t]+\d|comment[ \t]*:|accept[ \t]+[a-z]|changes[ \t]*:)/i;

/**
 * Escapes what would make the line more than inline text where a block starts: a heading, a quote, a list
 * item, a thematic break — and the review file's own keywords, written with a character reference for
 * their first letter (Markdown has no escape for letters), so they render as written.
 */
export function escapeLineStart(text: string): string {
  if (text === '') return text;
  if (KEYWORD_START.test(text)) return `&#${text.charCodeAt(0)};${text.slice(1)}`;
  // The file's own lines: a segment marker, and the placeholder of an empty target.
  if (/^<!--[ \t]*bitext(?![-\w])/i.test(text) || /^(?:🔴|🟠|🟣|🟡|🔵|🟢|⚪)/u.test(text)) return `&#${text.codePointAt(0)};${text.slice(text.codePointAt(0)! > 0xffff ? 2 : 1)}`;
  if (/^_\(no translation yet\b/i.test(text)) return `\\${text}`;
  const c = text.charAt(0);
  if (c === '#' || c === '>') return `\\${text}`;
  if ((c === '-' || c === '+' || c === '*') && (/^[-+*](?:[ \t]|$)/.test(text) || /^([-*_])[- *_\t]*$/.test(text))) return `\\${text}`;
  if (c === '_' && /^_[_ \t]*$/.test(text)) return `\\${text}`;
  if (c === '=' && /^=+[ \t]*$/.test(text)) return `\\${text}`;
  return text.replace(/^(\d{1,9})([.)])(?=[ \t]|$)/, '$1\\$2');
}

/**
 * Characters a reviewer could not see or an editor would not keep — controls, bidirectional overrides and
 * isolates, the BOM, unpaired surrogates — written as character references, which Markdown reads back as
 * the character (an unpaired surrogate, which UTF-8 cannot hold, as U+FFFD).
 */
const INVISIBLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Any character INVISIBLE could match, surrogates paired or not: one class, scanned without lookaround. */
const MAYBE_INVISIBLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff\ud800-\udfff]/;

export function escapeInvisible(text: string): string {
  // Every line of every review file passes here; nearly all hold nothing to escape.
  if (!MAYBE_INVISIBLE.test(text)) return text;
  return text.replace(INVISIBLE, (ch) => `&#x${ch.charCodeAt(0).toString(16).toUpperCase()};`);
}

/** Any text as one canonical line of inline Markdown: line breaks become spaces, the start is escaped. */
export function toMarkdownLine(text: string): string {
  return escapeLineStart(text.replace(/[ \t]*[\r\n\u2028\u2029\u0085]+[ \t]*/g, ' ').replace(/^[ \t]+|[ \t]+$/g, ''));
}
