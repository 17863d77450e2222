// One line of inline Markdown, as the review file holds it and the publisher puts it at the start of a
// block. Shared by the Markdown reader (which renders segments in this canonical form) and the review file
// (which writes them as they are): so writing a rendered segment never changes it, and reading it back
// gives the same text.

/** Words at the start of a line that the review file reads as its own lines. */
const KEYWORD_START = /^(?:status[ \t]*:|previous[ \t]+source[ \t]*:|draft[ \t]*:|memory[ \t]+\d|comment[ \t]*:)/i;

/**
 * Escapes what would make the line more than inline text where a block starts: a heading, a quote, a list
 * item, a thematic break — and the review file's own keywords, written with a character reference for
 * their first letter (Markdown has no escape for letters), so they render as written.
 */
export function escapeLineStart(text: string): string {
  if (text === '') return text;
  if (KEYWORD_START.test(text)) return `&#${text.charCodeAt(0)};${text.slice(1)}`;
  const c = text.charAt(0);
  if (c === '#' || c === '>') return `\\${text}`;
  if ((c === '-' || c === '+') && (/^[-+](?:[ \t]|$)/.test(text) || /^-[- \t]*$/.test(text))) return `\\${text}`;
  if (c === '=' && /^=+[ \t]*$/.test(text)) return `\\${text}`;
  return text.replace(/^(\d{1,9})([.)])(?=[ \t]|$)/, '$1\\$2');
}

/** Any text as one canonical line of inline Markdown: line breaks become spaces, the start is escaped. */
export function toMarkdownLine(text: string): string {
  return escapeLineStart(text.replace(/[ \t]*[\r\n\u2028\u2029]+[ \t]*/g, ' ').trim());
}
