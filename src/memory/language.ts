// Which memory a language variant reads and which one it fills: pure rules, so the translate workflow and
// TMX import agree. See docs/memory.md, "Language variants".
import type { LanguageCode } from '../core/types.js';

const canonicalCodes = new Map<string, LanguageCode>();

/**
 * `en_gb`, `EN-GB`, ` en-gb ` -> `en-GB`: BCP 47 casing (language lower, script title, region upper),
 * `_` read as `-`. Codes are compared in this form, so every comparison is case-insensitive.
 */
export function canonicalLanguage(code: string): LanguageCode {
  let canonical = canonicalCodes.get(code);
  if (canonical === undefined) {
    canonical = code
      .trim()
      .replace(/_/g, '-')
      .split('-')
      .map((part, index) => {
        if (index === 0) return part.toLowerCase();
        if (part.length === 2) return part.toUpperCase();
        if (part.length === 4) return part.charAt(0).toUpperCase() + part.slice(1).toLowerCase();
        return part.toLowerCase();
      })
      .join('-');
    // A file holds a handful of codes; the bound keeps a hostile one from growing the cache without end.
    if (canonicalCodes.size < 1000) canonicalCodes.set(code, canonical);
  }
  return canonical;
}

/** True when two codes name the same language variant, whatever their spelling (`DE_de` = `de-DE`). */
export function sameLanguage(a: string, b: string): boolean {
  return canonicalLanguage(a) === canonicalLanguage(b);
}

/** The script a tag is written in, explicit or likely (`zh-TW` -> Hant, `sr` -> Cyrl); undefined if unknown. */
function likelyScript(tag: string): string | undefined {
  try {
    return new Intl.Locale(tag).maximize().script;
  } catch {
    return undefined;
  }
}

/**
 * The memories a lookup for `lang` reads, most specific first: the variant's own, then each shorter tag
 * written in the same script. `en-GB` -> [en-GB, en]; `sr-Latn-RS` -> [sr-Latn-RS, sr-Latn];
 * `zh-TW` -> [zh-TW] (plain `zh` is likely Simplified); `en` -> [en] (never `en-US` or another sibling).
 */
export function memoryTargetsFor(lang: LanguageCode): LanguageCode[] {
  const canonical = canonicalLanguage(lang);
  const parts = canonical.split('-');
  const chain = [canonical];
  // A bare language has no shorter tag: no need to ask ICU its script (its likely-subtags data costs a
  // few ms of every run's start-up).
  if (parts.length === 1) return chain;
  const script = likelyScript(canonical);
  for (let length = parts.length - 1; length >= 1; length -= 1) {
    // A singleton (`x`, `u`) starts an extension: it never ends a tag of its own.
    if ((parts[length - 1] ?? '').length === 1) continue;
    const shorter = parts.slice(0, length).join('-');
    if (likelyScript(shorter) !== script) break;
    chain.push(shorter);
  }
  return chain;
}

export interface ImportTargetOptions {
  /** The target asked for (`tm import --to`): only units of it or of its variants go in, into its memory. */
  readonly requested?: LanguageCode;
  /** Targets the project keeps a memory for: a variant goes into its own memory only when it is one. */
  readonly projectTargets?: readonly LanguageCode[];
}

/**
 * The memory a TMX unit in `tmxLang` is imported into, or undefined when it does not belong to the
 * requested target.
 *
 * - Requested `fr`: units in `fr`, `fr-FR`, `fr-CA` (any tag whose lookup chain reaches `fr`) go into `fr`;
 *   requested `fr-FR`: only `fr-FR` units; `zh` does not take `zh-TW` (another script).
 * - Nothing requested: the most specific memory of the unit's lookup chain that the project keeps,
 *   else the most general one. So `fr-FR` goes into `fr` unless the project has a `fr-FR` memory, and
 *   `translate --to fr` finds it; `zh-TW` stays `zh-TW`.
 */
export function importTargetFor(tmxLang: LanguageCode, options: ImportTargetOptions = {}): LanguageCode | undefined {
  const chain = memoryTargetsFor(tmxLang);
  if (options.requested !== undefined) {
    const requested = canonicalLanguage(options.requested);
    return chain.includes(requested) ? requested : undefined;
  }
  const kept = new Set((options.projectTargets ?? []).map(canonicalLanguage));
  return chain.find((code) => kept.has(code)) ?? chain[chain.length - 1];
}
