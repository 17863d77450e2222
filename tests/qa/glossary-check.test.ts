// checkGlossary is the library's entry point over the registry's glossary check (tests/qa/glossary.test.ts
// has its table): here only what the wrapper adds — the one lookup, the file and segment on every finding.
import { describe, expect, it } from 'vitest';
import { parseGlossary } from '../../src/glossary/index.js';
import { checkGlossary } from '../../src/qa/glossary-check.js';

const { glossary } = parseGlossary(
  JSON.stringify({
    version: 1,
    terms: [
      { source: 'Ein-China-Prinzip', targets: { en: 'one-China principle' }, forbidden: { en: ['One China policy'] } },
      { source: 'WSJ', caseSensitive: true, doNotTranslate: true },
    ],
  }),
  'glossary.json',
);

describe('checkGlossary', () => {
  it('finds inflected terms through resolveTerms and names file and segment on each finding', () => {
    const findings = checkGlossary({
      glossary,
      lang: 'en',
      file: 'translations/en/a.md',
      segments: [
        { id: 's1', source: 'Russland hält am Ein-China-Prinzips fest.', target: 'Russia adheres to the One China policy.' },
        { id: 's2', source: 'Laut WSJ ist das so.', target: 'According to the Journal, it is.' },
        { id: 's3', source: 'Das Ein-China-Prinzip gilt.', target: 'The one-China principle applies.' },
        { id: 's4', source: 'Das Ein-China-Prinzip gilt.', target: '' },
      ],
    });
    expect(findings.map((f) => [f.segmentId, f.rule, f.severity, f.file])).toEqual([
      ['s1', 'glossary-forbidden', 'error', 'translations/en/a.md'],
      ['s1', 'glossary-missing-target', 'warning', 'translations/en/a.md'],
      ['s2', 'glossary-do-not-translate', 'error', 'translations/en/a.md'],
    ]);
    expect(findings.every((f) => f.hint !== undefined && f.hint !== '')).toBe(true);
  });
});
