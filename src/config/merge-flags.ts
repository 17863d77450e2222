// Command-line flags over the config: a flag given wins, a flag not given leaves the config's value.
// Pure; a bad flag value is a `usage` error naming the flag.
import { join, relative, resolve, sep } from 'node:path';
import { BitextError } from '../core/errors.js';
import { isBackendName } from '../backends/registry.js';
import { checkLanguageCode, primaryLanguage } from './language.js';
import { checkBackendSettings } from './backend-settings.js';
import { checkBackendName, MAX_CONCURRENCY } from './constants.js';
import { describeValue } from './suggest.js';
import type { ResolvedBackend, ResolvedConfig, ValueOrigin } from './types.js';

/**
 * Flags as the user gave them. Leave out what was not on the command line: a commander default (such as
 * `--out translations`) passed here would hide the config's value.
 */
export interface ConfigFlags {
  /** The folder the command runs in: paths in flags are relative to it (the config's are relative to its folder). */
  readonly cwd: string;
  /** `translate [PATH…]`: files, folders or globs; they replace `sources`. */
  readonly sources?: readonly string[];
  /** `--to en,fr`: replaces `targetLanguages`. */
  readonly to?: readonly string[];
  /** `--backend NAME`: a different backend drops the config's settings and concurrency (they were for the other one). */
  readonly backend?: string;
  /** `--out DIR`: the translations folder; the memory moves along unless the config names `paths.memory`. */
  readonly out?: string;
  /** `--glossary FILE` (must exist) or `--no-glossary` (null). */
  readonly glossary?: string | null;
  readonly maxCharacters?: number;
  readonly concurrency?: number;
  /** `--no-context`: false. */
  readonly context?: boolean;
  /** `--set key=value…`, merged over `backend.settings`. */
  readonly set?: Readonly<Record<string, string>>;
}

export function mergeFlags(config: ResolvedConfig, flags: ConfigFlags): ResolvedConfig {
  const from: Record<string, ValueOrigin> = { ...config.from };
  let next: ResolvedConfig = config;
  const set = <K extends keyof ResolvedConfig>(key: K, value: ResolvedConfig[K], origin: string = key): void => {
    next = { ...next, [key]: value };
    from[origin] = 'flag';
  };

  if (flags.sources !== undefined && flags.sources.length > 0) {
    set('sources', unique(flags.sources.map((path) => fromRoot(config.root, resolve(flags.cwd, path)))));
  }
  if (flags.to !== undefined) set('targetLanguages', targetsFromFlag(flags.to, config.sourceLanguage));
  if (flags.backend !== undefined) set('backend', backendFromFlag(flags.backend, flags.cwd, config.backend));
  if (flags.concurrency !== undefined) {
    const backend = requireBackend(next.backend, '--concurrency');
    if (!Number.isSafeInteger(flags.concurrency) || flags.concurrency < 1 || flags.concurrency > MAX_CONCURRENCY) {
      throw usage(`--concurrency: expected a whole number from 1 to ${MAX_CONCURRENCY}, got ${describeValue(flags.concurrency)}`);
    }
    set('backend', { ...backend, concurrency: flags.concurrency }, 'backend.concurrency');
  }
  if (flags.set !== undefined && Object.keys(flags.set).length > 0) {
    const backend = requireBackend(next.backend, '--set');
    const settings = { ...backend.settings, ...flags.set };
    if (backend.kind === 'builtin') {
      const problem = checkBackendSettings(backend.name, flags.set).find((p) => p.severity === 'error');
      // A wrong setting is a configuration mistake (exit 3), like the same setting in the config file.
      if (problem !== undefined) throw new BitextError('config', `--set ${problem.key}=${flags.set[problem.key]}: ${problem.message}`);
    }
    set('backend', { ...backend, settings }, 'backend.settings');
  }
  if (flags.out !== undefined) {
    const translations = resolve(flags.cwd, flags.out);
    const memory = config.from['paths.memory'] === undefined ? join(translations, 'memory') : config.paths.memory;
    set('paths', { ...next.paths, translations, memory }, 'paths.translations');
  }
  if (flags.glossary !== undefined) {
    set('glossary', flags.glossary === null ? null : { path: resolve(flags.cwd, flags.glossary), required: true });
  }
  if (flags.maxCharacters !== undefined) {
    if (!Number.isSafeInteger(flags.maxCharacters) || flags.maxCharacters < 0) {
      throw usage(`--max-characters: expected a whole number of characters such as 50000, got ${describeValue(flags.maxCharacters)}`);
    }
    set('maxCharacters', flags.maxCharacters);
  }
  if (flags.context !== undefined) set('context', flags.context);
  return { ...next, from };
}

function targetsFromFlag(codes: readonly string[], sourceLanguage: string): string[] {
  if (codes.length === 0) throw usage('--to: expected at least one language code, e.g. --to en or --to en,fr');
  const targets: string[] = [];
  for (const raw of codes) {
    const checked = checkLanguageCode(raw);
    if (checked.problem !== undefined) throw usage(`--to: ${checked.problem}`);
    if (primaryLanguage(checked.code) === primaryLanguage(sourceLanguage)) {
      throw usage(`--to: "${raw}" is the source language ("${sourceLanguage}"); choose another, e.g. --to en`);
    }
    if (!targets.includes(checked.code)) targets.push(checked.code);
  }
  return targets;
}

function backendFromFlag(name: string, cwd: string, current: ResolvedBackend | undefined): ResolvedBackend {
  // The config's settings belong to the backend it names; a different one starts from none.
  const same = current !== undefined && current.name === name ? current : undefined;
  const settings = same?.settings ?? {};
  const concurrency = same?.concurrency;
  const checked = checkBackendName(name);
  // Naming a backend that does not exist is a configuration mistake (exit 3), as in the config file.
  if ('problem' in checked) throw new BitextError('config', `--backend: ${checked.problem}`);
  if (isBackendName(name)) return { kind: 'builtin', name, settings, concurrency };
  return { kind: 'module', name, path: resolve(cwd, name), settings, concurrency };
}

function requireBackend(backend: ResolvedBackend | undefined, flag: string): ResolvedBackend {
  if (backend === undefined) throw usage(`${flag} needs a backend: pass --backend or set "backend" in bitext.config.json`);
  return backend;
}

/** A command-line path as a pattern relative to the config's folder, with forward slashes. */
function fromRoot(root: string, absolute: string): string {
  const rel = relative(root, absolute);
  return rel === '' ? '.' : rel.split(sep).join('/');
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}

function usage(message: string): BitextError {
  return new BitextError('usage', message);
}
