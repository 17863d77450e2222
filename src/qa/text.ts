// Text helpers shared by the QA checks: language codes, typographic folding for searching a target, word
// tokens. Kept here so every check folds and tokenizes the same way.
import type { LanguageCode } from '../core/types.js';

/** Stands for an inline code span, placeholder or protected span in the text given to checks. */
export const OPAQUE = '\uFFFC';

/** `en-GB` → `en`; lower case. */
export function primaryLanguage(lang: LanguageCode): string {
  const lower = lang.toLowerCase();
  const dash = lower.search(/[-_]/);
  return dash < 0 ? lower : lower.slice(0, dash);
}

/** Languages written without spaces between words: a term may stand anywhere in the text. */
const UNSPACED_LANGUAGES: ReadonlySet<string> = new Set(['zh', 'ja', 'th', 'lo', 'km', 'my', 'bo']);

export function isUnspaced(lang: LanguageCode): boolean {
  return UNSPACED_LANGUAGES.has(primaryLanguage(lang));
}

const APOSTROPHES = /[\u2018\u2019\u02BC\u2032]/g;
const HYPHENS = /[\u2010\u2011]/g;
const MIDDLE_DOTS = /[\u30FB\u2027\u2022\uFF65]/g;
const SOFT_HYPHEN = /\u00AD/g;
const SPACES = /\s+/g;
const NEEDS_FOLDING = /[\u2018\u2019\u02BC\u2032\u2010\u2011\u30FB\u2027\u2022\uFF65ёЁ\u00AD]|\s\s|[^\S ]/;

/**
 * Normalises spellings that differ only typographically, so "d’une" matches "d'une", "Объединенных"
 * matches "Объединённых" and "弗拉基米尔・普京" matches "弗拉基米尔·普京". Every replacement keeps the length
 * except soft-hyphen removal and space collapsing, so apply it to target and needle alike and compare spans
 * only with each other, never map them back to the original text.
 */
export function foldTypography(text: string, caseSensitive: boolean): string {
  let normal = text.normalize('NFC');
  if (NEEDS_FOLDING.test(normal)) {
    normal = normal
      .replace(APOSTROPHES, "'")
      .replace(HYPHENS, '-')
      .replace(MIDDLE_DOTS, '\u00B7')
      .replace(/ё/g, 'е')
      .replace(/Ё/g, 'Е')
      .replace(SOFT_HYPHEN, '')
      .replace(SPACES, ' ');
  }
  return caseSensitive ? normal : normal.toLowerCase();
}

export interface Span {
  readonly start: number;
  readonly end: number;
}

const WORD_CHAR_AT_END = /[\p{L}\p{M}\p{N}]$/u;
const WORD_CHAR_AT_START = /^[\p{L}\p{M}\p{N}]/u;

/**
 * Every occurrence of `needle` in `haystack`, both already folded with `foldTypography`. In spaced
 * languages a needle that starts (ends) with a letter must not continue a word before (after) it.
 */
export function findSpans(haystack: string, needle: string, spaced: boolean): Span[] {
  const spans: Span[] = [];
  if (needle === '') return spans;
  const checkStart = spaced && WORD_CHAR_AT_START.test(needle);
  const checkEnd = spaced && WORD_CHAR_AT_END.test(needle);
  for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + 1)) {
    const end = at + needle.length;
    // Two code units: the character before may be a surrogate pair.
    if (checkStart && WORD_CHAR_AT_END.test(haystack.slice(Math.max(0, at - 2), at))) continue;
    if (checkEnd && WORD_CHAR_AT_START.test(haystack.slice(end, end + 2))) continue;
    spans.push({ start: at, end });
  }
  return spans;
}

export interface Word {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

// Letters and digits, with inner hyphens and apostrophes kept ("Boutros-Ghali", "aujourd'hui") so that a
// compound is one word. U+FFFC is not a letter, so an opaque span is never part of a word.
const WORD = /[\p{L}\p{M}\p{N}]+(?:['’\-‐][\p{L}\p{M}\p{N}]+)*/gu;

const wordCache = new Map<string, readonly Word[]>();

/**
 * Word tokens of `text`. Several checks tokenize the same target, so the last few results are kept: the
 * function stays pure (same text, same words), the work is done once per segment.
 */
export function wordsOf(text: string): readonly Word[] {
  const cached = wordCache.get(text);
  if (cached !== undefined) return cached;
  const words: Word[] = [];
  for (const match of text.matchAll(WORD)) {
    words.push({ text: match[0], start: match.index, end: match.index + match[0].length });
  }
  if (wordCache.size >= 16) wordCache.clear();
  wordCache.set(text, words);
  return words;
}

/** Quotes a piece of text for a message in the German style used throughout bitext's messages. */
export function quote(text: string): string {
  return `„${text}“`;
}

/** `"a", "b" and "c"` — for lists in messages. */
export function listWords(items: readonly string[], conjunction = 'and'): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${conjunction} ${items[items.length - 1] ?? ''}`;
}

/** Shortens a long text for a message, keeping its start. */
export function excerpt(text: string, max = 60): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}
