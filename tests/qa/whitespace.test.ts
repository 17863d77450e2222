import { describe, expect, it } from 'vitest';
import { whitespaceCheck } from '../../src/qa/checks/whitespace.js';
import { rulesOf, runCheck } from './helpers.js';

type Row = [name: string, lang: string, source: string, target: string, rules: string[]];

const rows: Row[] = [
  ['clean', 'en', 'Ist er bereit?', 'Is he ready?', []],
  ['space before an ellipsis', 'en', 'Und dann ... kam er.', 'And then ... he came.', []],
  ['a decimal after a space', 'en', 'Die Rate von ,5', 'The rate of .5', []],
  ['fr space before ; : ! ?', 'fr', 'Ist er bereit? Ja: sofort!', 'Est-il prêt\u202F? Oui\u00A0: tout de suite !', []],
  ['fr time and URL colons', 'fr', 'Um 14:30 auf https://example.org', 'À 14:30 sur https://example.org', []],
  ['es opening marks', 'es', 'Ist er bereit?', '¿Está listo?', []],
  ['source and target both start with a space', 'en', ' Hallo', ' Hello', []],
  ['a tab the source has too', 'en', 'A\tB', 'A\tB', []],
  ['trailing space', 'en', 'Foto von VCG', 'Photo by VCG ', ['whitespace-edges']],
  ['leading space', 'en', 'Foto von VCG', ' Photo by VCG', ['whitespace-edges']],
  ['doubled space', 'en', 'Die Gespräche', 'The  talks', ['whitespace-double']],
  ['space before a comma', 'en', 'Ja, sofort.', 'Yes , at once.', ['whitespace-before-punctuation']],
  ['space before a period', 'en', 'Hin zu einem System .', 'Towards a system .', ['whitespace-before-punctuation']],
  ['es space before a question mark', 'es', 'Ist er bereit?', '¿Está listo ?', ['whitespace-before-punctuation']],
  ['zh space before a full stop', 'zh', 'Er kam.', '他来了 。', ['whitespace-before-punctuation']],
  ['fr space before a comma', 'fr', 'Ja, sofort.', 'Oui , tout de suite.', ['whitespace-before-punctuation']],
  ['fr no space before ?', 'fr', 'Ist er bereit?', 'Est-il prêt?', ['whitespace-french-punctuation']],
  ['fr no space before :', 'fr', 'Er sagte: ja', 'Il a dit: oui', ['whitespace-french-punctuation']],
  ['tab', 'en', 'A B', 'A\tB', ['whitespace-control']],
  ['zero-width space', 'en', 'AB', 'A\u200BB', ['whitespace-control']],
  ['line break', 'en', 'A B', 'A\nB', ['whitespace-control']],
];

describe('whitespace check', () => {
  it.each(rows)('%s', (_name, lang, source, target, rules) => {
    expect(rulesOf(runCheck(whitespaceCheck, lang, source, target))).toEqual(rules);
  });

  it('defaults French spacing to info', () => {
    expect(runCheck(whitespaceCheck, 'fr', 'Ist er bereit?', 'Est-il prêt?')[0]?.severity).toBe('info');
  });

  it('quotes the place', () => {
    expect(runCheck(whitespaceCheck, 'en', 'Ja, sofort.', 'Yes , at once.')[0]?.message).toBe('the target has a space before "," in "Yes , at o"');
  });
});
