// docs/glossary.md must match the code: its example file parses cleanly, its API example prints what the
// code returns, and the documented defaults are the ones parseGlossary fills in.
import { describeError } from '../../src/cli/exit-codes.js';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findTerms, parseGlossary, requiredTarget } from '../../src/glossary/index.js';

const doc = readFileSync(fileURLToPath(new URL('../../docs/glossary.md', import.meta.url)), 'utf8');
const example = /```json\n([\s\S]*?)```/.exec(doc)?.[1] ?? '';

describe('docs/glossary.md', () => {
  const { glossary, warnings } = parseGlossary(example, 'glossary.json');

  it('has an example that parses without warnings', () => {
    expect(warnings).toEqual([]);
    expect(glossary.terms.map((term) => term.id)).toEqual(['ein-china-prinzip', 'rat', 'wsj']);
  });

  it('documents the defaults parseGlossary fills in', () => {
    const rat = glossary.terms[1];
    expect(glossary.sourceLanguage).toBe('de');
    expect(doc).toContain('| `sourceLanguage` | language code | `"de"` |');
    expect(rat).toMatchObject({ caseSensitive: false, doNotTranslate: false, forbidden: {} });
    expect(doc).toContain('| `terms[].caseSensitive` | boolean | `false` |');
    expect(doc).toContain('| `terms[].doNotTranslate` | boolean | `false` |');
    expect(requiredTarget(glossary.terms[2]!, 'fr')).toEqual({ term: 'WSJ', forms: [] });
  });

  it('shows the findTerms result the code returns', () => {
    const [match] = findTerms(glossary, 'Russland hält am Ein-China-Prinzip fest.');
    expect(doc).toContain(
      `// [{ termId: '${match?.termId}', start: ${match?.start}, end: ${match?.end}, text: '${match?.text}' }]`,
    );
  });

  it('shows the error message format the code produces', () => {
    let thrown: unknown;
    try {
      parseGlossary('{"version": 1, "terms": [{"source": "A", "targets": {"en": 42}}]}', 'glossary.json');
    } catch (error) {
      thrown = error;
    }
    expect(describeError(thrown)).toBe('glossary.json: terms[0].targets.en: expected a non-empty string or {"term": string, "forms"?: string[]}, got 42');
    expect(doc).toContain('glossary.json: terms[3].targets.en: expected a non-empty string or {"term": string, "forms"?: string[]}, got 42');
  });

  it('shows the JSON error messages the code produces', () => {
    const messageFor = (text: string): string => {
      try {
        parseGlossary(text, 'glossary.json');
      } catch (error) {
        return describeError(error);
      }
      throw new Error('expected an error');
    };
    const missingComma = messageFor(`{"version": 1${'\n'.repeat(13)}    "terms": []}`);
    const trailingComma = messageFor(`{"version": 1,${'\n'.repeat(8)}  "terms": [{"a": 1},]}`);
    const duplicate = messageFor(
      `{"version": 1, "terms": [{"source": "A"}, {"source": "B"}, {"source": "C"},${'\n'.repeat(9)} {"source": "D", "targets": {\n        "en": "x",\n        "en": "y"}}]}`,
    );
    for (const message of [missingComma, trailingComma, duplicate]) expect(doc).toContain(message);
  });
});
