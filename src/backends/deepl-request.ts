// Pure request planning for the DeepL backend: settings, language variants, limits and the exact size of
// the form body deepl-node will send. No deepl-node import here, so all of it is testable with strings.
import { BitextError } from '../core/errors.js';
import type { BackendLimits } from './types.js';

/** DeepL's documented ceiling for one /v2/translate request body. */
export const DEEPL_MAX_BODY_BYTES = 128 * 1024;
/** DeepL's documented ceiling for texts in one /v2/translate request. */
export const DEEPL_MAX_TEXTS = 50;

/**
 * Bytes reserved for everything that is not text or context: parameter names, target/source language,
 * glossary id, formality, model type, tag handling, `show_billed_characters`, 50 × `&text=`, and the
 * `<x>…</x>` wrappers of do-not-translate spans (17 encoded bytes each).
 */
const RESERVED_BYTES = 5 * 1024;
/**
 * Worst-case growth of one UTF-8 byte of text on the wire: in XML mode `&` becomes `&amp;`, which the
 * form encoding turns into `%26amp%3B` (9 bytes). Plain text grows at most 3× (`%XX`).
 */
const WORST_CASE_EXPANSION = 9;

/**
 * Budget for `Σ utf8(text) + utf8(context)` such that the encoded body stays within 128 KiB even when
 * every byte is an `&` in XML mode. What is left of `RESERVED_BYTES` after the fixed parameters covers
 * more than 200 do-not-translate spans; `translate` still measures the real body before sending.
 */
export const DEEPL_LIMITS: BackendLimits = {
  maxSegments: DEEPL_MAX_TEXTS,
  maxBytes: Math.floor((DEEPL_MAX_BODY_BYTES - RESERVED_BYTES) / WORST_CASE_EXPANSION),
};

export type Formality = 'default' | 'prefer_more' | 'prefer_less';
export type ModelType = 'quality_optimized' | 'latency_optimized' | 'prefer_quality_optimized';

export interface DeeplSettings {
  readonly formality: Formality | undefined;
  readonly modelType: ModelType | undefined;
  /** Variant used when the target is plain `en`. */
  readonly en: 'en-GB' | 'en-US';
  /** Variant used when the target is plain `pt`. */
  readonly pt: 'pt-PT' | 'pt-BR';
  /** deepl-node's `maxRetries`, which counts attempts (see `docs/deepl.md`). */
  readonly attempts: number;
  /** Time-out of one HTTP attempt, ms (deepl-node's `minTimeout`). */
  readonly timeoutMs: number;
}

export const DEFAULT_DEEPL_SETTINGS: DeeplSettings = {
  formality: undefined,
  modelType: undefined,
  en: 'en-GB',
  pt: 'pt-PT',
  attempts: 5,
  timeoutMs: 30_000,
};

// `more`/`less` fail with 400 for targets without formality support; the `prefer_` forms fall back silently.
const FORMALITY: Readonly<Record<string, Formality>> = {
  default: 'default',
  more: 'prefer_more',
  less: 'prefer_less',
  prefer_more: 'prefer_more',
  prefer_less: 'prefer_less',
  formal: 'prefer_more',
  informal: 'prefer_less',
};
const MODEL_TYPES: readonly ModelType[] = ['quality_optimized', 'latency_optimized', 'prefer_quality_optimized'];
const KNOWN_SETTINGS = ['formality', 'model', 'en', 'pt', 'attempts', 'timeout'] as const;

/** A wrong setting is a configuration mistake (exit 3), found before anything is sent. */
function settingError(message: string): BitextError {
  return new BitextError('config', `deepl: ${message}`);
}

function parsePositiveInteger(name: string, value: string, min: number, max: number): number {
  const parsed = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(parsed) || parsed < min || parsed > max) {
    throw settingError(`setting ${name}=${value} is invalid; expected a whole number from ${min} to ${max}`);
  }
  return parsed;
}

/** Validates the `--backend-setting key=value` pairs meant for DeepL. */
export function parseDeeplSettings(settings: Readonly<Record<string, string>> = {}): DeeplSettings {
  let result: DeeplSettings = DEFAULT_DEEPL_SETTINGS;
  for (const [key, raw] of Object.entries(settings)) {
    const value = raw.trim();
    switch (key) {
      case 'formality': {
        const formality = FORMALITY[value.toLowerCase()];
        if (formality === undefined) {
          throw settingError(`setting formality=${value} is invalid; expected one of ${Object.keys(FORMALITY).join(', ')}`);
        }
        result = { ...result, formality };
        break;
      }
      case 'model': {
        const modelType = MODEL_TYPES.find((m) => m === value.toLowerCase());
        if (modelType === undefined) {
          throw settingError(`setting model=${value} is invalid; expected one of ${MODEL_TYPES.join(', ')}`);
        }
        result = { ...result, modelType };
        break;
      }
      case 'en': {
        const en = value.toLowerCase() === 'en-us' ? 'en-US' : value.toLowerCase() === 'en-gb' ? 'en-GB' : undefined;
        if (en === undefined) throw settingError(`setting en=${value} is invalid; expected en-GB or en-US`);
        result = { ...result, en };
        break;
      }
      case 'pt': {
        const pt = value.toLowerCase() === 'pt-br' ? 'pt-BR' : value.toLowerCase() === 'pt-pt' ? 'pt-PT' : undefined;
        if (pt === undefined) throw settingError(`setting pt=${value} is invalid; expected pt-PT or pt-BR`);
        result = { ...result, pt };
        break;
      }
      case 'attempts':
        result = { ...result, attempts: parsePositiveInteger('attempts', value, 1, 10) };
        break;
      case 'timeout':
        result = { ...result, timeoutMs: parsePositiveInteger('timeout', value, 100, 600_000) };
        break;
      default:
        throw settingError(`unknown setting "${key}"; known settings: ${KNOWN_SETTINGS.join(', ')}`);
    }
  }
  return result;
}

/** DeepL rejects bare `en`/`pt` as targets; pick the configured variant. Other codes pass through. */
export function resolveTargetLang(target: string, settings: Pick<DeeplSettings, 'en' | 'pt'>): string {
  const lower = target.toLowerCase();
  if (lower === 'en') return settings.en;
  if (lower === 'pt') return settings.pt;
  return target;
}

/** The language a glossary dictionary is keyed by: DeepL glossaries ignore regional variants. */
export function baseLanguage(code: string): string {
  return (code.split('-', 1)[0] ?? code).toLowerCase();
}

export function utf8Bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/** The parameters of one /v2/translate call, as they will appear in the form body. */
export interface TranslateWireParams {
  readonly texts: readonly string[];
  readonly sourceLang: string;
  readonly targetLang: string;
  readonly context: string | undefined;
  readonly glossaryId: string | undefined;
  readonly formality: Formality | undefined;
  readonly modelType: ModelType | undefined;
  readonly xml: boolean;
}

/**
 * Size of the `application/x-www-form-urlencoded` body deepl-node 1.28 builds for these parameters
 * (`buildURLSearchParams` + `validateAndAppendTextOptions` serialised by URLSearchParams). A test compares
 * it with what the fake server receives, so a change in deepl-node's wire format shows up.
 */
export function measureTranslateBody(params: TranslateWireParams): number {
  const form = new URLSearchParams({ target_lang: params.targetLang, source_lang: params.sourceLang });
  if (params.formality !== undefined) form.append('formality', params.formality);
  if (params.glossaryId !== undefined) form.append('glossary_id', params.glossaryId);
  form.append('show_billed_characters', '1');
  for (const text of params.texts) form.append('text', text);
  form.append('split_sentences', '0');
  if (params.xml) {
    form.append('tag_handling', 'xml');
    form.append('tag_handling_version', 'v2');
  }
  if (params.context !== undefined) form.append('context', params.context);
  if (params.modelType !== undefined) form.append('model_type', params.modelType);
  if (params.xml) form.append('ignore_tags', 'k');
  return Buffer.byteLength(form.toString(), 'utf8');
}

/**
 * DEEPL_SERVER_URL, checked as configuration: an http(s) URL without a trailing slash, or undefined for
 * DeepL's own servers.
 */
export function readServerUrl(raw: string | undefined): string | undefined {
  const value = raw?.trim();
  if (value === undefined || value === '') return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new BitextError('config', `DEEPL_SERVER_URL "${value}" is not a URL; expected e.g. http://127.0.0.1:3000, or unset it for DeepL's own servers`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new BitextError('config', `DEEPL_SERVER_URL must use http or https, not ${url.protocol.replace(/:$/, '')} ("${value}")`);
  }
  return value.replace(/\/+$/, '');
}

/** DeepL's configuration without a client: settings that parse and a server URL that is one. */
export function checkDeeplOptions(options: { readonly env: Readonly<Record<string, string | undefined>>; readonly settings?: Readonly<Record<string, string>> }): void {
  parseDeeplSettings(options.settings ?? {});
  readServerUrl(options.env.DEEPL_SERVER_URL);
}
