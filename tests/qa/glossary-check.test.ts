import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createGlossary, parseGlossary, type GlossaryFileTerm } from '../../src/glossary/index.js';
import { checkGlossary } from '../../src/qa/glossary-check.js';

const TERMS: GlossaryFileTerm[] = [
  {
    source: 'Ein-China-Prinzip',
    targets: {
      en: 'one-China principle',
      fr: "principe d'une seule Chine",
      ru: { term: 'принцип одного Китая', forms: ['принципа одного Китая'] },
      zh: '一个中国原则',
    },
    forbidden: { en: ['One China policy'], zh: ['一个中国政策'] },
  },
  {
    source: 'Wladimir Putin',
    targets: { en: 'Vladimir Putin', zh: { term: '弗拉基米尔·普京', forms: ['普京'] } },
    forbidden: { en: ['Wladimir'] },
  },
  { source: 'Vereinte Nationen', targets: { en: { term: 'United Nations', forms: ['UN'] }, ru: 'Организация Объединённых Наций' } },
  { source: 'Rat', targets: { en: 'council' } },
  { source: 'WSJ', caseSensitive: true, doNotTranslate: true },
  { source: 'Bund', targets: { en: 'federation' }, forbidden: { en: ['federal'] } },
];
const glossary = createGlossary(TERMS).glossary;

type Case = [name: string, lang: string, source: string, target: string, expected: Array<[rule: string, severity: string]>];

const cases: Case[] = [
  ['required target present', 'en', 'Russland hält am Ein-China-Prinzip fest.', 'Russia adheres to the one-China principle.', []],
  ['required target in other case', 'en', 'am Ein-China-Prinzip', 'The One-China Principle', []],
  ['required target missing', 'en', 'am Ein-China-Prinzip', 'Russia adheres to its principles.', [['glossary-missing-target', 'warning']]],
  ['forbidden translation (and required missing)', 'en', 'des Ein-China-Prinzips', 'the One China policy', [
    ['glossary-forbidden', 'error'],
    ['glossary-missing-target', 'warning'],
  ]],
  ['forbidden next to the required target', 'en', 'Ein-China-Prinzip', 'the one-China principle, not the one China policy', [['glossary-forbidden', 'error']]],
  ['forbidden only as part of the required target', 'en', 'Wladimir Putin', 'Vladimir Putin', []],
  ['forbidden German spelling left in', 'en', 'mit Wladimir Putin', 'with Wladimir Putin', [
    ['glossary-forbidden', 'error'],
    ['glossary-missing-target', 'warning'],
  ]],
  ['accepted form', 'en', 'der Vereinten Nationen', "the UN's founders", []],
  ['word boundary: target inside a longer word', 'en', 'der Rat', 'the councillor', [['glossary-missing-target', 'warning']]],
  ['word boundary: plural is not the term', 'en', 'der Rat', 'the councils', [['glossary-missing-target', 'warning']]],
  ['word boundary: forbidden inside a longer word is fine', 'en', 'der Bund', 'the federation, federally', []],
  ['no term in the source', 'en', 'Keine Begriffe hier.', 'One China policy', []],
  ['empty target is skipped', 'en', 'am Ein-China-Prinzip', '   ', []],
  ['no target for the language', 'es', 'am Ein-China-Prinzip', 'el principio', []],
  ['regional code falls back to the language', 'en-GB', 'am Ein-China-Prinzip', 'its principles', [['glossary-missing-target', 'warning']]],
  ['doNotTranslate kept', 'de', 'laut WSJ', 'laut WSJ', []],
  ['doNotTranslate changed', 'fr', 'laut WSJ', 'selon le Wall Street Journal', [['glossary-missing-target', 'warning']]],
  ['case-sensitive term in the wrong case', 'en', 'laut WSJ', 'according to the wsj', [['glossary-missing-target', 'warning']]],
  ['French typographic apostrophe', 'fr', 'am Ein-China-Prinzip', 'au principe d’une seule Chine', []],
  ['Russian inflected form', 'ru', 'am Ein-China-Prinzip', 'Россия придерживается принципа одного Китая.', []],
  ['Russian wrong case not listed', 'ru', 'am Ein-China-Prinzip', 'Россия верна принципу одного Китая.', [['glossary-missing-target', 'warning']]],
  ['Russian written with е for ё', 'ru', 'der Vereinten Nationen', 'Организация Объединенных Наций', []],
  ['Cyrillic word boundary', 'ru', 'der Vereinten Nationen', 'Организация Объединённых Нацийх', [['glossary-missing-target', 'warning']]],
  ['Chinese: no word boundaries', 'zh', 'am Ein-China-Prinzip', '俄方坚定奉行一个中国原则。', []],
  ['Chinese: forbidden', 'zh', 'am Ein-China-Prinzip', '俄方坚定奉行一个中国政策。', [
    ['glossary-forbidden', 'error'],
    ['glossary-missing-target', 'warning'],
  ]],
  ['Chinese: katakana middle dot', 'zh', 'Wladimir Putin', '弗拉基米尔・普京表示', []],
  ['Chinese: accepted short form', 'zh', 'Wladimir Putin', '普京表示', []],
];

describe('checkGlossary', () => {
  it.each(cases)('%s', (_name, lang, source, target, expected) => {
    const diagnostics = checkGlossary({ glossary, lang, segments: [{ id: 's1', source, target }] });
    expect(diagnostics.map((d) => [d.rule, d.severity])).toEqual(expected);
    for (const diagnostic of diagnostics) expect(diagnostic.segmentId).toBe('s1');
  });

  it('names the source, the term and the required target in the message', () => {
    const [diagnostic] = checkGlossary({
      glossary,
      lang: 'en',
      file: 'translations/a.en.md',
      segments: [{ id: 'abc123', source: 'Russland hält am Ein-China-Prinzip fest.', target: 'Russia sticks to it.' }],
    });
    expect(diagnostic).toEqual({
      severity: 'warning',
      rule: 'glossary-missing-target',
      segmentId: 'abc123',
      file: 'translations/a.en.md',
      message:
        '"Ein-China-Prinzip" (glossary term "Ein-China-Prinzip") should be translated as "one-China principle" in en, but the target does not contain it',
    });
  });

  it('lists accepted forms and shows the inflected source text', () => {
    const [diagnostic] = checkGlossary({
      glossary,
      lang: 'en',
      segments: [{ id: 'x', source: 'Gründungsländer der Vereinten Nationen', target: 'founding members of the U.N.' }],
    });
    expect(diagnostic?.message).toBe(
      '"Vereinten Nationen" (glossary term "Vereinte Nationen") should be translated as "United Nations" (or "UN") in en, but the target does not contain it',
    );
  });

  it('reports a term once per segment, however often it occurs', () => {
    const diagnostics = checkGlossary({
      glossary,
      lang: 'en',
      segments: [
        { id: 'a', source: 'Der Rat und der Rat', target: 'The board and the board' },
        { id: 'b', source: 'Der Rat', target: 'The board' },
      ],
    });
    expect(diagnostics.map((d) => d.segmentId)).toEqual(['a', 'b']);
  });

  it('checks the seed sentences against the shipped glossary', () => {
    const root = fileURLToPath(new URL('../../', import.meta.url));
    const shipped = parseGlossary(readFileSync(`${root}glossary.json`, 'utf8'), 'glossary.json').glossary;
    const source = 'Im Vorfeld des chinesischen Neujahrfestes hat Staatspräsident Xi Jinping am Donnerstagnachmittag ein Telefonat mit dem russischen Präsidenten Wladimir Putin geführt.';
    const good = 'Ahead of the Spring Festival, President Xi Jinping held a phone call with Russian President Vladimir Putin on Thursday afternoon.';
    const bad = 'Ahead of the Chinese New Year, head of state Xi Jinping held a phone call with Russian President Wladimir Putin on Thursday afternoon.';
    expect(checkGlossary({ glossary: shipped, lang: 'en', segments: [{ id: 'good', source, target: good }] })).toEqual([]);
    expect(
      checkGlossary({ glossary: shipped, lang: 'en', segments: [{ id: 'bad', source, target: bad }] }).map((d) => d.rule),
    ).toEqual(['glossary-forbidden', 'glossary-missing-target']);
  });
});
