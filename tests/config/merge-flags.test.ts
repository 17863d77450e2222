// Flags over the config: what each flag changes, what it leaves, and how a bad flag value is reported.
import { describe, expect, it } from 'vitest';
import { BitextError } from '../../src/core/errors.js';
import { defaultConfig, mergeFlags, parseConfig, type ConfigFlags, type ResolvedConfig } from '../../src/config/index.js';

const cwd = '/project';
const config = (text: string): ResolvedConfig => {
  const result = parseConfig(text, '/project/bitext.config.json');
  if (!result.config) throw new Error(result.errors.map((e) => e.message).join('\n'));
  return result.config;
};
const deepl = config('{"version": 1, "targetLanguages": ["en"], "backend": {"name": "deepl", "settings": {"formality": "more"}, "concurrency": 3}}');

describe('mergeFlags', () => {
  it('no flags: the config as it is', () => {
    expect(mergeFlags(deepl, { cwd })).toEqual(deepl);
  });

  it('is pure: the config passed in is not changed', () => {
    const before = structuredClone(deepl);
    mergeFlags(deepl, { cwd, to: ['fr'], set: { en: 'en-US' }, out: 'x' });
    expect(deepl).toEqual(before);
  });

  it.each<[string, ConfigFlags, (c: ResolvedConfig) => unknown, unknown]>([
    ['--to replaces the targets, canonical and without repeats', { cwd, to: ['fr', 'PT-br', 'fr'] }, (c) => c.targetLanguages, ['fr', 'pt-BR']],
    ['--backend of the same backend keeps its settings', { cwd, backend: 'deepl' }, (c) => c.backend, deepl.backend],
    ['--backend of another backend drops them', { cwd, backend: 'mock' }, (c) => c.backend, { kind: 'builtin', name: 'mock', settings: {}, concurrency: undefined }],
    [
      '--backend with a module path is relative to cwd',
      { cwd: '/elsewhere', backend: './b.mjs' },
      (c) => c.backend,
      { kind: 'module', name: './b.mjs', path: '/elsewhere/b.mjs', settings: {}, concurrency: undefined },
    ],
    ['--set merges over the settings', { cwd, set: { en: 'en-US' } }, (c) => c.backend?.settings, { formality: 'more', en: 'en-US' }],
    ['--set overrides a setting', { cwd, set: { formality: 'less' } }, (c) => c.backend?.settings, { formality: 'less' }],
    ['--concurrency', { cwd, concurrency: 1 }, (c) => c.backend?.concurrency, 1],
    ['--glossary names a file that must exist', { cwd, glossary: 'terms.json' }, (c) => c.glossary, { path: '/project/terms.json', required: true }],
    ['--no-glossary', { cwd, glossary: null }, (c) => c.glossary, null],
    ['--max-characters', { cwd, maxCharacters: 50_000 }, (c) => c.maxCharacters, 50_000],
    ['--max-characters 0 (send nothing)', { cwd, maxCharacters: 0 }, (c) => c.maxCharacters, 0],
    ['--no-context', { cwd, context: false }, (c) => c.context, false],
    ['paths replace the sources, relative to the config folder', { cwd, sources: ['seeds/a.txt', 'more/'] }, (c) => c.sources, ['seeds/a.txt', 'more']],
    ['paths from another folder', { cwd: '/project/sub', sources: ['a.txt', '../b.txt'] }, (c) => c.sources, ['sub/a.txt', 'b.txt']],
    ['the project folder itself', { cwd, sources: ['.'] }, (c) => c.sources, ['.']],
  ])('%s', (_, flags, pick, expected) => {
    expect(pick(mergeFlags(deepl, flags))).toEqual(expected);
  });

  it('records which keys the flags set', () => {
    const merged = mergeFlags(deepl, { cwd, to: ['fr'], out: 'x', set: { en: 'en-US' }, context: false });
    expect(merged.from).toMatchObject({ targetLanguages: 'flag', 'paths.translations': 'flag', 'backend.settings': 'flag', context: 'flag', backend: 'file' });
  });
});

describe('mergeFlags --out', () => {
  it('moves the memory along when the config does not name it', () => {
    const merged = mergeFlags(defaultConfig(cwd), { cwd, out: '/tmp/review' });
    expect(merged.paths).toEqual({ translations: '/tmp/review', memory: '/tmp/review/memory', published: '/project/published' });
  });

  it('leaves a memory folder the config names where it is', () => {
    const named = config('{"version": 1, "paths": {"memory": "tm"}}');
    expect(mergeFlags(named, { cwd, out: 'review' }).paths).toEqual({ translations: '/project/review', memory: '/project/tm', published: '/project/published' });
  });

  it('also when the config names the default place explicitly', () => {
    const named = config('{"version": 1, "paths": {"memory": "translations/memory"}}');
    expect(mergeFlags(named, { cwd, out: 'review' }).paths.memory).toBe('/project/translations/memory');
  });
});

describe('mergeFlags: a backend that does not exist or a wrong setting is a configuration error naming the flag', () => {
  it.each<[ConfigFlags, string]>([
    [{ cwd, backend: 'depl' }, '--backend: expected one of "mock", "deepl" or a module path like "./backend.js", got "depl" — did you mean "deepl"?'],
    [{ cwd, set: { formality: 'mroe' } }, '--set formality=mroe: expected one of "default", "more", "less", "prefer_more", "prefer_less", "formal" or "informal", got "mroe" — did you mean "more"?'],
    [{ cwd, set: { colour: 'x' } }, '--set colour=x: unknown DeepL setting; known settings: formality, model, en, pt, attempts, timeout'],
  ])('%j', (flags, message) => {
    expect(() => mergeFlags(deepl, flags)).toThrow(new BitextError('config', message));
    try {
      mergeFlags(deepl, flags);
    } catch (error) {
      expect(error).toMatchObject({ code: 'config', message });
    }
  });
});

describe('mergeFlags: bad flag values are usage errors naming the flag', () => {
  it.each<[ConfigFlags, string]>([
    [{ cwd, to: ['xx'] }, '--to: expected a language code such as "en", "en-GB", "pt-BR" or "zh-Hans", got "xx"'],
    [{ cwd, to: ['de'] }, '--to: "de" is the source language ("de"); choose another, e.g. --to en'],
    [{ cwd, to: [] }, '--to: expected at least one language code, e.g. --to en or --to en,fr'],
    [{ cwd, concurrency: 0 }, '--concurrency: expected a whole number from 1 to 64, got 0'],
    [{ cwd, maxCharacters: -5 }, '--max-characters: expected a whole number of characters such as 50000, got -5'],
  ])('%j', (flags, message) => {
    expect(() => mergeFlags(deepl, flags)).toThrow(new BitextError('usage', message));
    try {
      mergeFlags(deepl, flags);
    } catch (error) {
      expect(error).toMatchObject({ code: 'usage', message });
    }
  });

  it('--set and --concurrency need a backend', () => {
    expect(() => mergeFlags(defaultConfig(cwd), { cwd, set: { en: 'en-US' } })).toThrow('--set needs a backend: pass --backend or set "backend" in bitext.config.json');
    expect(() => mergeFlags(defaultConfig(cwd), { cwd, concurrency: 2 })).toThrow('--concurrency needs a backend');
    expect(mergeFlags(defaultConfig(cwd), { cwd, backend: 'deepl', set: { en: 'en-US' } }).backend?.settings).toEqual({ en: 'en-US' });
  });
});
