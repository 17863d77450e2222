// The one reader of glossary.json: JSON text -> validated, normalised `Glossary` plus warnings.
// Structural problems throw a `config` error naming the JSON path and what was expected; things that are
// probably typos (unknown keys) are warnings, so an old bitext can read a newer file.

import { createHash } from 'node:crypto';
import { distance } from 'fastest-levenshtein';
import { BitextError } from '../core/errors.js';
import type { Diagnostic, LanguageCode } from '../core/types.js';
import { StrictJsonError, parseStrictJson } from '../io/strict-json.js';
import { tokenize } from './tokenize.js';
import type { Glossary, GlossaryTerm, TargetTerm } from './types.js';

/** A term as written in glossary.json (before defaults are filled in). */
export interface GlossaryFileTerm {
  readonly id?: string;
  readonly source: string;
  readonly forms?: readonly string[];
  readonly caseSensitive?: boolean;
  readonly doNotTranslate?: boolean;
  readonly note?: string;
  readonly targets?: Readonly<Record<LanguageCode, string | { readonly term: string; readonly forms?: readonly string[] }>>;
  readonly forbidden?: Readonly<Record<LanguageCode, readonly string[]>>;
}

/** The shape of glossary.json, version 1. */
export interface GlossaryFile {
  readonly version: 1;
  readonly sourceLanguage?: LanguageCode;
  readonly terms: readonly GlossaryFileTerm[];
}

export interface ParsedGlossary {
  readonly glossary: Glossary;
  readonly warnings: Diagnostic[];
}

/** Default when `sourceLanguage` is omitted: bitext translates German publications. */
export const DEFAULT_SOURCE_LANGUAGE = 'de';

const ROOT_KEYS = ['version', 'sourceLanguage', 'terms', '$schema'] as const;
const TERM_KEYS = ['id', 'source', 'forms', 'caseSensitive', 'doNotTranslate', 'note', 'targets', 'forbidden'] as const;
const TARGET_KEYS = ['term', 'forms'] as const;
const LANGUAGE_CODE = /^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$/;
const TERM_ID = /^[\p{L}\p{N}][\p{L}\p{N}._-]*$/u;

/**
 * Parses and validates the text of glossary.json. `file` (relative to the project) prefixes every message.
 * Throws `BitextError('config')` for invalid JSON or a key written twice in one object (with line and
 * column), or a structural error (with the JSON path); returns warnings for unknown keys and terms without
 * any target. Duplicate keys are refused because `JSON.parse` would silently keep the last one: a second
 * `"terms": []` would empty the glossary.
 */
export function parseGlossary(text: string, file: string): ParsedGlossary {
  const json = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let value: unknown;
  try {
    value = parseStrictJson(json, { code: 'config' });
  } catch (error) {
    if (error instanceof StrictJsonError) throw syntaxError(file, error);
    throw error;
  }
  return validateGlossary(value, file);
}

/** Validates already-parsed data (e.g. a glossary built in code or read from YAML). */
export function validateGlossary(value: unknown, file: string): ParsedGlossary {
  const warnings: Diagnostic[] = [];
  const fail = (path: string, problem: string): never => {
    throw new BitextError('config', `${path === '' ? '' : `${path}: `}${problem}`, { file });
  };
  const expect = (path: string, expected: string, got: unknown): never =>
    fail(path, got === undefined ? `missing; expected ${expected}` : `expected ${expected}, got ${describe(got)}`);
  const warnUnknownKeys = (path: string, object: Record<string, unknown>, known: readonly string[]): void => {
    for (const key of Object.keys(object)) {
      if (known.includes(key)) continue;
      const suggestion = suggest(key, known);
      warnings.push({
        severity: 'warning',
        rule: 'glossary-unknown-key',
        file,
        message: `${joinPath(path, key)}: unknown key, ignored${suggestion === undefined ? '' : ` (did you mean "${suggestion}"?)`}`,
      });
    }
  };

  if (!isObject(value)) return expect('', 'a JSON object {"version": 1, "terms": [...]}', value);
  warnUnknownKeys('', value, ROOT_KEYS);
  if (value['version'] !== 1) {
    return expect('version', '1 (the only glossary version this bitext reads)', value['version']);
  }
  const sourceLanguage = value['sourceLanguage'] === undefined ? DEFAULT_SOURCE_LANGUAGE : value['sourceLanguage'];
  if (typeof sourceLanguage !== 'string' || !LANGUAGE_CODE.test(sourceLanguage)) {
    return expect('sourceLanguage', 'a language code such as "de"', sourceLanguage);
  }
  const rawTerms = value['terms'];
  if (!Array.isArray(rawTerms)) return expect('terms', 'an array of terms', rawTerms);

  const terms: GlossaryTerm[] = [];
  const pathById = new Map<string, string>();
  const pathBySource = new Map<string, { path: string; caseSensitive: boolean; source: string }>();

  rawTerms.forEach((raw: unknown, index) => {
    const at = `terms[${index}]`;
    if (!isObject(raw)) return expect(at, 'a term object {"source": string, "targets": {...}}', raw);
    warnUnknownKeys(at, raw, TERM_KEYS);

    const source = readText(raw['source'], `${at}.source`, expect, fail);
    const forms = readTextList(raw['forms'], `${at}.forms`, expect, fail);
    const caseSensitive = readBoolean(raw['caseSensitive'], `${at}.caseSensitive`, expect);
    const doNotTranslate = readBoolean(raw['doNotTranslate'], `${at}.doNotTranslate`, expect);
    const note = raw['note'];
    if (note !== undefined && typeof note !== 'string') expect(`${at}.note`, 'a string', note);

    const rawId = raw['id'];
    if (rawId !== undefined && (typeof rawId !== 'string' || !TERM_ID.test(rawId))) {
      expect(`${at}.id`, 'a string of letters, digits, ".", "_" or "-" (starting with a letter or digit)', rawId);
    }
    const id = typeof rawId === 'string' ? rawId : slugify(source);

    const targets = readTargets(raw['targets'], `${at}.targets`, expect, fail, warnUnknownKeys);
    const forbidden = readForbidden(raw['forbidden'], `${at}.forbidden`, expect, fail);
    for (const [lang, list] of Object.entries(forbidden)) {
      const target = targets[lang];
      const clash = list.findIndex((entry) => target !== undefined && sameText(entry, target.term));
      if (clash >= 0) fail(`${at}.forbidden.${lang}[${clash}]`, `"${list[clash]}" is also the required target; remove one of them`);
    }

    const previousId = pathById.get(id);
    if (previousId !== undefined) {
      fail(`${at}.id`, `duplicate id "${id}" (also ${previousId})${rawId === undefined ? '; the id was derived from the source, set "id" explicitly' : ''}`);
    }
    pathById.set(id, `${at}.id`);
    const sourceKey = source.toLowerCase();
    const previousSource = pathBySource.get(sourceKey);
    if (previousSource !== undefined && !(caseSensitive && previousSource.caseSensitive && previousSource.source !== source)) {
      fail(`${at}.source`, `duplicate source "${source}" (also ${previousSource.path}); merge the two terms`);
    }
    pathBySource.set(sourceKey, { path: `${at}.source`, caseSensitive, source });

    if (!doNotTranslate && Object.keys(targets).length === 0) {
      warnings.push({
        severity: 'warning',
        rule: 'glossary-no-targets',
        file,
        message: `${at}: term "${source}" has no targets and is not doNotTranslate, so nothing is checked for it`,
      });
    }

    terms.push({
      id,
      source,
      forms,
      caseSensitive,
      doNotTranslate,
      targets,
      forbidden,
      ...(typeof note === 'string' ? { note } : {}),
    });
  });

  return { glossary: { version: 1, sourceLanguage, terms, hash: hashTerms(terms) }, warnings };
}

/** Builds a glossary from terms written in code, validated like the file (throws on errors). */
export function createGlossary(
  terms: readonly GlossaryFileTerm[],
  options: { sourceLanguage?: LanguageCode; file?: string } = {},
): ParsedGlossary {
  const file: GlossaryFile = { version: 1, sourceLanguage: options.sourceLanguage ?? DEFAULT_SOURCE_LANGUAGE, terms };
  return validateGlossary(file, options.file ?? '<glossary>');
}

/** sha256 (hex) of the canonical JSON (keys sorted) of the normalised terms. */
export function hashTerms(terms: readonly GlossaryTerm[]): string {
  return createHash('sha256').update(canonicalJson(terms)).digest('hex');
}

/** A default term id: lower case ASCII, umlauts transliterated ("Ein-China-Prinzip" -> "ein-china-prinzip"). */
export function slugify(source: string): string {
  const ascii = source
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .normalize('NFD')
    .replace(/\p{M}/gu, '');
  const slug = ascii.replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  // Scripts without a Latin transliteration still need a stable id: derive it from the text.
  return slug === '' ? `term-${createHash('sha256').update(source).digest('hex').slice(0, 10)}` : slug;
}

// ---------------------------------------------------------------------------------------------------------

type Expect = (path: string, expected: string, got: unknown) => never;
type Fail = (path: string, problem: string) => never;
type WarnUnknownKeys = (path: string, object: Record<string, unknown>, known: readonly string[]) => void;

function readText(value: unknown, path: string, expect: Expect, fail: Fail): string {
  if (typeof value !== 'string') return expect(path, 'a non-empty string', value);
  const text = normaliseSpaces(value);
  if (text === '') return expect(path, 'a non-empty string', value);
  const tokens = tokenize(text);
  if (tokens.length === 0) return fail(path, `"${value}" contains no letters or digits`);
  if (tokens[0]?.start !== 0) return fail(path, `"${value}" must start with a letter or digit`);
  return text;
}

function readTextList(value: unknown, path: string, expect: Expect, fail: Fail): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) return expect(path, 'an array of non-empty strings', value);
  return dedupe(value.map((entry: unknown, index) => readText(entry, `${path}[${index}]`, expect, fail)));
}

function readBoolean(value: unknown, path: string, expect: Expect): boolean {
  if (value === undefined) return false;
  if (typeof value !== 'boolean') return expect(path, 'true or false', value);
  return value;
}

function readTargets(
  value: unknown,
  path: string,
  expect: Expect,
  fail: Fail,
  warnUnknownKeys: WarnUnknownKeys,
): Record<LanguageCode, TargetTerm> {
  const targets: Record<LanguageCode, TargetTerm> = {};
  if (value === undefined) return targets;
  if (!isObject(value)) return expect(path, 'an object of language code -> target, e.g. {"en": "…"}', value);
  for (const [lang, raw] of Object.entries(value)) {
    const at = joinPath(path, lang);
    checkLanguage(lang, at, fail);
    const shape = 'a non-empty string or {"term": string, "forms"?: string[]}';
    if (typeof raw === 'string') {
      if (normaliseSpaces(raw) === '') expect(at, shape, raw);
      targets[lang] = { term: normaliseSpaces(raw), forms: [] };
    } else if (isObject(raw)) {
      warnUnknownKeys(at, raw, TARGET_KEYS);
      const term = raw['term'];
      if (typeof term !== 'string' || normaliseSpaces(term) === '') expect(`${at}.term`, 'a non-empty string', term);
      const text = normaliseSpaces(term as string);
      const forms = readTargetList(raw['forms'], `${at}.forms`, expect).filter((form) => form !== text);
      targets[lang] = { term: text, forms };
    } else {
      expect(at, shape, raw);
    }
  }
  return targets;
}

function readForbidden(value: unknown, path: string, expect: Expect, fail: Fail): Record<LanguageCode, string[]> {
  const forbidden: Record<LanguageCode, string[]> = {};
  if (value === undefined) return forbidden;
  if (!isObject(value)) return expect(path, 'an object of language code -> array of strings, e.g. {"en": ["…"]}', value);
  for (const [lang, raw] of Object.entries(value)) {
    const at = joinPath(path, lang);
    checkLanguage(lang, at, fail);
    forbidden[lang] = readTargetList(raw, at, expect);
  }
  return forbidden;
}

/** Target-side strings: any script, so only emptiness is checked (no source tokenisation rules). */
function readTargetList(value: unknown, path: string, expect: Expect): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) return expect(path, 'an array of non-empty strings', value);
  return dedupe(
    value.map((entry: unknown, index) => {
      if (typeof entry !== 'string' || normaliseSpaces(entry) === '') {
        return expect(`${path}[${index}]`, 'a non-empty string', entry);
      }
      return normaliseSpaces(entry);
    }),
  );
}

function checkLanguage(lang: string, path: string, fail: Fail): void {
  if (!LANGUAGE_CODE.test(lang)) fail(path, `"${lang}" is not a language code; expected e.g. "en", "pt-BR", "zh"`);
}

function syntaxError(file: string, error: StrictJsonError): BitextError {
  // `file:line:column:` so editors jump to the character; a duplicate is valid JSON, so it is not called invalid.
  const problem = error.kind === 'duplicate-key' ? error.message : `invalid JSON: ${error.reason}; ${error.hint}`;
  return new BitextError('config', problem, { file, line: error.line, column: error.column, cause: error });
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return value.length > 40 ? `${JSON.stringify(value.slice(0, 40))}…` : JSON.stringify(value);
  return String(value);
}

function suggest(key: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of known) {
    const d = candidate.toLowerCase() === key.toLowerCase() ? 0 : distance(candidate, key);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return bestDistance <= Math.max(2, Math.floor(key.length / 4)) ? best : undefined;
}

function joinPath(path: string, key: string): string {
  const segment = /^[A-Za-z_$][\w$-]*$/.test(key) ? key : JSON.stringify(key);
  return path === '' ? segment : `${path}.${segment}`;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function normaliseSpaces(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function sameText(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

function dedupe(values: readonly string[]): string[] {
  return [...new Set(values)];
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (isObject(value)) {
    const entries = Object.keys(value)
      .sort()
      .filter((key) => value[key] !== undefined)
      .map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value);
}
