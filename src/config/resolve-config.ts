// ConfigFile → ResolvedConfig: the checks that need more than one key, the defaults that depend on other
// keys, the paths. Without zod or YAML, so a project without a config file starts without loading them.
import { join, resolve } from 'node:path';
import { isBackendName } from '../backends/registry.js';
import { checkBackendSettings } from './backend-settings.js';
import { DEFAULT_FRONT_MATTER_KEYS } from './constants.js';
import type { ConfigFile } from './schema.js';
import { describeValue, didYouMean } from './suggest.js';
import type { ResolvedBackend, ResolvedConfig, ValueOrigin } from './types.js';

export type Path = readonly (string | number)[];

/** A problem before it is placed in the file: `at: 'key'` points at the key itself, else at its value. */
export interface Problem {
  readonly path: Path;
  readonly message: string;
  readonly at?: 'key';
  readonly rule?: string;
}

/** What `configSchema.parse({ version: 1 })` gives (tests/config/defaults.test.ts holds them equal). */
export const DEFAULT_CONFIG_FILE: ConfigFile = {
  version: 1,
  sourceLanguage: 'de',
  targetLanguages: [],
  sources: ['seeds'],
  exclude: [],
  paths: { translations: 'translations', published: 'published' },
  frontMatter: { translate: [...DEFAULT_FRONT_MATTER_KEYS] },
  qa: { rules: {} },
  context: true,
};

/** The configuration of a project without a config file: every default, paths under `root`. */
export function defaultConfig(root: string): ResolvedConfig {
  return resolveConfig(DEFAULT_CONFIG_FILE, { root, file: undefined, from: {} }).config;
}

export interface ResolveContext {
  readonly root: string;
  readonly file: string | undefined;
  readonly from: Readonly<Record<string, ValueOrigin>>;
  readonly knownQaRules?: readonly string[] | undefined;
}

/** Checks that need more than one key, fills the defaults that depend on other keys, resolves paths. */
export function resolveConfig(
  file: ConfigFile,
  context: ResolveContext,
): { config: ResolvedConfig; errors: Problem[]; warnings: Problem[] } {
  const errors: Problem[] = [];
  const warnings: Problem[] = [];
  const { root } = context;

  const targetLanguages: string[] = [];
  file.targetLanguages.forEach((code, index) => {
    const path = ['targetLanguages', index];
    if (targetLanguages.includes(code)) {
      warnings.push({ path, rule: 'config-duplicate', message: `"${code}" is listed twice; translated once` });
    } else targetLanguages.push(code);
  });

  const backend = resolveBackend(file.backend, root, warnings);
  const translations = resolve(root, file.paths.translations);
  const paths = {
    translations,
    memory: file.paths.memory === undefined ? join(translations, 'memory') : resolve(root, file.paths.memory),
    published: resolve(root, file.paths.published),
  };
  for (const key of ['translations', 'published'] as const) {
    if (paths[key] === root) errors.push({ path: ['paths', key], message: `is the project folder itself; expected a folder inside it such as "${key}"` });
  }
  if (paths.published === paths.translations) {
    errors.push({ path: ['paths', 'published'], message: 'is the same folder as paths.translations; published files would mix with the bilingual ones' });
  }

  if (context.knownQaRules !== undefined) {
    for (const rule of Object.keys(file.qa.rules)) {
      if (!context.knownQaRules.includes(rule)) {
        warnings.push({ path: ['qa', 'rules', rule], at: 'key', rule: 'config-unknown-qa-rule', message: `unknown QA rule, ignored${didYouMean(rule, context.knownQaRules)}` });
      }
    }
  }

  const config: ResolvedConfig = {
    file: context.file,
    root,
    sourceLanguage: file.sourceLanguage,
    targetLanguages,
    sources: unique(file.sources, 'sources', warnings),
    exclude: unique(file.exclude, 'exclude', warnings),
    glossary:
      file.glossary === null
        ? null
        : { path: resolve(root, file.glossary ?? 'glossary.json'), required: file.glossary !== undefined },
    backend,
    paths,
    frontMatter: { translate: unique(file.frontMatter.translate, 'frontMatter.translate', warnings) },
    qa: { rules: { ...file.qa.rules } },
    maxCharacters: file.maxCharacters,
    context: file.context,
    from: context.from,
  };
  return { config, errors, warnings };
}

function resolveBackend(written: ConfigFile['backend'], root: string, warnings: Problem[]): ResolvedBackend | undefined {
  if (written === undefined) return undefined;
  const { name, settings, concurrency } = typeof written === 'string' ? { name: written, settings: {}, concurrency: undefined } : written;
  // Errors were reported by the schema; what is left is advice.
  for (const problem of checkBackendSettings(name, settings)) {
    if (problem.severity === 'warning') warnings.push({ path: ['backend', 'settings', problem.key], at: 'key', rule: 'config-unused-setting', message: problem.message });
  }
  if (isBackendName(name)) return { kind: 'builtin', name, settings, concurrency };
  return { kind: 'module', name, path: resolve(root, name), settings, concurrency };
}

function unique(values: readonly string[], key: string, warnings: Problem[]): string[] {
  const out: string[] = [];
  values.forEach((value, index) => {
    if (out.includes(value)) warnings.push({ path: [...key.split('.'), index], rule: 'config-duplicate', message: `${describeValue(value)} is listed twice; used once` });
    else out.push(value);
  });
  return out;
}

