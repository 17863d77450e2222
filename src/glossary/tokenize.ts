// Word tokens with the separators between them. Matching works on tokens, never on raw substrings, which
// is what keeps the term "Rat" out of "Ratgeber" and "Beirat".

/** A run of letters, marks and digits; the soft hyphen counts as part of a word. */
const WORD = /[\p{L}\p{M}\p{N}\u00AD]+/gu;
const SOFT_HYPHEN = /\u00AD/g;
const HYPHENS = /[\u2010\u2011]/g; // hyphen, non-breaking hyphen -> "-"
const SPACES = /\s+/g; // includes no-break and narrow no-break space
/**
 * A soft hyphen, or a character from U+0300 on that may be a letter, mark or digit (everything there but
 * General Punctuation, U+2000–U+206F, and the currency signs, U+20A0–U+20CF). Without one, every word of
 * a text is kept as written: NFC leaves strings below U+0300 as they are, and lower-casing maps them one
 * character at a time.
 */
const CHANGES_WORDS = /[\u00AD\u0300-\u1FFF\u2070-\u209F\u20D0-\uFFFF]/;

/**
 * False when tokenize keeps every word of `text` as written (soft hyphens removed and NFC change
 * nothing), so a token's key is its text lower-cased and a substring of `text` lower-cased.
 */
export function mayChangeWords(text: string): boolean {
  return CHANGES_WORDS.test(text);
}

export interface Token {
  readonly start: number;
  readonly end: number;
  /** Word as written, soft hyphens removed, NFC. */
  readonly text: string;
  /** `text` lower-cased: the key of the term index. */
  readonly key: string;
  /** Normalised separator between the previous token and this one ('' for the first token). */
  readonly sepBefore: string;
}

/**
 * The separator between two words, normalised so that every kind of space is one space and every kind of
 * hyphen is "-": "Staats- und" and "Staats-\u00A0und" compare equal.
 */
export function normaliseSeparator(separator: string): string {
  if (separator === ' ' || separator === '-' || separator === '') return separator;
  return separator.replace(SPACES, ' ').replace(HYPHENS, '-');
}

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const normalise = mayChangeWords(text);
  let previousEnd = 0;
  for (const match of text.matchAll(WORD)) {
    const start = match.index;
    const raw = match[0];
    const cleaned = raw.includes('\u00AD') ? raw.replace(SOFT_HYPHEN, '') : raw;
    if (cleaned === '') continue; // a lone soft hyphen is not a word
    const word = normalise ? cleaned.normalize('NFC') : cleaned;
    tokens.push({
      start,
      end: start + raw.length,
      text: word,
      key: word.toLowerCase(),
      sepBefore: tokens.length === 0 ? '' : normaliseSeparator(text.slice(previousEnd, start)),
    });
    previousEnd = start + raw.length;
  }
  return tokens;
}

/** Text before the first token and after the last one, normalised like separators. */
export function edgeSeparators(text: string, tokens: readonly Token[]): { leading: string; trailing: string } {
  const first = tokens[0];
  const last = tokens[tokens.length - 1];
  if (first === undefined || last === undefined) return { leading: normaliseSeparator(text), trailing: '' };
  return {
    leading: normaliseSeparator(text.slice(0, first.start)),
    trailing: normaliseSeparator(text.slice(last.end)),
  };
}
