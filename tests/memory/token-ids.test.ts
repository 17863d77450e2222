import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldSegmentText, tokenizeSegmentText } from '../../src/memory/index.js';
import { TokenVocabulary } from '../../src/memory/token-ids.js';

/** The ids the index's tokenizer gives `texts`, spelt back as words. */
function tokensOf(vocabulary: TokenVocabulary, text: string): string[] {
  const { buffer, end } = vocabulary.append(foldSegmentText(text), new Int32Array(2), 0);
  return Array.from(buffer.subarray(0, end), (id) => vocabulary.words[id] as string);
}

// Characters the pattern treats apart: letters, marks, digits of several scripts, spaces of every kind,
// symbols, surrogate pairs (a letter outside the BMP, an emoji), lone surrogates, case-changing letters.
const ALPHABET = [
  'a', 'B', 'ß', 'ä', 'Ä', 'İ', 'Σ', 'ς', 'é', 'e\u0301', '1', '٣', '²', 'Ⅻ', 'ǅ', '字', 'ﬁ',
  ' ', '  ', '\t', '\n', '\u00a0', '\u2009', '\u3000', '\ufeff', '\u200b', '\u2028',
  ',', '.', '„', '“', '-', '–', '€', '%', '\u0000', '\u0007',
  '𝐀', '😀', '👍🏽', '\ud800', '\udc00',
];

describe('TokenVocabulary (the fuzzy index tokenizer)', () => {
  it('gives the tokens of tokenizeSegmentText, in order, one id per distinct token (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.constantFrom(...ALPHABET), { maxLength: 30 }).map((parts) => parts.join('')), { maxLength: 20 }), (texts) => {
        const vocabulary = new TokenVocabulary();
        for (const text of texts) expect(tokensOf(vocabulary, text)).toEqual(tokenizeSegmentText(text));
        expect(new Set(vocabulary.words).size).toBe(vocabulary.size);
      }),
      { numRuns: 2000 },
    );
  });

  it('agrees on arbitrary strings, and keeps ids stable while its table grows', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary', maxLength: 40 }), { maxLength: 30 }), (texts) => {
        const vocabulary = new TokenVocabulary();
        for (const text of texts) expect(tokensOf(vocabulary, text)).toEqual(tokenizeSegmentText(text));
      }),
      { numRuns: 1000 },
    );
    const vocabulary = new TokenVocabulary();
    const words = Array.from({ length: 5000 }, (_, n) => `w${n.toString(36)}`);
    const ids = words.map((word) => vocabulary.idOfWord(word));
    expect(words.map((word) => vocabulary.idOfWord(word))).toEqual(ids);
    expect(ids).toEqual(words.map((_, n) => n));
  });
});
