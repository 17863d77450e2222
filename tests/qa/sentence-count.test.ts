import { describe, expect, it } from 'vitest';
import { countSentences, sentenceCountCheck } from '../../src/qa/checks/sentence-count.js';
import { rulesOf, runCheck } from './helpers.js';

type Row = [name: string, lang: string, source: string, target: string, rules: string[]];

const rows: Row[] = [
  ['one and one', 'en', 'Er kam.', 'He came.', []],
  ['German ordinal and date', 'en', 'Am 3. Oktober markiere es den 75. Jahrestag.', 'On 3 October it marks the 75th anniversary.', []],
  ['German abbreviations', 'en', 'Er traf u. a. Dr. Schmidt.', 'He met Dr. Schmidt among others.', []],
  ['English titles and initials', 'en', 'Er traf Herrn Smith.', 'He met Mr. J. F. Smith.', []],
  ['abbreviation with inner dots', 'en', 'US-Beamte sagten das.', 'U.S. Officials said so.', []],
  ['fr title', 'fr', 'Herr Macron sprach.', 'M. Macron a parlé.', []],
  ['lower case after a period is no new sentence', 'en', 'Er kam um 3 Uhr.', 'He came at 3 p.m. on time.', []],
  ['question inside a quotation', 'en', '„Wer?“, fragte er.', '“Who?” he asked.', []],
  ['zh one sentence', 'zh', 'Er kam.', '他来了。', []],
  ['two and two', 'en', 'Er kam. Sie ging.', 'He came. She left.', []],
  ['the next sentence merged in', 'en', 'Er kam.', 'He came. She left.', ['sentence-count-more']],
  ['a sentence dropped', 'en', 'Er kam. Sie ging.', 'He came and left.', ['sentence-count-fewer']],
  ['ru merged', 'ru', 'Er kam.', 'Он пришёл. Она ушла.', ['sentence-count-more']],
  ['zh merged', 'zh', 'Er kam.', '他来了。她走了。', ['sentence-count-more']],
];

describe('sentence-count check', () => {
  it.each(rows)('%s', (_name, lang, source, target, rules) => {
    expect(rulesOf(runCheck(sentenceCountCheck, lang, source, target))).toEqual(rules);
  });

  it.each([
    ['de', 'Er kam. Sie ging! Warum? Keiner weiß es.', 4],
    ['de', 'Dieses Jahr markiere den 75. Jahrestag der Aufnahme.', 1],
    ['en', 'It rose to 5.5 percent. Then it fell.', 2],
    ['zh', '他来了。她走了！为什么？', 3],
  ] as const)('counts sentences of %s "%s"', (lang, text, count) => {
    expect(countSentences(text, lang)).toBe(count);
  });
});
