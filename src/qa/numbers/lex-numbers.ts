// The lexer of the number reader: digit runs with their inner separators, words, and single marks, read
// only where a number may stand. Kept apart from the interpretation so each stays readable.

/** A digit run ("1.000,5", "01.02.2024", "1 000 000"), a word (letters of any script but CJK), or one mark. */
export interface Lexeme {
  readonly kind: 'digits' | 'word' | 'mark';
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

const SPACE_SEPARATOR = /[ \u00A0\u202F\u2009]/;

// Lexing by hand: a regular expression with Unicode script classes cost more than everything else the
// reader does. ASCII and the common Latin and Cyrillic ranges are classified by code; the rest by one
// precompiled test per character.
const LETTER_OR_MARK = /[\p{L}\p{M}]/u;
const WHITE = /\s/;

function isSpaceCode(code: number): boolean {
  return code === 32 || (code >= 9 && code <= 13) || code === 0xa0 || code === 0x202f || (code >= 0x2000 && code <= 0x200a) || code === 0x3000;
}

export function isDigitCode(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** ASCII or full-width (０–９, in Chinese and Japanese text) digit. */
function isAnyDigitCode(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 0xff10 && code <= 0xff19);
}

const FULLWIDTH_DIGITS = /[０-９]/g;

/** Full-width digits as ASCII, so that every later step reads "２０２４" as 2024. */
function asciiDigits(raw: string): string {
  for (let k = 0; k < raw.length; k++) {
    if (raw.charCodeAt(k) >= 0xff10) return raw.replace(FULLWIDTH_DIGITS, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
  }
  return raw;
}

/** A letter of a word: not CJK (whose characters are read one by one), not a digit. */
function isWordChar(text: string, i: number): boolean {
  const code = text.charCodeAt(i);
  if (code < 128) return (code >= 97 && code <= 122) || (code >= 65 && code <= 90);
  if ((code >= 0xc0 && code <= 0x24f && code !== 0xd7 && code !== 0xf7) || (code >= 0x400 && code <= 0x52f) || (code >= 0x300 && code <= 0x36f)) return true;
  if ((code >= 0x3040 && code <= 0x30ff) || (code >= 0x3400 && code <= 0x9fff) || (code >= 0xf900 && code <= 0xfaff) || (code >= 0xd800 && code <= 0xdfff)) return false;
  if (code === 0xfffc || (code >= 0x2000 && code <= 0x2bff)) return false; // opaque span, punctuation, symbols
  return LETTER_OR_MARK.test(text.charAt(i));
}

function isGroupSpace(code: number): boolean {
  return code === 32 || code === 0xa0 || code === 0x202f || code === 0x2009;
}

/** Exactly three digits at `i`, then no digit. */
function threeDigitsAt(text: string, i: number): boolean {
  return isDigitCode(text.charCodeAt(i)) && isDigitCode(text.charCodeAt(i + 1)) && isDigitCode(text.charCodeAt(i + 2)) && !isDigitCode(text.charCodeAt(i + 3));
}

/**
 * Characters read before and after a candidate, then widened to white space: the reader looks back at
 * most a word or two ("a" before "million", the letters of "Covid-19", "im" before "August", 下午) and
 * ahead a few words ("Milliarden US-Dollar", "mil millones", "Uhr 30", "p.m."). Every number word is a
 * candidate itself, so a long number in words is covered word by word.
 */
const WINDOW_BEFORE = 20;
const WINDOW_AFTER = 36;
/** How far a window is widened to reach white space, so that no word is cut (CJK text has none). */
const WIDEN = 24;

/** Lexemes of the text around every candidate of `pattern`, windows merged where they touch. */
export function lexWindows(text: string, pattern: RegExp): Lexeme[] {
  const lexemes: Lexeme[] = [];
  const n = text.length;
  let windowStart = -1;
  let windowEnd = -1;
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    // A word candidate must start a word ("acht" in "Nacht" is none).
    if (match.index > 0 && !isAnyDigitCode(text.charCodeAt(match.index)) && isWordChar(text, match.index - 1)) continue;
    let from = Math.max(0, match.index - WINDOW_BEFORE);
    let to = Math.min(n, match.index + match[0].length + WINDOW_AFTER);
    for (let k = 0; k < WIDEN && from > 0 && !isSpaceCode(text.charCodeAt(from - 1)); k++) from--;
    for (let k = 0; k < WIDEN && to < n && !isSpaceCode(text.charCodeAt(to)); k++) to++;
    if (windowEnd >= 0 && from <= windowEnd) {
      windowEnd = Math.max(windowEnd, to);
    } else {
      if (windowEnd >= 0) lex(text, windowStart, windowEnd, lexemes);
      windowStart = from;
      windowEnd = to;
    }
    if (to >= n) break;
    pattern.lastIndex = Math.max(pattern.lastIndex, to - WINDOW_AFTER);
  }
  if (windowEnd >= 0) lex(text, windowStart, windowEnd, lexemes);
  return lexemes;
}

export function lex(text: string, from: number, to: number, lexemes: Lexeme[]): Lexeme[] {
  const n = to;
  let i = from;
  while (i < n) {
    const code = text.charCodeAt(i);
    if (isSpaceCode(code) || (code > 127 && code < 0x3001 && WHITE.test(text.charAt(i)))) {
      i++;
      continue;
    }
    if (isAnyDigitCode(code)) {
      // A run of digits with inner separators: "1.000.000", "3,5", "01.02.2024", "1 000 000" (a space only
      // before exactly three digits).
      let j = i + 1;
      let spaced = false;
      for (;;) {
        while (j < n && isAnyDigitCode(text.charCodeAt(j))) j++;
        const sep = text.charCodeAt(j);
        if ((sep === 46 || sep === 44 || sep === 39 || sep === 0x2019) && isAnyDigitCode(text.charCodeAt(j + 1))) {
          j += 1;
          continue;
        }
        if (isGroupSpace(sep) && threeDigitsAt(text, j + 1)) {
          spaced = true;
          j += 1;
          continue;
        }
        break;
      }
      const raw = asciiDigits(text.slice(i, j));
      if (spaced) pushSpacedDigits(lexemes, raw, i);
      else lexemes.push({ kind: 'digits', text: raw, start: i, end: j });
      i = j;
      continue;
    }
    if (isWordChar(text, i)) {
      let j = i + 1;
      while (j < n && isWordChar(text, j)) j++;
      lexemes.push({ kind: 'word', text: text.slice(i, j), start: i, end: j });
      i = j;
      continue;
    }
    const width = code >= 0xd800 && code <= 0xdbff ? 2 : 1;
    lexemes.push({ kind: 'mark', text: text.slice(i, i + width), start: i, end: i + width });
    i += width;
  }
  return lexemes;
}

/** "1 000 000" is one number; "2024 300" is two (a group before a space has at most three digits). */
function pushSpacedDigits(lexemes: Lexeme[], raw: string, start: number): void {
  const pieces = raw.split(SPACE_SEPARATOR);
  const first = pieces[0] ?? '';
  const grouped = /^\d{1,3}$/.test(first) && pieces.slice(1, -1).every((piece) => /^\d{3}$/.test(piece)) &&
    /^\d{3}(?:[.,]\d+)?$/.test(pieces[pieces.length - 1] ?? '');
  if (grouped) {
    lexemes.push({ kind: 'digits', text: raw, start, end: start + raw.length });
    return;
  }
  let at = start;
  for (const piece of pieces) {
    lexemes.push({ kind: 'digits', text: piece, start: at, end: at + piece.length });
    at += piece.length + 1;
  }
}
