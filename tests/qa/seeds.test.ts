// The committed English translations of the seeds are real, approved human work: no check may call any
// of them an error. Their warnings are pinned here, so a new false alarm shows up in review.
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fromBilingualMarkdown } from '../../src/bilingual/index.js';
import { findTerms, forbiddenTargets, parseGlossary, requiredTarget } from '../../src/glossary/index.js';
import { runChecks, runChecksOnSegments } from '../../src/qa/checks/index.js';
import type { QaSegment, QaTerm } from '../../src/qa/types.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const { glossary } = parseGlossary(readFileSync(`${root}glossary.json`, 'utf8'), 'glossary.json');
const byId = new Map(glossary.terms.map((term) => [term.id, term]));

/** What the workflow will hand the checks: the glossary terms of the source, resolved for `lang`. */
function termsOf(source: string, lang: string): QaTerm[] {
  return findTerms(glossary, source).flatMap((match) => {
    const term = byId.get(match.termId);
    if (term === undefined) return [];
    const required = requiredTarget(term, lang);
    return [{
      termId: term.id,
      text: match.text,
      source: term.source,
      ...(required === undefined ? {} : { required }),
      forbidden: forbiddenTargets(term, lang),
      doNotTranslate: term.doNotTranslate,
      caseSensitive: term.caseSensitive,
    }];
  });
}

const segments: QaSegment[] = readdirSync(`${root}translations/en`)
  .filter((name) => name.endsWith('.md'))
  .sort()
  .flatMap((name) => {
    const doc = fromBilingualMarkdown(readFileSync(`${root}translations/en/${name}`, 'utf8'), name);
    return doc.paragraphs
      .flatMap((paragraph) => paragraph.segments)
      .filter((segment) => segment.status === 'approved')
      .map((segment) => ({ id: segment.id, source: segment.source, target: segment.target, status: segment.status, terms: termsOf(segment.source, 'en') }));
  });

describe('QA on the committed English seeds', () => {
  const findings = runChecksOnSegments(segments, { sourceLanguage: 'de', targetLanguage: 'en' }).flatMap((found, index) =>
    found.map((finding) => ({ id: segments[index]?.id ?? '', ...finding })),
  );

  it('reads every approved segment', () => {
    expect(segments.length).toBe(27);
    expect(segments.some((segment) => segment.source.includes('220 bis 245 Milliarden US-Dollar'))).toBe(true);
    expect(segments.some((segment) => segment.source.includes('75. Jahrestag'))).toBe(true);
    expect(segments.filter((segment) => (segment.terms ?? []).length > 0).length).toBeGreaterThan(10);
  });

  it('finds no error in them', () => {
    expect(findings.filter((finding) => finding.severity === 'error')).toEqual([]);
  });

  it('gives exactly these warnings', () => {
    expect(findings.filter((finding) => finding.severity !== 'error').map((finding) => `${finding.id} ${finding.rule}`)).toEqual([]);
  });

  it('would catch the bug report in them', () => {
    const trade = segments.find((segment) => segment.source.includes('220 bis 245'));
    if (trade === undefined) throw new Error('seed segment missing');
    const broken = { ...trade, target: trade.target.replace('$245 billion', '$254 billion') };
    const errors = runChecks(broken, { sourceLanguage: 'de', targetLanguage: 'en' }).filter((finding) => finding.severity === 'error');
    expect(errors.map((finding) => finding.rule)).toEqual(['numbers-changed']);
    expect(errors[0]?.message).toContain('„245 Milliarden“');
  });
});
