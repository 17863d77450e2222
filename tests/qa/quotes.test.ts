import { describe, expect, it } from 'vitest';
import { quotesCheck } from '../../src/qa/checks/quotes.js';
import { rulesOf, runCheck } from './helpers.js';

type Row = [name: string, lang: string, source: string, target: string, rules: string[]];

const rows: Row[] = [
  // good
  ['en curly quotes', 'en', 'Er sagte: „Ja.“', 'He said: “Yes.”', []],
  ['en straight quotes', 'en', 'Er sagte: „Ja.“', 'He said: "Yes."', []],
  ['en nested single quotes', 'en', 'Er sagte: „Sie rief ‚Halt‘.“', 'He said: “She shouted ‘Stop’.”', []],
  ['fr guillemets with narrow no-break spaces', 'fr', 'Er sagte: „Ja.“', 'Il a dit\u202F: «\u202FOui.\u202F»', []],
  ['fr guillemets with no-break spaces, English quotes inside', 'fr', 'Er sagte: „Sie rief ‚Halt‘.“', 'Il a dit\u00A0: «\u00A0Elle a crié “Stop”.\u00A0»', []],
  ['es guillemets', 'es', 'Er sagte: „Ja.“', 'Dijo: «Sí».', []],
  ['es curly quotes', 'es', 'Er sagte: „Ja.“', 'Dijo: “Sí”.', []],
  ['ru guillemets', 'ru', 'Er sagte: „Ja.“', 'Он сказал: «Да».', []],
  ['ru German quotes inside guillemets', 'ru', 'Er sagte: „Sie rief ‚Halt‘.“', 'Он сказал: «Она крикнула „Стой“».', []],
  ['zh curly quotes', 'zh', 'Er sagte: „Ja.“', '他说：“是的。”', []],
  ['zh corner brackets', 'zh', 'Er sagte: „Ja.“', '他说：「是的。」', []],
  ['balanced brackets', 'en', 'Die Vereinten Nationen (UN) tagten.', 'The United Nations (UN) met.', []],
  ['source cut inside a quotation, target too', 'en', '„Putin und Xi betonten die Vorteile.', '“Putin and Xi highlighted the benefits.', []],
  ['source cut inside a quotation, target closed it', 'en', 'Sie redeten sich gegenseitig mit „Liebe Freunde,', 'They addressed each other as “dear friends”.', []],
  ['apostrophes are not quotes', 'en', 'Russlands Handel', "Russia's trade’s growth", []],
  ['a language without a style table: balance only', 'it', 'Er sagte: „Ja.“', 'Ha detto: „Sì.“', []],
  // bad
  ['German quotes left in English', 'en', 'Er sagte: „Ja.“', 'He said: „Yes.“', ['quotes-style']],
  ['guillemets in English', 'en', 'Er sagte: „Ja.“', 'He said: «Yes.»', ['quotes-style']],
  ['German reversed guillemets in English', 'en', 'Er sagte: »Ja.«', 'He said: »Yes.«', ['quotes-style']],
  ['English quotes alone in French', 'fr', 'Er sagte: „Ja.“', 'Il a dit : “Oui.”', ['quotes-style']],
  ['reversed guillemets in French', 'fr', 'Er sagte: »Ja.«', 'Il a dit : » Oui. «', ['quotes-style']],
  ['French guillemets without spaces', 'fr', 'Er sagte: „Ja.“', 'Il a dit : «Oui.»', ['quotes-french-spacing']],
  ['English quotes in Russian', 'ru', 'Er sagte: „Ja.“', 'Он сказал: “Да”.', ['quotes-style']],
  ['German quotes alone in Russian', 'ru', 'Er sagte: „Ja.“', 'Он сказал: „Да“.', ['quotes-style']],
  ['German quotes in Chinese', 'zh', 'Er sagte: „Ja.“', '他说：„是的。“', ['quotes-style']],
  ['bracket opened, not closed', 'en', 'Die Vereinten Nationen (UN) tagten.', 'The United Nations (UN met.', ['quotes-unbalanced']],
  ['bracket closed, not opened', 'en', 'Die Vereinten Nationen (UN) tagten.', 'The United Nations UN) met.', ['quotes-unbalanced']],
  ['quotation opened, not closed', 'en', 'Er sagte: „Ja.“', 'He said: “Yes.', ['quotes-unbalanced']],
  ['quotation closed, not opened', 'es', 'Er sagte: „Ja.“', 'Dijo: Sí”.', ['quotes-unbalanced']],
  ['zh corner bracket left open', 'zh', 'Er sagte: „Ja.“', '他说：「是的。', ['quotes-unbalanced']],
];

describe('quotes check', () => {
  it.each(rows)('%s', (_name, lang, source, target, rules) => {
    expect(rulesOf(runCheck(quotesCheck, lang, source, target))).toEqual(rules);
  });

  it('says which mark is wrong and what to use', () => {
    const [finding] = runCheck(quotesCheck, 'en', 'Er sagte: „Ja.“', 'He said: „Yes.“');
    expect(finding?.message).toBe('the target uses German „…“, which is not en typography');
    expect(finding?.hint).toBe('use “…” (and ‘…’ inside)');
  });
});
