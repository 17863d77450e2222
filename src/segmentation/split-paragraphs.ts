// Plain text has no block syntax: every non-blank line is one paragraph (news feeds put one paragraph per
// line and use no blank-line convention we could rely on).

/**
 * Splits plain text into paragraphs: one per non-blank line, trimmed. `\r\n` and lone `\r` count as line
 * breaks. A byte-order mark is whitespace to `String.prototype.trim`, so a stray BOM never leaks into text.
 */
export function splitParagraphs(text: string): string[] {
  const paragraphs: string[] = [];
  for (const line of text.split(/\r\n|\r|\n/)) {
    const trimmed = line.trim();
    if (trimmed.length > 0) paragraphs.push(trimmed);
  }
  return paragraphs;
}
