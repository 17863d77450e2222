import { describe, expect, it } from 'vitest';
import { lengthCheck } from '../../src/qa/checks/length.js';
import { rulesOf, runCheck } from './helpers.js';

type Row = [name: string, lang: string, source: string, target: string, rules: string[]];

const SOURCE = 'Xi betonte, dass beide Seiten strategisch eng zusammenarbeiten sollten.'; // 71 characters

const rows: Row[] = [
  ['en within bounds', 'en', SOURCE, 'Xi stressed that the two sides should maintain close strategic coordination.', []],
  ['fr longer, still within bounds', 'fr', SOURCE, 'Xi a souligné que les deux parties devaient maintenir une étroite coordination stratégique.', []],
  ['zh within bounds', 'zh', SOURCE, '习近平强调，双方要保持密切的战略协作。', []],
  ['short sources are not judged', 'en', 'Ja.', 'Yes, indeed, that is absolutely right.', []],
  ['a language without bounds uses wide defaults', 'it', SOURCE, 'Xi ha sottolineato che le due parti dovrebbero cooperare strettamente.', []],
  ['en far too short', 'en', SOURCE, 'Xi spoke.', ['length-too-short']],
  ['en far too long', 'en', SOURCE, `${'Xi stressed that the two sides should maintain close strategic coordination. '.repeat(2)}`, ['length-too-long']],
  ['zh too long: the German copied in', 'zh', SOURCE, `习近平强调：${SOURCE}`, ['length-too-long']],
];

describe('length check', () => {
  it.each(rows)('%s', (_name, lang, source, target, rules) => {
    expect(rulesOf(runCheck(lengthCheck, lang, source, target))).toEqual(rules);
  });

  it('gives the figures', () => {
    const [finding] = runCheck(lengthCheck, 'en', SOURCE, 'Xi spoke.');
    expect(finding?.message).toBe("the target has 9 characters, 13 % of the source's 71 (usual for en: 60–140 %)");
  });
});
