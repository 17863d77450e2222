// Reads the numbers of a sentence: digits in the language's grouping, scale words ("245 Milliarden",
// "2200亿"), number words ("drei", "vingt-deux"), dates ("3. Oktober", "01.02.2024"), times ("14.30 Uhr",
// "2:30 p.m.") and codes ("G20"). Hand-written on purpose: no library reads German numbers, and the
// details (is "1.000" one thousand or one? is "3.10." a date?) are the point of the check.
//
// A token may have several readings when the text itself allows them ("14.30" is a time or 14.3; "5m" is
// five million or five metres; "01/02/2024" is 1 February or January 2). The matcher picks the reading
// that agrees with the source; the reading's rank says whether the target language's own conventions
// allow it (0), only another language's (1: a format mistake), or no convention reads it whole (2).
import { fromInteger, numberKey, plainDigits, scaleDecimal, toDecimal, toNumber, type Decimal } from './decimal.js';
import { cjkScale, isCjkNumeral, parseCjkNumeral, type Convention, type NumberLanguage, type WordNumber } from './lexicon.js';
import { isDigitCode, lex, lexWindows, type Lexeme } from './lex-numbers.js';

/** The source's numbers must all be in the target; the target's are checked against the source. */
export type Side = 'source' | 'target';
export type AtomKind = 'number' | 'month' | 'time' | 'code';
/**
 * hard: digits, dates, times, months — must be matched. soft: number words ("drei", "two") — may be
 * paraphrased ("beide", "both") so they are not required, but they confirm a digit. license: words that
 * are numbers only sometimes ("ein", "one", "second", ordinals) — they confirm a digit and nothing else.
 */
export type Strength = 'hard' | 'soft' | 'license';

export interface Atom {
  readonly kind: AtomKind;
  /** Equal values, equal keys: 'n:245e9', 'm:10', 't:870' (minutes), 'c:g20'. */
  readonly key: string;
  readonly strength: Strength;
  /** An unmatched soft word may pair with an unmatched word of the other side as a changed number. */
  readonly pairable: boolean;
  readonly value?: Decimal;
  readonly month?: number;
  readonly minutes?: number;
  /** Letters of a code ("g" of G20): a code changed only into one with the same letters ("MH17" → "MH71"). */
  readonly codeLetters?: string;
}

export interface Reading {
  readonly atoms: readonly Atom[];
  /** 0: the language's own convention; 1: another language's (`convention` names it); 2: split apart. */
  readonly rank: 0 | 1 | 2;
  readonly convention?: string;
}

export interface NumberToken {
  readonly start: number;
  readonly end: number;
  /** The text the token covers, as written ("245 Milliarden", "14.30 Uhr", "Oktober"). */
  readonly text: string;
  readonly readings: readonly Reading[];
  /** Two of the language's own readings differ in a way readers get wrong. */
  readonly ambiguity?: string;
  /** First and last token index of a range ("220 bis 245 Milliarden") the token belongs to. */
  readonly range?: { readonly first: number; readonly last: number };
}


interface MutableToken {
  start: number;
  end: number;
  text: string;
  readings: Reading[];
  ambiguity?: string;
  range?: { first: number; last: number };
  /** A plain number (not a date, time, month or code): may take part in a range. */
  numeric: boolean;
  /** Power of ten of the scale word after it (9 for "Milliarden"), 0 without. */
  power: number;
  /** Value before scaling, for the plausibility of a range. */
  unscaled: number;
  /** A clock time with its word ("17 Uhr", "17.30 Uhr"): a bare hour before it in a range takes the word. */
  clock?: boolean;
}

const SPACE_SEPARATOR = /[ \u00A0\u202F\u2009]/;
const CODE_LETTERS = /^[A-Za-zА-Яа-яЁё]{1,5}$/;
const CURRENCY_IN_GAP = /[\s$€£¥₽₹]|US\$?|USD|EUR|CHF|GBP/g;
const CJK_HOURS = new Set(['点', '點', '时', '時']);
const CJK_AFTERNOON = new Set(['下午', '晚上', '傍晚', '午後']);
const CJK_MORNING = new Set(['上午', '凌晨', '早上', '午前']);
const GERMAN_DATE_WORDS = new Set([
  'im', 'Im', 'Anfang', 'Ende', 'Mitte', 'seit', 'Seit', 'bis', 'Bis', 'ab', 'Ab', 'vom', 'Vom', 'zum', 'Zum', 'des',
  'Monat', 'Monats',
]);
/** German month abbreviations are months only with their dot ("Jan." — "Jan" is a name). */
const GERMAN_MONTH_ABBREVIATION = /^(?:Jan|Feb|Febr|Mär|Apr|Jun|Jul|Aug|Sep|Sept|Okt|Nov|Dez)$/;
const ENGLISH_MONTH_NAMES = [
  'January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December',
];
const CAPITALISED_HOMOGRAPHS = new Set(['acht', 'elf']); // die Acht, die Elf (a team)

interface Run {
  readonly parts: readonly string[];
  readonly seps: readonly string[];
}

const NO_SEPARATORS: readonly string[] = [];

function splitRun(text: string): Run {
  // Most runs are plain digits ("2024", "245"): no arrays to build.
  if (isPlainDigits(text)) return { parts: [text], seps: NO_SEPARATORS };
  const parts: string[] = [];
  const seps: string[] = [];
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 48 && code <= 57) continue;
    parts.push(text.slice(from, i));
    seps.push(SPACE_SEPARATOR.test(text.charAt(i)) ? ' ' : text.charAt(i));
    from = i + 1;
  }
  parts.push(text.slice(from));
  return { parts, seps };
}

/** The value of a digit run under one convention, or undefined when the convention cannot write it so. */
function readWith(run: Run, convention: Convention): Decimal | undefined {
  const { parts, seps } = run;
  if (seps.length === 0) return toDecimal(parts[0] ?? '');
  let integerParts = parts;
  let groupSeps = seps;
  let fraction = '';
  if (seps[seps.length - 1] === convention.decimal) {
    fraction = parts[parts.length - 1] ?? '';
    if (convention.noThreeDecimals === true && fraction.length === 3) return undefined;
    integerParts = parts.slice(0, -1);
    groupSeps = seps.slice(0, -1);
  }
  if (groupSeps.length > 0) {
    const sep = groupSeps[0] ?? '';
    const allowed = sep === ' ' ? /[ \u00A0\u202F\u2009]/.test(convention.groups) : convention.groups.includes(sep);
    if (!allowed || groupSeps.some((other) => other !== sep)) return undefined;
    const head = integerParts[0] ?? '';
    if (head.length < 1 || head.length > 3) return undefined;
    if (integerParts.slice(1).some((part) => part.length !== 3)) return undefined;
  }
  return toDecimal(integerParts.join(''), fraction);
}

function numberAtom(value: Decimal, strength: Strength, pairable = false): Atom {
  return { kind: 'number', key: numberKey(value), strength, pairable, value };
}

function monthAtom(month: number, strength: Strength): Atom {
  return { kind: 'month', key: `m:${month}`, strength, pairable: false, month };
}

function timeAtom(minutes: number, strength: Strength): Atom {
  const normal = ((minutes % 1440) + 1440) % 1440;
  return { kind: 'time', key: `t:${normal}`, strength, pairable: false, minutes: normal };
}

function validDate(day: number, month: number): boolean {
  return day >= 1 && day <= 31 && month >= 1 && month <= 12;
}

/** Two-digit years in dates: 24 → 2024, 98 → 1998. */
function fullYear(text: string): number {
  const year = Number(text);
  if (text.length !== 2) return year;
  return year < 50 ? 2000 + year : 1900 + year;
}

/**
 * Every number token of `text` in `lang`, in order. `side` decides how strongly a word counts (see
 * Strength) and how many readings a source token keeps (the German source is read by its own rules; only
 * where they fail does another convention step in).
 */
export function readNumbers(text: string, lang: NumberLanguage, side: Side, options: { readonly whole?: boolean } = {}): NumberToken[] {
  // Only the text around candidates is read, unless the caller needs words that are numbers only
  // sometimes ("one", "un", "ein"), which are no candidates.
  const lx = options.whole === true ? lex(text, 0, text.length, []) : lexWindows(text, lang.candidates);
  const tokens: MutableToken[] = [];
  const s: Scan = { text, lx, lang, side, tokens };

  for (let i = 0; i < lx.length; ) {
    const l = lx[i];
    if (l === undefined) break;
    let taken = 1;
    if (l.kind === 'digits') taken = readDigits(s, i);
    else if (l.kind === 'word') taken = readWord(s, i);
    else if (lang.cjk) taken = readCjk(s, i);
    i += Math.max(1, taken);
  }
  linkRanges(tokens, text, lang, side);
  return tokens;
}

interface Scan {
  readonly text: string;
  readonly lx: readonly Lexeme[];
  readonly lang: NumberLanguage;
  readonly side: Side;
  readonly tokens: MutableToken[];
}

function at(s: Scan, i: number): Lexeme | undefined {
  return s.lx[i];
}

function adjacent(a: Lexeme | undefined, b: Lexeme | undefined): boolean {
  return a !== undefined && b !== undefined && a.end === b.start;
}

function isMark(s: Scan, i: number, chars: string | ReadonlySet<string>): boolean {
  const l = s.lx[i];
  if (l === undefined || l.kind !== 'mark') return false;
  return typeof chars === 'string' ? chars.includes(l.text) : chars.has(l.text);
}

function isDigits(s: Scan, i: number, length?: number): boolean {
  const l = s.lx[i];
  return l !== undefined && l.kind === 'digits' && (length === undefined || l.text.length === length) && isPlainDigits(l.text);
}

function isPlainDigits(text: string): boolean {
  for (let k = 0; k < text.length; k++) if (!isDigitCode(text.charCodeAt(k))) return false;
  return text.length > 0;
}

function lowerWord(s: Scan, i: number): string | undefined {
  const l = s.lx[i];
  return l !== undefined && l.kind === 'word' ? l.text.toLowerCase() : undefined;
}

function push(s: Scan, first: number, last: number, readings: Reading[], extra: Partial<MutableToken> = {}): void {
  const start = s.lx[first]?.start ?? 0;
  const end = s.lx[last]?.end ?? start;
  s.tokens.push({ start, end, text: s.text.slice(start, end), readings, numeric: false, power: 0, unscaled: 0, ...extra });
}

function wordStrength(s: Scan, word: WordNumber, scaled: boolean, several: boolean): { strength: Strength; pairable: boolean } {
  if (word.kind === 'ordinal') return { strength: 'license', pairable: false };
  if (word.kind === 'one' && !several) return { strength: scaled ? (s.side === 'source' ? 'hard' : 'soft') : 'license', pairable: false };
  if (s.side === 'source') {
    if (scaled || several || word.compound === true) return { strength: 'hard', pairable: false };
    return { strength: 'soft', pairable: true };
  }
  return { strength: 'soft', pairable: s.lang.pairWords };
}

/** am/pm after a time: "pm", "PM", "p.m."; the number of lexemes it takes, and whether it is pm. */
function readAmPm(s: Scan, i: number): { pm: boolean; count: number } | undefined {
  if (!s.lang.twelveHour) return undefined;
  const word = lowerWord(s, i);
  if (word === 'am' || word === 'pm') return { pm: word === 'pm', count: 1 };
  if ((word === 'a' || word === 'p') && isMark(s, i + 1, '.') && lowerWord(s, i + 2) === 'm') {
    return { pm: word === 'p', count: isMark(s, i + 3, '.') ? 4 : 3 };
  }
  return undefined;
}

function to24(hour: number, minute: number, pm: boolean): number {
  return ((hour % 12) + (pm ? 12 : 0)) * 60 + minute;
}

/** Readings of a time written without am/pm: in English "2.30" may be 14:30. */
function timeReadings(s: Scan, minutes: number, hour: number, withTwelve: boolean): Reading[] {
  const readings: Reading[] = [{ atoms: [timeAtom(minutes, 'hard')], rank: 0 }];
  if (withTwelve && s.lang.twelveHour && hour >= 1 && hour < 12) readings.push({ atoms: [timeAtom(minutes + 720, 'hard')], rank: 0 });
  return readings;
}

/** CJK: 下午 (afternoon) before the digits. */
function cjkAfternoon(s: Scan, i: number): boolean | undefined {
  const two = (s.lx[i - 2]?.text ?? '') + (s.lx[i - 1]?.text ?? '');
  if (CJK_AFTERNOON.has(two)) return true;
  return CJK_MORNING.has(two) ? false : undefined;
}

function readCode(s: Scan, i: number): number {
  // Back to the letters that start the code ("G" of G20, "Covid" of Covid-19).
  let first = i - 1;
  if (at(s, first)?.kind === 'mark') first -= 1;
  let last = i;
  while (adjacent(at(s, last), at(s, last + 1)) && (at(s, last + 1)?.kind === 'digits' || at(s, last + 1)?.kind === 'word')) last++;
  const start = at(s, first)?.start ?? 0;
  const end = at(s, last)?.end ?? start;
  const written = s.text.slice(start, end);
  const letters = (at(s, first)?.text ?? '').toLowerCase();
  const code: Atom = {
    kind: 'code',
    key: `c:${written.toLowerCase().replace(/[-‐–\s]/g, '')}`,
    strength: 'hard',
    pairable: false,
    codeLetters: letters,
  };
  // The digits still confirm a number written out in the target ("G20" → "Group of 20").
  const digits: Atom[] = [];
  for (let j = i; j <= last; j++) {
    const l = at(s, j);
    if (l?.kind === 'digits' && /^\d+$/.test(l.text)) digits.push(numberAtom(toDecimal(l.text), 'license'));
  }
  s.tokens.push({ start, end, text: written, readings: [{ atoms: [code, ...digits], rank: 0 }], numeric: false, power: 0, unscaled: 0 });
  return last - i + 1;
}

function isCodeAt(s: Scan, i: number): boolean {
  const l = at(s, i);
  const before = at(s, i - 1);
  if (l === undefined || before === undefined || !adjacent(before, l)) return false;
  if (before.kind === 'word') return CODE_LETTERS.test(before.text);
  if (before.kind === 'mark' && (before.text === '-' || before.text === '‐')) {
    const word = at(s, i - 2);
    return word !== undefined && word.kind === 'word' && adjacent(word, before) && CODE_LETTERS.test(word.text);
  }
  return false;
}

/** Scale words (and CJK scale characters) after position i: their total power and how many lexemes. */
function readScale(s: Scan, i: number): { power: number; count: number } {
  let power = 0;
  let j = i;
  for (;;) {
    const l = at(s, j);
    if (l === undefined) break;
    if (l.kind === 'word') {
      const scale = s.lang.scale(l.text.toLowerCase());
      if (scale === undefined) break;
      power += scale;
      j++;
      if (isMark(s, j, '.') && adjacent(l, at(s, j)) && l.text.length <= 4) j++; // "Mrd.", "млн."
      continue;
    }
    if (s.lang.cjk && l.kind === 'mark' && adjacent(at(s, j - 1), l)) {
      const scale = cjkScale(l.text);
      if (scale === undefined) break;
      power += scale;
      j++;
      continue;
    }
    break;
  }
  return { power, count: j - i };
}

function readDigits(s: Scan, i: number): number {
  const l = at(s, i);
  if (l === undefined) return 1;
  if (isCodeAt(s, i)) return readCode(s, i);
  const run = splitRun(l.text);
  const { parts, seps } = run;
  const next = at(s, i + 1);

  // 14:30 (a clock time; "3:1" is a score, the minutes have two digits)
  if (seps.length === 0 && l.text.length <= 2 && isMark(s, i + 1, ':') && adjacent(l, next) && isDigits(s, i + 2, 2) && adjacent(next, at(s, i + 2))) {
    const hour = Number(l.text);
    const minute = Number(at(s, i + 2)?.text);
    if (hour <= 24 && minute <= 59) {
      let last = i + 2;
      const ampm = readAmPm(s, last + 1);
      let readings: Reading[];
      if (ampm !== undefined) {
        readings = [{ atoms: [timeAtom(to24(hour, minute, ampm.pm), 'hard')], rank: 0 }];
        last += ampm.count;
      } else {
        if (s.lang.timeWords.has(lowerWord(s, last + 1) ?? '')) last += 1;
        const pm = s.lang.cjk ? cjkAfternoon(s, i) : undefined;
        readings = pm === true && hour < 12
          ? [{ atoms: [timeAtom((hour + 12) * 60 + minute, 'hard')], rank: 0 }]
          : timeReadings(s, hour * 60 + minute, hour, s.side === 'target');
      }
      readings.push({ atoms: [numberAtom(toDecimal(l.text), 'hard'), numberAtom(toDecimal(at(s, i + 2)?.text ?? ''), 'hard')], rank: 2 });
      push(s, i, last, readings);
      return last - i + 1;
    }
  }

  // 2024-02-01 (ISO, the same everywhere)
  if (seps.length === 0 && l.text.length === 4 && isMark(s, i + 1, '-‐') && isDigits(s, i + 2, 2) && isMark(s, i + 3, '-‐') && isDigits(s, i + 4, 2) &&
    adjacent(l, next) && adjacent(next, at(s, i + 2)) && adjacent(at(s, i + 2), at(s, i + 3)) && adjacent(at(s, i + 3), at(s, i + 4))) {
    const month = Number(at(s, i + 2)?.text);
    const day = Number(at(s, i + 4)?.text);
    if (validDate(day, month)) {
      push(s, i, i + 4, [{ atoms: dateAtoms(day, month, Number(l.text)), rank: 0 }]);
      return 5;
    }
  }

  // 01/02/2024, 2024/2/1
  if (seps.length === 0 && isMark(s, i + 1, '/') && isDigits(s, i + 2) && isMark(s, i + 3, '/') && isDigits(s, i + 4) &&
    adjacent(l, next) && adjacent(next, at(s, i + 2)) && adjacent(at(s, i + 2), at(s, i + 3)) && adjacent(at(s, i + 3), at(s, i + 4))) {
    const a = l.text;
    const b = at(s, i + 2)?.text ?? '';
    const c = at(s, i + 4)?.text ?? '';
    const readings = slashDateReadings(s, a, b, c);
    if (readings.length > 0) {
      const ambiguity = readings.length > 1
        ? `reads as ${describeDate(readings[0], false)} in British and ${describeDate(readings[1], true)} in American usage`
        : undefined;
      push(s, i, i + 4, readings, ambiguity === undefined ? {} : { ambiguity });
      return 5;
    }
  }

  // 01.02.2024 or, in German, 3.10. (day.month.)
  if (seps.length >= 1 && seps.length <= 2 && seps.every((sep) => sep === '.') && parts.every((part) => part.length > 0)) {
    const day = Number(parts[0]);
    const month = Number(parts[1]);
    const year = parts[2];
    const shortParts = (parts[0] ?? '').length <= 2 && (parts[1] ?? '').length <= 2;
    if (shortParts && validDate(day, month)) {
      if (year !== undefined && (year.length === 2 || year.length === 4)) {
        push(s, i, i, [{ atoms: dateAtoms(day, month, fullYear(year)), rank: 0 }]);
        return 1;
      }
      if (year === undefined && s.lang.ordinalDot && isMark(s, i + 1, '.') && adjacent(l, next)) {
        push(s, i, i + 1, [{ atoms: dateAtoms(day, month, undefined), rank: 0 }]);
        return 2;
      }
    }
  }

  // A time with a word: "14.30 Uhr", "14 h 30", "14h30", "2pm", "2.30 p.m.", "14 horas"
  const timeWord = readTimeAfter(s, i, run);
  if (timeWord !== 0) return timeWord;

  // CJK suffixes: 10月 is October, 3日 the day, 2024年 the year
  if (s.lang.cjk && parts.length === 1 && next !== undefined && adjacent(l, next) && next.kind === 'mark') {
    const value = Number(l.text);
    if (next.text === '月' && value >= 1 && value <= 12) {
      push(s, i, i + 1, [{ atoms: [monthAtom(value, 'hard')], rank: 0 }]);
      return 2;
    }
    if (CJK_HOURS.has(next.text) && value <= 24) return readCjkTime(s, i, value, i + 1);
  }

  return readPlainNumber(s, i, run);
}

function dateAtoms(day: number, month: number, year: number | undefined): Atom[] {
  const atoms = [numberAtom(fromInteger(day), 'hard'), monthAtom(month, 'hard')];
  if (year !== undefined) atoms.push(numberAtom(fromInteger(year), 'hard'));
  return atoms;
}

function describeDate(reading: Reading | undefined, american: boolean): string {
  const day = reading?.atoms[0]?.value?.digits;
  const month = ENGLISH_MONTH_NAMES[(reading?.atoms[1]?.month ?? 0) - 1];
  const year = reading?.atoms[2]?.value?.digits ?? '';
  if (day === undefined || month === undefined) return '?';
  return american ? `${month} ${day}, ${year}` : `${day} ${month} ${year}`;
}

function slashDateReadings(s: Scan, a: string, b: string, c: string): Reading[] {
  if (a.length === 4 && b.length <= 2 && c.length <= 2) {
    return validDate(Number(c), Number(b)) ? [{ atoms: dateAtoms(Number(c), Number(b), Number(a)), rank: 0 }] : [];
  }
  if (a.length > 2 || b.length > 2 || (c.length !== 2 && c.length !== 4)) return [];
  const year = fullYear(c);
  const readings: Reading[] = [];
  if (validDate(Number(a), Number(b))) readings.push({ atoms: dateAtoms(Number(a), Number(b), year), rank: 0 });
  if (s.lang.slashDates === 'either' && Number(a) !== Number(b) && validDate(Number(b), Number(a))) {
    readings.push({ atoms: dateAtoms(Number(b), Number(a), year), rank: 0 });
  }
  return readings;
}

/** "14 Uhr", "14.30 Uhr", "14 Uhr 30", "14 h 30", "2pm", "2.30 p.m.": lexemes taken, 0 if no time. */
function readTimeAfter(s: Scan, i: number, run: Run): number {
  const { parts, seps } = run;
  if (parts.length > 2) return 0;
  const hour = Number(parts[0]);
  let minute: number | undefined;
  if (parts.length === 2) {
    if ((seps[0] !== '.' && seps[0] !== ',') || parts[1]?.length !== 2) return 0;
    minute = Number(parts[1]);
  }
  if (hour > 24 || (minute !== undefined && minute > 59)) return 0;
  const ampm = readAmPm(s, i + 1);
  if (ampm !== undefined) {
    if (hour < 1 || hour > 12) return 0;
    push(s, i, i + ampm.count, [{ atoms: [timeAtom(to24(hour, minute ?? 0, ampm.pm), 'hard')], rank: 0 }]);
    return ampm.count + 1;
  }
  // "8 o'clock"
  if (s.lang.twelveHour && minute === undefined && lowerWord(s, i + 1) === 'o' && isMark(s, i + 2, "'’") && lowerWord(s, i + 3) === 'clock') {
    push(s, i, i + 3, timeReadings(s, hour * 60, hour, true));
    return 4;
  }
  const kind = s.lang.timeWords.get(lowerWord(s, i + 1) ?? '');
  if (kind === undefined) return 0;
  let last = i + 1;
  if (minute === undefined && isDigits(s, last + 1, 2) && Number(at(s, last + 1)?.text) <= 59) {
    minute = Number(at(s, last + 1)?.text);
    last += 1;
  }
  const readings: Reading[] = timeReadings(s, hour * 60 + (minute ?? 0), hour, false);
  // "14 h" may be fourteen hours; "14 h 30" and "14 Uhr" are times.
  if (kind === 'hours' && minute === undefined) readings.push({ atoms: [numberAtom(toDecimal(parts[0] ?? ''), 'hard')], rank: 0 });
  // A full hour of the source is also met by its number: „um 8 Uhr“ → "at eight", „um 20 Uhr“ → "at 8 in
  // the evening".
  if (kind === 'clock' && minute === undefined && s.side === 'source') {
    readings.push({ atoms: [numberAtom(fromInteger(hour), 'hard')], rank: 0 });
    if (hour > 12) readings.push({ atoms: [numberAtom(fromInteger(hour - 12), 'hard')], rank: 0 });
  }
  push(s, i, last, readings, kind === 'clock' ? { clock: true } : {});
  return last - i + 1;
}

/** 14点30分, 下午2点, 2点半 */
function readCjkTime(s: Scan, i: number, hour: number, hourMark: number): number {
  let minute = 0;
  let last = hourMark;
  if (isDigits(s, last + 1) && adjacent(at(s, last), at(s, last + 1)) && isMark(s, last + 2, '分')) {
    minute = Number(at(s, last + 1)?.text);
    last += 2;
  } else if (isMark(s, last + 1, '半') && adjacent(at(s, last), at(s, last + 1))) {
    minute = 30;
    last += 1;
  }
  if (minute > 59) return 0;
  const pm = cjkAfternoon(s, i);
  const minutes = (pm === true && hour < 12 ? hour + 12 : hour) * 60 + minute;
  push(s, i, last, [{ atoms: [timeAtom(minutes, 'hard')], rank: 0 }]);
  return last - i + 1;
}

function readPlainNumber(s: Scan, i: number, run: Run): number {
  const l = at(s, i);
  if (l === undefined) return 1;
  // Plain digits read the same in every convention: one reading, no conventions to try.
  const { readings, ambiguity } = run.seps.length === 0
    ? { readings: [{ atoms: [numberAtom(toDecimal(l.text), 'hard')], rank: 0 as const }], ambiguity: undefined }
    : readRun(s, l, run);
  return scaleAndPush(s, i, readings, ambiguity);
}

/**
 * Every reading of a digit run with separators: the language's conventions, then others', then split
 * apart; and, where two of the language's own readings differ, what makes it ambiguous.
 */
function readRun(s: Scan, l: Lexeme, run: Run): { readings: Reading[]; ambiguity: string | undefined } {
  const readings: Reading[] = [];
  const seen = new Set<string>();
  const add = (value: Decimal, rank: 0 | 1, convention: string): void => {
    const atom = numberAtom(value, 'hard');
    if (seen.has(atom.key)) return;
    seen.add(atom.key);
    readings.push({ atoms: [atom], rank, ...(rank === 1 ? { convention } : {}) });
  };
  const nativeValues: Array<[Decimal, string]> = [];
  for (const convention of s.lang.native) {
    const value = readWith(run, convention);
    if (value !== undefined) {
      if (!nativeValues.some(([other]) => numberKey(other) === numberKey(value))) nativeValues.push([value, convention.name]);
      add(value, 0, convention.name);
    }
  }
  let ambiguity: string | undefined;
  const [firstNative, secondNative] = nativeValues;
  if (firstNative !== undefined && secondNative !== undefined && s.lang.code !== '*') {
    ambiguity = `reads as ${plain(firstNative[0])} in ${firstNative[1]} and ${plain(secondNative[0])} in ${secondNative[1]} usage`;
  }
  // The German source: its own rules first; another convention only where they cannot read the digits,
  // and for "1,000", which German reads as 1 but an English-trained writer means as a thousand.
  const wantForeign = s.side === 'target' || readings.length === 0 || /^\d{1,3},\d{3}$/.test(l.text);
  if (wantForeign) {
    for (const convention of s.lang.foreign) {
      const value = readWith(run, convention);
      if (value !== undefined) add(value, readings.length === 0 && s.side === 'source' ? 0 : 1, convention.name);
    }
  }
  if (s.side === 'source' && /^\d{1,3},\d{3}$/.test(l.text) && s.lang.ordinalDot) {
    ambiguity = `is ${l.text.replace(',', '.').replace(/0+$/, '').replace(/\.$/, '')} in German notation (a decimal comma), but may be meant as ${l.text.replace(',', '')}`;
  }
  // "14.30" without "Uhr" is a time as well as 14.3.
  const { parts, seps } = run;
  if (parts.length === 2 && seps[0] === '.' && parts[1]?.length === 2) {
    const hour = Number(parts[0]);
    const minute = Number(parts[1]);
    if (hour <= 24 && minute <= 59) readings.push(...timeReadings(s, hour * 60 + minute, hour, s.side === 'target'));
  }
  if (!readings.some((reading) => reading.rank === 0) && parts.length > 1) {
    readings.push({ atoms: parts.map((part) => numberAtom(toDecimal(part), 'hard')), rank: 2 });
  }
  return { readings, ambiguity };
}

/** Applies the scale after the digits to every reading and records the token; returns lexemes taken. */
function scaleAndPush(s: Scan, i: number, readings: Reading[], ambiguity: string | undefined): number {
  const l = at(s, i);
  if (l === undefined) return 1;
  // Scale: glued ("5bn", "€5m") and separate words ("245 Milliarden", "mil millones", "2200亿").
  let last = i;
  let power = 0;
  let unscaledToo = false;
  const next = at(s, i + 1);
  if (next !== undefined && next.kind === 'word' && adjacent(l, next)) {
    const glued = s.lang.glued.get(next.text.toLowerCase());
    if (glued !== undefined) {
      power += glued.power;
      unscaledToo = glued.ambiguous;
      last = i + 1;
    }
  }
  const scale = readScale(s, last + 1);
  power += scale.power;
  last += scale.count;
  const unscaled = readings[0]?.atoms[0]?.value;
  const scaled = power === 0
    ? readings
    : readings.map((reading) => ({
        ...reading,
        atoms: reading.atoms.map((atom) => (atom.kind === 'number' && atom.value !== undefined ? numberAtom(scaleDecimal(atom.value, power), atom.strength) : atom)),
      }));
  if (unscaledToo) scaled.push(...readings.map((reading) => ({ ...reading })));
  // "75." before a word: a German ordinal; keep the dot in the text shown in messages.
  let shownLast = last;
  if (s.lang.ordinalDot && power === 0 && isMark(s, last + 1, '.') && adjacent(at(s, last), at(s, last + 1)) && at(s, last + 2) !== undefined) shownLast = last + 1;
  const start = l.start;
  const end = at(s, shownLast)?.end ?? l.end;
  s.tokens.push({
    start,
    end,
    text: s.text.slice(start, end),
    readings: scaled,
    ...(ambiguity === undefined ? {} : { ambiguity }),
    numeric: true,
    power,
    unscaled: unscaled === undefined ? 0 : toNumber(unscaled),
  });
  return last - i + 1;
}

function readWord(s: Scan, i: number): number {
  const l = at(s, i);
  if (l === undefined) return 1;
  const word = l.text;
  const initial = word.charAt(0);
  const month = s.lang.monthStarts.has(initial) ? s.lang.month(word) : undefined;
  if (month !== undefined && monthInContext(s, i, word)) {
    const dotted = isMark(s, i + 1, '.') && adjacent(l, at(s, i + 1)) && word.length <= 5;
    push(s, i, dotted ? i + 1 : i, [{ atoms: [monthAtom(month, 'hard')], rank: 0 }]);
    return dotted ? 2 : 1;
  }
  if (!s.lang.wordStarts.has(initial)) return 1;
  const named = s.lang.timeNames.get(word);
  if (named !== undefined) {
    push(s, i, i, [{ atoms: [timeAtom(named, 'soft')], rank: 0 }]);
    return 1;
  }
  const first = s.lang.word(word);
  if (first === undefined) return 1;
  if (s.side === 'source' && l.start > 0 && initial !== initial.toLowerCase() && CAPITALISED_HOMOGRAPHS.has(word.toLowerCase())) return 1;

  // Several words make one number: "twenty-two", "deux cents", "treinta y dos", "a hundred".
  const words: WordNumber[] = [first];
  let j = i + 1;
  while (first.kind !== 'ordinal') {
    const previous = words[words.length - 1];
    if (previous === undefined || previous.kind === 'ordinal') break;
    let candidate = j;
    if (isMark(s, j, '-‐') && adjacent(at(s, j - 1), at(s, j)) && adjacent(at(s, j), at(s, j + 1))) candidate = j + 1;
    else if (s.lang.wordJoiners.has(lowerWord(s, j) ?? '')) candidate = j + 1;
    const lexeme = at(s, candidate);
    if (lexeme === undefined || lexeme.kind !== 'word') break;
    const more = s.lang.word(lexeme.text);
    if (more === undefined || more.beforeScaleOnly === true || more.kind === 'times') break;
    // "a" / "an" only before hundred or thousand; "one" only after a ten ("twenty-one").
    if (first.beforeScaleOnly === true && more.value !== 100 && more.value !== 1000) break;
    if (more.kind === 'one' && !(previous.value >= 20 && previous.value < 100 && previous.value % 10 === 0)) break;
    const quatreVingt = s.lang.code === 'fr' && previous.value === 4 && more.value === 20;
    if (more.value < 100 && previous.value < 100 && previous.value % 10 !== 0 && !quatreVingt) break; // "two three"
    words.push(more);
    j = candidate + 1;
  }
  const scale = readScale(s, j);
  if (first.beforeScaleOnly === true && words.length === 1 && scale.power === 0) return 1;
  const value = combineWords(words, s.lang.code);
  const { strength, pairable } = wordStrength(s, 
    words[words.length - 1] ?? first,
    scale.power > 0,
    words.length > 1,
  );
  const decimal = scaleDecimal(fromInteger(value), scale.power);
  const last = j + scale.count - 1;
  const start = l.start;
  const end = at(s, last)?.end ?? l.end;
  s.tokens.push({
    start,
    end,
    text: s.text.slice(start, end),
    readings: [{ atoms: [numberAtom(decimal, strength, pairable)], rank: 0 }],
    numeric: true,
    power: scale.power,
    unscaled: value,
  });
  return last - i + 1;
}

/** "August" is also a name: a month only next to a day, a year or a word like "im". */
function monthInContext(s: Scan, i: number, word: string): boolean {
  if (s.lang.ordinalDot && GERMAN_MONTH_ABBREVIATION.test(word)) {
    if (!(isMark(s, i + 1, '.') && adjacent(at(s, i), at(s, i + 1)))) return false;
  }
  if (word !== 'August') return true;
  const before = at(s, i - 1);
  if (before !== undefined && before.kind === 'mark' && before.text === '.' && at(s, i - 2)?.kind === 'digits') return true;
  if (before !== undefined && before.kind === 'digits') return true;
  if (isDigits(s, i + 1, 4)) return true;
  return before !== undefined && before.kind === 'word' && GERMAN_DATE_WORDS.has(before.text);
}

function readCjk(s: Scan, i: number): number {
  let j = i;
  let run = '';
  while (at(s, j)?.kind === 'mark' && isCjkNumeral(at(s, j)?.text ?? '') && (j === i || adjacent(at(s, j - 1), at(s, j)))) {
    run += at(s, j)?.text ?? '';
    j++;
  }
  if (run === '') return 1;
  const value = parseCjkNumeral(run);
  if (value === undefined) return j - i;
  const ordinal = isMark(s, i - 1, '第');
  const next = at(s, j);
  if (next !== undefined && next.kind === 'mark' && adjacent(at(s, j - 1), next)) {
    if (next.text === '月' && value >= 1 && value <= 12 && !ordinal) {
      push(s, i, j, [{ atoms: [monthAtom(value, 'hard')], rank: 0 }]);
      return j - i + 1;
    }
    if (CJK_HOURS.has(next.text) && value <= 24 && run !== '一') {
      push(s, i, j, [{ atoms: [timeAtom((cjkAfternoon(s, i) === true && value < 12 ? value + 12 : value) * 60, 'soft')], rank: 0 }]);
      return j - i + 1;
    }
  }
  const strength: Strength = ordinal || value === 1 ? 'license' : 'soft';
  push(s, i, j - 1, [{ atoms: [numberAtom(fromInteger(value), strength)], rank: 0 }], { numeric: true, unscaled: value });
  return j - i;
}

function plain(value: Decimal): string {
  const { integer, fraction } = plainDigits(value);
  return fraction === '' ? integer : `${integer}.${fraction}`;
}

/** Standard word-number arithmetic: "two hundred fifty thousand" = (2 × 100 + 50) × 1000. */
function combineWords(words: readonly WordNumber[], code: string): number {
  let total = 0;
  let current = 0;
  let previous: number | undefined;
  for (const word of words) {
    const value = word.value;
    if (code === 'fr' && value === 20 && previous === 4) current += 80 - 4; // quatre-vingt(s)
    else if (value === 100) current = (current === 0 ? 1 : current) * 100;
    else if (value >= 1000) {
      total += (current === 0 ? 1 : current) * value;
      current = 0;
    } else current += value;
    previous = value;
  }
  return total + current;
}

/**
 * „von 9 bis 17 Uhr“: one "Uhr" after the second number makes both times, as a scale word does in a
 * range. The bare hour gets the readings of a full hour of the source ("9am", "9 h", "9"). Only a plain
 * hour (0–24, no scale, no separators) directly before a connector.
 */
function linkClockRange(a: MutableToken, b: MutableToken, text: string, lang: NumberLanguage): boolean {
  if (!a.numeric || a.power !== 0 || !/^\d{1,2}$/.test(a.text) || b.start - a.end > 16) return false;
  const hour = Number(a.text);
  if (hour > 24) return false;
  const gap = text.slice(a.end, b.start).trim().toLowerCase();
  if (!lang.connectors.has(gap)) return false;
  const readings: Reading[] = [{ atoms: [timeAtom(hour * 60, 'hard')], rank: 0 }, { atoms: [numberAtom(fromInteger(hour), 'hard')], rank: 0 }];
  if (hour > 12) readings.push({ atoms: [numberAtom(fromInteger(hour - 12), 'hard')], rank: 0 });
  a.readings = readings;
  a.numeric = false;
  a.clock = true;
  return true;
}

/**
 * Links "220 bis 245 Milliarden" into a range, and gives 220 the scale of 245: without it, 220 would be
 * compared as two hundred and twenty. Only when the first number has no scale of its own and is not much
 * larger than the second ("2024 und 5 Milliarden" stays 2024).
 */
function linkRanges(tokens: MutableToken[], text: string, lang: NumberLanguage, side: Side): void {
  for (let k = 1; k < tokens.length; k++) {
    const a = tokens[k - 1];
    const b = tokens[k];
    if (side === 'source' && a !== undefined && b !== undefined && b.clock === true && linkClockRange(a, b, text, lang)) {
      a.range = { first: k - 1, last: k };
      b.range = { first: k - 1, last: k };
      continue;
    }
    if (a === undefined || b === undefined || !a.numeric || !b.numeric || b.start - a.end > 16) continue;
    const gap = text.slice(a.end, b.start).replace(CURRENCY_IN_GAP, '').toLowerCase();
    if (!lang.connectors.has(gap)) continue;
    const first = a.range?.first ?? k - 1;
    a.range = { first, last: k };
    b.range = { first, last: k };
    for (let m = first; m < k - 1; m++) {
      const earlier = tokens[m];
      if (earlier !== undefined) earlier.range = { first, last: k };
    }
    if (a.power === 0 && b.power > 0 && a.unscaled <= b.unscaled * 10) {
      const power = b.power;
      a.readings = a.readings.map((reading) => ({
        ...reading,
        atoms: reading.atoms.map((atom) =>
          atom.kind === 'number' && atom.value !== undefined ? { ...atom, key: numberKey(scaleDecimal(atom.value, power)), value: scaleDecimal(atom.value, power) } : atom,
        ),
      }));
      a.power = power;
    }
  }
}
