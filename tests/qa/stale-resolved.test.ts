import { describe, expect, it } from 'vitest';
import { staleResolvedCheck } from '../../src/qa/checks/stale-resolved.js';
import { rulesOf, runCheck } from './helpers.js';

type Row = [name: string, previousSource: string, source: string, rules: string[]];

const TARGET = 'The old translation.';

const rows: Row[] = [
  ['a comma moved', 'Xi sagte, dass beide Seiten zusammenarbeiten.', 'Xi sagte, beide Seiten arbeiten zusammen.', ['stale-resolved-unchanged']],
  ['an inflection changed', 'Er traf sich mit dem Präsidenten.', 'Er traf den Präsident.', ['stale-resolved-unchanged']],
  ['a typo fixed in a noun', 'Die Regirung tagte.', 'Die Regierung tagte.', ['stale-resolved-unchanged']],
  ['the same number written differently', 'Der Handel erreichte 245 Milliarden Dollar.', 'Der Handel erreichte 245 Mrd. Dollar.', ['stale-resolved-unchanged']],
  ['a number changed', 'Der Handel erreichte 220 bis 245 Milliarden Dollar.', 'Der Handel erreichte 220 bis 254 Milliarden Dollar.', ['stale-resolved-number']],
  ['a year changed', 'im Jahr 2024', 'im Jahr 2025', ['stale-resolved-number']],
  ['a number word changed', 'Sie hatten drei Treffen.', 'Sie hatten vier Treffen.', ['stale-resolved-number']],
  ['a negation added', 'China ist bereit, zu helfen.', 'China ist nicht bereit, zu helfen.', ['stale-resolved-negation']],
  ['a negation removed', 'Es gab keine Einigung.', 'Es gab eine Einigung.', ['stale-resolved-negation']],
  ['a name changed', 'Xi traf Putin in Peking.', 'Xi traf Modi in Peking.', ['stale-resolved-name']],
  ['a noun changed', 'Xi sprach über den Handel.', 'Xi sprach über die Sicherheit.', ['stale-resolved-name']],
  ['number and name changed', 'Xi traf Putin 2024.', 'Xi traf Modi 2025.', ['stale-resolved-number', 'stale-resolved-name']],
];

describe('stale-resolved check', () => {
  it.each(rows)('%s', (_name, previousSource, source, rules) => {
    const findings = runCheck(staleResolvedCheck, 'en', source, TARGET, { status: 'approved', resolution: { previousSource, staleTarget: TARGET } });
    expect(rulesOf(findings)).toEqual(rules);
  });

  it('is silent when the reviewer changed the target', () => {
    const resolution = { previousSource: 'Xi traf Putin.', staleTarget: 'Xi met Putin.' };
    expect(runCheck(staleResolvedCheck, 'en', 'Xi traf Modi.', 'Xi met Modi.', { status: 'approved', resolution })).toEqual([]);
  });

  it('is silent without a resolution', () => {
    expect(runCheck(staleResolvedCheck, 'en', 'Xi traf Modi.', 'Xi met Putin.', { status: 'approved' })).toEqual([]);
  });

  it('ignores white space differences in the kept target', () => {
    const resolution = { previousSource: 'Xi traf Putin.', staleTarget: 'Xi met  Putin.' };
    expect(rulesOf(runCheck(staleResolvedCheck, 'en', 'Xi traf Modi.', 'Xi met Putin. ', { status: 'approved', resolution }))).toEqual(['stale-resolved-name']);
  });

  it('shows what changed', () => {
    const resolution = { previousSource: 'Der Handel erreichte 220 bis 245 Milliarden Dollar.', staleTarget: TARGET };
    const [finding] = runCheck(staleResolvedCheck, 'en', 'Der Handel erreichte 220 bis 254 Milliarden Dollar.', TARGET, { status: 'approved', resolution });
    expect(finding?.message).toBe('the source changed its numbers („245 Milliarden“ → „254 Milliarden“) but the target was kept as it was ("The old translation.")');
  });
});
