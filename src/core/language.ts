// Language codes, in one place. bitext translates German publications: `de` is the source language of a
// project unless its config says otherwise, and every stage takes it from the project, never a literal.

export const DEFAULT_SOURCE_LANGUAGE = 'de';

/**
 * BCP-47-shaped codes as users write them: a 2–3 letter language, then subtags (`en`, `en-GB`, `pt-BR`,
 * `zh-Hans`, `sr-Latn-RS`). Nothing else may become part of a file name (no `..`, no `/`).
 */
export const LANGUAGE_CODE = /^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$/;

export function isLanguageCode(code: string): boolean {
  return LANGUAGE_CODE.test(code);
}

/** The language without region or script: `en-GB` → `en`, lower-cased. */
export function primaryLanguage(code: string): string {
  return (code.split('-', 1)[0] ?? code).toLowerCase();
}

/** `EN-gb` → `en-GB`, `zh-hans` → `zh-Hans`: language lower case, region upper case, script title case. */
export function canonicalLanguage(code: string): string {
  const [base, ...rest] = code.trim().split('-');
  return [
    (base ?? '').toLowerCase(),
    ...rest.map((r) => (r.length === 2 ? r.toUpperCase() : r.length === 4 ? r.charAt(0).toUpperCase() + r.slice(1).toLowerCase() : r)),
  ].join('-');
}

export function sameLanguage(a: string, b: string): boolean {
  return primaryLanguage(a) === primaryLanguage(b);
}

// Whether a subtag names a language, script or region is ICU's answer (Intl.DisplayNames). Its first use
// loads ICU's locale data: ~17 ms of every run's start-up here, for `--to en`. The subtags of the languages
// bitext is asked for most (DeepL's, and the regions and scripts it distinguishes) are answered from these
// lists instead; a test holds each of them to ICU's answer. Any other subtag still asks ICU.
const COMMON_LANGUAGES = new Set('ar bg cs da de el en es et fi fr he hu id it ja ko lt lv nb nl pl pt ro ru sk sl sv th tr uk vi zh'.split(' '));
const COMMON_REGIONS = new Set(['GB', 'US', 'BR', 'PT']);
const COMMON_SCRIPTS = new Set(['Hans', 'Hant']);
export const COMMON_SUBTAGS = { language: COMMON_LANGUAGES, region: COMMON_REGIONS, script: COMMON_SCRIPTS } as const;

type SubtagType = keyof typeof COMMON_SUBTAGS;
const displayNames = new Map<SubtagType, Intl.DisplayNames>();

function icuKnows(type: SubtagType, subtag: string): boolean {
  let names = displayNames.get(type);
  if (names === undefined) displayNames.set(type, (names = new Intl.DisplayNames(['en'], { type, fallback: 'none' })));
  return names.of(subtag) !== undefined;
}

/**
 * Whether ICU names the subtag (`en`, `Hans`, `GB`, `419`), written as ICU reads it: language lower case,
 * script title case, region upper case. `icu` asks ICU even for a common subtag (for the test).
 */
export function knownSubtag(type: SubtagType, subtag: string, { icu = false }: { readonly icu?: boolean } = {}): boolean {
  return (!icu && COMMON_SUBTAGS[type].has(subtag)) || icuKnows(type, subtag);
}
