// Language codes as bitext writes them into folder and file names: BCP-47 language, optional script and
// region (`en`, `en-GB`, `pt-BR`, `zh-Hans`, `sr-Latn-RS`, `es-419`), in canonical case. Extensions and
// variants are refused: they would end up in folder names and no backend uses them.
import type { LanguageCode } from '../core/types.js';
import { knownSubtag } from '../core/language.js';

const SHAPE = /^([A-Za-z]{2,3})(?:-([A-Za-z]{4}))?(?:-([A-Za-z]{2}|\d{3}))?$/;

export const LANGUAGE_EXAMPLES = '"en", "en-GB", "pt-BR" or "zh-Hans"';

export type LanguageCheck =
  | { readonly code: LanguageCode; readonly problem?: undefined }
  | { readonly problem: string; readonly code?: undefined };

/** Checks and canonicalises one code; the problem reads `expected …, got "…"` with a suggestion when one fits. */
export function checkLanguageCode(input: string): LanguageCheck {
  const trimmed = input.trim();
  const match = SHAPE.exec(trimmed);
  const fail = (hint = ''): LanguageCheck => ({
    problem: `expected a language code such as ${LANGUAGE_EXAMPLES}, got ${JSON.stringify(input)}${hint}`,
  });
  if (!match) {
    const dashed = trimmed.replace(/_/g, '-');
    return dashed !== trimmed && SHAPE.test(dashed) ? fail(suggestion(canonicalCase(dashed))) : fail();
  }
  const [, language, script, region] = match;
  if (!knownSubtag('language', language!.toLowerCase())) return fail();
  if (script !== undefined && !knownSubtag('script', titleCase(script))) return fail();
  if (region !== undefined && !knownSubtag('region', region.toUpperCase())) return fail();
  const code = canonicalCase(trimmed);
  // Deprecated codes (`iw`, `in`, `mo`) would give a second folder for the same language.
  const preferred = Intl.getCanonicalLocales(code)[0];
  if (preferred !== undefined && preferred !== code) return fail(suggestion(preferred));
  return { code };
}

/** Primary language subtag, lower case: `pt-BR` → `pt`. */
export function primaryLanguage(code: LanguageCode): string {
  return (code.split('-', 1)[0] ?? code).toLowerCase();
}

function canonicalCase(code: string): string {
  return code
    .split('-')
    .map((part, index) => (index === 0 ? part.toLowerCase() : part.length === 4 ? titleCase(part) : part.toUpperCase()))
    .join('-');
}

function titleCase(part: string): string {
  return part.charAt(0).toUpperCase() + part.slice(1).toLowerCase();
}

function suggestion(code: string): string {
  return ` — did you mean "${code}"?`;
}
