// Finds and reads the project's config file. Reading never writes: not a default filled in, not a key
// reordered, not a version bumped (lingo.dev rewrote its users' files on read; we do not).
import { readdir, readFile } from 'node:fs/promises';
import { extname, isAbsolute, join, resolve } from 'node:path';
import { BitextError, formatLocation } from '../core/errors.js';
import type { Diagnostic } from '../core/types.js';
import { describeFsError } from '../io/read-text.js';
import { toProjectPath } from '../sources/read-sources.js';
import { CONFIG_FILE_NAMES, formatOf } from './constants.js';
import type { ParseConfigOptions } from './parse-config.js';
import { defaultConfig } from './resolve-config.js';
import type { ConfigResult, ResolvedConfig } from './types.js';

export interface LoadConfigOptions extends Pick<ParseConfigOptions, 'parseJson' | 'knownQaRules'> {
  /** The project folder: where the config file is looked for, and what messages are relative to. */
  readonly cwd: string;
  /** A config file to read instead of looking in `cwd` (relative to `cwd`); it must exist. */
  readonly file?: string;
}

export interface LoadedConfig {
  readonly config: ResolvedConfig;
  /** The file read (absolute), or undefined when there is none and every value is a default. */
  readonly file: string | undefined;
  readonly warnings: readonly Diagnostic[];
}

/**
 * The project's configuration: `bitext.config.json`, `.yaml` or `.yml` in `cwd` (not in parent folders, so
 * a run never picks up an unrelated project's file), or all defaults when there is none.
 * Throws `BitextError('config')`: the first problem is the message, with its line; further problems follow
 * on their own lines (`  line 7: targetLanguages[1]: …`); all of them are in `cause` (an AggregateError).
 */
export async function loadConfig(options: LoadConfigOptions): Promise<LoadedConfig> {
  const result = await readConfig(options);
  if (result.errors) throw combineErrors(result.errors);
  return { config: result.config, file: result.config.file, warnings: result.warnings };
}

/** `loadConfig` without the throw: `{ config, warnings } | { errors, warnings }` for callers that list them all. */
export async function readConfig(options: LoadConfigOptions): Promise<ConfigResult> {
  let file: string | undefined;
  try {
    file = options.file === undefined ? await findConfigFile(options.cwd) : resolve(options.cwd, options.file);
  } catch (error) {
    if (error instanceof BitextError) return { errors: [error], warnings: [] };
    throw error;
  }
  if (file === undefined) return { config: defaultConfig(options.cwd), warnings: [] };
  const shown = toProjectPath(file, options.cwd);
  if (!['.json', '.yaml', '.yml'].includes(extname(file).toLowerCase())) {
    const error = new BitextError('config', 'expected a .json, .yaml or .yml config file', { file: shown });
    return { errors: [error], warnings: [] };
  }
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (cause) {
    return { errors: [new BitextError('config', `cannot read the config file (${describeFsError(cause)})`, { file: shown, cause })], warnings: [] };
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (cause) {
    return { errors: [new BitextError('config', 'is not valid UTF-8; save it as UTF-8', { file: shown, cause })], warnings: [] };
  }
  // zod and the YAML parser load here, only for a project that has a config file.
  const { parseConfig } = await import('./parse-config.js');
  return parseConfig(text, file, {
    format: formatOf(file),
    displayFile: shown,
    ...(options.parseJson ? { parseJson: options.parseJson } : {}),
    ...(options.knownQaRules ? { knownQaRules: options.knownQaRules } : {}),
  });
}

/** The config file in `folder`, if any; two of them (say .json and .yaml) is an error naming both. */
export async function findConfigFile(folder: string): Promise<string | undefined> {
  if (!isAbsolute(folder)) throw new TypeError(`findConfigFile needs an absolute folder, got ${folder}`);
  let names: string[];
  try {
    names = await readdir(folder);
  } catch (cause) {
    throw new BitextError('config', `cannot look for a config file in ${folder} (${describeFsError(cause)})`, { cause });
  }
  const present = CONFIG_FILE_NAMES.filter((name) => names.includes(name));
  if (present.length > 1) {
    const [first, ...others] = present;
    throw new BitextError('config', `${others.join(' and ')} is here too; keep one config file and delete the other`, { file: first! });
  }
  return present[0] === undefined ? undefined : join(folder, present[0]);
}

function combineErrors(errors: readonly BitextError[]): BitextError {
  const [first, ...rest] = errors;
  if (first === undefined) throw new TypeError('combineErrors needs at least one error');
  if (rest.length === 0) return first;
  const more = rest.map((e) => `  ${e.file === first.file ? (e.line === undefined ? '' : `line ${e.line}: `) : formatLocation(e.file, e.line)}${e.message}`);
  return new BitextError('config', [first.message, ...more].join('\n'), {
    ...(first.file === undefined ? {} : { file: first.file }),
    ...(first.line === undefined ? {} : { line: first.line }),
    cause: new AggregateError(errors, `${errors.length} problems in the config file`),
  });
}
