// Text keys for matching. Stored entries keep their exact text; only comparisons are normalised.

const WHITESPACE_RUN = /\s+/gu;

/**
 * The exact-match key of a segment: Unicode NFC, every whitespace run (including no-break spaces and
 * line breaks) collapsed to one space, trimmed. Two sources with the same key are the same sentence.
 */
export function normalizeSegmentText(text: string): string {
  return text.normalize('NFC').replace(WHITESPACE_RUN, ' ').trim();
}

/** The fuzzy-match form: the exact-match key, case-folded, so capitalisation changes cost nothing. */
export function foldSegmentText(text: string): string {
  return normalizeSegmentText(text).toLowerCase();
}
