import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { splitSentences } from '../../src/segmentation/index.js';
import { loadCases } from './load-cases.js';

const cases = loadCases();
const secondCases = loadCases('cases-2.jsonl');

/**
 * Walks the paragraph and checks that the sentences are verbatim, in order, separated only by whitespace;
 * returns the reconstruction (sentences joined with the original whitespace between them).
 */
function rejoin(paragraph: string, sentences: readonly string[]): string {
  const trimmed = paragraph.trim();
  let position = 0;
  let rebuilt = '';
  for (const sentence of sentences) {
    const found = trimmed.indexOf(sentence, position);
    if (found < 0) throw new Error(`sentence not found in order: ${JSON.stringify(sentence)}`);
    const gap = trimmed.slice(position, found);
    if (gap.trim() !== '') throw new Error(`non-space text skipped: ${JSON.stringify(gap)}`);
    rebuilt += gap + sentence;
    position = found + sentence.length;
  }
  return rebuilt;
}

describe('splitSentences golden cases', () => {
  it('has at least 170 cases with unique ids', () => {
    expect(cases.length).toBeGreaterThanOrEqual(170);
    expect(new Set(cases.map((c) => c.id)).size).toBe(cases.length);
  });

  it('covers every rule of the brief', () => {
    const categories = new Set(cases.map((c) => c.category));
    for (const category of [
      'abbreviation',
      'abbreviation-end',
      'ordinal',
      'date',
      'number',
      'initials',
      'url-email',
      'ellipsis',
      'colon-semicolon',
      'quote',
      'seed',
      'no-final-punctuation',
    ]) {
      expect(categories).toContain(category);
    }
  });

  it.each(cases.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    expect(splitSentences(c.input)).toEqual(c.expected);
  });
});

describe('splitSentences second golden set (misses found on independent test data)', () => {
  it('covers each miss with unique ids', () => {
    expect(new Set(secondCases.map((c) => c.id)).size).toBe(secondCases.length);
    const categories = new Set(secondCases.map((c) => c.category));
    for (const category of [
      'list-item',
      'ordinal-range',
      'abbreviation-new',
      'abbreviation-art',
      'footnote',
      'dash',
      'placeholder',
    ]) {
      expect(categories).toContain(category);
    }
  });

  it.each(secondCases.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    expect(splitSentences(c.input)).toEqual(c.expected);
  });

  it('keeps a paragraph-initial list number with whatever word follows it', () => {
    const words = ['Ich', 'Du', 'Er', 'Sie', 'Es', 'Wir', 'Ihr', 'Wann', 'Warum', 'Wie', 'Die', 'Karl', 'über', '„Wir', '\uFFFC'];
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999 }), fc.constantFrom(...words), (n, word) => {
        const [first] = splitSentences(`${n}. ${word} kommen später. Dann geht es los.`);
        expect(first).toBe(`${n}. ${word} kommen später.`);
      }),
    );
  });

  it('keeps footnote marks with the sentence they close, in any mix', () => {
    const marks = ['¹', '²', '³', '⁴', '⁹', '⁰', '[6]', '[12]', '[123]', '\uFFFC'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...marks), { minLength: 1, maxLength: 3 }), fc.constantFrom('.', '!', '?', '.“'), (glued, end) => {
        const closing = `Der Wert stieg${end}${glued.join('')}`;
        expect(splitSentences(`${closing} Dann fiel er.`)).toEqual([closing, 'Dann fiel er.']);
      }),
    );
  });
});

describe('splitSentences edge input', () => {
  it('returns nothing for empty or blank text', () => {
    expect(splitSentences('')).toEqual([]);
    expect(splitSentences(' \t\u00a0 ')).toEqual([]);
  });

  it('keeps a paragraph of only punctuation whole', () => {
    expect(splitSentences('… . ! ?')).toEqual(['… . ! ?']);
  });

  it('stays fast on pathological runs of dots and abbreviation pieces', () => {
    const inputs = ['.'.repeat(200_000), 'a. '.repeat(70_000), 'Dr. '.repeat(50_000), '3. '.repeat(70_000)];
    const started = performance.now();
    for (const input of inputs) splitSentences(input);
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});

// Pieces chosen to hit every branch of the splitter: abbreviations, numbers, quotes, URLs, glued stops.
const PIECES = [
  'Die', 'Regierung', 'sagte', 'z.', 'B.', 'usw.', 'Mio.', 'Dr.', '3.', '2024.', '1.000.000', '3,5', 'Uhr.',
  'J.', 'R.', '„Wir', 'kommen!“', '»Nein«', '‚Ja.‘', '"Ok."', '…', '...', 'und', 'Dann', 'ein.', '(!)', '[…]',
  'https://example.org/a.b?c=d.', 'max@example.de.', 'seien.Die', 'Ende?!', 'm.', '8,95', 'II.', '.', ':', ';',
  '„', '“', ')', '(', 'iPhone', 'Älter', 'über', '—', '-', 'Goethestr.', 'v.', 'Chr.', 'u.', 'v.', 'm.',
  'Satz.¹', '²', 'erfolgen.[6]', '[7]', '\uFFFC', 'Satz.\uFFFC', '\uFFFC.', '–', '1.-3.', '-3.', 'Art.', 'kath.',
];
const GAPS = [' ', '  ', '\t', '\u00a0', '\n', '\u202f'];

const paragraphArbitrary = fc
  .array(fc.tuple(fc.constantFrom(...PIECES), fc.constantFrom(...GAPS)), { maxLength: 40 })
  .chain((parts) =>
    fc.tuple(fc.constantFrom('', ' ', '\t'), fc.constant(parts), fc.constantFrom('', ' ', '\n')).map(
      ([lead, body, trail]) => lead + body.map(([piece, gap]) => piece + gap).join('') + trail,
    ),
  );

describe('splitSentences is lossless', () => {
  it('rejoining the sentences with the original whitespace gives back the paragraph', () => {
    fc.assert(
      fc.property(fc.oneof(paragraphArbitrary, fc.string({ maxLength: 200 })), (paragraph) => {
        const sentences = splitSentences(paragraph);
        for (const sentence of sentences) {
          expect(sentence.length).toBeGreaterThan(0);
          expect(sentence).toBe(sentence.trim());
        }
        expect(rejoin(paragraph, sentences)).toBe(paragraph.trim());
      }),
      { numRuns: 2_000 },
    );
  });

  it('every golden case is lossless too', () => {
    for (const c of cases) expect(rejoin(c.input, splitSentences(c.input))).toBe(c.input.trim());
  });
});
