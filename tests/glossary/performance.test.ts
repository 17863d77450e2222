// Performance smoke test: thousands of terms x thousands of sentences. It prints the throughput and checks
// the results, but asserts no time (machines differ); a regression to per-term scanning shows up as a
// run that takes minutes instead of well under a second.
import { describe, expect, it } from 'vitest';
import { compileGlossary, createGlossary, sourceForms, type GlossaryFileTerm } from '../../src/glossary/index.js';

const SYLLABLES = ['ver', 'han', 'del', 'staat', 'rat', 'bund', 'kraft', 'werk', 'land', 'markt', 'ord', 'nung', 'wirt', 'schaft', 'sich', 'er', 'heit'];
const FILLER = 'der die das und mit von zu im am hat sagte heute wieder neue große Frage Politik'.split(' ');

/** Deterministic pseudo-random numbers so that every run measures the same work. */
function random(seed: number): () => number {
  let state = seed >>> 0; // mulberry32: 32-bit integer arithmetic, no float precision loss
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let z = Math.imul(state ^ (state >>> 15), state | 1);
    z ^= z + Math.imul(z ^ (z >>> 7), z | 61);
    return ((z ^ (z >>> 14)) >>> 0) / 4_294_967_296;
  };
}

describe('findTerms performance', () => {
  it('matches 5,000 terms against 5,000 sentences', () => {
    const next = random(42);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
    const words = new Set<string>();
    while (words.size < 5_000) {
      const word = Array.from({ length: 3 + Math.floor(next() * 3) }, () => pick(SYLLABLES)).join('');
      words.add(word.charAt(0).toUpperCase() + word.slice(1));
    }
    const nouns = [...words];
    const terms: GlossaryFileTerm[] = nouns.map((noun, i) => ({
      id: `t${i}`,
      source: i % 3 === 0 ? `internationale ${noun}` : noun,
      targets: { en: `term ${i}` },
    }));

    const glossary = createGlossary(terms).glossary;
    const startCompile = performance.now();
    const compiled = compileGlossary(glossary);
    const compileMs = performance.now() - startCompile;

    const sentences: string[] = [];
    const planted: string[] = [];
    for (let s = 0; s < 5_000; s++) {
      const index = Math.floor(next() * nouns.length);
      planted.push(`t${index}`);
      const term = pick(sourceForms(glossary.terms[index]!));
      const words = Array.from({ length: 20 }, () => pick(FILLER));
      words.splice(10, 0, term);
      sentences.push(`${words.join(' ')}.`);
    }

    const start = performance.now();
    let found = 0;
    const missed: string[] = [];
    sentences.forEach((sentence, s) => {
      const matches = compiled.find(sentence);
      found += matches.length;
      if (!matches.some((m) => m.termId === planted[s])) missed.push(sentence);
    });
    const matchMs = performance.now() - start;
    const characters = sentences.reduce((sum, sentence) => sum + sentence.length, 0);

    console.log(
      `glossary perf: compile 5000 terms ${compileMs.toFixed(0)} ms; match 5000 sentences ` +
        `(${(characters / 1e6).toFixed(2)} M chars) ${matchMs.toFixed(0)} ms = ` +
        `${((matchMs * 1000) / sentences.length).toFixed(1)} µs/sentence, ${found} matches`,
    );
    expect(missed).toEqual([]);
  });
});
