// `{{count, number}}` in the CLI's messages is formatted without ICU's number data (its first load costs
// start-up); this holds the result to what Intl.NumberFormat writes, as i18next's own format did.
import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatNumber, setUiLanguage, t, UI_LANGUAGES } from '../../src/cli/i18n.js';

afterEach(() => setUiLanguage('en'));

describe('numbers in messages', () => {
  it('writes integers as Intl.NumberFormat does, in each UI language', () => {
    for (const lng of UI_LANGUAGES) {
      const intl = new Intl.NumberFormat(lng);
      for (const n of [0, 1, -1, 9, 12, 123, 999, 1000, 1234, -1234, 12345, 123456, 1234567, 1000000, Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER]) {
        expect(formatNumber(n, lng), `${lng} ${n}`).toBe(intl.format(n));
      }
      fc.assert(fc.property(fc.maxSafeInteger(), (n) => formatNumber(n, lng) === intl.format(n)));
    }
  });

  it('leaves other values to Intl', () => {
    for (const value of [1.5, 1234.5678, -0.25, Number.MAX_SAFE_INTEGER * 4]) expect(formatNumber(value, 'de')).toBe(new Intl.NumberFormat('de').format(value));
    expect(formatNumber(1234, 'fr')).toBe(new Intl.NumberFormat('fr').format(1234));
  });

  it('is what the messages show', () => {
    setUiLanguage('en');
    expect(t('count.segments', { count: 1234567 })).toBe('1,234,567 segments');
    setUiLanguage('de');
    expect(t('count.segments', { count: 1234567 })).toBe(`${new Intl.NumberFormat('de').format(1234567)} Segmente`);
  });
});
