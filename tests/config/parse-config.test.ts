// One row per mistake a person makes in bitext.config.json / .yaml: what they see, and on which line.
import { describe, expect, it } from 'vitest';
import { BitextError } from '../../src/core/errors.js';
import { parseConfig, type ConfigFormat } from '../../src/config/index.js';

const JSON_FILE = '/project/bitext.config.json';
const YAML_FILE = '/project/bitext.config.yaml';

interface Row {
  readonly mistake: string;
  readonly format?: ConfigFormat;
  readonly text: string;
  /** First error as `line: message` (`-` when the error has no line). */
  readonly error: string;
}

const rows: Row[] = [
  { mistake: 'wrong type', text: '{\n  "version": 1,\n  "context": "no"\n}', error: '3: context: expected true or false, got "no"' },
  {
    mistake: 'a list where a string belongs',
    text: '{"version": 1, "sourceLanguage": ["de"]}',
    error: '1: sourceLanguage: expected a language code such as "en", "en-GB", "pt-BR" or "zh-Hans", got a list',
  },
  {
    mistake: 'a string where a list belongs',
    text: '{"version": 1, "targetLanguages": "en"}',
    error: '1: targetLanguages: expected a list of language codes such as ["en", "fr"], got "en"',
  },
  {
    mistake: 'misspelt backend',
    text: '{\n  "version": 1,\n  "backend": "depl"\n}',
    error: '3: backend: expected one of "mock", "deepl" or a module path like "./backend.js", got "depl" — did you mean "deepl"?',
  },
  {
    mistake: 'misspelt backend name in the object form',
    format: 'yaml',
    text: 'version: 1\nbackend:\n  name: DeepL\n',
    error: '3: backend.name: expected one of "mock", "deepl" or a module path like "./backend.js", got "DeepL" — did you mean "deepl"?',
  },
  {
    mistake: 'module path without its extension',
    text: '{"version": 1, "backend": "./my-backend"}',
    error: '1: backend: expected one of "mock", "deepl" or a module path like "./backend.js", got "./my-backend" — a module path needs its extension, e.g. "./my-backend.js"',
  },
  {
    mistake: 'module file named without ./',
    text: '{"version": 1, "backend": "my-backend.js"}',
    error: '1: backend: expected one of "mock", "deepl" or a module path like "./backend.js", got "my-backend.js" — did you mean "./my-backend.js"?',
  },
  {
    mistake: 'backend neither string nor object',
    text: '{"version": 1, "backend": 5}',
    error: '1: backend: expected one of "mock", "deepl" or a module path like "./backend.js", or {"name": …, "settings": {…}}, got 5',
  },
  {
    mistake: 'backend object without a name',
    format: 'yaml',
    text: 'version: 1\nbackend:\n  settings: {formality: more}\n',
    error: '2: backend.name: missing; expected one of "mock", "deepl" or a module path like "./backend.js"',
  },
  {
    mistake: 'bad DeepL setting value',
    format: 'yaml',
    text: 'version: 1\nbackend:\n  name: deepl\n  settings:\n    formality: mroe\n',
    error:
      '5: backend.settings.formality: expected one of "default", "more", "less", "prefer_more", "prefer_less", "formal" or "informal", got "mroe" — did you mean "more"?',
  },
  {
    mistake: 'unknown DeepL setting',
    format: 'yaml',
    text: 'version: 1\nbackend:\n  name: deepl\n  settings:\n    formalty: more\n',
    error: '5: backend.settings.formalty: unknown DeepL setting; known settings: formality, model, en, pt, attempts, timeout — did you mean "formality"?',
  },
  {
    mistake: 'DeepL setting out of range, written as a number',
    text: '{"version": 1, "backend": {"name": "deepl", "settings": {"attempts": 50}}}',
    error: '1: backend.settings.attempts: expected a whole number from 1 to 10, got "50"',
  },
  {
    mistake: 'setting value that is an object',
    text: '{"version": 1, "backend": {"name": "deepl", "settings": {"en": {"variant": "en-US"}}}}',
    error: '1: backend.settings.en: expected a string, number or boolean, got an object',
  },
  {
    mistake: 'concurrency 0',
    text: '{"version": 1, "backend": {"name": "mock", "concurrency": 0}}',
    error: '1: backend.concurrency: expected a whole number from 1 to 64, got 0',
  },
  {
    mistake: 'unknown language',
    text: '{"version": 1, "targetLanguages": ["en", "xx"]}',
    error: '1: targetLanguages[1]: expected a language code such as "en", "en-GB", "pt-BR" or "zh-Hans", got "xx"',
  },
  {
    mistake: 'underscore in a language code',
    text: '{"version": 1, "targetLanguages": ["en_GB"]}',
    error: '1: targetLanguages[0]: expected a language code such as "en", "en-GB", "pt-BR" or "zh-Hans", got "en_GB" — did you mean "en-GB"?',
  },
  {
    mistake: 'deprecated language code',
    format: 'yaml',
    text: 'version: 1\ntargetLanguages:\n  - en\n  - iw\n',
    error: '4: targetLanguages[1]: expected a language code such as "en", "en-GB", "pt-BR" or "zh-Hans", got "iw" — did you mean "he"?',
  },
  {
    mistake: 'unknown region',
    text: '{"version": 1, "targetLanguages": ["en-XX"]}',
    error: '1: targetLanguages[0]: expected a language code such as "en", "en-GB", "pt-BR" or "zh-Hans", got "en-XX"',
  },
  {
    mistake: 'target = source',
    text: '{\n  "version": 1,\n  "targetLanguages": [\n    "en",\n    "de"\n  ]\n}',
    error: '5: targetLanguages[1]: "de" is the source language ("de"); bitext translates from it, not into it: remove it',
  },
  {
    mistake: 'target in a variety of the source language',
    text: '{"version": 1, "sourceLanguage": "de-CH", "targetLanguages": ["de-AT"]}',
    error: '1: targetLanguages[0]: "de-AT" is the source language ("de-CH"); bitext translates from it, not into it: remove it',
  },
  {
    mistake: 'bad severity value',
    format: 'yaml',
    text: 'version: 1\nqa:\n  rules:\n    length-ratio: warn\n',
    error: '4: qa.rules.length-ratio: expected "error", "warning", "info" or "off", got "warn" — did you mean "warning"?',
  },
  { mistake: 'version missing', text: '{"targetLanguages": ["en"]}', error: '-: version: missing; expected 1 (the version of this file\'s format): add "version": 1' },
  {
    mistake: 'version misspelt',
    text: '{"verison": 1}',
    error: '-: version: missing; expected 1 (the version of this file\'s format): add "version": 1 ("verison" looks like a misspelling of it)',
  },
  {
    mistake: 'file from a newer bitext',
    text: '{"version": 2}',
    error: '1: version: expected 1, got 2; this file is for a newer bitext: upgrade bitext to read it',
  },
  { mistake: 'version as a string', text: '{"version": "1"}', error: '1: version: expected 1, got "1"' },
  {
    mistake: 'no sources',
    text: '{"version": 1, "sources": []}',
    error: '1: sources: expected at least one file, folder or glob such as "seeds", got an empty list',
  },
  {
    mistake: 'Windows path separators',
    text: '{"version": 1, "sources": ["articles\\\\2024"]}',
    error:
      '1: sources[0]: expected a file, folder or glob such as "seeds" or "articles/**/*.md" with forward slashes, got "articles\\\\2024" — did you mean "articles/2024"?',
  },
  {
    mistake: 'negated source glob',
    text: '{"version": 1, "sources": ["seeds", "!seeds/drafts/**"]}',
    error: '1: sources[1]: expected a file, folder or glob, got "!seeds/drafts/**": put patterns to leave out in "exclude"',
  },
  {
    mistake: 'glossary of the wrong type',
    text: '{"version": 1, "glossary": false}',
    error: '1: glossary: expected a file such as "glossary.json", or null for none, got false',
  },
  { mistake: 'empty path', text: '{"version": 1, "paths": {"translations": ""}}', error: '1: paths.translations: expected a folder such as "translations", got an empty string' },
  {
    mistake: 'translations folder = project folder',
    text: '{"version": 1, "paths": {"translations": "."}}',
    error: '1: paths.translations: is the project folder itself; expected a folder inside it such as "translations"',
  },
  {
    mistake: 'published = translations',
    text: '{"version": 1, "paths": {"translations": "out", "published": "out/"}}',
    error: '1: paths.published: is the same folder as paths.translations; published files would mix with the bilingual ones',
  },
  {
    mistake: 'negative cost cap',
    text: '{"version": 1, "maxCharacters": -1}',
    error: '1: maxCharacters: expected a whole number of characters such as 50000, got -1',
  },
  {
    mistake: 'fractional cost cap',
    text: '{"version": 1, "maxCharacters": 1.5}',
    error: '1: maxCharacters: expected a whole number of characters such as 50000, got 1.5',
  },
  {
    mistake: 'front-matter key with an empty part',
    text: '{"version": 1, "frontMatter": {"translate": ["image..alt"]}}',
    error: '1: frontMatter.translate[0]: expected a front-matter key such as "title" or "image.caption", got "image..alt"',
  },
  { mistake: 'a list as the whole file', text: '["en"]', error: '-: expected an object such as {"version": 1, "targetLanguages": ["en"]}, got a list' },
  { mistake: 'malformed JSON', text: '{\n  "version": 1\n  "targetLanguages": ["en"]\n}', error: "3: invalid JSON: Expected ',' or '}' after property value (column 3)" },
  // JSON.parse gives no position for this one; the strict JSON reader (see the seam below) will.
  { mistake: 'trailing comma in a JSON list', text: '{\n  "version": 1,\n  "targetLanguages": ["en",]\n}', error: "-: invalid JSON: Unexpected token ']'" },
  { mistake: 'trailing comma in JSON', text: '{\n  "version": 1,\n}', error: '3: invalid JSON: Expected double-quoted property name (column 1)' },
  { mistake: 'empty JSON file', text: '  \n', error: '-: the file is empty; expected an object such as {"version": 1}' },
  { mistake: 'malformed YAML', format: 'yaml', text: 'version: 1\ntargetLanguages: [en, fr\nbackend: mock\n', error: '3: invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]' },
  { mistake: 'duplicate YAML key', format: 'yaml', text: 'version: 1\nbackend: mock\nbackend: deepl\n', error: '3: invalid YAML: duplicate key "backend" (first at line 2); keep one' },
  { mistake: 'YAML tag', format: 'yaml', text: 'version: 1\nbackend: !!js/function "x"\n', error: '2: invalid YAML: tags such as tag:yaml.org,2002:js/function are not supported' },
  { mistake: 'two YAML documents', format: 'yaml', text: 'version: 1\n---\nversion: 1\n', error: '2: invalid YAML: more than one document (---); a config file holds one' },
  { mistake: 'empty YAML file', format: 'yaml', text: '# nothing yet\n', error: '-: the file is empty; expected a mapping such as "version: 1"' },
  { mistake: 'YAML "yes" is not a boolean (core schema)', format: 'yaml', text: 'version: 1\ncontext: yes\n', error: '2: context: expected true or false, got "yes"' },
];

function firstError(text: string, format: ConfigFormat): BitextError {
  const result = parseConfig(text, format === 'json' ? JSON_FILE : YAML_FILE);
  if (!result.errors) throw new Error(`expected errors for ${text}`);
  return result.errors[0]!;
}

describe('parseConfig: one row per mistake', () => {
  it.each(rows)('$mistake', ({ text, format = 'json', error }) => {
    const first = firstError(text, format);
    expect(`${first.line ?? '-'}: ${first.message}`).toBe(error);
    expect(first).toBeInstanceOf(BitextError);
    expect(first.code).toBe('config');
    expect(first.file).toBe(format === 'json' ? 'bitext.config.json' : 'bitext.config.yaml');
  });

  it.each(rows)('$mistake: the message neither repeats the file nor speaks zod', ({ text, format = 'json' }) => {
    const { message } = firstError(text, format);
    expect(message).not.toContain('bitext.config');
    expect(message).not.toMatch(/Invalid input|received|Too small/);
  });
});

describe('parseConfig: every problem at once', () => {
  it('reports all errors of a file, in file order, each with its line', () => {
    const text = ['{', '  "version": 1,', '  "backend": "depl",', '  "targetLanguages": ["en", "xx"],', '  "context": "no"', '}'].join('\n');
    const result = parseConfig(text, JSON_FILE);
    expect(result.errors?.map((e) => `${e.line}: ${e.message.split(':')[0]}`)).toEqual(['3: backend', '4: targetLanguages[1]', '5: context']);
  });

  it('reports a bad setting together with a bad sibling key', () => {
    const result = parseConfig('{"version": 1, "backend": {"name": "deepl", "concurrency": 0, "settings": {"en": "en-AU"}}}', JSON_FILE);
    expect(result.errors?.map((e) => e.message)).toEqual([
      'backend.concurrency: expected a whole number from 1 to 64, got 0',
      'backend.settings.en: expected en-GB or en-US, got "en-AU"',
    ]);
  });
});

describe('parseConfig: warnings', () => {
  const warningsOf = (text: string, format: ConfigFormat = 'json', knownQaRules?: readonly string[]) => {
    const result = parseConfig(text, format === 'json' ? JSON_FILE : YAML_FILE, knownQaRules ? { knownQaRules } : {});
    expect(result.errors).toBeUndefined();
    return result.warnings.map((w) => `${w.line ?? '-'}: ${w.rule}: ${w.message}`);
  };

  it('unknown keys are warnings with a suggestion, so an older bitext reads a newer file', () => {
    expect(warningsOf('{\n  "version": 1,\n  "targetLanguage": ["en"],\n  "paths": {"memroy": "tm"},\n  "futureKey": true\n}')).toEqual([
      '3: config-unknown-key: targetLanguage: unknown key, ignored — did you mean "targetLanguages"?',
      '4: config-unknown-key: paths.memroy: unknown key, ignored — did you mean "memory"?',
      '5: config-unknown-key: futureKey: unknown key, ignored',
    ]);
  });

  it('points at the key in YAML, nested ones too', () => {
    expect(warningsOf('version: 1\nbackend:\n  name: deepl\n  setings:\n    formality: more\n', 'yaml')).toEqual([
      '4: config-unknown-key: backend.setings: unknown key, ignored — did you mean "settings"?',
    ]);
  });

  it('repeats are used once, with a warning', () => {
    expect(warningsOf('{"version": 1, "targetLanguages": ["en", "fr", "EN"]}')).toEqual(['1: config-duplicate: targetLanguages[2]: "en" is listed twice; translated once']);
  });

  it('settings for the mock backend are a configuration error (they would be silently ignored)', () => {
    const result = parseConfig('{"version": 1, "backend": {"name": "mock", "settings": {"formality": "more"}}}', '/project/bitext.config.json');
    expect(result.errors?.map((e) => e.message)).toEqual([
      'backend.settings.formality: the mock backend takes no settings (its knobs are BITEXT_MOCK_* environment variables)',
    ]);
  });

  it('an unknown QA rule is a warning when the QA rules are known', () => {
    const text = 'version: 1\nqa:\n  rules:\n    glossary-forbiden: error\n';
    expect(warningsOf(text, 'yaml', ['glossary-forbidden', 'glossary-missing-target'])).toEqual([
      '4: config-unknown-qa-rule: qa.rules.glossary-forbiden: unknown QA rule, ignored — did you mean "glossary-forbidden"?',
    ]);
    expect(warningsOf(text, 'yaml')).toEqual([]);
  });
});

describe('parseConfig: safety', () => {
  it('refuses a YAML alias bomb quickly', () => {
    const lines = ['version: 1', 'a: &a ["x", "x", "x", "x", "x", "x", "x", "x", "x", "x"]'];
    for (let i = 1; i < 12; i++) lines.push(`l${i}: &l${i} [${Array(10).fill(i === 1 ? '*a' : `*l${i - 1}`).join(', ')}]`);
    const started = performance.now();
    const result = parseConfig(lines.join('\n'), YAML_FILE);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(result.errors?.[0]?.message).toBe('invalid YAML: aliases expand to too many values (more than 100); write the values out');
  });

  it('still allows a few aliases', () => {
    const result = parseConfig('version: 1\ntargetLanguages: &langs [en, fr]\nfrontMatter:\n  translate: [title]\n', YAML_FILE);
    expect(result.config?.targetLanguages).toEqual(['en', 'fr']);
  });

  it.each([
    ['json', '{"version": 1, "__proto__": {"polluted": true}, "qa": {"rules": {"__proto__": "off"}}}'],
    ['yaml', 'version: 1\n__proto__:\n  polluted: true\nqa:\n  rules:\n    __proto__: "off"\n'],
  ] as const)('a __proto__ key in %s is harmless', (format, text) => {
    const result = parseConfig(text, format === 'json' ? JSON_FILE : YAML_FILE);
    expect(result.errors).toBeUndefined();
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.getPrototypeOf(result.config)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(result.config?.qa.rules)).toBe(Object.prototype);
    expect((result.config as unknown as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(result.warnings.map((w) => w.message)).toContain('__proto__: unknown key, ignored');
  });

  it('runs nothing: a YAML tag is refused, not resolved', () => {
    const result = parseConfig('version: 1\nbackend: !<tag:yaml.org,2002:js/function> "function () { globalThis.ran = true }"\n', YAML_FILE);
    expect(result.errors?.[0]?.message).toMatch(/^invalid YAML: tags such as .* are not supported$/);
    expect((globalThis as Record<string, unknown>)['ran']).toBeUndefined();
  });

  it('drops a byte order mark', () => {
    expect(parseConfig('\uFEFF{"version": 1}', JSON_FILE).errors).toBeUndefined();
  });
});

describe('parseConfig: JSON reader seam (strict JSON)', () => {
  it('takes the line of an error the reader reports, e.g. a duplicate key', () => {
    const parseJson = (): unknown => {
      throw new BitextError('config', 'duplicate key "backend" (first at line 2)', { line: 3 });
    };
    const result = parseConfig('{\n "backend": "mock",\n "backend": "deepl"\n}', JSON_FILE, { parseJson });
    expect(result.errors?.map((e) => [e.line, e.file, e.message])).toEqual([[3, 'bitext.config.json', 'duplicate key "backend" (first at line 2)']]);
  });
});
