// The project config and the command line, merged: what the user typed wins, the config gives the rest,
// defaults fill the gaps. Only flags the user actually gave count — a commander default such as
// `--out translations` must not hide the config's `paths.translations`.
import { stat } from 'node:fs/promises';
import type { Command } from 'commander';
import { BitextError } from '../core/errors.js';
import { t } from './i18n.js';
import type { Diagnostic } from '../core/types.js';
import { expandSources } from '../config/expand-sources.js';
import { loadConfig } from '../config/load-config.js';
import { mergeFlags } from '../config/merge-flags.js';
import type { ResolvedConfig } from '../config/types.js';
import { parseStrictJson } from '../io/strict-json.js';
import { RULE_IDS } from '../qa/rules.js';
import type { BackendSpec } from '../backends/registry.js';
import type { ProjectOptions } from '../workflow/project.js';

export interface CommonFlags {
  readonly config?: string;
  readonly to?: string[];
  readonly backend?: string;
  readonly out?: string;
  /** The translations folder, for `publish`, whose `--out` is the folder it publishes to. */
  readonly translations?: string;
  readonly glossary?: string | false;
  readonly frontMatter?: string[];
  readonly maxCharacters?: number;
  readonly concurrency?: number;
  readonly context?: boolean;
  readonly set?: Record<string, string>;
}

export interface Resolved {
  readonly config: ResolvedConfig;
  readonly warnings: readonly Diagnostic[];
}

/**
 * The config of the project in `cwd` (or `--config FILE`), with the flags the user gave merged over it.
 * `--out` names the translations folder, except for `publish`, where it names the published folder
 * (`outIs: 'published'`) and `--translations` names the translations folder.
 */
export async function resolveConfig(
  command: Command,
  paths: readonly string[],
  flags: CommonFlags,
  cwd: string,
  { outIs = 'translations' }: { readonly outIs?: 'translations' | 'published' } = {},
): Promise<Resolved> {
  const given = (name: string): boolean => command.getOptionValueSource(name) === 'cli';
  const translations = outIs === 'translations' && given('out') ? flags.out : given('translations') ? flags.translations : undefined;
  const { config, warnings } = await loadConfig({
    cwd,
    ...(flags.config === undefined ? {} : { file: flags.config }),
    parseJson: (text) => parseStrictJson(text, { code: 'config' }),
    knownQaRules: RULE_IDS,
  });
  let merged = mergeFlags(config, {
    cwd,
    ...(paths.length > 0 ? { sources: paths } : {}),
    ...(given('to') && flags.to ? { to: flags.to } : {}),
    ...(given('backend') && flags.backend !== undefined ? { backend: flags.backend } : {}),
    ...(translations !== undefined ? { out: translations } : {}),
    ...(given('glossary') ? { glossary: flags.glossary === false ? null : (flags.glossary ?? null) } : {}),
    ...(given('maxCharacters') && flags.maxCharacters !== undefined ? { maxCharacters: flags.maxCharacters } : {}),
    ...(given('concurrency') && flags.concurrency !== undefined ? { concurrency: flags.concurrency } : {}),
    ...(given('context') && flags.context !== undefined ? { context: flags.context } : {}),
    ...(flags.set && Object.keys(flags.set).length > 0 ? { set: flags.set } : {}),
  });
  if (given('frontMatter') && flags.frontMatter) merged = { ...merged, frontMatter: { translate: flags.frontMatter } };
  return { config: merged, warnings };
}

/** What every project command hands the workflow: the layout, the sources, the languages, the glossary. */
export async function projectOptions(
  config: ResolvedConfig,
  options: { readonly targets?: readonly string[]; readonly onWarning?: (warning: Diagnostic) => void } = {},
): Promise<ProjectOptions> {
  const warnings: Diagnostic[] = [];
  const sources = await expandSources(config, warnings);
  for (const warning of warnings) options.onWarning?.(warning);
  const glossary = config.glossary === null ? null : config.glossary.required || (await exists(config.glossary.path)) ? config.glossary.path : null;
  return {
    cwd: config.root,
    sources,
    targets: options.targets ?? config.targetLanguages,
    glossary,
    out: config.paths.translations,
    memory: config.paths.memory,
    published: config.paths.published,
    sourceLanguage: config.sourceLanguage,
    frontMatterKeys: config.frontMatter.translate,
    qaRules: config.qa.rules,
  };
}

/** The backend a translate run uses, or a usage error saying how to choose one. */
export function backendOf(config: ResolvedConfig): { spec: BackendSpec; settings: Readonly<Record<string, string>>; concurrency: number | undefined } {
  const backend = config.backend;
  if (backend === undefined) {
    throw new BitextError('usage', t('config.noBackend'));
  }
  return {
    spec: backend.kind === 'builtin' ? backend.name : { module: backend.path, name: backend.name },
    settings: backend.settings,
    concurrency: backend.concurrency,
  };
}

export function requireTargets(config: ResolvedConfig): readonly string[] {
  if (config.targetLanguages.length === 0) {
    throw new BitextError('usage', t('config.noTarget'));
  }
  return config.targetLanguages;
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}
