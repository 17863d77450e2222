import { describe, expect, it } from 'vitest';
import { punctuationCheck } from '../../src/qa/checks/punctuation.js';
import { rulesOf, runCheck } from './helpers.js';

type Row = [name: string, lang: string, source: string, target: string, rules: string[]];

const rows: Row[] = [
  ['period', 'en', 'Er kam.', 'He came.', []],
  ['question', 'en', 'Kommt er?', 'Is he coming?', []],
  ['exclamation', 'en', 'Komm!', 'Come!', []],
  ['colon', 'en', 'Er sagte:', 'He said:', []],
  ['ellipsis in either spelling', 'en', 'Und dann …', 'And then...', []],
  ['closing quote after the period', 'en', '„Wir bauen auf“, sagte er.', '“We build,” he said.', []],
  ['period inside the closing quote', 'en', 'Er sagte: „Ja.“', 'He said: “Yes.”', []],
  ['heading without punctuation', 'en', 'Foto von VCG', 'Photo by VCG', []],
  ['source cut at a comma: anything goes', 'en', 'Sie redeten sich gegenseitig mit „Liebe Freunde,', 'They addressed each other as “dear friends”.', []],
  ['zh full stop', 'zh', 'Er kam.', '他来了。', []],
  ['zh question mark', 'zh', 'Kommt er?', '他来吗？', []],
  ['zh period inside the quote', 'zh', 'Er sagte: „Ja.“', '他说：“是的。”', []],
  ['es question', 'es', 'Kommt er?', '¿Viene?', []],
  ['es exclamation', 'es', 'Komm!', '¡Ven!', []],
  ['fr question with a space', 'fr', 'Kommt er?', 'Vient-il\u202F?', []],
  ['question became a statement', 'en', 'Ist er bereit?', 'He is ready.', ['punctuation-final']],
  ['statement became an exclamation', 'en', 'Er ist bereit.', 'He is ready!', ['punctuation-final']],
  ['colon became a period', 'en', 'Er sagte:', 'He said.', ['punctuation-final']],
  ['final period dropped', 'en', 'Er kam.', 'He came', ['punctuation-final']],
  ['period added to a heading', 'en', 'Foto von VCG', 'Photo by VCG.', ['punctuation-final']],
  ['zh Latin period', 'zh', 'Er kam.', '他来了.', ['punctuation-final']],
  ['zh question became a statement', 'zh', 'Kommt er?', '他来了。', ['punctuation-final']],
  ['es without the opening question mark', 'es', 'Kommt er?', 'Viene?', ['punctuation-spanish-inverted']],
  ['es without the opening exclamation mark', 'es', 'Komm!', 'Ven!', ['punctuation-spanish-inverted']],
];

describe('punctuation check', () => {
  it.each(rows)('%s', (_name, lang, source, target, rules) => {
    expect(rulesOf(runCheck(punctuationCheck, lang, source, target))).toEqual(rules);
  });

  it('names both endings', () => {
    expect(runCheck(punctuationCheck, 'zh', 'Kommt er?', '他来了。')[0]).toEqual({
      rule: 'punctuation-final',
      severity: 'warning',
      message: 'the source ends with "?", the target with "。"',
      hint: 'end the target with "？"',
    });
  });
});
