// What the number reader knows about each language: how digits are grouped, which words are numbers,
// scales, months, range connectors and time words. German is the source language; the others are the
// target languages bitext serves. A language missing here gets GENERIC: digits only, any grouping.
import { primaryLanguage } from '../text.js';

/** One way of writing numbers: 1.234,5 (German) or 1,234.5 (English). */
export interface Convention {
  readonly name: string;
  readonly decimal: '.' | ',';
  /** Characters that may separate groups of three digits. */
  readonly groups: string;
  /** A decimal separator followed by exactly three digits is not read as one (es-MX "1.000" is 1000, not 1). */
  readonly noThreeDecimals?: boolean;
}

export type WordKind = 'cardinal' | 'ordinal' | 'times' | 'one';

export interface WordNumber {
  readonly value: number;
  readonly kind: WordKind;
  /** Written as one compound word of several parts (zweihundert, einundzwanzig). */
  readonly compound?: boolean;
  /** Only counts before a scale word (English "a" in "a million"). */
  readonly beforeScaleOnly?: boolean;
}

export interface NumberLanguage {
  readonly code: string;
  readonly native: readonly Convention[];
  /** Conventions a translator may have carried over by mistake (the German source's, English). */
  readonly foreign: readonly Convention[];
  /** A scale word standing after a number, looked up in lower case: 'milliarden' → 9. */
  scale(lower: string): number | undefined;
  /** Letters glued to digits that scale them ("5bn"); `ambiguous` ones also read as a unit ("5m" = 5 metres). */
  readonly glued: ReadonlyMap<string, { readonly power: number; readonly ambiguous: boolean }>;
  /** A number word as written (lower case, Capitalised or UPPER). */
  word(written: string): WordNumber | undefined;
  /** First characters (both cases) of every number word and time name: most words fail one Set lookup. */
  readonly wordStarts: ReadonlySet<string>;
  /** First characters of every month name. */
  readonly monthStarts: ReadonlySet<string>;
  /**
   * Finds the places a number may stand (digits, number words, months, scale and time words), global.
   * Only the text around them is read: most of a sentence is no number.
   */
  readonly candidates: RegExp;
  /** Joins number words into one number: "thirty and two" is not English, but "vingt et un", "treinta y dos" are. */
  readonly wordJoiners: ReadonlySet<string>;
  /** Month 1–12 of a month name as written (case matters where the language capitalises months). */
  month(word: string): number | undefined;
  readonly hasMonths: boolean;
  /** Range connectors between two numbers ("220 bis 245 Milliarden"): words in lower case and marks. */
  readonly connectors: ReadonlySet<string>;
  /** Words after a number that make it a time: 'clock' always ("14 Uhr"), 'hours' maybe a duration ("14 h"). */
  readonly timeWords: ReadonlyMap<string, 'clock' | 'hours'>;
  /** Words that are a time by themselves ("noon"), as hour*60+minute; keys in every case. */
  readonly timeNames: ReadonlyMap<string, number>;
  /** am/pm after a time. */
  readonly twelveHour: boolean;
  /** d/m/y (most), or d/m/y and m/d/y both possible (English). */
  readonly slashDates: 'dmy' | 'either';
  /** German orthography: "75." before a word is an ordinal, "3.10." a date (day.month.). */
  readonly ordinalDot: boolean;
  /** Chinese or Japanese numerals and the suffixes 年 月 日 点 时 分. */
  readonly cjk: boolean;
  /** Unmatched number words may be reported as changed ("drei" → "four"); not for CJK, where numerals
   * are part of everyday words (十分 "very", 一起 "together"). */
  readonly pairWords: boolean;
}

const SPACES = ' \u00A0\u202F\u2009';
const GERMAN: Convention = { name: 'German', decimal: ',', groups: `.${SPACES}` };
const ENGLISH: Convention = { name: 'English', decimal: '.', groups: `,${SPACES}` };
const FRENCH: Convention = { name: 'French', decimal: ',', groups: SPACES };
const SWISS: Convention = { name: 'Swiss', decimal: '.', groups: `'’${SPACES}` };
const SPAIN: Convention = { name: 'Spanish (Spain)', decimal: ',', groups: `.${SPACES}` };
const MEXICO: Convention = { name: 'Spanish (Mexico)', decimal: '.', groups: `,${SPACES}`, noThreeDecimals: true };
const CHINESE: Convention = { name: 'Chinese', decimal: '.', groups: ',' };

// ---------------------------------------------------------------------------------------------------------
// Word tables. Values 0–12, the tens, hundred and thousand in every language; ordinals and "one" only
// confirm a digit (they are too often not numbers: "second", "un", "a").

function table(entries: Record<string, number>, kind: WordKind): Map<string, WordNumber> {
  return new Map(Object.entries(entries).map(([word, value]) => [word, { value, kind }]));
}

function merge(...maps: ReadonlyMap<string, WordNumber>[]): ReadonlyMap<string, WordNumber> {
  const out = new Map<string, WordNumber>();
  for (const map of maps) for (const [key, value] of map) out.set(key, value);
  return out;
}

const GERMAN_UNITS: Record<string, number> = {
  null: 0, eins: 1, ein: 1, zwei: 2, zwo: 2, drei: 3, vier: 4, fünf: 5, sechs: 6, sieben: 7, acht: 8, neun: 9,
};
const GERMAN_TEENS: Record<string, number> = {
  zehn: 10, elf: 11, zwölf: 12, dreizehn: 13, vierzehn: 14, fünfzehn: 15, sechzehn: 16, siebzehn: 17,
  achtzehn: 18, neunzehn: 19,
};
const GERMAN_TENS: Record<string, number> = {
  zwanzig: 20, dreißig: 30, dreissig: 30, vierzig: 40, fünfzig: 50, sechzig: 60, siebzig: 70, achtzig: 80,
  neunzig: 90,
};
const GERMAN_ONE = new Set(['ein', 'eine', 'einen', 'einem', 'einer', 'eines']);
const GERMAN_ORDINAL_STEMS: Record<string, number> = {
  erst: 1, zweit: 2, dritt: 3, viert: 4, fünft: 5, sechst: 6, siebt: 7, siebent: 7, acht: 8, neunt: 9,
  zehnt: 10, elft: 11, zwölft: 12, zwanzigst: 20, dreißigst: 30, hundertst: 100, tausendst: 1000,
};
const GERMAN_ORDINAL = /^(.+?)(?:e|er|es|en|em)$/;

/** Below one hundred: "neun", "zwölf", "einundzwanzig". */
function germanBelowHundred(word: string): number | undefined {
  const simple = GERMAN_UNITS[word] ?? GERMAN_TEENS[word] ?? GERMAN_TENS[word];
  if (simple !== undefined) return simple;
  const und = word.indexOf('und');
  if (und <= 0) return undefined;
  const unit = GERMAN_UNITS[word.slice(0, und)];
  const ten = GERMAN_TENS[word.slice(und + 3)];
  return unit !== undefined && unit > 0 && ten !== undefined ? ten + unit : undefined;
}

/** Below a million, one word: "zweihundertfünfzig", "dreitausend", "zweitausendvierundzwanzig". */
function germanCompound(word: string): number | undefined {
  const thousand = word.indexOf('tausend');
  if (thousand >= 0) {
    const left = thousand === 0 ? 1 : germanBelowThousand(word.slice(0, thousand));
    const rest = word.slice(thousand + 7);
    const right = rest === '' ? 0 : germanBelowThousand(rest);
    return left === undefined || right === undefined ? undefined : left * 1000 + right;
  }
  return germanBelowThousand(word);
}

function germanBelowThousand(word: string): number | undefined {
  const hundred = word.indexOf('hundert');
  if (hundred < 0) return germanBelowHundred(word);
  const left = hundred === 0 ? 1 : germanBelowHundred(word.slice(0, hundred) === 'ein' ? 'eins' : word.slice(0, hundred));
  const rest = word.slice(hundred + 7);
  const right = rest === '' ? 0 : germanBelowHundred(rest);
  return left === undefined || right === undefined || left === 0 ? undefined : left * 100 + right;
}

// Every German number word starts with one of these; the rest of the vocabulary is rejected with one test.
const GERMAN_NUMBER_START = /^(?:null|ein|zw[aeoö]|dr[ei]|vier|fünf|sech|sieb|acht|neun|zehn|elf|hundert|tausend|erst)/i;

function germanWord(written: string): WordNumber | undefined {
  if (!GERMAN_NUMBER_START.test(written)) return undefined;
  const lower = written.toLowerCase();
  if (GERMAN_ONE.has(lower)) return { value: 1, kind: 'one' };
  if (lower.length > 40) return undefined;
  if (lower.endsWith('mal') && lower.length > 3) {
    const base = germanCompound(lower.slice(0, -3));
    if (base !== undefined && base > 0) return { value: base, kind: base === 1 ? 'one' : 'times' };
    return undefined;
  }
  const simple = GERMAN_UNITS[lower] ?? GERMAN_TEENS[lower] ?? GERMAN_TENS[lower];
  if (simple !== undefined) return { value: simple, kind: 'cardinal' };
  if (lower === 'hundert' || lower === 'tausend') return { value: lower === 'hundert' ? 100 : 1000, kind: 'cardinal' };
  const ordinal = GERMAN_ORDINAL.exec(lower);
  if (ordinal !== null) {
    const stem = ordinal[1] ?? '';
    const value = GERMAN_ORDINAL_STEMS[stem] ?? (stem.endsWith('st') ? germanCompound(stem.slice(0, -2)) : undefined);
    if (value !== undefined) return { value, kind: value === 1 ? 'one' : 'ordinal' };
  }
  const compound = germanCompound(lower);
  if (compound !== undefined) return { value: compound, kind: 'cardinal', compound: true };
  return undefined;
}

const GERMAN_SCALES: ReadonlyMap<string, number> = new Map([
  ['tausend', 3], ['tsd', 3],
  ['mio', 6], ['million', 6], ['millionen', 6],
  ['mrd', 9], ['milliarde', 9], ['milliarden', 9],
  ['bio', 12], ['billion', 12], ['billionen', 12],
  ['billiarde', 15], ['billiarden', 15],
]);

const GERMAN_MONTHS: ReadonlyMap<string, number> = new Map([
  ['Januar', 1], ['Jänner', 1], ['Jan', 1], ['Februar', 2], ['Feber', 2], ['Feb', 2], ['Febr', 2], ['März', 3],
  ['Mär', 3], ['April', 4], ['Apr', 4], ['Mai', 5], ['Juni', 6], ['Jun', 6], ['Juli', 7], ['Jul', 7],
  ['August', 8], ['Aug', 8], ['September', 9], ['Sep', 9], ['Sept', 9], ['Oktober', 10], ['Okt', 10],
  ['November', 11], ['Nov', 11], ['Dezember', 12], ['Dez', 12],
]);

const ENGLISH_WORDS = merge(
  table({
    zero: 0, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11,
    twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
    twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90, hundred: 100,
    thousand: 1000,
  }, 'cardinal'),
  table({ one: 1 }, 'one'),
  table({ twice: 2, thrice: 3 }, 'times'),
  table({
    first: 1, second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8, ninth: 9, tenth: 10,
    eleventh: 11, twelfth: 12, twentieth: 20, hundredth: 100, thousandth: 1000,
  }, 'ordinal'),
  new Map([['a', { value: 1, kind: 'one', beforeScaleOnly: true }], ['an', { value: 1, kind: 'one', beforeScaleOnly: true }]]),
);

const FRENCH_WORDS = merge(
  table({
    zéro: 0, deux: 2, trois: 3, quatre: 4, cinq: 5, six: 6, sept: 7, huit: 8, neuf: 9, dix: 10, onze: 11,
    douze: 12, treize: 13, quatorze: 14, quinze: 15, seize: 16, vingt: 20, vingts: 20, trente: 30, quarante: 40,
    cinquante: 50, soixante: 60, cent: 100, cents: 100, mille: 1000,
  }, 'cardinal'),
  table({ un: 1, une: 1 }, 'one'),
  table({
    premier: 1, première: 1, deuxième: 2, second: 2, seconde: 2, troisième: 3, quatrième: 4, cinquième: 5,
    sixième: 6, septième: 7, huitième: 8, neuvième: 9, dixième: 10, onzième: 11, douzième: 12, vingtième: 20,
    centième: 100, millième: 1000,
  }, 'ordinal'),
);

const SPANISH_WORDS = merge(
  table({
    cero: 0, dos: 2, tres: 3, cuatro: 4, cinco: 5, seis: 6, siete: 7, ocho: 8, nueve: 9, diez: 10, once: 11,
    doce: 12, trece: 13, catorce: 14, quince: 15, dieciséis: 16, diecisiete: 17, dieciocho: 18, diecinueve: 19,
    veinte: 20, treinta: 30, cuarenta: 40, cincuenta: 50, sesenta: 60, setenta: 70, ochenta: 80, noventa: 90,
    cien: 100, ciento: 100, doscientos: 200, doscientas: 200, trescientos: 300, trescientas: 300,
    quinientos: 500, quinientas: 500, mil: 1000,
  }, 'cardinal'),
  table({ un: 1, uno: 1, una: 1 }, 'one'),
  table({
    primero: 1, primer: 1, primera: 1, segundo: 2, segunda: 2, tercero: 3, tercer: 3, tercera: 3, cuarto: 4,
    cuarta: 4, quinto: 5, quinta: 5, sexto: 6, sexta: 6, séptimo: 7, séptima: 7, octavo: 8, octava: 8,
    noveno: 9, novena: 9, décimo: 10, décima: 10,
  }, 'ordinal'),
);

const RUSSIAN_CARDINALS: Record<number, string> = {
  0: 'ноль нуль ноля нуля',
  2: 'два две двух двум двумя двое двоих',
  3: 'три трёх трех трём трем тремя трое троих',
  4: 'четыре четырёх четырех четырём четырем четырьмя четверо',
  5: 'пять пяти пятью',
  6: 'шесть шести шестью',
  7: 'семь семи семью',
  8: 'восемь восьми восемью восьмью',
  9: 'девять девяти девятью',
  10: 'десять десяти десятью',
  11: 'одиннадцать одиннадцати одиннадцатью',
  12: 'двенадцать двенадцати двенадцатью',
  20: 'двадцать двадцати двадцатью',
  30: 'тридцать тридцати',
  40: 'сорок сорока',
  50: 'пятьдесят пятидесяти',
  100: 'сто ста',
  200: 'двести двухсот',
  1000: 'тысяча тысячи тысячу тысячей',
};
const RUSSIAN_WORDS: ReadonlyMap<string, WordNumber> = new Map([
  ...Object.entries(RUSSIAN_CARDINALS).flatMap(([value, forms]) =>
    forms.split(' ').map((form): [string, WordNumber] => [form, { value: Number(value), kind: 'cardinal' }]),
  ),
  ...'один одна одно одного одной одному одним одном одну одни одних'
    .split(' ')
    .map((form): [string, WordNumber] => [form, { value: 1, kind: 'one' }]),
  ['дважды', { value: 2, kind: 'times' }],
  ['трижды', { value: 3, kind: 'times' }],
]);
const RUSSIAN_ORDINAL =
  /^(перв|втор|трет|четв[её]рт|пят|шест|седьм|восьм|девят|десят|одиннадцат|двенадцат|двадцат|сот)(?:ый|ий|ой|ая|ое|ые|ого|ому|ым|ом|ую|ых|ыми|ья|ье|ьи|ьего|ьему|ьей|ьим|ьих|ью)$/;
const RUSSIAN_ORDINAL_VALUES: Record<string, number> = {
  перв: 1, втор: 2, трет: 3, четвёрт: 4, четверт: 4, пят: 5, шест: 6, седьм: 7, восьм: 8, девят: 9,
  десят: 10, одиннадцат: 11, двенадцат: 12, двадцат: 20, сот: 100,
};

const RUSSIAN_WORDS_CASED = withCases(RUSSIAN_WORDS);

function russianWord(written: string): WordNumber | undefined {
  const known = RUSSIAN_WORDS_CASED.get(written);
  if (known !== undefined) return known;
  const ordinal = RUSSIAN_ORDINAL.exec(written.toLowerCase());
  const value = ordinal === null ? undefined : RUSSIAN_ORDINAL_VALUES[ordinal[1] ?? ''];
  return value === undefined ? undefined : { value, kind: value === 1 ? 'one' : 'ordinal' };
}

const RUSSIAN_SCALE = /^(?:(тыс|тысяч[аиуе]?|тысячей|тысячам|тысячами|тысячах)|(млн|миллион(?:а|ов|у|ом|е|ы|ам|ами|ах)?)|(млрд|миллиард(?:а|ов|у|ом|е|ы|ам|ами|ах)?)|(трлн|триллион(?:а|ов|у|ом|е|ы|ам|ами|ах)?))$/;

function russianScale(lower: string): number | undefined {
  const match = RUSSIAN_SCALE.exec(lower);
  if (match === null) return undefined;
  if (match[1] !== undefined) return 3;
  if (match[2] !== undefined) return 6;
  return match[3] !== undefined ? 9 : 12;
}

/** The first character of every word, in lower and upper case. */
function startsOf(...lists: Iterable<string>[]): ReadonlySet<string> {
  const starts = new Set<string>();
  for (const list of lists) {
    for (const word of list) {
      const first = word.charAt(0);
      starts.add(first.toLowerCase());
      starts.add(first.toUpperCase());
    }
  }
  return starts;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The words of a table that are more than "one" (which only confirms a 1 and is read in full text anyway). */
function wordsExceptOne(table: ReadonlyMap<string, WordNumber>): string[] {
  return [...table].filter(([, word]) => word.kind !== 'one').map(([written]) => written);
}

/**
 * Digits, or the start of something like one of `words` (case-insensitive; over-inclusive is harmless:
 * it only widens what is read). The words are grouped by their first letter, written in both cases: a
 * pattern that can reject a position by its first character, without the `i` flag, scans several times
 * faster than a flat alternation.
 */
function candidatePattern(words: Iterable<string>, extra = ''): RegExp {
  const byFirst = new Map<string, Set<string>>();
  for (const word of words) {
    const lower = word.toLowerCase();
    if (lower.length < 2) continue;
    const first = lower.charAt(0);
    const rests = byFirst.get(first) ?? new Set<string>();
    rests.add(lower.slice(1));
    byFirst.set(first, rests);
  }
  const groups = [...byFirst].map(([first, rests]) => {
    const cases = first.toUpperCase() === first ? escapeRegExp(first) : `[${escapeRegExp(first)}${escapeRegExp(first.toUpperCase())}]`;
    const alternatives = [...rests].sort((a, b) => b.length - a.length).map((rest) => [...rest].map((char) => {
      const upper = char.toUpperCase();
      return upper === char ? escapeRegExp(char) : `[${escapeRegExp(char)}${escapeRegExp(upper)}]`;
    }).join(''));
    return `${cases}(?:${alternatives.join('|')})`;
  });
  // No look-behind for the word start: the reader checks the character before a match itself, which
  // lets the pattern reject most positions by their first character.
  const alternatives = groups.length === 0 ? '' : `|${groups.join('|')}`;
  return new RegExp(`[0-9０-９]${extra}${alternatives}`, 'g');
}

const GERMAN_STARTS = ['null', 'ein', 'zwei', 'drei', 'vier', 'fünf', 'sechs', 'sieben', 'acht', 'neun', 'zehn', 'elf', 'hundert', 'tausend', 'mittag'];
const RUSSIAN_ORDINAL_STARTS = ['перв', 'втор', 'трет', 'четв', 'пят', 'шест', 'седьм', 'восьм', 'девят', 'десят', 'одиннадцат', 'двенадцат', 'двадцат', 'сот'];

function mapScale(map: ReadonlyMap<string, number>): (lower: string) => number | undefined {
  return (lower) => map.get(lower);
}

/** The map with every key also Capitalised and in UPPER case, so that lookups need no lower-casing. */
function withCases<T>(map: ReadonlyMap<string, T>): ReadonlyMap<string, T> {
  const out = new Map<string, T>();
  for (const [key, value] of map) {
    out.set(key, value);
    out.set(key.charAt(0).toUpperCase() + key.slice(1), value);
    out.set(key.toUpperCase(), value);
  }
  return out;
}

function mapWord(map: ReadonlyMap<string, WordNumber>): (written: string) => WordNumber | undefined {
  const cased = withCases(map);
  return (written) => cased.get(written);
}

function monthTable(names: readonly (readonly string[])[], caseSensitive: boolean): (word: string) => number | undefined {
  const map = new Map<string, number>();
  names.forEach((forms, index) => {
    for (const form of forms) map.set(caseSensitive ? form : form.toLowerCase(), index + 1);
  });
  return caseSensitive ? (word) => map.get(word) : (word) => map.get(word.toLowerCase());
}

const ENGLISH_MONTH_NAMES = [
    ['January', 'Jan'], ['February', 'Feb'], ['March', 'Mar'], ['April', 'Apr'], ['May'], ['June', 'Jun'],
    ['July', 'Jul'], ['August', 'Aug'], ['September', 'Sep', 'Sept'], ['October', 'Oct'], ['November', 'Nov'],
    ['December', 'Dec'],
];
const ENGLISH_MONTHS = monthTable(ENGLISH_MONTH_NAMES, true); // "may", "march" are verbs; English capitalises months
const FRENCH_MONTH_NAMES = [
    ['janvier', 'janv'], ['février', 'fevrier', 'févr', 'fév'], ['mars'], ['avril', 'avr'], ['mai'], ['juin'],
    ['juillet', 'juil'], ['août', 'aout'], ['septembre'], ['octobre', 'oct'], ['novembre', 'nov'],
    ['décembre', 'decembre', 'déc'],
];
const FRENCH_MONTHS = monthTable(FRENCH_MONTH_NAMES, false);
const SPANISH_MONTH_NAMES = [
    ['enero'], ['febrero'], ['marzo'], ['abril'], ['mayo'], ['junio'], ['julio'], ['agosto'],
    ['septiembre', 'setiembre'], ['octubre'], ['noviembre'], ['diciembre'],
];
const SPANISH_MONTHS = monthTable(SPANISH_MONTH_NAMES, false);
const RUSSIAN_MONTH =
  /^(?:(январ)|(феврал)|(март)|(апрел)|(ма)|(июн)|(июл)|(август)|(сентябр)|(октябр)|(ноябр)|(декабр))(ь|я|е|ю|ём|ем|а|у|ом|й)?$/;

function russianMonth(word: string): number | undefined {
  const match = RUSSIAN_MONTH.exec(word.toLowerCase());
  if (match === null) return undefined;
  const index = match.slice(1, 13).findIndex((group) => group !== undefined);
  const ending = match[13] ?? '';
  // "ма" alone is no word; май / мая / мае are the month.
  if (index === 4 && !['й', 'я', 'е', 'ю', 'ем'].includes(ending)) return undefined;
  // The endings of март / август (consonant stems) differ from январь: "марта", "августа".
  if ((index === 2 || index === 7) && ['ь', 'я', 'ю', 'ём', 'й'].includes(ending)) return undefined;
  return index + 1;
}

function germanMonth(word: string): number | undefined {
  return GERMAN_MONTHS.get(word);
}

const DASHES = ['-', '–', '—', '‒', '/'];

const GERMAN_LANGUAGE = (): NumberLanguage => ({
  candidates: candidatePattern([...GERMAN_STARTS.filter((word) => word !== 'ein'), 'einund', 'einhundert', 'eintausend', 'zwo', 'zwölf', 'zwanzig', 'dritt', 'sech', 'sieb', 'mitternacht', ...GERMAN_MONTHS.keys(), ...GERMAN_SCALES.keys()]),
  wordStarts: startsOf(GERMAN_STARTS),
  monthStarts: startsOf(GERMAN_MONTHS.keys()),
  code: 'de',
  native: [GERMAN],
  foreign: [ENGLISH],
  scale: mapScale(GERMAN_SCALES),
  glued: new Map(),
  word: germanWord,
  wordJoiners: new Set(),
  month: germanMonth,
  hasMonths: true,
  connectors: new Set(['bis', 'und', 'oder', ...DASHES]),
  timeWords: new Map([['uhr', 'clock'], ['h', 'hours']]),
  timeNames: withCases(new Map([['mittag', 12 * 60], ['mitternacht', 0]])),
  twelveHour: false,
  slashDates: 'dmy',
  ordinalDot: true,
  cjk: false,
  pairWords: true,
});

const ENGLISH_LANGUAGE = (): NumberLanguage => ({
  candidates: candidatePattern([...wordsExceptOne(ENGLISH_WORDS), ...ENGLISH_MONTH_NAMES.flat(), 'thousand', 'million', 'mn', 'mln', 'billion', 'bn', 'bln', 'trillion', 'tn', 'trn', 'noon', 'midday', 'midnight']),
  wordStarts: startsOf(ENGLISH_WORDS.keys(), ['noon', 'midday', 'midnight']),
  monthStarts: startsOf(ENGLISH_MONTH_NAMES.flat()),
  code: 'en',
  native: [ENGLISH],
  foreign: [GERMAN],
  scale: mapScale(
    new Map([
      ['thousand', 3], ['million', 6], ['millions', 6], ['mn', 6], ['mln', 6], ['billion', 9], ['billions', 9],
      ['bn', 9], ['bln', 9], ['trillion', 12], ['trillions', 12], ['tn', 12], ['trn', 12],
    ]),
  ),
  glued: new Map([
    ['bn', { power: 9, ambiguous: false }], ['mn', { power: 6, ambiguous: false }], ['tn', { power: 12, ambiguous: false }],
    ['trn', { power: 12, ambiguous: false }], ['m', { power: 6, ambiguous: true }], ['b', { power: 9, ambiguous: true }],
    ['k', { power: 3, ambiguous: true }], ['t', { power: 12, ambiguous: true }],
  ]),
  word: mapWord(ENGLISH_WORDS),
  wordJoiners: new Set(['and']),
  month: ENGLISH_MONTHS,
  hasMonths: true,
  connectors: new Set(['to', 'and', 'or', ...DASHES]),
  timeWords: new Map([['h', 'hours'], ['hrs', 'hours'], ['gmt', 'clock'], ['utc', 'clock'], ['cet', 'clock']]),
  timeNames: withCases(new Map([['noon', 12 * 60], ['midday', 12 * 60], ['midnight', 0]])),
  twelveHour: true,
  slashDates: 'either',
  ordinalDot: false,
  cjk: false,
  pairWords: true,
});

const FRENCH_LANGUAGE = (): NumberLanguage => ({
  candidates: candidatePattern([...wordsExceptOne(FRENCH_WORDS), ...FRENCH_MONTH_NAMES.flat(), 'mille', 'million', 'milliard', 'md', 'mds', 'mrd', 'billion', 'midi', 'minuit']),
  wordStarts: startsOf(FRENCH_WORDS.keys(), ['midi', 'minuit']),
  monthStarts: startsOf(FRENCH_MONTH_NAMES.flat()),
  code: 'fr',
  native: [FRENCH],
  foreign: [GERMAN, ENGLISH],
  scale: mapScale(
    new Map([
      ['mille', 3], ['million', 6], ['millions', 6], ['milliard', 9], ['milliards', 9], ['md', 9], ['mds', 9],
      ['mrd', 9], ['mrds', 9], ['billion', 12], ['billions', 12],
    ]),
  ),
  glued: new Map([
    ['md', { power: 9, ambiguous: false }], ['mds', { power: 9, ambiguous: false }], ['mrd', { power: 9, ambiguous: false }],
    ['m', { power: 6, ambiguous: true }], ['k', { power: 3, ambiguous: true }],
  ]),
  word: mapWord(FRENCH_WORDS),
  wordJoiners: new Set(['et']),
  month: FRENCH_MONTHS,
  hasMonths: true,
  connectors: new Set(['à', 'et', 'ou', ...DASHES]),
  timeWords: new Map([['h', 'hours'], ['heure', 'hours'], ['heures', 'hours']]),
  timeNames: withCases(new Map([['midi', 12 * 60], ['minuit', 0]])),
  twelveHour: false,
  slashDates: 'dmy',
  ordinalDot: false,
  cjk: false,
  pairWords: true,
});

const SPANISH_LANGUAGE = (): NumberLanguage => ({
  candidates: candidatePattern([...wordsExceptOne(SPANISH_WORDS), ...SPANISH_MONTH_NAMES.flat(), 'mil', 'millón', 'millon', 'millones', 'mm', 'millardo', 'billón', 'billon', 'billones', 'mediodía', 'medianoche']),
  wordStarts: startsOf(SPANISH_WORDS.keys(), ['mediodía', 'medianoche']),
  monthStarts: startsOf(SPANISH_MONTH_NAMES.flat()),
  code: 'es',
  native: [SPAIN, MEXICO],
  foreign: [ENGLISH],
  scale: mapScale(
    new Map([
      ['mil', 3], ['millón', 6], ['millon', 6], ['millones', 6], ['mm', 6], ['millardo', 9], ['millardos', 9],
      ['billón', 12], ['billon', 12], ['billones', 12],
    ]),
  ),
  glued: new Map([['m', { power: 6, ambiguous: true }], ['mm', { power: 6, ambiguous: false }]]),
  word: mapWord(SPANISH_WORDS),
  wordJoiners: new Set(['y']),
  month: SPANISH_MONTHS,
  hasMonths: true,
  connectors: new Set(['a', 'y', 'o', 'hasta', ...DASHES]),
  timeWords: new Map([['h', 'hours'], ['hora', 'hours'], ['horas', 'hours']]),
  timeNames: withCases(new Map([['mediodía', 12 * 60], ['medianoche', 0]])),
  twelveHour: false,
  slashDates: 'dmy',
  ordinalDot: false,
  cjk: false,
  pairWords: true,
});

const RUSSIAN_LANGUAGE = (): NumberLanguage => ({
  candidates: candidatePattern([...wordsExceptOne(RUSSIAN_WORDS), ...RUSSIAN_ORDINAL_STARTS, 'январ', 'феврал', 'март', 'апрел', 'май', 'мая', 'мае', 'июн', 'июл', 'август', 'сентябр', 'октябр', 'ноябр', 'декабр', 'тыс', 'млн', 'миллион', 'млрд', 'миллиард', 'трлн', 'триллион', 'полдень', 'полночь']),
  wordStarts: startsOf(RUSSIAN_WORDS.keys(), RUSSIAN_ORDINAL_STARTS, ['полдень', 'полночь']),
  monthStarts: startsOf(['январь', 'февраль', 'март', 'апрель', 'май', 'июнь', 'июль', 'август', 'сентябрь', 'октябрь', 'ноябрь', 'декабрь']),
  code: 'ru',
  native: [FRENCH],
  foreign: [GERMAN, ENGLISH],
  scale: russianScale,
  glued: new Map(),
  word: russianWord,
  wordJoiners: new Set(),
  month: russianMonth,
  hasMonths: true,
  connectors: new Set(['до', 'и', 'или', ...DASHES]),
  timeWords: new Map([['ч', 'hours'], ['час', 'hours'], ['часа', 'hours'], ['часов', 'hours']]),
  timeNames: withCases(new Map([['полдень', 12 * 60], ['полночь', 0]])),
  twelveHour: false,
  slashDates: 'dmy',
  ordinalDot: false,
  cjk: false,
  pairWords: true,
});

function cjkLanguage(code: string): NumberLanguage {
  return {
    code,
    // "一" alone only ever confirms a 1, and it is in every other Chinese word; 月 and 点 are candidates
    // for 一月 (January) and 一点 (one o'clock).
    candidates: candidatePattern([], '|[零〇二两兩三四五六七八九十百千万萬亿億月点點时時]'),
    wordStarts: new Set(),
    monthStarts: new Set(),
    native: [CHINESE],
    foreign: [GERMAN],
    scale: () => undefined,
    glued: new Map(),
    word: () => undefined,
    wordJoiners: new Set(),
    month: () => undefined,
    hasMonths: true,
    connectors: new Set(['至', '到', '和', '或', '~', '～', '〜', ...DASHES]),
    timeWords: new Map(),
    timeNames: new Map(),
    twelveHour: false,
    slashDates: 'dmy',
    ordinalDot: false,
    cjk: true,
    pairWords: false,
  };
}

/** Digits only, every common grouping accepted: no false alarm where we know nothing about the language. */
const GENERIC_LANGUAGE: NumberLanguage = {
  candidates: candidatePattern([]),
  wordStarts: new Set(),
  monthStarts: new Set(),
  code: '*',
  native: [GERMAN, ENGLISH, FRENCH, SWISS],
  foreign: [],
  scale: () => undefined,
  glued: new Map(),
  word: () => undefined,
  wordJoiners: new Set(),
  month: () => undefined,
  hasMonths: false,
  connectors: new Set(DASHES),
  timeWords: new Map(),
  timeNames: new Map(),
  twelveHour: false,
  slashDates: 'dmy',
  ordinalDot: false,
  cjk: false,
  pairWords: false,
};

/** Each language's tables are built when a run first checks that language (a run checks one or two). */
const LANGUAGES: ReadonlyMap<string, () => NumberLanguage> = new Map([
  ['de', GERMAN_LANGUAGE],
  ['en', ENGLISH_LANGUAGE],
  ['fr', FRENCH_LANGUAGE],
  ['es', SPANISH_LANGUAGE],
  ['ru', RUSSIAN_LANGUAGE],
  ['zh', () => cjkLanguage('zh')],
  ['ja', () => cjkLanguage('ja')],
]);
const built = new Map<string, NumberLanguage>();

export function numberLanguage(lang: string): NumberLanguage {
  const code = primaryLanguage(lang);
  let language = built.get(code);
  if (language === undefined) {
    const build = LANGUAGES.get(code);
    if (build === undefined) return GENERIC_LANGUAGE;
    built.set(code, (language = build()));
  }
  return language;
}

// ---------------------------------------------------------------------------------------------------------
// Chinese and Japanese numerals: 二十 = 20, 两千二百 = 2200, 一亿二千万 = 120000000.

const CJK_DIGITS: ReadonlyMap<string, number> = new Map([
  ['零', 0], ['〇', 0], ['一', 1], ['二', 2], ['两', 2], ['兩', 2], ['三', 3], ['四', 4], ['五', 5], ['六', 6],
  ['七', 7], ['八', 8], ['九', 9],
]);
const CJK_SMALL_UNITS: ReadonlyMap<string, number> = new Map([['十', 10], ['百', 100], ['千', 1000]]);
const CJK_BIG_UNITS: ReadonlyMap<string, number> = new Map([['万', 4], ['萬', 4], ['亿', 8], ['億', 8]]);

export function isCjkNumeral(char: string): boolean {
  return CJK_DIGITS.has(char) || CJK_SMALL_UNITS.has(char) || CJK_BIG_UNITS.has(char);
}

/** Power of ten of a CJK scale character after digits ("2200亿"), or undefined. */
export function cjkScale(char: string): number | undefined {
  const big = CJK_BIG_UNITS.get(char);
  if (big !== undefined) return big;
  const small = CJK_SMALL_UNITS.get(char);
  return small === undefined || small === 10 ? undefined : Math.log10(small);
}

/** Value of a run of CJK numerals, or undefined when it is not a number (starts with 百, 万 …). */
export function parseCjkNumeral(run: string): number | undefined {
  const first = run.charAt(0);
  if (!CJK_DIGITS.has(first) && first !== '十') return undefined;
  let total = 0;
  let section = 0;
  let digit = 0;
  let sawDigit = false;
  for (const char of run) {
    const d = CJK_DIGITS.get(char);
    if (d !== undefined) {
      // 二〇二四: digit by digit, as years are written.
      digit = sawDigit && section === 0 && total === 0 ? digit * 10 + d : d;
      sawDigit = true;
      continue;
    }
    const small = CJK_SMALL_UNITS.get(char);
    if (small !== undefined) {
      section += (digit === 0 ? 1 : digit) * small;
      digit = 0;
      sawDigit = false;
      continue;
    }
    const big = CJK_BIG_UNITS.get(char);
    if (big === undefined) return undefined;
    const power = 10 ** big;
    if (big === 8) total = (total + section + digit) * power;
    else total += (section + digit) * power;
    section = 0;
    digit = 0;
    sawDigit = false;
  }
  return total + section + digit;
}
