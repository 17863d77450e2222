// No config file, or one that sets nothing but its version: the run behaves as bitext did before config
// files existed (sources in seeds/, translations/, glossary.json when present, memory in translations/memory).
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultConfig, parseConfig, type ResolvedConfig } from '../../src/config/index.js';
import { memoryPath } from '../../src/memory/index.js';
import { DEFAULTS, layoutOf } from '../../src/workflow/project.js';

const root = '/project';

const expectedDefaults: Omit<ResolvedConfig, 'file' | 'from'> = {
  root,
  sourceLanguage: 'de',
  targetLanguages: [],
  sources: ['seeds'],
  exclude: [],
  glossary: { path: '/project/glossary.json', required: false },
  backend: undefined,
  paths: { translations: '/project/translations', memory: '/project/translations/memory', published: '/project/published' },
  frontMatter: { translate: ['title', 'subtitle', 'description', 'summary', 'excerpt', 'caption', 'alt', 'image.caption', 'image.alt'] },
  qa: { rules: {} },
  maxCharacters: undefined,
  context: true,
};

describe('defaults', () => {
  it('fills every key of a file that only has its version', () => {
    const result = parseConfig('{"version": 1}', join(root, 'bitext.config.json'));
    expect(result.warnings).toEqual([]);
    expect(result.config).toEqual({ ...expectedDefaults, file: '/project/bitext.config.json', from: { version: 'file' } });
  });

  it('are the same without a file', () => {
    expect(defaultConfig(root)).toEqual({ ...expectedDefaults, file: undefined, from: {} });
  });

  it('match what the workflow does today without a config', () => {
    const config = defaultConfig(root);
    expect(config.sources).toEqual(DEFAULTS.sources);
    const layout = layoutOf({ cwd: root });
    expect(config.sourceLanguage).toBe(layout.sourceLanguage);
    expect(config.paths.translations).toBe(layout.translations);
    expect(config.glossary).toEqual({ path: join(root, DEFAULTS.glossary), required: false });
    expect(config.paths.memory).toBe(dirname(memoryPath(layout.memory, { source: 'de', target: 'en' })));
    expect(config.paths.published).toBe(layout.published);
  });

  it('resolve paths against the config file\'s folder, and the memory follows the translations folder', () => {
    const text = '{"version": 1, "glossary": "terms/glossary.json", "paths": {"translations": "out/review"}}';
    const config = parseConfig(text, '/work/news/bitext.config.json').config!;
    expect(config.root).toBe('/work/news');
    expect(config.glossary).toEqual({ path: '/work/news/terms/glossary.json', required: true });
    expect(config.paths).toEqual({ translations: '/work/news/out/review', memory: '/work/news/out/review/memory', published: '/work/news/published' });
    expect(config.from).toEqual({ version: 'file', glossary: 'file', paths: 'file', 'paths.translations': 'file' });
  });

  it('null glossary means none; a string backend becomes the object form', () => {
    const config = parseConfig('version: 1\nglossary: null\nbackend: deepl\ntargetLanguages: [en-gb, PT-br, zh-hans]\n', '/p/bitext.config.yaml').config!;
    expect(config.glossary).toBeNull();
    expect(config.backend).toEqual({ kind: 'builtin', name: 'deepl', settings: {}, concurrency: undefined });
    expect(config.targetLanguages).toEqual(['en-GB', 'pt-BR', 'zh-Hans']);
  });

  it('a module backend is resolved against the config folder; settings become strings', () => {
    const text = '{"version": 1, "backend": {"name": "./backends/house.js", "settings": {"model": "large", "retries": 3, "dryRun": false}, "concurrency": 8}}';
    expect(parseConfig(text, '/p/bitext.config.json').config?.backend).toEqual({
      kind: 'module',
      name: './backends/house.js',
      path: '/p/backends/house.js',
      settings: { model: 'large', retries: '3', dryRun: 'false' },
      concurrency: 8,
    });
  });
});

describe('the defaults without a config file', () => {
  it('are what the schema fills in for {"version": 1} (defaultConfig loads no schema)', async () => {
    const { configSchema } = await import('../../src/config/schema.js');
    const { DEFAULT_CONFIG_FILE } = await import('../../src/config/resolve-config.js');
    expect(DEFAULT_CONFIG_FILE).toEqual(configSchema.parse({ version: 1 }));
  });
});
