import { describe, expect, it } from 'vitest';
import { parseGlossary, resolveTerms, termReminders } from '../../src/glossary/index.js';

const { glossary } = parseGlossary(
  JSON.stringify({
    version: 1,
    terms: [
      { source: 'Ein-China-Prinzip', targets: { en: 'one-China principle' }, forbidden: { en: ['One China policy'] } },
      { source: 'WSJ', caseSensitive: true, doNotTranslate: true },
      { source: 'Xinhua', doNotTranslate: true, targets: { zh: '新华社' } },
    ],
  }),
  'glossary.json',
);

describe('resolveTerms: the one lookup the backend, the notes and QA share', () => {
  it('finds inflected terms with the required target and forbidden ones for the language', () => {
    const [hit] = resolveTerms(glossary, 'Er hält am Ein-China-Prinzips fest.', 'en');
    expect(hit).toMatchObject({ text: 'Ein-China-Prinzips', required: { term: 'one-China principle' }, forbidden: ['One China policy'], keep: false });
    expect(resolveTerms(glossary, 'Er hält am Ein-China-Prinzip fest.', 'fr')[0]).toMatchObject({ required: undefined, forbidden: [] });
  });

  it('keeps a do-not-translate term as written unless the language has a target of its own', () => {
    expect(resolveTerms(glossary, 'Laut WSJ und Xinhua.', 'en').map((t) => [t.text, t.keep])).toEqual([
      ['WSJ', true],
      ['Xinhua', true],
    ]);
    expect(resolveTerms(glossary, 'Laut Xinhua.', 'zh')[0]).toMatchObject({ keep: false, required: { term: '新华社' } });
  });

  it('reminds the reviewer once per term, and only where the translation differs from the source', () => {
    const terms = resolveTerms(glossary, 'Das Ein-China-Prinzip, WSJ, das Ein-China-Prinzip.', 'en');
    expect(terms).toHaveLength(3);
    expect(termReminders(terms)).toEqual(['Ein-China-Prinzip → one-China principle']);
  });

  it('is empty without a glossary', () => {
    expect(resolveTerms(undefined, 'Ein-China-Prinzip', 'en')).toEqual([]);
  });
});

describe('resolveTerms answers once per sentence, and no caller changes another\'s answer', () => {
  it('a caller may sort or change what it got; the next call gets the answer unchanged', () => {
    const text = 'Laut WSJ hält Xinhua am Ein-China-Prinzip fest.';
    const first = resolveTerms(glossary, text, 'en');
    expect(first.map((t) => t.text)).toEqual(['WSJ', 'Xinhua', 'Ein-China-Prinzip']);
    first.sort((a, b) => b.start - a.start);
    (first[0] as { keep: boolean }).keep = true;
    (first[0] as { text: string }).text = 'changed';
    const again = resolveTerms(glossary, text, 'en');
    expect(again.map((t) => [t.text, t.keep])).toEqual([
      ['WSJ', true],
      ['Xinhua', true],
      ['Ein-China-Prinzip', false],
    ]);
  });
});
