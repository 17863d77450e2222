// Text helpers shared by the QA checks: language codes, typographic folding for searching a target, word
// tokens. Kept here so every check folds and tokenizes the same way.
import type { LanguageCode } from '../core/types.js';

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
const NON_ASCII = /[^\x00-\x7F]/;
const ODD_SPACES = /\s\s|[\t\n\r\f\v]/;
// NFC changes only combining sequences, Hangul jamo and a few singletons (Ω, Å, CJK compatibility
// ideographs …); text without them is already NFC, and normalising 100,000 segments is not free. The
// ranges cover the combining marks of Latin, Greek, Cyrillic, Hebrew, Arabic, Devanagari and Bengali
// script and the general combining blocks (without the slow `u` flag).
const NEEDS_NFC =
  /[\u0300-\u036F\u0483-\u0489\u0591-\u05C7\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0900-\u0903\u093A-\u094F\u0951-\u0957\u0962\u0963\u0981-\u0983\u09BC-\u09D7\u1AB0-\u1AFF\u1DC0-\u1DFF\u20D0-\u20FF\uFE20-\uFE2F\u3099\u309A\u0340-\u0344\u0374\u037E\u0387\u1100-\u11FF\u1F71-\u1FFD\u2000\u2001\u2126\u212A\u212B\u2329\u232A\uF900-\uFAFF]/;
const NEEDS_FOLDING = /[\u2018\u2019\u02BC\u2032\u2010\u2011\u30FB\u2027\u2022\uFF65ёЁ\u00AD]|\s\s|[^\S ]/;

/**
 * Normalises spellings that differ only typographically, so "d’une" matches "d'une", "Объединенных"
 * matches "Объединённых" and "弗拉基米尔・普京" matches "弗拉基米尔·普京". Every replacement keeps the length
 * except soft-hyphen removal and space collapsing, so apply it to target and needle alike and compare spans
 * only with each other, never map them back to the original text.
 */
export function foldTypography(text: string, caseSensitive: boolean): string {
  // Plain ASCII needs none of the folding but the spaces (the common case for English targets).
  if (!NON_ASCII.test(text)) {
    const spaced = ODD_SPACES.test(text) ? text.replace(SPACES, ' ') : text;
    return caseSensitive ? spaced : spaced.toLowerCase();
  }
  let normal = NEEDS_NFC.test(text) ? text.normalize('NFC') : text;
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

/** Does `needle` occur in `haystack` as `findSpans` would find it? Stops at the first hit. */
export function hasSpan(haystack: string, needle: string, spaced: boolean): boolean {
  if (needle === '') return false;
  const checkStart = spaced && isWordChar(needle, 0);
  const checkEnd = spaced && isWordChar(needle, needle.length - 1);
  for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + 1)) {
    const end = at + needle.length;
    if (checkStart && at > 0 && isWordCharBefore(haystack, at)) continue;
    if (checkEnd && end < haystack.length && isWordChar(haystack, end)) continue;
    return true;
  }
  return false;
}

/**
 * Every occurrence of `needle` in `haystack`, both already folded with `foldTypography`. In spaced
 * languages a needle that starts (ends) with a letter must not continue a word before (after) it.
 */
export function findSpans(haystack: string, needle: string, spaced: boolean): Span[] {
  const spans: Span[] = [];
  if (needle === '') return spans;
  const checkStart = spaced && isWordChar(needle, 0);
  const checkEnd = spaced && isWordChar(needle, needle.length - 1);
  for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + 1)) {
    const end = at + needle.length;
    if (checkStart && at > 0 && isWordCharBefore(haystack, at)) continue;
    if (checkEnd && end < haystack.length && isWordChar(haystack, end)) continue;
    spans.push({ start: at, end });
  }
  return spans;
}

/** Is the character before `at` (a surrogate pair counts as one) a letter, mark or digit? */
function isWordCharBefore(text: string, at: number): boolean {
  const code = text.charCodeAt(at - 1);
  return code >= 0xdc00 && code <= 0xdfff && at >= 2 ? isWordChar(text, at - 2) : isWordChar(text, at - 1);
}

export interface Word {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

const wordCache = new Map<string, readonly Word[]>();
const WORD_CHAR = /[\p{L}\p{M}\p{N}]/u;

/** A letter, mark or digit; classified by code for the common scripts, by one test for the rest. */
export function isWordChar(text: string, i: number): boolean {
  const code = text.charCodeAt(i);
  if (code < 128) return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57);
  if ((code >= 0xc0 && code <= 0x24f && code !== 0xd7 && code !== 0xf7) || (code >= 0x300 && code <= 0x52f)) return true;
  if ((code >= 0x3040 && code <= 0x30ff) || (code >= 0x3400 && code <= 0x9fff) || (code >= 0xac00 && code <= 0xd7a3)) return true;
  if (code === 0xfffc || (code >= 0x2000 && code <= 0x2bff) || (code >= 0x3000 && code <= 0x303f) || (code >= 0xff00 && code <= 0xff0f)) return false;
  if (code >= 0xd800 && code <= 0xdbff) return WORD_CHAR.test(text.slice(i, i + 2));
  return WORD_CHAR.test(text.charAt(i));
}

function isJoiner(code: number): boolean {
  return code === 39 || code === 0x2019 || code === 45 || code === 0x2010;
}

/**
 * Word tokens of `text`: letters and digits, with inner hyphens and apostrophes kept ("Boutros-Ghali",
 * "aujourd'hui") so that a compound is one word. U+FFFC is not a letter, so an opaque span is never part
 * of a word. Several checks tokenize the same target, so the last few results are kept: the function
 * stays pure (same text, same words), the work is done once per segment.
 */
export function wordsOf(text: string): readonly Word[] {
  const cached = wordCache.get(text);
  if (cached !== undefined) return cached;
  const words: Word[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    if (!isWordChar(text, i)) {
      i++;
      continue;
    }
    let j = i + (text.charCodeAt(i) >= 0xd800 && text.charCodeAt(i) <= 0xdbff ? 2 : 1);
    for (;;) {
      while (j < n && isWordChar(text, j)) j += text.charCodeAt(j) >= 0xd800 && text.charCodeAt(j) <= 0xdbff ? 2 : 1;
      if (j + 1 < n && isJoiner(text.charCodeAt(j)) && isWordChar(text, j + 1)) {
        j += 1;
        continue;
      }
      break;
    }
    words.push({ text: text.slice(i, j), start: i, end: j });
    i = j;
  }
  if (wordCache.size >= 16) wordCache.clear();
  wordCache.set(text, words);
  return words;
}

/** NFC (where needed), runs of white space as one space, trimmed: for comparing two texts as text. */
export function normaliseText(text: string): string {
  const nfc = NEEDS_NFC.test(text) ? text.normalize('NFC') : text;
  return nfc.replace(/\s+/g, ' ').trim();
}

/** Is the character at `i` white space (for the ends of a text)? */
export function isSpaceAt(text: string, i: number): boolean {
  const code = text.charCodeAt(i);
  if (code === 32 || (code >= 9 && code <= 13)) return true;
  return code > 127 && /\s/.test(text.charAt(i));
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
