import { describe, expect, it } from 'vitest';
import * as registry from '../../src/qa/checks/index.js';
import { CHECKS, listRules, runChecks, runChecksOnSegments } from '../../src/qa/checks/index.js';
import type { QaSegment } from '../../src/qa/types.js';

const context = { sourceLanguage: 'de', targetLanguage: 'en' } as const;
const segment = (source: string, target: string, extra: Partial<QaSegment> = {}): QaSegment => ({ id: 's1', source, target, status: 'approved', ...extra });
const rules = (findings: ReturnType<typeof runChecks>): string[] => findings.map((finding) => finding.rule);

// Numbers wrong (error), a doubled word and a trailing space (warnings), in one target.
const BAD = segment('Der Handel erreichte 220 bis 245 Milliarden Dollar.', 'Trade reached reached 220 to 254 billion dollars. ');

describe('the QA registry', () => {
  it('exports the registry and the runner', () => {
    expect(Object.keys(registry).sort()).toEqual(['CHECKS', 'listRules', 'runChecks', 'runChecksOnSegments']);
  });

  it('has unique kebab-case check ids, and every rule id starts with its check id', () => {
    const ids = CHECKS.map((check) => check.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const check of CHECKS) {
      expect(check.id).toMatch(/^[a-z]+(?:-[a-z]+)*$/);
      expect(Object.keys(check.rules).length).toBeGreaterThan(0);
      for (const [rule, info] of Object.entries(check.rules)) {
        expect(rule).toMatch(/^[a-z]+(?:-[a-z]+)*$/);
        expect(rule === check.id || rule.startsWith(`${check.id}-`)).toBe(true);
        expect(['error', 'warning', 'info']).toContain(info.severity);
        expect(info.description.length).toBeGreaterThan(20);
      }
    }
  });

  it('keeps the glossary rule ids of the old check', () => {
    const glossary = CHECKS.find((check) => check.id === 'glossary');
    expect(glossary?.rules['glossary-missing-target']?.severity).toBe('warning');
    expect(glossary?.rules['glossary-forbidden']?.severity).toBe('error');
  });

  it('reports only what a check declares, with the declared default severity', () => {
    const declared = new Map(listRules().map((rule) => [rule.rule, rule.severity]));
    const findings = runChecks(BAD, context);
    expect(findings.length).toBeGreaterThan(0);
    for (const finding of findings) expect(declared.get(finding.rule)).toBe(finding.severity);
  });

  it('reports in registry order', () => {
    expect(rules(runChecks(BAD, context))).toEqual(['numbers-changed', 'doubled-words', 'whitespace-edges']);
  });

  it('sees an empty target only with the check that asks for it', () => {
    expect(rules(runChecks(segment('Der Handel wuchs um 5 Prozent.', ''), context))).toEqual(['untranslated-empty']);
    expect(runChecks(segment('Der Handel wuchs um 5 Prozent.', '', { status: 'new' }), context)).toEqual([]);
  });

  it('turns off whole checks and single rules', () => {
    expect(rules(runChecks(BAD, context, { disabled: ['numbers'] }))).toEqual(['doubled-words', 'whitespace-edges']);
    expect(rules(runChecks(BAD, context, { disabled: ['whitespace-edges', 'doubled-words'] }))).toEqual(['numbers-changed']);
  });

  it('changes severities by rule id, and drops rules set to off', () => {
    const findings = runChecks(BAD, context, { severities: { 'numbers-changed': 'warning', 'doubled-words': 'off' } });
    expect(findings.map((finding) => [finding.rule, finding.severity])).toEqual([
      ['numbers-changed', 'warning'],
      ['whitespace-edges', 'warning'],
    ]);
  });

  it('reports nothing for the mock backend\'s output in a machine target, and an error once a person approved it', () => {
    const mock = '(MOCK en) Der Handel erreichte 220 bis 245 Milliarden „Dollar“ .';
    expect(runChecks(segment('Der Handel erreichte 220 bis 245 Milliarden „Dollar“ .', mock, { status: 'machine' }), context)).toEqual([]);
    expect(rules(runChecks(segment('Der Handel erreichte 220 bis 245 Milliarden „Dollar“ .', mock, { status: 'approved' }), context))).toContain('untranslated-mock');
  });

  it('gives the same findings for many segments at once as one by one', () => {
    const many = [
      BAD,
      segment('Der Handel wuchs um 5 Prozent.', ''),
      segment('Der Handel wuchs um 5 Prozent.', '(MOCK en) Der Handel wuchs um 5 Prozent.', { status: 'machine' }),
      segment('Foto von VCG', 'Foto von VCG'),
      segment('Er kam am 3. Oktober.', 'He came on 3 November ..'),
    ];
    const options = { disabled: ['length'], severities: { 'punctuation-final': 'error' as const } };
    expect(runChecksOnSegments(many, context, options)).toEqual(many.map((one) => runChecks(one, context, options)));
    expect(runChecksOnSegments([], context)).toEqual([]);
  });

  it('is deterministic', () => {
    expect(runChecks(BAD, context)).toEqual(runChecks(BAD, context));
  });
});
