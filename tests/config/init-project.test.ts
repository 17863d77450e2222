// bitext init on real temporary folders: what it writes, that a first run works right after it, and that it
// never overwrites anything.
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expandSources, initProject, loadConfig, parseConfig, planInit } from '../../src/config/index.js';
import { findTerms, parseGlossary } from '../../src/glossary/index.js';
import { translate } from '../../src/workflow/translate.js';
import { rejection } from '../helpers/rejection.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bitext-init-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const read = (file: string): Promise<string> => readFile(join(dir, file), 'utf8');

describe('initProject', () => {
  it('writes a config, a glossary and an example article', async () => {
    expect(await initProject({ cwd: dir })).toEqual({ written: ['glossary.json', 'seeds/beispiel.txt', 'bitext.config.json'], kept: [] });
    expect(JSON.parse(await read('bitext.config.json'))).toEqual({
      version: 1,
      sourceLanguage: 'de',
      targetLanguages: ['en'],
      sources: ['seeds'],
      glossary: 'glossary.json',
      backend: 'mock',
    });
  });

  it('writes a glossary parseGlossary accepts without warnings, with terms the example article contains', async () => {
    await initProject({ cwd: dir });
    const { glossary, warnings } = parseGlossary(await read('glossary.json'), 'glossary.json');
    expect(warnings).toEqual([]);
    const article = await read('seeds/beispiel.txt');
    const found = article.split('\n').flatMap((line) => findTerms(glossary, line).map((m) => m.termId));
    expect(new Set(found)).toEqual(new Set(glossary.terms.map((t) => t.id)));
  });

  it('leaves a project that loads without warnings and translates right away', async () => {
    await initProject({ cwd: dir });
    const { config, warnings } = await loadConfig({ cwd: dir });
    expect(warnings).toEqual([]);
    expect((await expandSources(config)).map((f) => relative(dir, f))).toEqual(['seeds/beispiel.txt']);
    const report = await translate({
      cwd: dir,
      sources: config.sources,
      targets: config.targetLanguages,
      backend: config.backend!.name,
      env: {},
      now: () => new Date('2025-01-01T00:00:00Z'),
    });
    expect(report.problems).toEqual([]);
    expect(report.documents.map((d) => [d.file, d.outcome])).toEqual([['translations/en/beispiel.md', 'written']]);
    expect(await read('translations/en/beispiel.md')).toContain('Federal Government');
  });

  it('takes targets and backend', async () => {
    await initProject({ cwd: dir, targets: ['fr', 'en-us'], backend: 'deepl' });
    const config = parseConfig(await read('bitext.config.json'), join(dir, 'bitext.config.json')).config;
    expect(config?.targetLanguages).toEqual(['fr', 'en-US']);
    expect(config?.backend?.name).toBe('deepl');
  });

  it.each([
    [{ targets: ['de-AT'] }, 'target language: "de-AT" is the source language ("de"); choose another, e.g. en'],
    [{ targets: ['english'] }, 'target language: expected a language code such as "en", "en-GB", "pt-BR" or "zh-Hans", got "english"'],
    [{ backend: 'depl' }, 'backend: expected one of "mock", "deepl" or a module path like "./backend.js", got "depl" — did you mean "deepl"?'],
  ])('refuses bad options before writing anything: %j', async (options, message) => {
    expect(await rejection(initProject({ cwd: dir, ...options }))).toMatchObject({ code: 'usage', message });
    expect(await readdir(dir)).toEqual([]);
  });

  it.each(['glossary.json', 'bitext.config.json', 'bitext.config.yaml'])('refuses to overwrite %s and writes nothing', async (existing) => {
    await writeFile(join(dir, existing), 'mine\n');
    const error = await rejection(initProject({ cwd: dir }));
    expect(error).toMatchObject({
      code: 'output',
      file: existing,
      message: 'already exists; bitext init never overwrites a file: move it away, or run bitext init --keep-existing to keep it and write only the missing files',
    });
    expect(await readdir(dir)).toEqual([existing]);
    expect(await read(existing)).toBe('mine\n');
  });

  it('names every file that is in the way', async () => {
    await writeFile(join(dir, 'glossary.json'), '{}');
    await writeFile(join(dir, 'bitext.config.yml'), 'version: 1\n');
    expect((await rejection(initProject({ cwd: dir }))).message).toMatch(/^already exists \(and bitext\.config\.yml\);/);
  });

  it('with existing: keep, writes only what is missing and leaves the rest byte for byte', async () => {
    await writeFile(join(dir, 'glossary.json'), '{"version": 1, "terms": []}\n');
    expect(await initProject({ cwd: dir, existing: 'keep' })).toEqual({ written: ['seeds/beispiel.txt', 'bitext.config.json'], kept: ['glossary.json'] });
    expect(await read('glossary.json')).toBe('{"version": 1, "terms": []}\n');
  });

  it('adds no example to a seeds/ folder that already has articles', async () => {
    await mkdir(join(dir, 'seeds', '2024'), { recursive: true });
    await writeFile(join(dir, 'seeds', '2024', 'artikel.md'), '# Titel\n');
    expect(await initProject({ cwd: dir })).toEqual({ written: ['glossary.json', 'bitext.config.json'], kept: ['seeds/beispiel.txt'] });
    expect(await readdir(join(dir, 'seeds'))).toEqual(['2024']);
  });
});

describe('planInit', () => {
  it('is pure: the same files every time, the config last', () => {
    const plan = planInit();
    expect(plan).toEqual(planInit());
    expect(plan.map((f) => f.path)).toEqual(['glossary.json', 'seeds/beispiel.txt', 'bitext.config.json']);
    for (const file of plan) expect(file.content.endsWith('\n')).toBe(true);
  });
});
