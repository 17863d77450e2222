// alignDocument's sequence diff skips the diff library when one side is empty or both are equal; this holds
// those shortcuts to the library's own answer, and the rest to the library.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { diffArrays } from 'diff';
import { sequenceParts } from '../../src/workflow/align.js';

describe('sequenceParts', () => {
  const texts = fc.array(fc.constantFrom('Ein Satz.', 'Zwei Sätze.', 'Drei.', ''), { maxLength: 6 });

  it('is diffArrays for empty, equal and differing sequences', () => {
    fc.assert(
      fc.property(texts, texts, fc.boolean(), (olds, news, same) => {
        const after = same ? [...olds] : news;
        expect(sequenceParts(olds, after)).toEqual(diffArrays(olds, after));
      }),
      { numRuns: 2000 },
    );
    for (const [olds, news] of [[[], []], [[], ['a', 'b']], [['a'], []], [['a', 'b'], ['a', 'b']], [['a'], ['b']]] as const) {
      expect(sequenceParts(olds, news)).toEqual(diffArrays([...olds], [...news]));
    }
  });
});
