import { describe, expect, it } from 'vitest';
import { BitextError } from '../../src/core/errors.js';
import { compileRules, parseRules, serializeRules, splitSentences, type SegmentationRule } from '../../src/segmentation/index.js';

const join = (left: string, right: string): SegmentationRule => ({ kind: 'join', left, right });
const split = (left: string, right: string): SegmentationRule => ({ kind: 'split', left, right });

describe('segmentation rules', () => {
  const P = 'Er sagte: Nein. Dann ging er. Sie blieb.';

  it('without rules the German splitter decides', () => {
    expect(splitSentences(P)).toEqual(['Er sagte: Nein.', 'Dann ging er.', 'Sie blieb.']);
    expect(splitSentences(P, compileRules([]))).toEqual(['Er sagte: Nein.', 'Dann ging er.', 'Sie blieb.']);
  });

  it('a join makes one sentence of two neighbours, verbatim; a chain of joins makes one of three', () => {
    expect(splitSentences(P, compileRules([join('Er sagte: Nein.', 'Dann ging er.')]))).toEqual(['Er sagte: Nein. Dann ging er.', 'Sie blieb.']);
    const chain = compileRules([join('Er sagte: Nein.', 'Dann ging er.'), join('Er sagte: Nein. Dann ging er.', 'Sie blieb.')]);
    expect(splitSentences(P, chain)).toEqual([P]);
    // Whitespace inside the paragraph is kept as written; the rule matches across it.
    expect(splitSentences('Er sagte: Nein.   Dann ging er.', compileRules([join('Er sagte: Nein.', 'Dann ging er.')]))).toEqual([
      'Er sagte: Nein.   Dann ging er.',
    ]);
  });

  it('a join needs both sentences, in that order, as neighbours', () => {
    const rules = compileRules([join('Dann ging er.', 'Er sagte: Nein.')]);
    expect(splitSentences(P, rules)).toEqual(['Er sagte: Nein.', 'Dann ging er.', 'Sie blieb.']);
  });

  it('a split cuts where the left text ends and the right one follows, wherever the sentence stands', () => {
    const rules = compileRules([split('Der Präsident sprach lange,', 'die Gäste hörten zu.')]);
    expect(splitSentences('Der Präsident sprach lange, die Gäste hörten zu. Danach gab es Essen.', rules)).toEqual([
      'Der Präsident sprach lange,',
      'die Gäste hörten zu.',
      'Danach gab es Essen.',
    ]);
    // Not the same words at the boundary: no cut.
    expect(splitSentences('Der Präsident sprach lange, die Gäste schliefen.', rules)).toEqual(['Der Präsident sprach lange, die Gäste schliefen.']);
  });

  it('the later of a join and a split of the same pair is in force', () => {
    const both = [join('Er sagte: Nein.', 'Dann ging er.'), split('Er sagte: Nein.', 'Dann ging er.')];
    expect(splitSentences(P, compileRules(both))).toEqual(['Er sagte: Nein.', 'Dann ging er.', 'Sie blieb.']);
    expect(splitSentences(P, compileRules([...both].reverse()))).toEqual(['Er sagte: Nein. Dann ging er.', 'Sie blieb.']);
  });

  it('never loses or reorders text, whatever the rules', () => {
    const words = ['Er kam.', 'Sie ging.', 'Wir blieben,', 'ihr nicht.', 'Dann Schluss.'];
    for (let seed = 1; seed <= 200; seed++) {
      let x = seed;
      const next = (n: number): number => ((x = (x * 1103515245 + 12345) % 2147483648), x % n);
      const paragraph = Array.from({ length: 2 + next(6) }, () => words[next(words.length)]).join(next(2) ? ' ' : '  ');
      const rules = compileRules(
        Array.from({ length: next(4) }, () => (next(2) ? join : split)(words[next(words.length)]!, words[next(words.length)]!)),
      );
      const sentences = splitSentences(paragraph, rules);
      expect(sentences.join('').replace(/\s/g, '')).toBe(paragraph.replace(/\s/g, ''));
      for (const s of sentences) expect(paragraph).toContain(s);
    }
  });
});

describe('the rules file', () => {
  it('round-trips and names the line of a damaged rule', () => {
    const records = [{ ...join('A.', 'B.'), from: 'translations/en/x.md', changed: '2026-12-01T00:00:00.000Z' }, split('C,', 'd.')];
    const text = serializeRules(records);
    expect(text.split('\n')[0]).toBe('{"bitext-segmentation":1}');
    expect(parseRules(text, 'f.jsonl')).toEqual(records);
    const damaged = `${text}{"join":["only one"]}\n`;
    const error = (() => {
      try {
        parseRules(damaged, 'translations/memory/segmentation-de.jsonl');
      } catch (e) {
        return e as BitextError;
      }
      throw new Error('expected a refusal');
    })();
    expect(error).toBeInstanceOf(BitextError);
    expect(error.line).toBe(4);
    expect(error.message).toMatch(/"join":\["left sentence","right sentence"\]/);
  });

  it('merged by git with union (lines of both branches, any order, repeats) still reads', () => {
    const a = serializeRules([join('A.', 'B.')]);
    const b = serializeRules([split('C,', 'd.')]);
    const merged = `${a}${b.split('\n').slice(1).join('\n')}${a.split('\n').slice(1).join('\n')}`;
    const rules = compileRules(parseRules(merged, 'm.jsonl'));
    expect(rules.list).toHaveLength(2);
  });
});
