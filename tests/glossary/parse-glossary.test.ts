import { describeError } from '../../src/cli/exit-codes.js';
import { describe, expect, it } from 'vitest';
import { BitextError } from '../../src/core/errors.js';
import { createGlossary, parseGlossary, slugify } from '../../src/glossary/index.js';
import { StrictJsonError } from '../../src/io/strict-json.js';

const FILE = 'glossary.json';
const wrap = (terms: unknown): string => JSON.stringify({ version: 1, sourceLanguage: 'de', terms });
const term = (extra: Record<string, unknown>): Record<string, unknown> => ({ source: 'Rat', targets: { en: 'council' }, ...extra });

function errorOf(text: string): BitextError {
  try {
    parseGlossary(text, FILE);
  } catch (error) {
    if (error instanceof BitextError) return error;
    throw error;
  }
  throw new Error('expected parseGlossary to throw');
}

describe('parseGlossary: structural errors name the JSON path and what was expected', () => {
  const cases: Array<[string, string, string]> = [
    ['top level is an array', '[]', 'glossary.json: expected a JSON object {"version": 1, "terms": [...]}, got an array'],
    ['version missing', '{"terms": []}', 'glossary.json: version: missing; expected 1'],
    ['version 2', '{"version": 2, "terms": []}', 'glossary.json: version: expected 1 (the only glossary version this bitext reads), got 2'],
    ['bad source language', '{"version": 1, "sourceLanguage": "German!", "terms": []}', 'sourceLanguage: expected a language code such as "de", got "German!"'],
    ['terms not an array', '{"version": 1, "terms": {}}', 'glossary.json: terms: expected an array of terms, got an object'],
    ['term is a string', wrap(['Rat']), 'glossary.json: terms[0]: expected a term object'],
    ['source missing', wrap([{ targets: { en: 'x' } }]), 'glossary.json: terms[0].source: missing; expected a non-empty string'],
    ['source empty', wrap([term({ source: '  ' })]), 'glossary.json: terms[0].source: expected a non-empty string, got "  "'],
    ['source punctuation only', wrap([term({ source: '—' })]), 'glossary.json: terms[0].source: "—" contains no letters or digits'],
    ['source starts with a quote', wrap([term({ source: '„Rat' })]), 'terms[0].source: "„Rat" must start with a letter or digit'],
    ['target is a number', wrap([term({}), term({ source: 'A' }), term({ source: 'B' }), term({ source: 'C', targets: { en: 42 } })]),
      'glossary.json: terms[3].targets.en: expected a non-empty string or {"term": string, "forms"?: string[]}, got 42'],
    ['target object without term', wrap([term({ targets: { fr: { forms: ['x'] } } })]), 'glossary.json: terms[0].targets.fr.term: missing; expected a non-empty string'],
    ['target forms not strings', wrap([term({ targets: { ru: { term: 'совет', forms: ['совета', 3] } } })]), 'glossary.json: terms[0].targets.ru.forms[1]: expected a non-empty string, got 3'],
    ['targets is an array', wrap([term({ targets: ['council'] })]), 'glossary.json: terms[0].targets: expected an object of language code -> target'],
    ['bad language key', wrap([term({ targets: { English: 'council' } })]), 'glossary.json: terms[0].targets.English: "English" is not a language code'],
    ['forms not an array', wrap([term({ forms: 'Räte' })]), 'glossary.json: terms[0].forms: expected an array of non-empty strings, got "Räte"'],
    ['caseSensitive a string', wrap([term({ caseSensitive: 'yes' })]), 'glossary.json: terms[0].caseSensitive: expected true or false, got "yes"'],
    ['doNotTranslate null', wrap([term({ doNotTranslate: null })]), 'glossary.json: terms[0].doNotTranslate: expected true or false, got null'],
    ['note a number', wrap([term({ note: 1 })]), 'glossary.json: terms[0].note: expected a string, got 1'],
    ['id with spaces', wrap([term({ id: 'the rat' })]), 'glossary.json: terms[0].id: expected a string of letters'],
    ['forbidden not a list', wrap([term({ forbidden: { en: 'board' } })]), 'glossary.json: terms[0].forbidden.en: expected an array of non-empty strings, got "board"'],
    ['forbidden equals target', wrap([term({ forbidden: { en: ['Council'] } })]), 'glossary.json: terms[0].forbidden.en[0]: "Council" is also the required target'],
    ['duplicate id', wrap([term({ id: 'rat' }), term({ id: 'rat', source: 'Beirat' })]), 'glossary.json: terms[1].id: duplicate id "rat" (also terms[0].id)'],
    ['duplicate derived id', wrap([term({ source: 'Groß-Rat' }), term({ source: 'Groß Rat' })]), 'terms[1].id: duplicate id "gross-rat" (also terms[0].id); the id was derived from the source'],
    ['duplicate source, other case', wrap([term({ id: 'a' }), term({ id: 'b', source: 'rat' })]), 'glossary.json: terms[1].source: duplicate source "rat" (also terms[0].source)'],
  ];
  it.each(cases)('%s', (_name, text, message) => {
    const error = errorOf(text);
    expect(error.code).toBe('config');
    expect(error.file).toBe(FILE);
    expect(describeError(error)).toContain(message);
  });
});

describe('parseGlossary: invalid JSON reports line and column', () => {
  it.each([
    // The comma itself (JSON.parse pointed at the "}" on the next line, or at the end of the file).
    ['trailing comma', '{\n  "version": 1,\n  "terms": [],\n}', 3, 14],
    ['missing comma', '{\n  "version": 1\n  "terms": []\n}', 3, 3],
    ['truncated', '{\n  "version": 1,', 2, 16],
    ['empty file', '', 1, 1],
  ])('%s', (_name, text, line, column) => {
    const error = errorOf(text);
    expect(error.code).toBe('config');
    expect(error.line).toBe(line);
    expect(describeError(error)).toMatch(new RegExp(`^glossary\\.json:${line}:${column}: invalid JSON: `));
    expect(error.cause).toBeInstanceOf(StrictJsonError);
  });

  it('says what is wrong and how to fix it', () => {
    expect(describeError(errorOf('{\n  "version": 1,\n  "terms": [\n    {"source": "Rat", "targets": {"en": "council",}}\n  ]\n}'))).toBe(
      'glossary.json:4:50: invalid JSON: trailing comma before "}"; remove the comma; JSON allows none after the last item',
    );
  });

  it('counts columns after a byte-order mark from the first character of the JSON', () => {
    expect(describeError(errorOf('\uFEFF{"version": 1,}'))).toMatch(/^glossary\.json:1:14: invalid JSON: trailing comma/);
  });

  it('ignores a byte-order mark', () => {
    expect(parseGlossary(`\uFEFF${wrap([])}`, FILE).glossary.terms).toEqual([]);
  });
});

describe('parseGlossary: a key written twice is refused, not silently resolved to the last one', () => {
  it('inside a target: "en": "A", "en": "B" would have kept B', () => {
    const text = [
      '{',
      '  "version": 1,',
      '  "terms": [',
      '    {',
      '      "source": "Rat",',
      '      "targets": {',
      '        "en": "council",',
      '        "en": "board"',
      '      }',
      '    }',
      '  ]',
      '}',
    ].join('\n');
    expect(() => JSON.parse(text)).not.toThrow();
    const error = errorOf(text);
    expect([error.code, error.file, error.line]).toEqual(['config', FILE, 8]);
    expect(describeError(error)).toBe('glossary.json:8:9: terms[0].targets: duplicate key "en" at line 8 (first at line 7); keep one');
  });

  it('a second "terms": [] would have emptied the glossary with exit 0', () => {
    const text = '{\n  "version": 1,\n  "terms": [{"source": "Rat", "targets": {"en": "council"}}],\n  "terms": []\n}';
    expect((JSON.parse(text) as { terms: unknown[] }).terms).toEqual([]);
    const error = errorOf(text);
    expect(error.line).toBe(4);
    expect(describeError(error)).toBe('glossary.json:4:3: duplicate key "terms" at line 4 (first at line 3); keep one');
  });

  it('inside a term, a target object and forbidden lists', () => {
    expect(describeError(errorOf(wrap([{ source: 'Rat', targets: { en: 'council' } }]).replace('"source":"Rat"', '"source":"Rat","source":"Beirat"')))).toBe(
      'glossary.json:1:61: terms[0]: duplicate key "source" at line 1 (first at line 1); keep one',
    );
    expect(describeError(errorOf('{"version": 1, "terms": [{"source": "Rat", "targets": {"fr": {"term": "conseil", "term": "x"}}}]}'))).toContain(
      'terms[0].targets.fr: duplicate key "term"',
    );
    expect(describeError(errorOf('{"version": 1, "terms": [{"source": "Rat", "forbidden": {"en": ["a"], "en": []}}]}'))).toContain(
      'terms[0].forbidden: duplicate key "en"',
    );
  });
});

describe('parseGlossary: warnings', () => {
  it('warns about unknown keys and suggests the closest known one', () => {
    const { warnings } = parseGlossary(
      JSON.stringify({ version: 1, term: [], terms: [term({ caseSensitve: true, targets: { en: { term: 'council', froms: [] } } })] }),
      FILE,
    );
    expect(warnings.map((w) => [w.rule, w.severity, w.file, w.message])).toEqual([
      ['glossary-unknown-key', 'warning', FILE, 'term: unknown key, ignored (did you mean "terms"?)'],
      ['glossary-unknown-key', 'warning', FILE, 'terms[0].caseSensitve: unknown key, ignored (did you mean "caseSensitive"?)'],
      ['glossary-unknown-key', 'warning', FILE, 'terms[0].targets.en.froms: unknown key, ignored (did you mean "forms"?)'],
    ]);
  });

  it('does not suggest anything for a key unlike every known key', () => {
    const { warnings } = parseGlossary(JSON.stringify({ version: 1, terms: [term({ reviewer: 'ak' })] }), FILE);
    expect(warnings.map((w) => w.message)).toEqual(['terms[0].reviewer: unknown key, ignored']);
  });

  it('warns about a term that can never be checked', () => {
    const { warnings } = parseGlossary(wrap([{ source: 'Rat' }, { source: 'WSJ', doNotTranslate: true }]), FILE);
    expect(warnings.map((w) => [w.rule, w.message])).toEqual([
      ['glossary-no-targets', 'terms[0]: term "Rat" has no targets and is not doNotTranslate, so nothing is checked for it'],
    ]);
  });
});

describe('parseGlossary: normalisation', () => {
  it('fills in defaults and normalises targets to {term, forms}', () => {
    const { glossary, warnings } = parseGlossary(
      JSON.stringify({
        version: 1,
        terms: [
          { source: ' Ein-China-Prinzip ', targets: { en: 'one-China principle', fr: { term: "principe d'une seule Chine" } } },
        ],
      }),
      FILE,
    );
    expect(warnings).toEqual([]);
    expect(glossary.sourceLanguage).toBe('de');
    expect(glossary.terms).toEqual([
      {
        id: 'ein-china-prinzip',
        source: 'Ein-China-Prinzip',
        forms: [],
        caseSensitive: false,
        doNotTranslate: false,
        targets: { en: { term: 'one-China principle', forms: [] }, fr: { term: "principe d'une seule Chine", forms: [] } },
        forbidden: {},
      },
    ]);
  });

  it('derives ids from the source, transliterating umlauts, and from a hash for other scripts', () => {
    expect(slugify('Staats- und Regierungschefs')).toBe('staats-und-regierungschefs');
    expect(slugify('Shanghaier Kooperationsorganisation')).toBe('shanghaier-kooperationsorganisation');
    expect(slugify('Straße über Élysée')).toBe('strasse-ueber-elysee');
    expect(slugify('習近平')).toMatch(/^term-[0-9a-f]{10}$/);
    expect(slugify('習近平')).not.toBe(slugify('普京'));
  });

  it('hashes the normalised terms: equal content gives equal hashes, any change a new one', () => {
    const a = parseGlossary(wrap([{ source: 'Rat', targets: { en: 'council' } }]), FILE).glossary;
    const b = parseGlossary(wrap([{ targets: { en: { term: 'council', forms: [] } }, caseSensitive: false, source: 'Rat' }]), FILE).glossary;
    const c = parseGlossary(wrap([{ source: 'Rat', targets: { en: 'Council' } }]), FILE).glossary;
    expect(a.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(b.hash).toBe(a.hash);
    expect(c.hash).not.toBe(a.hash);
  });

  it('createGlossary validates terms written in code the same way', () => {
    expect(createGlossary([{ source: 'Rat', targets: { en: 'council' } }]).glossary.terms[0]?.id).toBe('rat');
    let thrown: unknown;
    try {
      createGlossary([{ source: '' }], { file: 'inline' });
    } catch (error) {
      thrown = error;
    }
    expect(describeError(thrown)).toBe('inline: terms[0].source: expected a non-empty string, got ""');
  });
});
