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
