// Text keys for matching: the memory's exact-match and fuzzy keys, and the text a segment id is derived
// from. Stored text keeps its exact form; only comparisons and ids are normalised.

const WHITESPACE_RUN = /\s+/gu;

/**
 * A character that normalisation may change: anything from U+0300 up (below it every character is NFC
 * and none combines with a neighbour: combining marks, Hangul jamo and the NFC singletons all lie
 * above), or whitespace other than a plain space (tab, line ends, U+00A0). One character class, so the
 * engine scans without backtracking.
 */
const UNSAFE_CHARACTER = /[^\u0000-\u0008\u000E-\u009F\u00A1-\u02FF]/;

/** True when the text is certainly its own key: no unsafe character, no leading, trailing or double space. */
function isOwnKey(text: string): boolean {
  return !(
    UNSAFE_CHARACTER.test(text) ||
    text.charCodeAt(0) === 0x20 ||
    text.charCodeAt(text.length - 1) === 0x20 ||
    text.includes('  ')
  );
}

/**
 * The exact-match key of a segment: Unicode NFC, every whitespace run (including no-break spaces and
 * line breaks) collapsed to one space, trimmed. Two sources with the same key are the same sentence.
 */
export function normalizeSegmentText(text: string): string {
  // Most sentences are already keys; testing costs a fraction of normalising and allocates nothing.
  if (isOwnKey(text)) return text;
  return text.normalize('NFC').replace(WHITESPACE_RUN, ' ').trim();
}

/** The fuzzy-match form: the exact-match key, case-folded, so capitalisation changes cost nothing. */
export function foldSegmentText(text: string): string {
  return normalizeSegmentText(text).toLowerCase();
}
