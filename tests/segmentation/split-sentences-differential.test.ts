// The fast splitter must cut exactly where the token-by-token one did (reference-split-sentences.ts, kept
// as an oracle): on every golden case, on the seed articles, and on randomly generated German-like text
// that is dense in what the rules look at — abbreviations, numbers, ordinals, quotes, glued stops,
// footnote marks, dashes, U+FFFC placeholders, odd whitespace.
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { abbreviationEntries } from '../../src/segmentation/german-lexicon.js';
import { splitParagraphs, splitSentences } from '../../src/segmentation/index.js';
import { loadCases } from './load-cases.js';
import { referenceSplitSentences } from './reference-split-sentences.js';

/**
 * Runs per property. For a one-off deep check:
 * SEG_DIFF_RUNS=200000 npx vitest run --testTimeout=0 tests/segmentation/split-sentences-differential.test.ts
 */
const RUNS = Number(process.env.SEG_DIFF_RUNS ?? 4_000);

function expectSame(paragraph: string): void {
  expect(splitSentences(paragraph)).toEqual(referenceSplitSentences(paragraph));
}

const OPENERS = ['', '', '', '„', '"', '»', '(', '[', '‚', '„(', '¿'];
const CORES = [
  // words: sentence starters, nouns, lower case, brands
  'Die', 'Der', 'Das', 'Er', 'Sie', 'Ich', 'Wann', 'Dann', 'Im', 'Nach', 'Müller', 'Regierung', 'Mai',
  'Jahrhundert', 'Euro', 'Kirche', 'sagte', 'und', 'über', 'stieg', 'auf', 'Platz', 'der', 'am', 'den',
  'iPhone', 'eBay', 'Älter', 'wurde', 'ging', 'dieser', 'kommt', 'ab', 'bei', 'rund', 'seien',
  // abbreviation bodies (the terminal is added separately)
  'z', 'B', 'd', 'h', 'u', 'a', 'v', 'm', 'Chr', 'n', 'V', 'Dr', 'Prof', 'usw', 'etc', 'Mio', 'Mrd', 'Jh',
  'Jan', 'Okt', 'Do', 'So', 'Art', 'Nr', 'Abs', 'ca', 'ggf', 'Co', 'kath', 'ev', 'Jän', 'Bek', 'dgl',
  'tägl', 'Bhf', 'Goethestr', 'Bahnhofstr', 'Dipl.-Ing', 'röm.-kath', 'Z.B', 'Usw', 'e.V', 'i.Br', 'f',
  // numbers, dates, ranges, Roman numerals, initials
  '3', '12', '100', '999', '1000', '2024', '1.000', '1.000.000', '3,5', '8,95', '3.10', '01.02.2024', '14.30',
  '1.-3', '1.–3', '-3', '–3', '1.–3.5', 'II', 'XIV', 'IV', 'J', 'R', 'M', 'C',
  // URLs, e-mail, glued sentence ends, placeholders, odd bits
  'https://example.org/a.b?c=d', 'max@example.de', 'www.Beispiel.De', 'seien.Die', 'weitergeht?Niemand',
  'abgesagt.„Wir', 'Satz.Das', 'und.Er', 'usw.Er', 'Abc.De', 'ist?“Ja', '\uFFFC', 'A\uFFFC', '2:1', '31', '%', '€', '&',
];
const TERMINALS = ['', '', '', '.', '.', '.', '!', '?', '…', '...', '?!', '..'];
const CLOSERS = ['', '', '', '', '“', '"', '«', ')', ']', '‘', '»', '.“', '“.'];
const MARKS = ['', '', '', '', '', '¹', '²³', '[6]', '\uFFFC', '[12][13]', '⁴', '\uFFFC\uFFFC', '[1234]', ','];
const STANDALONE = ['–', '—', '-', '.', '³', '[7]', '„', '“', ',', ':', ';', '…', '(!)', '[…]', '(...)', '\uFFFC', '¹'];
const GAPS = [' ', ' ', ' ', ' ', '  ', '\t', '\u00a0', '\u202f', '\u2003', '\u3000', '\ufeff', '\n', '\r\n'];

const wordToken = fc
  .tuple(
    fc.constantFrom(...OPENERS),
    fc.constantFrom(...CORES),
    fc.constantFrom(...TERMINALS),
    fc.constantFrom(...CLOSERS),
    fc.constantFrom(...MARKS),
  )
  .map((parts) => parts.join(''));
const tokenArbitrary = fc.oneof({ weight: 6, arbitrary: wordToken }, { weight: 1, arbitrary: fc.constantFrom(...STANDALONE) });

const germanLikeParagraph = fc
  .array(fc.tuple(tokenArbitrary, fc.constantFrom(...GAPS)), { maxLength: 40 })
  .map((parts) => parts.map(([token, gap]) => token + gap).join(''));

// Character soup over the alphabet the rules care about, for combinations no token list thinks of.
const ALPHABET = [
  ...'aeinrsDdEMSWwBbhmvzuüÄÖßİIVX0123456789.!?…,:;„“”"»«‚‘’\'()[]{}›‹¿¡-–—¹²³⁴⁰@/ \t\u00a0\u202f\uFFFC',
  // whitespace that \s matches, and look-alikes it does not (zero-width space, Mongolian vowel separator)
  '\u1680', '\u2000', '\u200a', '\u2028', '\u205f', '\u3000', '\ufeff', '\v', '\f', '\u200b', '\u180e',
];
const soupParagraph = fc.array(fc.constantFrom(...ALPHABET), { maxLength: 120 }).map((chars) => chars.join(''));

describe('the fast splitter cuts exactly where the reference splitter does', () => {
  it('on both golden sets', () => {
    for (const c of [...loadCases(), ...loadCases('cases-2.jsonl')]) expectSame(c.input);
  });

  it('on the seed articles, paragraph by paragraph and as one long line', () => {
    const dir = fileURLToPath(new URL('../../seeds/', import.meta.url));
    const text = readdirSync(dir)
      .filter((name) => name.endsWith('.txt'))
      .map((name) => readFileSync(`${dir}${name}`, 'utf8'))
      .join('\n');
    const paragraphs = splitParagraphs(text);
    for (const paragraph of paragraphs) expectSame(paragraph);
    expectSame(paragraphs.join(' '));
  });

  it('on golden sentences strung together in random order', () => {
    const sentences = [...loadCases(), ...loadCases('cases-2.jsonl')].flatMap((c) => c.expected);
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...sentences), fc.constantFrom(...GAPS)), { minLength: 1, maxLength: 6 }), (parts) =>
        expectSame(parts.map(([sentence, gap]) => sentence + gap).join('')),
      ),
      { numRuns: RUNS },
    );
  });

  it('after every abbreviation of the lexicon, as written, capitalised and in capitals', () => {
    // The fast splitter rejects most words before looking them up (mayEndAbbreviation); no entry may be
    // rejected in any spelling the lookup accepts.
    for (const entry of abbreviationEntries()) {
      for (const form of [entry, entry.charAt(0).toUpperCase() + entry.slice(1), entry.toUpperCase()]) {
        const spaced = form.replace(/\.(?=.)/g, '. '); // "z.B." -> "z. B."
        for (const paragraph of [`Er kam ${form} Dann ging er.`, `Er kam ${spaced} Die Frau ging.`, `am 3. ${form} Er`, `Er „${form}“ Wir`]) {
          expectSame(paragraph);
        }
      }
    }
  });

  it('on generated German-like text', () => {
    fc.assert(fc.property(germanLikeParagraph, expectSame), { numRuns: RUNS });
  });

  it('with every UTF-16 code unit in every position the character-class table is read', () => {
    // The fast splitter classifies characters with a table; the reference used regular expressions.
    for (let code = 0; code < 0x10000; code += 1) {
      const ch = String.fromCharCode(code);
      const paragraph = `Er ging${ch}.${ch}Dann kam er am 3.${ch} Mai, „${ch}Wir${ch}“ z.${ch}B. Haus.Die${ch}Katze. Ab${ch}c.${ch}Ende${ch}`;
      const got = splitSentences(paragraph);
      const expected = referenceSplitSentences(paragraph);
      // toEqual on 65,536 paragraphs is slow; compare cheaply and report the first difference.
      if (got.length !== expected.length || got.some((sentence, i) => sentence !== expected[i])) {
        expect({ code: code.toString(16), got }).toEqual({ code: code.toString(16), got: expected });
      }
    }
  });

  it('on character soup and arbitrary Unicode, lone surrogates included', () => {
    fc.assert(fc.property(fc.oneof(soupParagraph, fc.string({ unit: 'binary', maxLength: 80 })), expectSame), { numRuns: RUNS });
  });
});
