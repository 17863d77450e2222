// docs/qa.md must match the registry: every rule is documented with its default severity, and the page
// names no rule id that does not exist.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CHECKS, listRules } from '../../src/qa/checks/index.js';
import { DEFAULT_LENGTH_BOUNDS, LENGTH_BOUNDS, MIN_SOURCE_LENGTH } from '../../src/qa/checks/length.js';

const doc = readFileSync(fileURLToPath(new URL('../../docs/qa.md', import.meta.url)), 'utf8');
const checkIds = CHECKS.map((check) => check.id);
const rules = listRules();
const ruleIds = new Set(rules.map((rule) => rule.rule));

/** Back-quoted words that look like a rule id of some check: `numbers-missing`, `doubled-words`. */
function namedRuleIds(text: string): Set<string> {
  const named = new Set<string>();
  for (const match of text.matchAll(/`([a-z]+(?:-[a-z]+)*)`/g)) {
    const id = match[1] ?? '';
    if (checkIds.some((check) => id === check || id.startsWith(`${check}-`))) named.add(id);
  }
  return named;
}

describe('docs/qa.md', () => {
  it('documents every rule of the registry', () => {
    const named = namedRuleIds(doc);
    expect([...ruleIds].filter((rule) => !named.has(rule))).toEqual([]);
  });

  it('names no rule that does not exist', () => {
    const unknown = [...namedRuleIds(doc)].filter((id) => !ruleIds.has(id) && !checkIds.includes(id));
    expect(unknown).toEqual([]);
  });

  it('gives every rule its default severity in the overview and in its check\'s table', () => {
    for (const { rule, check, severity } of rules) {
      expect(doc, rule).toContain(`| \`${rule}\` | ${check} | ${severity} |`);
      expect(doc, rule).toMatch(new RegExp(`\\n\\| \`${rule}\` \\| ${severity} \\|`));
    }
  });

  it('has a section for every check, in registry order', () => {
    const sections = [...doc.matchAll(/^## `([a-z-]+)`$/gm)].map((match) => match[1]);
    expect(sections).toEqual(checkIds);
  });

  it('lists the registry in its report order', () => {
    expect(doc).toContain(`in report order: ${checkIds.join(', ')} (meaning first, typography last)`);
  });

  it('gives the length bounds the code uses', () => {
    for (const [lang, [min, max]] of Object.entries(LENGTH_BOUNDS)) expect(doc, lang).toContain(`| ${lang} | ${min}–${max} |`);
    expect(doc).toContain(`| any other | ${DEFAULT_LENGTH_BOUNDS[0]}–${DEFAULT_LENGTH_BOUNDS[1]} |`);
    expect(doc).toContain(`for sources of ${MIN_SOURCE_LENGTH} characters or more`);
  });

  it('is checked by a test that can fail', () => {
    expect(namedRuleIds('see `numbers-bogus` and `numbers-missing`')).toEqual(new Set(['numbers-bogus', 'numbers-missing']));
  });
});
