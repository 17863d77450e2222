import { describe, expect, it } from 'vitest';
import { doubledWordsCheck } from '../../src/qa/checks/doubled-words.js';
import { rulesOf, runCheck } from './helpers.js';

type Row = [name: string, lang: string, source: string, target: string, rules: string[]];

const rows: Row[] = [
  ['en had had', 'en', 'Er hatte es gehabt.', 'He had had it.', []],
  ['en that that', 'en', 'Er sagte, dass das stimmt.', 'He said that that was true.', []],
  ['fr nous nous', 'fr', 'Wir sehen uns.', 'Nous nous voyons.', []],
  ['fr vous vous', 'fr', 'Sie irren sich.', 'Vous vous trompez.', []],
  ['de die die', 'de', 'Die, die kamen.', 'Die die kamen.', []],
  ['a doubling the source has', 'en', 'Sie flogen nach Bora Bora.', 'They flew to Bora Bora.', []],
  ['numbers', 'en', 'Punkte 10 10', 'Points 10 10', []],
  ['separated by a comma', 'en', 'Nein, nein.', 'No, no.', []],
  ['hyphenated name', 'en', 'Boutros Boutros-Ghali sprach.', 'Boutros Boutros-Ghali spoke.', []],
  ['zh reduplication', 'zh', 'Danke.', '谢谢 谢谢。', []],
  ['en the the', 'en', 'Die Gespräche endeten.', 'The the talks ended.', ['doubled-words']],
  ['en across case', 'en', 'Sie kamen an.', 'They They arrived.', ['doubled-words']],
  ['fr le le', 'fr', 'Der Präsident kam.', 'Le le président est venu.', ['doubled-words']],
  ['es de de', 'es', 'Der Präsident von Chile.', 'El presidente de de Chile.', ['doubled-words']],
  ['ru в в', 'ru', 'In Moskau.', 'В в Москве.', ['doubled-words']],
  ['two doublings', 'en', 'Er kam.', 'He he came came.', ['doubled-words', 'doubled-words']],
];

describe('doubled-words check', () => {
  it.each(rows)('%s', (_name, lang, source, target, rules) => {
    expect(rulesOf(runCheck(doubledWordsCheck, lang, source, target))).toEqual(rules);
  });

  it('says which word and how to fix it', () => {
    expect(runCheck(doubledWordsCheck, 'en', 'Die Gespräche endeten.', 'The the talks ended.')[0]).toEqual({
      rule: 'doubled-words',
      severity: 'warning',
      message: '"The the" repeats a word',
      hint: 'delete one "the"',
    });
  });
});
