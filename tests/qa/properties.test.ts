// Properties over generated text: no check throws or reports an undeclared rule, whatever the input, and a
// German text compared with itself has no number problems.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { numbersCheck } from '../../src/qa/checks/numbers.js';
import { CHECKS, listRules, runChecks } from '../../src/qa/checks/index.js';
import { SEGMENT_STATUSES } from '../../src/core/types.js';

const PIECES = [
  '1.000', '1,5', '3.10.', '14.30 Uhr', '14:30', '01.02.2024', '220 bis 245 Milliarden', '75.', 'Mio.', 'Mrd.', 'zwei', 'drei',
  'zweihundert', 'eine Million', 'Oktober', 'Jan.', 'im Jahr 2024', 'G20', 'Covid-19', '5 %', '$', '€', '„', '“', '«', '»', '(', ')',
  '\uFFFC', ' ', '  ', '\t', '.', ',', '?', '!', ':', '…', '-', '–', '/', 'der', 'und', 'nicht', 'Xi', 'Putin', '2', '0', '99', '1 000',
  '亿', '万', '二', '月', '点', '下午', 'a.m.', 'pm', 'h', 'billion', 'million', 'twenty-two', 'one', 'a', 'é', 'ё', '\u0301', '😀',
];
const text = fc.array(fc.constantFrom(...PIECES), { maxLength: 24 }).map((pieces) => pieces.join(' ').trim());
const anyText = fc.oneof(text, fc.string({ maxLength: 80 }), fc.string({ unit: 'grapheme', maxLength: 40 }));
const LANGS = ['en', 'fr', 'es', 'ru', 'zh', 'ja', 'de', 'it', 'en-GB'];
const declared = new Set(listRules().map((rule) => rule.rule));
// A fixed seed keeps CI reproducible; QA_PROPERTY_SEED=random (and QA_PROPERTY_RUNS) explore further.
const SEED = process.env.QA_PROPERTY_SEED === 'random' ? {} : { seed: Number(process.env.QA_PROPERTY_SEED ?? 20_240_101) };

describe('QA properties', () => {
  it('never throws and reports only declared rules', () => {
    fc.assert(
      fc.property(anyText, anyText, fc.constantFrom(...LANGS), fc.constantFrom(...SEGMENT_STATUSES), (source, target, lang, status) => {
        const findings = runChecks(
          { id: 's', source, target, status, resolution: { previousSource: target, staleTarget: target } },
          { sourceLanguage: 'de', targetLanguage: lang },
        );
        for (const finding of findings) {
          expect(declared.has(finding.rule)).toBe(true);
          expect(finding.message.length).toBeGreaterThan(0);
          expect(finding.hint.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: Number(process.env.QA_PROPERTY_RUNS ?? 2000), ...SEED },
    );
  });

  it('finds no number problem in a German text compared with itself', () => {
    fc.assert(
      fc.property(text, (source) => {
        const rules = numbersCheck.run({ id: 's', source, target: source, status: 'reviewed' }, { sourceLanguage: 'de', targetLanguage: 'de' }).map((f) => f.rule);
        expect(rules.filter((rule) => rule !== 'numbers-ambiguous')).toEqual([]);
      }),
      { numRuns: Number(process.env.QA_PROPERTY_RUNS ?? 2000), ...SEED },
    );
  });

  it('notices any digit changed in a German text compared with itself', () => {
    fc.assert(
      fc.property(text, fc.nat(), fc.integer({ min: 1, max: 9 }), (source, pick, delta) => {
        const digits = [...source.matchAll(/\d/g)].map((match) => match.index);
        fc.pre(digits.length > 0);
        const at = digits[pick % digits.length] ?? 0;
        const changed = String((Number(source[at]) + delta) % 10);
        const target = source.slice(0, at) + changed + source.slice(at + 1);
        // A leading zero added or removed ("05" for "15") may keep the value; so may "0" in a decimal's end.
        fc.pre(!/^0/.test(changed + source.slice(at + 1)) || at === 0);
        const rules = numbersCheck.run({ id: 's', source, target, status: 'reviewed' }, { sourceLanguage: 'de', targetLanguage: 'de' }).map((f) => f.rule);
        expect(rules.some((rule) => rule !== 'numbers-ambiguous')).toBe(true);
      }),
      { numRuns: Number(process.env.QA_PROPERTY_RUNS ?? 2000), ...SEED },
    );
  });

  it('runs every check on every status without an empty-target crash', () => {
    for (const check of CHECKS) {
      for (const status of SEGMENT_STATUSES) {
        expect(() => check.run({ id: 's', source: 'Er kam am 3. Oktober.', target: '', status }, { sourceLanguage: 'de', targetLanguage: 'en' })).not.toThrow();
      }
    }
  });
});
