// The common language, script and region subtags are answered without ICU (its first use costs start-up);
// this holds each of them to ICU's own answer, and the rest still to ICU.
import { describe, expect, it } from 'vitest';
import { COMMON_SUBTAGS, knownSubtag } from '../../src/core/language.js';
import { checkLanguageCode } from '../../src/config/language.js';

describe('language subtags', () => {
  it('ICU names every subtag that is answered without it', () => {
    for (const type of ['language', 'region', 'script'] as const) {
      expect(COMMON_SUBTAGS[type].size).toBeGreaterThan(0);
      for (const subtag of COMMON_SUBTAGS[type]) expect(knownSubtag(type, subtag, { icu: true }), `${type} ${subtag}`).toBe(true);
    }
  });

  it('asks ICU for any other subtag', () => {
    expect(knownSubtag('language', 'haw')).toBe(true);
    expect(knownSubtag('region', '419')).toBe(true);
    expect(knownSubtag('script', 'Latn')).toBe(true);
    expect(knownSubtag('language', 'qqq')).toBe(false);
    expect(knownSubtag('region', 'QQ')).toBe(false);
  });

  it('checks codes as before', () => {
    for (const code of ['en', 'en-GB', 'pt-BR', 'zh-Hans', 'sr-Latn-RS', 'es-419', 'haw']) expect(checkLanguageCode(code)).toEqual({ code });
    expect(checkLanguageCode('en-gb')).toEqual({ code: 'en-GB' });
    for (const code of ['qqq', 'en-QQ', 'zh-Qqqq']) expect(checkLanguageCode(code).problem).toMatch(/^expected a language code/);
  });
});
