// German sentence splitting for news text. The splitter only ever cuts at whitespace after sentence-final
// punctuation (or, for a missing space as in "seien.Die", right after that punctuation), so every sentence
// is a verbatim slice of the paragraph and nothing is lost or reordered.
//
// The heuristic, token by token (a token is a run of non-whitespace):
// 1. A token is a candidate end only if, after stripping closing quotes/brackets, it ends in . ! ? or …
//    Colons, semicolons and commas never end a sentence; neither do "(!)", "(?)", "[…]" inside a sentence.
// 2. "Strong" ends — ! or ?, or a full stop touching a closing quote/bracket (`.“`, `“.`, `.)`) — split
//    when the next word starts with a capital letter, a digit or an opening quote/bracket, never before a
//    lower-case word ("„Kommst du?“ fragte sie").
// 3. A full stop after a plain word splits before a capital, a digit or an opening quote.
// 4. A full stop after a known abbreviation follows its class (see german-lexicon.ts): never-final (Dr.,
//    z. B.) never splits; list-final (usw., etc.) splits before a capital; unit-final (Mio., Jh., Jan.)
//    splits only before a known sentence starter ("5 Mio. Die Aktie" splits, "5 Mio. Euro" does not).
// 5. A full stop after a number of up to three digits, a short date ("3.10."), a Roman numeral or a single
//    capital letter (an initial) is read as an ordinal/initial and behaves like unit-final: "am 3. Oktober",
//    "Friedrich II. von", "J. R. R. Tolkien" stay whole; "Er wurde 3. Die Sieger …" splits. After a word
//    that cannot precede a bare ordinal ("stieg auf 12.", "Platz 3.") the number is a quantity and ends
//    the sentence before any capital. Longer numbers (years, 1.000.000, 3,5, 01.02.2024) end the sentence
//    before a capital unless a determiner precedes them ("der 1000. Besucher").
// 6. An ellipsis splits only before a sentence starter; before lower case or a noun it is a pause.
// 7. A single lower-case letter before "." is part of a multi-letter abbreviation ("d. h.", "u. a.").
// 8. Ordinal ranges ("im 1.-3. Jahrhundert", "1. -3.", "vom 1.–3. Mai") behave like one short ordinal.
// 9. A paragraph opening with a number of up to three digits and a full stop ("1. Ich …", "3. Ihr …") is
//    an enumerated item: the number never ends a sentence of its own.
// 10. Footnote marks glued after the punctuation (superscript digits, "[6]", U+FFFC) belong to the sentence
//    they close: "Satz.¹ Noch" and "erfolgen.[6] Es" cut after the mark, "Satz.² ³ Dann" after the last.
// 11. A stand-alone dash after terminal punctuation opens the next sentence ("Kommst du? – Nein."): the
//    word after the dash decides, and the cut goes before the dash.
// 12. U+FFFC stands for one Markdown inline placeholder (footnote reference, code, image, inline HTML):
//    glued after terminal punctuation it is a footnote mark (rule 10); as a word it is an ordinary word
//    ("Er nutzt \uFFFC. Dann" cuts after "\uFFFC."); opening the next word it counts as a capital
//    ("Gut. \uFFFC ist schnell." cuts after "Gut.", but never after "z. B." or an ordinal).
// All decisions look at a bounded number of neighbouring tokens, so the splitter runs in linear time.
//
// How it is fast (it runs on every paragraph of every document): only a word holding a decisive
// character (terminal punctuation, a footnote mark, a German quote „ “) can change a decision, and in
// news text that is about one word in seven. One global regular expression jumps from one decisive
// character to the next (`test` moves lastIndex without building a match array), so the words in between
// are never looked at in JavaScript. For a word that may end a sentence, the rules read the tokens around
// it (Tokens: index 0 is the word, -1 the one before, 1 the one after) from the paragraph as they ask for
// them, with charCodeAt and a byte table of character classes; cheap tests on character codes come
// before the regular expressions and set lookups. An earlier version recorded every token in typed
// arrays first (a third of its time), and the one before that matched, sliced and lower-cased every
// word; tests/segmentation/reference-split-sentences.ts keeps that first version as the oracle of a
// differential test: every version must cut every input at the same places.
//
// Known limits (each needs more than local context to get right):
// - A unit-final abbreviation, an ordinal or an initial before a sentence that opens with a noun or a
//   name stays joined ("im 19. Jh. Kirchen wurden …", "bis 3. Müller lachte", "Peter M. Müller kennt
//   ihn"): only known sentence starters split there.
// - A sentence that opens with a lower-case word never splits off ("gut. dm-Märkte schließen",
//   "gut. „wir kommen“"); only camel-case brands (iPhone, eBay) count as a start.
// - "Art." before a Roman numeral ("Art. III") splits; German law cites articles with Arabic numerals.
// - A paragraph that opens with a year and a full stop ("2024. Das Jahr …") splits after the year; only
//   numbers of up to three digits are read as list items.
// - Footnote marks separated from the full stop by a space ("Satz. [6] Noch") go with the next sentence,
//   and so does a second, stand-alone U+FFFC after a glued one ("Satz.\uFFFC \uFFFC Noch"): alone, it may
//   as well be a word opening that sentence.
// - A dash glued to the next word ("Er ging. –Dann") is not read as a dash: no cut.
// - An abbreviation missing from german-lexicon.ts ends a sentence before any capital ("die Verordn.
//   Nr. 5"); abbreviations that are also words or names (Gen., Part., Franz.) are left out on purpose and
//   split the same way ("sagte Gen. Müller").
import {
  type AbbreviationClass,
  CARDINAL_CONTEXT,
  classifyAbbreviation,
  mayEndAbbreviation,
  ORDINAL_DETERMINERS,
  SENTENCE_STARTERS,
} from './german-lexicon.js';
import { applyRules, type SegmentationRules } from './rules.js';

const TERMINALS = '.!?…';
/** Characters that close a quotation or parenthesis at the end of a token. */
const CLOSERS = '”“"»«‘’\')]}›‹';
/** Characters that open a quotation or parenthesis at the start of a token. */
const OPENERS = '„“”"»«‚‘’\'([{›‹¿¡';
/** U+FFFC OBJECT REPLACEMENT CHARACTER: stands for one Markdown inline placeholder in plain text. */
const PLACEHOLDER = '\uFFFC';
/** Superscript digits used as footnote marks (¹ ² ³ are Latin-1, the rest live at U+2070). */
const SUPERSCRIPT_DIGITS = '¹²³⁰⁴⁵⁶⁷⁸⁹';
/** Stand-alone dashes that open a new sentence after terminal punctuation ("Kommst du? – Nein."). */
const DASHES = new Set(['-', '–', '—']);
/** Exactly the characters `\s` matches in a JavaScript regular expression: the token separators. */
const WHITESPACE =
  '\t\n\v\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff';

const UPPER = /^\p{Lu}$/u;
const LOWER = /^\p{Ll}$/u;
const ROMAN = /^[IVXLC]{2,7}$/;
const ABBREVIATION_PIECE = /^(?:\p{L}{1,5}\.)+$/u;
/** A number, possibly with thousands separators or decimals: "3", "2024", "1.000.000", "3,5", "01.02.2024". */
const NUMBER = /^[0-9][0-9.,]*$/;
/** A number read as an ordinal unless a cardinal context precedes it: up to three digits, or a short date. */
const SHORT_NUMBER = /^(?:[0-9]{1,3}|[0-9]{1,2}\.[0-9]{1,2})$/;
const ORDINAL_RANGE = /^[0-9]{1,3}\.[-–][0-9]{1,2}(?:\.[0-9]{1,2})?$/;
/** A list item's number, or the first ordinal of a range: "1.", "12.". */
const LIST_NUMBER = /^[0-9]{1,3}\.$/;

// Character classes, one byte per UTF-16 code unit, for the scan.
const WS = 1;
const TERM = 2;
const CLOSE = 4;
const OPEN = 8;
const QUOTE = 16;
const MARK = 32;
const SUPERSCRIPT = 64;
const DIGIT_CLASS = 128;
const CLASSES = buildClasses();

function buildClasses(): Uint8Array {
  const table = new Uint8Array(0x10000);
  const mark = (chars: string, bit: number): void => {
    for (let i = 0; i < chars.length; i += 1) {
      const code = chars.charCodeAt(i);
      table[code] = (table[code] as number) | bit;
    }
  };
  mark(WHITESPACE, WS);
  mark(TERMINALS, TERM);
  mark(CLOSERS, CLOSE);
  mark(OPENERS, OPEN);
  mark('„“', QUOTE);
  mark(`${SUPERSCRIPT_DIGITS}]`, MARK);
  mark(SUPERSCRIPT_DIGITS, SUPERSCRIPT);
  mark('0123456789', DIGIT_CLASS);
  return table;
}

/** The class bits of a UTF-16 code unit (always below 0x10000, so always in the table). */
function classOf(code: number): number {
  return CLASSES[code] as number;
}

/** True when the code unit at `index` of `text` (which must be inside it) has one of the class bits. */
function isAt(text: string, index: number, bits: number): boolean {
  return (classOf(text.charCodeAt(index)) & bits) !== 0;
}

// Letter classes are needed only around candidate ends, so they are worked out per code unit on first
// use (with the same Unicode properties the rules were written with) instead of for all 65,536 at start.
const IS_KNOWN = 1;
const IS_LETTER = 2;
const IS_UPPER = 4;
const IS_LOWER = 8;
const LETTER_CLASSES = new Uint8Array(0x10000);

function letterClassOf(code: number): number {
  let bits = LETTER_CLASSES[code] as number;
  if (bits === 0) {
    const ch = String.fromCharCode(code);
    bits = IS_KNOWN;
    if (/^\p{L}$/u.test(ch)) bits |= IS_LETTER;
    if (UPPER.test(ch)) bits |= IS_UPPER;
    if (LOWER.test(ch)) bits |= IS_LOWER;
    LETTER_CLASSES[code] = bits;
  }
  return bits;
}

function isSpace(code: number): boolean {
  return (classOf(code) & WS) !== 0;
}

/** Where the word (run of non-whitespace) holding the code unit at `at` starts. */
function wordStart(paragraph: string, at: number): number {
  let start = at;
  while (start > 0 && !isSpace(paragraph.charCodeAt(start - 1))) start -= 1;
  return start;
}

/** Where the word (run of non-whitespace) holding the code unit at `at` ends. */
function wordEnd(paragraph: string, at: number): number {
  let end = at + 1;
  while (end < paragraph.length && !isSpace(paragraph.charCodeAt(end))) end += 1;
  return end;
}

/** The class bits of the characters [start, end). */
function flagsOf(paragraph: string, start: number, end: number): number {
  let seen = 0;
  for (let i = start; i < end; i += 1) seen |= classOf(paragraph.charCodeAt(i));
  return seen;
}

// The glued cuts of the last word looked at (see gluedCuts), reused between calls and grown on demand.
let cuts = new Int32Array(16);

/**
 * Where the word [start, end) (a run of non-whitespace with class bits `seen`) is cut by glued stops
 * ("seien.Die"): the cuts go to `cuts`, in order; returns how many. Each cut makes one more token.
 */
function gluedCuts(paragraph: string, start: number, end: number, seen: number): number {
  // A glued stop needs three letters, the stop, a capital and a lower-case letter.
  if ((seen & TERM) === 0 || end - start < 6 || !mayHaveGluedCut(paragraph, start, end)) return 0;
  let count = 0;
  for (let cut = nextGluedCut(paragraph, start, end, start); cut > 0; cut = nextGluedCut(paragraph, start, end, cut)) {
    if (count === cuts.length) {
      const grown = new Int32Array(count * 2);
      grown.set(cuts);
      cuts = grown;
    }
    cuts[count] = cut;
    count += 1;
  }
  return count;
}

/**
 * Room on each side of the judged token. The rules read at most 8 tokens back and 3 ahead: up to three
 * footnote marks before it (splitsAfter), a stand-alone full stop (decideEnd) and three abbreviation
 * pieces (classifyBody) further back; a dash and the word after it ahead.
 */
const REACH = 16;

/**
 * The tokens around the one being judged (index 0), read from the paragraph only as the rules ask for
 * them: a token is a run of non-whitespace, or a piece of one that a glued stop cut. Index -1 is the
 * token before, 1 the one after; a token that is not there (before the paragraph's start, after its
 * end) reads as ''. One instance is reused: splitting is synchronous and never re-entered.
 */
class Tokens {
  private paragraph = '';
  private readonly starts = new Int32Array(2 * REACH + 1);
  private readonly ends = new Int32Array(2 * REACH + 1);
  private readonly glued = new Uint8Array(2 * REACH + 1);
  private readonly texts: (string | undefined)[] = new Array<string | undefined>(2 * REACH + 1).fill(undefined);
  /** The indices read so far are [low, high]. */
  private low = 0;
  private high = 0;

  /**
   * Centres on the last piece of the word [start, end), whose `count` glued cuts are in `cuts`: the
   * pieces before it are the tokens before it.
   */
  focus(paragraph: string, start: number, end: number, count: number): void {
    this.paragraph = paragraph;
    for (let slot = this.low + REACH; slot <= this.high + REACH; slot += 1) this.texts[slot] = undefined;
    this.low = 1;
    this.pushPiecesBefore(start, end, count);
    this.high = 0;
  }

  has(index: number): boolean {
    while (index < this.low && this.readBefore());
    while (index > this.high && this.readAfter());
    return index >= this.low && index <= this.high;
  }

  /** The first token of the paragraph. */
  isFirst(index: number): boolean {
    return this.has(index) && !this.has(index - 1);
  }

  /** A piece that a glued stop cut off the token after it ("seien." of "seien.Die"). */
  isGlued(index: number): boolean {
    return this.has(index) && this.glued[index + REACH] === 1;
  }

  text(index: number): string {
    if (!this.has(index)) return '';
    const slot = index + REACH;
    let text = this.texts[slot];
    if (text === undefined) {
      text = this.paragraph.slice(this.starts[slot], this.ends[slot]);
      this.texts[slot] = text;
    }
    return text;
  }

  /** Reads the word before the lowest token read; false at the paragraph's start (or beyond REACH). */
  private readBefore(): boolean {
    if (this.low <= -REACH) return false;
    const { paragraph } = this;
    let end = this.starts[this.low + REACH] as number;
    while (end > 0 && isSpace(paragraph.charCodeAt(end - 1))) end -= 1;
    if (end === 0) return false;
    const start = wordStart(paragraph, end - 1);
    this.pushPiecesBefore(start, end, gluedCuts(paragraph, start, end, flagsOf(paragraph, start, end)));
    return true;
  }

  /** Reads the word after the highest token read; false at the paragraph's end (or beyond REACH). */
  private readAfter(): boolean {
    if (this.high >= REACH) return false;
    const { paragraph } = this;
    const length = paragraph.length;
    let start = this.ends[this.high + REACH] as number;
    while (start < length && isSpace(paragraph.charCodeAt(start))) start += 1;
    if (start === length) return false;
    const end = wordEnd(paragraph, start);
    const count = gluedCuts(paragraph, start, end, flagsOf(paragraph, start, end));
    let pieceStart = start;
    for (let k = 0; k <= count && this.high < REACH; k += 1) {
      const pieceEnd = k < count ? (cuts[k] as number) : end;
      this.high += 1;
      this.set(this.high, pieceStart, pieceEnd, k < count);
      pieceStart = pieceEnd;
    }
    return true;
  }

  /** Adds the pieces of the word [start, end) (with `count` cuts in `cuts`) below the lowest token. */
  private pushPiecesBefore(start: number, end: number, count: number): void {
    let pieceEnd = end;
    for (let k = count - 1; k >= -1 && this.low > -REACH; k -= 1) {
      const pieceStart = k >= 0 ? (cuts[k] as number) : start;
      this.low -= 1;
      this.set(this.low, pieceStart, pieceEnd, pieceEnd !== end);
      pieceEnd = pieceStart;
    }
  }

  private set(index: number, start: number, end: number, glued: boolean): void {
    const slot = index + REACH;
    this.starts[slot] = start;
    this.ends[slot] = end;
    this.glued[slot] = glued ? 1 : 0;
  }
}

const tokens = new Tokens();

/**
 * False when no glued stop can be inside the token: after its first terminal punctuation come only
 * more terminals, closers and openers ("Hause.", "gesagt.“"), as at the end of most sentences.
 */
function mayHaveGluedCut(paragraph: string, start: number, end: number): boolean {
  let i = start;
  while (i < end && (classOf(paragraph.charCodeAt(i)) & TERM) === 0) i += 1;
  while (i < end && (classOf(paragraph.charCodeAt(i)) & (TERM | CLOSE | OPEN)) !== 0) i += 1;
  return i < end;
}

function isUrlLike(paragraph: string, start: number, end: number): boolean {
  for (let i = start; i < end; i += 1) {
    const code = paragraph.charCodeAt(i);
    if (code === 0x40 || code === 0x2f) return true; // @ /
  }
  if (end - start < 4) return false;
  // Only W, w and "." lower-case to "w" or "." anywhere in Unicode, so this is toLowerCase().startsWith('www.').
  const w = (code: number): boolean => code === 0x57 || code === 0x77;
  return (
    w(paragraph.charCodeAt(start)) &&
    w(paragraph.charCodeAt(start + 1)) &&
    w(paragraph.charCodeAt(start + 2)) &&
    paragraph.charCodeAt(start + 3) === 0x2e
  );
}

/**
 * The next cut inside the token [start, end) after `from` where a sentence ends without a following
 * space ("seien.Die"), or -1: a word of three or more letters ending in lower case, terminal
 * punctuation, optional closers, then a capital followed by a lower-case letter. URLs and e-mail
 * addresses are never cut.
 */
function nextGluedCut(paragraph: string, start: number, end: number, from: number): number {
  if (from === start && isUrlLike(paragraph, start, end)) return -1;
  // The scan resumes at the cut, which is never inside a terminal run.
  let i = from === start ? start + 1 : from;
  while (i < end) {
    if ((classOf(paragraph.charCodeAt(i)) & TERM) === 0) {
      i += 1;
      continue;
    }
    let wordStart = i;
    while (wordStart > start && (letterClassOf(paragraph.charCodeAt(wordStart - 1)) & IS_LETTER) !== 0) wordStart -= 1;
    let j = i;
    while (j < end && (classOf(paragraph.charCodeAt(j)) & TERM) !== 0) j += 1;
    const runEnd = j;
    while (j < end && (classOf(paragraph.charCodeAt(j)) & CLOSE) !== 0) j += 1;
    let k = j;
    while (k < end && (classOf(paragraph.charCodeAt(k)) & OPEN) !== 0) k += 1;
    if (
      i - wordStart >= 3 &&
      j < end &&
      (letterClassOf(paragraph.charCodeAt(i - 1)) & IS_LOWER) !== 0 &&
      k < end &&
      (letterClassOf(paragraph.charCodeAt(k)) & IS_UPPER) !== 0 &&
      k + 1 < end &&
      (letterClassOf(paragraph.charCodeAt(k + 1)) & IS_LOWER) !== 0 &&
      classifyAbbreviation(`${paragraph.slice(wordStart, i)}.`) === undefined
    ) {
      return j;
    }
    i = Math.max(runEnd, i + 1);
  }
  return -1;
}

type CharKind = 'upper' | 'lower' | 'digit' | 'other' | 'none';

interface NextWord {
  readonly kind: CharKind;
  /** The next token without its opening quotes and brackets; its leading run of letters is the word. */
  readonly text: string;
  /** True for brand-style words such as iPhone or eBay that start lower case. */
  readonly camel: boolean;
}

type EndShape =
  | { readonly kind: 'none' }
  | { readonly kind: 'strong' }
  | { readonly kind: 'ellipsis' }
  | { readonly kind: 'period'; readonly body: string };

const NO_END: EndShape = { kind: 'none' };
const STRONG_END: EndShape = { kind: 'strong' };
const ELLIPSIS_END: EndShape = { kind: 'ellipsis' };

/** The kind of the first code unit of `text`. */
function kindOf(text: string): CharKind {
  if (text === '') return 'none';
  const code = text.charCodeAt(0);
  // An inline placeholder (footnote reference, code, image, HTML) opening a sentence reads like a name.
  if (code === 0xfffc) return 'upper';
  if ((classOf(code) & DIGIT_CLASS) !== 0) return 'digit';
  const letter = letterClassOf(code);
  if ((letter & IS_UPPER) !== 0) return 'upper';
  if ((letter & IS_LOWER) !== 0) return 'lower';
  return 'other';
}

function stripLeadingOpeners(text: string): string {
  let i = 0;
  while (i < text.length && isAt(text, i, OPEN)) i += 1;
  return i === 0 ? text : text.slice(i);
}

function stripTrailingClosers(text: string): string {
  let end = text.length;
  while (end > 0 && isAt(text, end - 1, CLOSE)) end -= 1;
  return text.slice(0, end);
}

/**
 * Length of the footnote marks closing `token` ("Satz.¹", "erfolgen.[6]", "Satz.\uFFFC", "Satz.²³"), or 0:
 * superscript digits, bracketed numbers of up to three digits and inline placeholders, in any mix.
 */
function footnoteMarksLength(token: string): number {
  let end = token.length;
  while (end > 0) {
    const code = token.charCodeAt(end - 1);
    if (code === 0xfffc || isAt(token, end - 1, SUPERSCRIPT)) {
      end -= 1;
      continue;
    }
    if (code === 0x5d) {
      // "]": a bracketed number of up to three digits
      let j = end - 2;
      while (j >= 0 && j >= end - 4 && isAt(token, j, DIGIT_CLASS)) j -= 1;
      if (j < end - 2 && j >= 0 && token.charCodeAt(j) === 0x5b) {
        end = j;
        continue;
      }
    }
    break;
  }
  return token.length - end;
}

/** A token made only of footnote marks ("³", "[7]"); a lone U+FFFC is a word, not a mark. */
function isFootnoteToken(token: string): boolean {
  // It ends in a superscript digit or "]" (the MARK class), as most tokens do not.
  if (token.length === 0 || !isAt(token, token.length - 1, MARK)) return false;
  return !token.includes(PLACEHOLDER) && footnoteMarksLength(token) === token.length;
}

/** How a token ends, looking through footnote marks glued after the punctuation ("Satz.¹" ends like "Satz."). */
interface MarkedEnd {
  readonly shape: EndShape;
  /** True when footnote marks followed the punctuation. */
  readonly marked: boolean;
}

function readEndShape(token: string): MarkedEnd {
  const marks = footnoteMarksLength(token);
  if (marks > 0 && marks < token.length) {
    const shape = readBareEndShape(token.slice(0, token.length - marks));
    if (shape.kind !== 'none') return { shape, marked: true };
  }
  const shape = readBareEndShape(token);
  return shape === NO_END ? UNMARKED_NO_END : shape === STRONG_END ? UNMARKED_STRONG_END : { shape, marked: false };
}

const UNMARKED_NO_END: MarkedEnd = { shape: NO_END, marked: false };
const UNMARKED_STRONG_END: MarkedEnd = { shape: STRONG_END, marked: false };

/** Reads how a token ends: trailing closers, terminal run, closers before the run, the rest (body). */
function readBareEndShape(token: string): EndShape {
  let end = token.length;
  while (end > 0 && isAt(token, end - 1, CLOSE)) end -= 1;
  const closersAfter = end < token.length;
  let runStart = end;
  let strong = false;
  while (runStart > 0 && isAt(token, runStart - 1, TERM)) {
    runStart -= 1;
    const code = token.charCodeAt(runStart);
    strong ||= code === 0x21 || code === 0x3f; // ! ?
  }
  if (runStart === end) return NO_END;
  let bodyEnd = runStart;
  while (bodyEnd > 0 && isAt(token, bodyEnd - 1, CLOSE)) bodyEnd -= 1;
  const closersBefore = bodyEnd < runStart;
  // "(!)", "(?)", "[…]", "(...)": an inline marker, not a sentence end.
  if (!closersBefore && bodyEnd > 0 && '([{'.includes(token.charAt(bodyEnd - 1))) return NO_END;
  if (strong || closersAfter || closersBefore) return STRONG_END;
  // The run is "…" or longer than one character: an ellipsis.
  if (end - runStart > 1 || token.charCodeAt(runStart) === 0x2026) return ELLIPSIS_END;
  return { kind: 'period', body: token.slice(0, bodyEnd) };
}

/**
 * True when the token [start, end) may end a sentence: terminal punctuation before its closing quotes
 * and brackets, possibly followed by inline placeholders. The exact rules run only for these tokens.
 */
function endsInTerminal(paragraph: string, start: number, end: number): boolean {
  let e = end;
  while (e > start && paragraph.charCodeAt(e - 1) === 0xfffc) e -= 1;
  while (e > start && (classOf(paragraph.charCodeAt(e - 1)) & CLOSE) !== 0) e -= 1;
  return e > start && (classOf(paragraph.charCodeAt(e - 1)) & TERM) !== 0;
}

function readNextWord(tokens: Tokens, index: number): NextWord {
  let text = '';
  // A lone opening quote ("„ Wir") belongs to the word after it.
  for (let j = index; j <= index + 1 && tokens.has(j); j += 1) {
    text = stripLeadingOpeners(tokens.text(j));
    if (text.length > 0) break;
  }
  const kind = kindOf(text);
  let camel = false;
  if (kind === 'lower') {
    for (let i = 1; i < text.length && !camel; i += 1) {
      const bits = letterClassOf(text.charCodeAt(i));
      if ((bits & IS_LETTER) === 0) break;
      camel = (bits & IS_UPPER) !== 0;
    }
  }
  return { kind, text, camel };
}

/**
 * Builds the abbreviation candidate ending at `bodyIndex` by prepending preceding short pieces
 * ("u." "v." + "m." -> "u.v.m.") and returns the class of the longest known suffix.
 */
function classifyBody(tokens: Tokens, bodyIndex: number, body: string): AbbreviationClass | undefined {
  // Every candidate below ends in the last piece of the body: most bodies (plain words) stop here.
  if (!mayEndAbbreviation(body)) return undefined;
  const last = `${body}.`;
  // A piece is one to five letters and a full stop, so a longer body without a stop is none (and the
  // regular expression need not run on every plain word before a full stop).
  if ((body.length > 5 && !body.includes('.')) || !ABBREVIATION_PIECE.test(last)) {
    // "Dipl.-Ing.", "Reg.-Bez.": the part after the last hyphen decides.
    const hyphen = body.lastIndexOf('-');
    return classifyAbbreviation(last) ?? (hyphen >= 0 ? classifyAbbreviation(last.slice(hyphen + 1)) : undefined);
  }
  const pieces = [last];
  for (let j = bodyIndex - 1; pieces.length < 4 && tokens.has(j); j -= 1) {
    if (tokens.isGlued(j)) break;
    const text = stripLeadingOpeners(tokens.text(j));
    if (!text.endsWith('.') || !ABBREVIATION_PIECE.test(text)) break;
    pieces.unshift(text);
  }
  for (let k = 0; k < pieces.length; k += 1) {
    const cls = classifyAbbreviation(pieces.slice(k).join(''));
    if (cls !== undefined) return cls;
  }
  return undefined;
}

function splitsBeforeStarter(next: NextWord): boolean {
  if (next.kind !== 'upper') return false;
  const { text } = next;
  let wordEnd = 0;
  while (wordEnd < text.length && (letterClassOf(text.charCodeAt(wordEnd)) & IS_LETTER) !== 0) wordEnd += 1;
  return SENTENCE_STARTERS.has(wordEnd === text.length ? text : text.slice(0, wordEnd));
}

function splitsAfterPlainWord(next: NextWord): boolean {
  return next.kind === 'upper' || next.kind === 'digit' || next.camel;
}

/** A short number with a full stop at `numberIndex`: an ordinal unless a cardinal context precedes it. */
function decideShortNumber(tokens: Tokens, numberIndex: number, next: NextWord): boolean {
  const previous = stripLeadingOpeners(tokens.text(numberIndex - 1)).toLowerCase();
  if (!CARDINAL_CONTEXT.has(previous)) return splitsBeforeStarter(next);
  return next.kind === 'upper' || next.kind === 'digit';
}

function decidePeriod(tokens: Tokens, bodyIndex: number, rawBody: string, next: NextWord): boolean {
  const body = stripLeadingOpeners(rawBody);
  if (next.kind === 'lower' && !next.camel) return false;
  if (next.kind === 'other' || next.kind === 'none') return false;

  const cls = classifyBody(tokens, bodyIndex, body);
  if (cls === 'never-final') return false;
  if (cls === 'list-final') return next.kind === 'upper';
  if (cls === 'unit-final') return splitsBeforeStarter(next);

  // Street names shorten to "-str." ("Goethestr. 5") and keep going like a unit.
  if (body.length > 3 && body.endsWith('str')) return splitsBeforeStarter(next);
  if (body.length === 1 && (letterClassOf(body.charCodeAt(0)) & IS_LOWER) !== 0) {
    // After a number a one-letter unit ("8,95 m.", "9,58 s.") ends the sentence; elsewhere a single
    // lower-case letter is a piece of "d. h.", "u. a.", "44 v. Chr.".
    const previous = tokens.text(bodyIndex - 1);
    return 'mglths'.includes(body) && NUMBER.test(previous) && splitsAfterPlainWord(next);
  }
  if (body.length === 1 && (letterClassOf(body.charCodeAt(0)) & IS_UPPER) !== 0) return splitsBeforeStarter(next); // initial
  if ('IVXLC'.includes(body.charAt(0)) && ROMAN.test(body)) return splitsBeforeStarter(next); // Friedrich II. von Preußen
  // The rules below are for numbers and ranges; a plain word ends the sentence before a capital.
  const first = body.charCodeAt(0);
  const digitFirst = (classOf(first) & DIGIT_CLASS) !== 0;
  if (!digitFirst && first !== 0x2d && first !== 0x2013) return splitsAfterPlainWord(next); // - –
  if (digitFirst && NUMBER.test(body)) {
    const previous = stripLeadingOpeners(tokens.text(bodyIndex - 1)).toLowerCase();
    const ordinal = SHORT_NUMBER.test(body) ? !CARDINAL_CONTEXT.has(previous) : ORDINAL_DETERMINERS.has(previous);
    if (ordinal) return splitsBeforeStarter(next);
    return next.kind === 'upper' || next.kind === 'digit';
  }
  // Ordinal ranges: "im 1.-3. Jahrhundert", "vom 1.–3. Mai", "1.–3.5."; "1. -3." judges the word before "1.".
  if (ORDINAL_RANGE.test(body)) return decideShortNumber(tokens, bodyIndex, next);
  if (/^[-–][0-9]{1,3}$/.test(body) && LIST_NUMBER.test(tokens.text(bodyIndex - 1))) {
    return decideShortNumber(tokens, bodyIndex - 1, next);
  }
  return splitsAfterPlainWord(next);
}

/** Up to how many stand-alone footnote marks may follow a marked sentence end ("Satz.² ³ ⁴ Dann"). */
const MAX_TRAILING_MARKS = 3;

/** The rules for a token that may end a sentence (see endsInTerminal) or is a footnote mark. */
function splitsAfter(tokens: Tokens, index: number): boolean {
  const text = tokens.text(index);
  // "1. Ich …", "3. Ihr …": a paragraph opening with a short number and a full stop is an enumerated
  // item, never a sentence of its own.
  if (text.length <= 4 && LIST_NUMBER.test(text) && tokens.isFirst(index)) return false;
  if (isFootnoteToken(text)) {
    // "Satz.² ³ Dann": the marks after a marked end belong to it; the sentence ends after the last one.
    for (let j = index - 1; j >= index - MAX_TRAILING_MARKS && tokens.has(j); j -= 1) {
      const before = tokens.text(j);
      if (isFootnoteToken(before)) continue;
      const end = readEndShape(before);
      return end.marked && decideEnd(tokens, j, end.shape, index + 1);
    }
    return false;
  }
  const end = readEndShape(text);
  if (end.shape.kind === 'none') return false;
  if (end.marked && isFootnoteToken(tokens.text(index + 1))) return false;
  return decideEnd(tokens, index, end.shape, index + 1);
}

/** Decides whether the sentence ending in token `index` (with `shape`) ends before token `nextIndex`. */
function decideEnd(tokens: Tokens, index: number, shape: EndShape, nextIndex: number): boolean {
  // "Kommst du? – Nein.", "Er ging. — Dann kam sie.": a dash after terminal punctuation opens the next
  // sentence; the word after the dash decides, and the cut goes before the dash.
  const after = tokens.text(nextIndex);
  const afterDash = after.length === 1 && DASHES.has(after) && tokens.has(nextIndex + 1);
  const next = readNextWord(tokens, afterDash ? nextIndex + 1 : nextIndex);
  if (shape.kind === 'strong') return next.kind === 'upper' || next.kind === 'digit';
  if (shape.kind === 'ellipsis') return splitsBeforeStarter(next);
  if (shape.kind !== 'period') return false;
  if (shape.body.length > 0 || tokens.isFirst(index)) return decidePeriod(tokens, index, shape.body, next);
  // A full stop standing alone ("voranzutreiben . Beide"): judge the word before it.
  const previous = tokens.text(index - 1);
  const previousBody = stripTrailingClosers(previous);
  if (previousBody.length < previous.length) return next.kind === 'upper' || next.kind === 'digit';
  if (previousBody.length === 0 || isAt(previousBody, previousBody.length - 1, TERM)) {
    return next.kind === 'upper' || next.kind === 'digit';
  }
  return decidePeriod(tokens, index - 1, previousBody, next);
}

/**
 * Splits one paragraph into sentences, each exactly as in the source and trimmed. Joining the sentences
 * with the whitespace that separated them gives back the trimmed paragraph. The project's rules (a
 * reviewer's join or split), when given, correct the splitter's decisions.
 */
export function splitSentences(paragraph: string, rules?: SegmentationRules): string[] {
  const sentences = splitByLexicon(paragraph);
  return rules === undefined || rules.list.length === 0 ? sentences : applyRules(paragraph, sentences, rules);
}

/** Escapes the characters that are special inside a regular expression's character class. */
function classPattern(chars: string): string {
  return `[${chars.replace(/[\\\]^-]/g, '\\$&')}]`;
}

/**
 * The characters a decision can turn on (the TERM, MARK and QUOTE classes): the scan jumps from one to
 * the next, so the words in between (most of them) are never looked at one by one.
 */
const DECISIVE = new RegExp(classPattern(`${TERMINALS}${SUPERSCRIPT_DIGITS}]„“`), 'g');

function skipSpace(paragraph: string, from: number): number {
  let i = from;
  while (i < paragraph.length && isSpace(paragraph.charCodeAt(i))) i += 1;
  return i;
}

function splitByLexicon(paragraph: string): string[] {
  const length = paragraph.length;
  const sentences: string[] = [];
  let sentenceStart = skipSpace(paragraph, 0);
  let openQuotes = 0;
  DECISIVE.lastIndex = sentenceStart;
  // `test` on a global expression moves lastIndex past the match without building a match array.
  while (DECISIVE.test(paragraph)) {
    // The word around the decisive character, and the classes seen in it.
    const start = wordStart(paragraph, DECISIVE.lastIndex - 1);
    const end = wordEnd(paragraph, DECISIVE.lastIndex - 1);
    const seen = flagsOf(paragraph, start, end);
    DECISIVE.lastIndex = end;

    // The word before, if it ends in a comma inside an open quote, ends a sentence when this word
    // restarts the quote. (Open quotes imply the word before is part of the current sentence.)
    if (openQuotes > 0 && restartsBrokenQuote(paragraph, start)) {
      let before = start;
      while (isSpace(paragraph.charCodeAt(before - 1))) before -= 1;
      if (paragraph.charCodeAt(before - 1) === 0x2c) {
        sentences.push(paragraph.slice(sentenceStart, before));
        sentenceStart = start;
        openQuotes = 0;
      }
    }

    // Every glued stop ends a sentence; the pieces before the last are decided by that.
    const count = gluedCuts(paragraph, start, end, seen);
    let pieceStart = start;
    for (let k = 0; k < count; k += 1) {
      pieceStart = cuts[k] as number;
      sentences.push(paragraph.slice(sentenceStart, pieceStart));
      sentenceStart = pieceStart;
      openQuotes = 0;
    }

    // The last piece, with the whole word's bits: they only select tokens for the rules, and a token
    // selected without need is judged by them all the same. The paragraph's last token always ends
    // the last sentence (below), so it needs no rules.
    if ((seen & QUOTE) !== 0) openQuotes = countOpenQuotes(paragraph, pieceStart, end, openQuotes);
    const mayEnd = (seen & MARK) !== 0 || ((seen & TERM) !== 0 && endsInTerminal(paragraph, pieceStart, end));
    if (mayEnd && skipSpace(paragraph, end) < length) {
      tokens.focus(paragraph, start, end, count);
      if (splitsAfter(tokens, 0)) {
        sentences.push(paragraph.slice(sentenceStart, end));
        sentenceStart = skipSpace(paragraph, end);
        openQuotes = 0;
      }
    }
  }
  if (sentenceStart < length) {
    let end = length;
    while (isSpace(paragraph.charCodeAt(end - 1))) end -= 1;
    sentences.push(paragraph.slice(sentenceStart, end));
  }
  return sentences;
}

/** Tracks German quotes („ opens, “ closes) so a quote that never closed can be recognised. */
function countOpenQuotes(paragraph: string, start: number, end: number, open: number): number {
  let count = open;
  for (let i = start; i < end; i += 1) {
    const code = paragraph.charCodeAt(i);
    if (code === 0x201e) count += 1;
    else if (code === 0x201c && count > 0) count -= 1;
  }
  return count;
}

/**
 * A German quote opened while another is still open is always an error (nested quotes use ‚…‘), and in
 * news copy it marks text where a closing quote and full stop were lost: "mit „Liebe Freunde, „Putin und
 * Xi betonten …". When such a second quote starts with a capital right after a comma (the caller checks
 * the comma and the open quote), the new sentence starts there, so the reviewer gets the two sentences
 * the author wrote. `start` is where the word after the comma starts.
 */
function restartsBrokenQuote(paragraph: string, start: number): boolean {
  return (
    paragraph.charCodeAt(start) === 0x201e &&
    start + 1 < paragraph.length &&
    (letterClassOf(paragraph.charCodeAt(start + 1)) & IS_UPPER) !== 0
  );
}
