// Sound human-style translations of seed sentences into fr, es, ru and zh: no check may report anything on
// them. Each is then broken the way reviewers break translations, and the right rule must fire.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runChecks } from '../../src/qa/checks/index.js';

type Row = Readonly<Record<'de' | 'fr' | 'es' | 'ru' | 'zh', string>>;
const rows = JSON.parse(readFileSync(fileURLToPath(new URL('./fixtures/seed-translations.json', import.meta.url)), 'utf8')) as Row[];
const LANGS = ['fr', 'es', 'ru', 'zh'] as const;

const check = (source: string, target: string, lang: string) =>
  runChecks({ id: 's', source, target, status: 'approved' }, { sourceLanguage: 'de', targetLanguage: lang });

const row = (index: number): Row => {
  const found = rows[index];
  if (found === undefined) throw new Error(`no row ${index}`);
  return found;
};

describe('translations of the seeds into fr, es, ru, zh', () => {
  it.each(rows.flatMap((r, index) => LANGS.map((lang) => [index, lang, r] as const)))('row %i in %s: no finding', (_index, lang, r) => {
    expect(check(r.de, r[lang], lang)).toEqual([]);
  });

  // [name, row, lang, from, to, rule]
  const breaks: Array<[string, number, string, string, string, string]> = [
    ['245 → 254', 1, 'fr', '245', '254', 'numbers-changed'],
    ['245 → 254', 1, 'es', '245', '254', 'numbers-changed'],
    ['245 → 254', 1, 'ru', '245', '254', 'numbers-changed'],
    ['2450亿 → 2540亿', 1, 'zh', '2450', '2540', 'numbers-changed'],
    ['milliards → millions', 1, 'fr', 'milliards', 'millions', 'numbers-changed'],
    ['75 → 57', 0, 'fr', '75e', '57e', 'numbers-changed'],
    ['75 → 57', 0, 'zh', '75', '57', 'numbers-changed'],
    ['year dropped', 4, 'ru', 'в 2025 году ', '', 'numbers-missing'],
    ['January → February', 3, 'fr', 'janvier', 'février', 'numbers-changed'],
    ['January → February', 3, 'es', 'enero', 'febrero', 'numbers-changed'],
    ['January → February', 3, 'ru', 'январе', 'феврале', 'numbers-changed'],
    ['January → February', 3, 'zh', '一月', '二月', 'numbers-changed'],
    ['three → four', 5, 'fr', 'trois', 'quatre', 'numbers-changed'],
    ['three → four', 5, 'es', 'tres', 'cuatro', 'numbers-changed'],
    ['three → four', 5, 'ru', 'три', 'четыре', 'numbers-changed'],
    ['guillemets → English quotes', 6, 'fr', '« Nous', '“Nous', 'quotes-style'],
    ['closing guillemet dropped', 7, 'es', '»', '', 'quotes-unbalanced'],
    ['German quotes in Russian', 7, 'ru', '«самодостаточными', '„самодостаточными', 'quotes-style'],
    ['full stop → Latin', 0, 'zh', '。', '.', 'punctuation-final'],
    ['German words left in', 2, 'fr', 'et les deux parties', 'und die beiden Seiten', 'untranslated-german-words'],
    ['word doubled', 6, 'es', 'la base', 'la la base', 'doubled-words'],
    ['French space dropped', 6, 'fr', ' », a', '», a', 'quotes-french-spacing'],
  ];
  it.each(breaks)('%s (row %i, %s) is reported', (_name, index, lang, from, to, rule) => {
    const r = row(index);
    const target = r[lang as keyof Row];
    expect(target).toContain(from);
    expect(check(r.de, target.replace(from, to), lang).map((finding) => finding.rule)).toContain(rule);
  });
});
