// The config's constants and the checks that need no schema: what start-up needs without loading zod or
// a YAML parser (those load only when a config file is read; see load-config.ts).
import { extname } from 'node:path';
import { BACKEND_NAMES } from '../backends/registry.js';
import { describeValue, didYouMean } from './suggest.js';
import type { ConfigFormat } from './types.js';

export const CONFIG_FILE_NAMES = ['bitext.config.json', 'bitext.config.yaml', 'bitext.config.yml'] as const;

export function formatOf(file: string): ConfigFormat {
  return extname(file).toLowerCase() === '.json' ? 'json' : 'yaml';
}

export const CONFIG_VERSION = 1;

const MODULE_PATH = /^(?:\.{1,2}\/|\/).+\.[cm]?js$/;
export const BACKEND_CHOICES = `one of ${BACKEND_NAMES.map((name) => JSON.stringify(name)).join(', ')} or a module path like "./backend.js"`;

/** `mock`, `deepl`, or a JavaScript module (relative to the config file) that exports a backend factory. */
export function checkBackendName(value: string): { value: string } | { problem: string } {
  if ((BACKEND_NAMES as readonly string[]).includes(value) || MODULE_PATH.test(value)) return { value };
  let hint = didYouMean(value, BACKEND_NAMES);
  if (hint === '' && /^(?:\.{1,2}\/|\/)/.test(value)) hint = ` — a module path needs its extension, e.g. "${value.replace(/\.(ts|mts|cts)$/, '')}.js"`;
  else if (hint === '' && /\.[cm]?js$/.test(value)) hint = ` — did you mean "./${value}"?`;
  return { problem: `expected ${BACKEND_CHOICES}, got ${describeValue(value)}${hint}` };
}

export const MAX_CONCURRENCY = 64;

export const RULE_SETTINGS = ['error', 'warning', 'info', 'off'] as const;
export type RuleSetting = (typeof RULE_SETTINGS)[number];

export { DEFAULT_FRONT_MATTER_KEYS } from '../core/front-matter-keys.js';
