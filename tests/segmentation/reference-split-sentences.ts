// TEST ORACLE, not production code: the token-by-token sentence splitter as it was before it was rewritten
// for speed (commit 921e54d, src/segmentation/split-sentences.ts), frozen so that
// split-sentences-differential.test.ts can check that the fast splitter gives exactly the same sentences
// on any input. It reads the same word lists (german-lexicon.ts), so the comparison is of the two
// algorithms only. Do not change its behaviour; when a rule of the splitter changes on purpose, change it
// here in the same commit, and say so.
//
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
  ORDINAL_DETERMINERS,
  SENTENCE_STARTERS,
} from '../../src/segmentation/german-lexicon.js';

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

const UPPER = /^\p{Lu}$/u;
const LOWER = /^\p{Ll}$/u;
const LETTER = /^\p{L}$/u;
const DIGIT = /^[0-9]$/;
const ROMAN = /^[IVXLC]{2,7}$/;
const ABBREVIATION_PIECE = /^(?:\p{L}{1,5}\.)+$/u;

interface Token {
  readonly start: number;
  readonly end: number;
  /** True when the no-space rule cut this token from the next one: the boundary is already decided. */
  readonly glued: boolean;
}

type CharKind = 'upper' | 'lower' | 'digit' | 'other' | 'none';

interface NextWord {
  readonly kind: CharKind;
  /** The leading run of letters (for the starter lookup). */
  readonly word: string;
  /** True for brand-style words such as iPhone or eBay that start lower case. */
  readonly camel: boolean;
}

type EndShape =
  | { readonly kind: 'none' }
  | { readonly kind: 'strong' }
  | { readonly kind: 'ellipsis' }
  | { readonly kind: 'period'; readonly body: string };

function kindOf(ch: string | undefined): CharKind {
  if (ch === undefined || ch === '') return 'none';
  // An inline placeholder (footnote reference, code, image, HTML) opening a sentence reads like a name.
  if (ch === PLACEHOLDER) return 'upper';
  if (DIGIT.test(ch)) return 'digit';
  if (UPPER.test(ch)) return 'upper';
  if (LOWER.test(ch)) return 'lower';
  return 'other';
}

function isLetter(ch: string | undefined): boolean {
  return ch !== undefined && LETTER.test(ch);
}

function stripLeadingOpeners(text: string): string {
  let i = 0;
  while (i < text.length && OPENERS.includes(text.charAt(i))) i += 1;
  return text.slice(i);
}

function stripTrailingClosers(text: string): string {
  let end = text.length;
  while (end > 0 && CLOSERS.includes(text.charAt(end - 1))) end -= 1;
  return text.slice(0, end);
}

/**
 * Length of the footnote marks closing `token` ("Satz.¹", "erfolgen.[6]", "Satz.\uFFFC", "Satz.²³"), or 0:
 * superscript digits, bracketed numbers of up to three digits and inline placeholders, in any mix.
 */
function footnoteMarksLength(token: string): number {
  let end = token.length;
  while (end > 0) {
    const ch = token.charAt(end - 1);
    if (SUPERSCRIPT_DIGITS.includes(ch) || ch === PLACEHOLDER) {
      end -= 1;
      continue;
    }
    if (ch === ']') {
      let j = end - 2;
      while (j >= 0 && j >= end - 4 && DIGIT.test(token.charAt(j))) j -= 1;
      if (j < end - 2 && j >= 0 && token.charAt(j) === '[') {
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
  return token.length > 0 && !token.includes(PLACEHOLDER) && footnoteMarksLength(token) === token.length;
}

/**
 * Reads how a token ends, looking through footnote marks glued after the punctuation: the marks belong
 * to the sentence they close, so "Satz.¹" ends like "Satz.". `marked` says that such marks were there.
 */
function readEndShape(token: string): EndShape & { readonly marked: boolean } {
  const marks = footnoteMarksLength(token);
  if (marks > 0 && marks < token.length) {
    const shape = readBareEndShape(token.slice(0, token.length - marks));
    if (shape.kind !== 'none') return { ...shape, marked: true };
  }
  return { ...readBareEndShape(token), marked: false };
}

/** Reads how a token ends: trailing closers, terminal run, closers before the run, the rest (body). */
function readBareEndShape(token: string): EndShape {
  let end = token.length;
  while (end > 0 && CLOSERS.includes(token.charAt(end - 1))) end -= 1;
  const closersAfter = end < token.length;
  let runStart = end;
  while (runStart > 0 && TERMINALS.includes(token.charAt(runStart - 1))) runStart -= 1;
  if (runStart === end) return { kind: 'none' };
  const run = token.slice(runStart, end);
  let bodyEnd = runStart;
  while (bodyEnd > 0 && CLOSERS.includes(token.charAt(bodyEnd - 1))) bodyEnd -= 1;
  const closersBefore = bodyEnd < runStart;
  const body = token.slice(0, bodyEnd);
  // "(!)", "(?)", "[…]", "(...)": an inline marker, not a sentence end.
  if (!closersBefore && body.length > 0 && '([{'.includes(body.charAt(body.length - 1))) return { kind: 'none' };
  if (run.includes('!') || run.includes('?') || closersAfter || closersBefore) return { kind: 'strong' };
  if (run.includes('…') || run.length > 1) return { kind: 'ellipsis' };
  return { kind: 'period', body };
}

function readNextWord(paragraph: string, tokens: readonly Token[], index: number): NextWord {
  let text = '';
  // A lone opening quote ("„ Wir") belongs to the word after it.
  for (let j = index; j < tokens.length && j <= index + 1; j += 1) {
    const token = tokens[j];
    if (token === undefined) break;
    text = stripLeadingOpeners(paragraph.slice(token.start, token.end));
    if (text.length > 0) break;
  }
  const first = text.charAt(0);
  let wordEnd = 0;
  while (wordEnd < text.length && isLetter(text.charAt(wordEnd))) wordEnd += 1;
  const word = text.slice(0, wordEnd);
  const kind = kindOf(first);
  const camel = kind === 'lower' && wordEnd > 1 && word.slice(1).split('').some((ch) => UPPER.test(ch));
  return { kind, word, camel };
}

function tokenText(paragraph: string, token: Token | undefined): string {
  return token === undefined ? '' : paragraph.slice(token.start, token.end);
}

/**
 * Builds the abbreviation candidate ending at `bodyIndex` by prepending preceding short pieces
 * ("u." "v." + "m." -> "u.v.m.") and returns the class of the longest known suffix.
 */
function classifyBody(
  paragraph: string,
  tokens: readonly Token[],
  bodyIndex: number,
  body: string,
): AbbreviationClass | undefined {
  const last = `${body}.`;
  if (!ABBREVIATION_PIECE.test(last)) {
    // "Dipl.-Ing.", "Reg.-Bez.": the part after the last hyphen decides.
    const hyphen = body.lastIndexOf('-');
    return classifyAbbreviation(last) ?? (hyphen >= 0 ? classifyAbbreviation(last.slice(hyphen + 1)) : undefined);
  }
  const pieces = [last];
  for (let j = bodyIndex - 1; j >= 0 && pieces.length < 4; j -= 1) {
    const token = tokens[j];
    if (token === undefined || token.glued) break;
    const text = stripLeadingOpeners(tokenText(paragraph, token));
    if (!ABBREVIATION_PIECE.test(text)) break;
    pieces.unshift(text);
  }
  for (let k = 0; k < pieces.length; k += 1) {
    const cls = classifyAbbreviation(pieces.slice(k).join(''));
    if (cls !== undefined) return cls;
  }
  return undefined;
}

function splitsBeforeStarter(next: NextWord): boolean {
  return next.kind === 'upper' && SENTENCE_STARTERS.has(next.word);
}

function splitsAfterPlainWord(next: NextWord): boolean {
  return next.kind === 'upper' || next.kind === 'digit' || next.camel;
}

/** A short number with a full stop at `numberIndex`: an ordinal unless a cardinal context precedes it. */
function decideShortNumber(paragraph: string, tokens: readonly Token[], numberIndex: number, next: NextWord): boolean {
  const previous = stripLeadingOpeners(tokenText(paragraph, tokens[numberIndex - 1])).toLowerCase();
  if (!CARDINAL_CONTEXT.has(previous)) return splitsBeforeStarter(next);
  return next.kind === 'upper' || next.kind === 'digit';
}

function decidePeriod(
  paragraph: string,
  tokens: readonly Token[],
  bodyIndex: number,
  rawBody: string,
  next: NextWord,
): boolean {
  const body = stripLeadingOpeners(rawBody);
  if (next.kind === 'lower' && !next.camel) return false;
  if (next.kind === 'other' || next.kind === 'none') return false;

  const cls = classifyBody(paragraph, tokens, bodyIndex, body);
  if (cls === 'never-final') return false;
  if (cls === 'list-final') return next.kind === 'upper';
  if (cls === 'unit-final') return splitsBeforeStarter(next);

  // Street names shorten to "-str." ("Goethestr. 5") and keep going like a unit.
  if (body.length > 3 && body.endsWith('str')) return splitsBeforeStarter(next);
  if (body.length === 1 && LOWER.test(body)) {
    // After a number a one-letter unit ("8,95 m.", "9,58 s.") ends the sentence; elsewhere a single
    // lower-case letter is a piece of "d. h.", "u. a.", "44 v. Chr.".
    const previous = tokenText(paragraph, tokens[bodyIndex - 1]);
    return 'mglths'.includes(body) && /^[0-9][0-9.,]*$/.test(previous) && splitsAfterPlainWord(next);
  }
  if (body.length === 1 && UPPER.test(body)) return splitsBeforeStarter(next); // initial
  if (ROMAN.test(body)) return splitsBeforeStarter(next); // Friedrich II. von Preußen
  // Ordinal ranges: "im 1.-3. Jahrhundert", "vom 1.–3. Mai", "1.–3.5."; "1. -3." judges the word before "1.".
  if (/^[0-9]{1,3}\.[-–][0-9]{1,2}(?:\.[0-9]{1,2})?$/.test(body)) return decideShortNumber(paragraph, tokens, bodyIndex, next);
  if (/^[-–][0-9]{1,3}$/.test(body) && /^[0-9]{1,3}\.$/.test(tokenText(paragraph, tokens[bodyIndex - 1]))) {
    return decideShortNumber(paragraph, tokens, bodyIndex - 1, next);
  }
  if (/^[0-9][0-9.,]*$/.test(body)) {
    const previous = stripLeadingOpeners(tokenText(paragraph, tokens[bodyIndex - 1])).toLowerCase();
    const short = /^[0-9]{1,3}$/.test(body) || /^[0-9]{1,2}\.[0-9]{1,2}$/.test(body);
    const ordinal = short ? !CARDINAL_CONTEXT.has(previous) : ORDINAL_DETERMINERS.has(previous);
    if (ordinal) return splitsBeforeStarter(next);
    return next.kind === 'upper' || next.kind === 'digit';
  }
  return splitsAfterPlainWord(next);
}

/** Up to how many stand-alone footnote marks may follow a marked sentence end ("Satz.² ³ ⁴ Dann"). */
const MAX_TRAILING_MARKS = 3;

function splitsAfter(paragraph: string, tokens: readonly Token[], index: number): boolean {
  const token = tokens[index];
  if (token === undefined) return false;
  if (token.glued) return true;
  const text = tokenText(paragraph, token);
  // "1. Ich …", "3. Ihr …": a paragraph opening with a short number and a full stop is an enumerated
  // item, never a sentence of its own.
  if (index === 0 && /^[0-9]{1,3}\.$/.test(text)) return false;
  if (isFootnoteToken(text)) {
    // "Satz.² ³ Dann": the marks after a marked end belong to it; the sentence ends after the last one.
    for (let j = index - 1; j >= 0 && j >= index - MAX_TRAILING_MARKS; j -= 1) {
      const before = tokenText(paragraph, tokens[j]);
      if (isFootnoteToken(before)) continue;
      const shape = readEndShape(before);
      return shape.marked && decideEnd(paragraph, tokens, j, shape, index + 1);
    }
    return false;
  }
  const shape = readEndShape(text);
  if (shape.kind === 'none') return false;
  if (shape.marked && isFootnoteToken(tokenText(paragraph, tokens[index + 1]))) return false;
  return decideEnd(paragraph, tokens, index, shape, index + 1);
}

/** Decides whether the sentence ending in `tokens[index]` (with `shape`) ends before `tokens[nextIndex]`. */
function decideEnd(
  paragraph: string,
  tokens: readonly Token[],
  index: number,
  shape: EndShape,
  nextIndex: number,
): boolean {
  // "Kommst du? – Nein.", "Er ging. — Dann kam sie.": a dash after terminal punctuation opens the next
  // sentence; the word after the dash decides, and the cut goes before the dash.
  const after = tokens[nextIndex];
  const afterDash = after !== undefined && DASHES.has(tokenText(paragraph, after)) && nextIndex + 1 < tokens.length;
  const next = readNextWord(paragraph, tokens, afterDash ? nextIndex + 1 : nextIndex);
  if (shape.kind === 'strong') return next.kind === 'upper' || next.kind === 'digit';
  if (shape.kind === 'ellipsis') return splitsBeforeStarter(next);
  if (shape.kind !== 'period') return false;
  if (shape.body.length > 0 || index === 0) return decidePeriod(paragraph, tokens, index, shape.body, next);
  // A full stop standing alone ("voranzutreiben . Beide"): judge the word before it.
  const previous = tokenText(paragraph, tokens[index - 1]);
  const previousBody = stripTrailingClosers(previous);
  if (previousBody.length < previous.length) return next.kind === 'upper' || next.kind === 'digit';
  if (previousBody.length === 0 || TERMINALS.includes(previousBody.charAt(previousBody.length - 1))) {
    return next.kind === 'upper' || next.kind === 'digit';
  }
  return decidePeriod(paragraph, tokens, index - 1, previousBody, next);
}

/**
 * Finds cut points inside a token where a sentence ends without a following space ("seien.Die"): a word
 * of three or more letters ending in lower case, terminal punctuation, optional closers, then a capital
 * followed by a lower-case letter. URLs and e-mail addresses are never cut.
 */
function findGluedCuts(token: string): number[] {
  const cuts: number[] = [];
  if (token.includes('@') || token.includes('/') || token.toLowerCase().startsWith('www.')) return cuts;
  let i = 0;
  while (i < token.length) {
    const ch = token.charAt(i);
    if (!TERMINALS.includes(ch) || i === 0) {
      i += 1;
      continue;
    }
    let wordStart = i;
    while (wordStart > 0 && isLetter(token.charAt(wordStart - 1))) wordStart -= 1;
    let j = i;
    while (j < token.length && TERMINALS.includes(token.charAt(j))) j += 1;
    const runEnd = j;
    while (j < token.length && CLOSERS.includes(token.charAt(j))) j += 1;
    let k = j;
    while (k < token.length && OPENERS.includes(token.charAt(k))) k += 1;
    const word = token.slice(wordStart, i);
    if (
      i - wordStart >= 3 &&
      j < token.length &&
      LOWER.test(token.charAt(i - 1)) &&
      UPPER.test(token.charAt(k)) &&
      LOWER.test(token.charAt(k + 1)) &&
      classifyAbbreviation(`${word}.`) === undefined
    ) {
      cuts.push(j);
    }
    i = Math.max(runEnd, i + 1);
  }
  return cuts;
}

function tokenize(paragraph: string): Token[] {
  const tokens: Token[] = [];
  for (const match of paragraph.matchAll(/\S+/g)) {
    const start = match.index;
    const text = match[0];
    let pieceStart = start;
    for (const cut of findGluedCuts(text)) {
      tokens.push({ start: pieceStart, end: start + cut, glued: true });
      pieceStart = start + cut;
    }
    tokens.push({ start: pieceStart, end: start + text.length, glued: false });
  }
  return tokens;
}

/**
 * Splits one paragraph into sentences, each exactly as in the source and trimmed. Joining the sentences
 * with the whitespace that separated them gives back the trimmed paragraph.
 */
export function referenceSplitSentences(paragraph: string): string[] {
  const tokens = tokenize(paragraph);
  const sentences: string[] = [];
  let sentenceStart: number | undefined;
  let openQuotes = 0;
  for (let i = 0; i < tokens.length; i += 1) {
    const token = tokens[i];
    if (token === undefined) continue;
    sentenceStart ??= token.start;
    openQuotes = countOpenQuotes(paragraph, token, openQuotes);
    const ends =
      i === tokens.length - 1 ||
      splitsAfter(paragraph, tokens, i) ||
      restartsBrokenQuote(paragraph, tokens, i, openQuotes);
    if (ends) {
      sentences.push(paragraph.slice(sentenceStart, token.end));
      sentenceStart = undefined;
      openQuotes = 0;
    }
  }
  return sentences;
}

/** Tracks German quotes („ opens, “ closes) so a quote that never closed can be recognised. */
function countOpenQuotes(paragraph: string, token: Token, open: number): number {
  let count = open;
  for (let i = token.start; i < token.end; i += 1) {
    const ch = paragraph.charAt(i);
    if (ch === '„') count += 1;
    else if (ch === '“' && count > 0) count -= 1;
  }
  return count;
}

/**
 * A German quote opened while another is still open is always an error (nested quotes use ‚…‘), and in
 * news copy it marks text where a closing quote and full stop were lost: "mit „Liebe Freunde, „Putin und
 * Xi betonten …". When such a second quote starts with a capital right after a comma, the new sentence
 * starts there, so the reviewer gets the two sentences the author wrote.
 */
function restartsBrokenQuote(paragraph: string, tokens: readonly Token[], index: number, openQuotes: number): boolean {
  const token = tokens[index];
  const next = tokens[index + 1];
  if (openQuotes < 1 || token === undefined || next === undefined) return false;
  if (paragraph.charAt(token.end - 1) !== ',') return false;
  return paragraph.charAt(next.start) === '„' && UPPER.test(paragraph.charAt(next.start + 1));
}
