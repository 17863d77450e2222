// QA check `glossary`: the glossary terms found in the source (given in `segment.terms`) are translated
// as the glossary says, in any inflection the target language gives them.
import type { Check, Finding, QaContext, QaSegment, QaTerm } from '../types.js';
import { findSpans, foldTypography, hasSpan, isUnspaced, primaryLanguage, quote, type Span } from '../text.js';

export const glossaryCheck: Check = {
  id: 'glossary',
  description: 'Glossary terms of the source are translated as the glossary requires, never with a forbidden translation.',
  rules: {
    'glossary-missing-target': {
      severity: 'warning',
      description: 'The required target of a source term is missing: „Ein-China-Prinzip“ → "One China policy" instead of "one-China principle".',
    },
    'glossary-forbidden': {
      severity: 'error',
      description: 'A translation the glossary forbids is used: „Wladimir Putin“ → "Wladimir Putin" (forbidden in en: "Wladimir").',
    },
    'glossary-do-not-translate': {
      severity: 'error',
      description: 'A do-not-translate term is not in the target verbatim: „WSJ“ → "Wall Street Journal".',
    },
  },
  run(segment: QaSegment, context: QaContext): Finding[] {
    const terms = segment.terms;
    if (terms === undefined || terms.length === 0) return [];
    const lang = primaryLanguage(context.targetLanguage);
    const spaced = !isUnspaced(lang);
    const folded = { exact: '', lower: '' };
    const targetFor = (caseSensitive: boolean): string => {
      const key = caseSensitive ? 'exact' : 'lower';
      if (folded[key] === '') folded[key] = foldTypography(segment.target, caseSensitive);
      return folded[key];
    };
    const findings: Finding[] = [];
    const seen = new Set<string>();
    for (const term of terms) {
      if (seen.has(term.termId)) continue;
      seen.add(term.termId);
      findings.push(...checkTerm(term, targetFor(term.caseSensitive), lang, spaced, context.targetLanguage));
    }
    return findings;
  },
};

interface CompiledTerm {
  readonly required?: { readonly term: string; readonly forms: readonly string[] };
  /** Folded needles of the required target and its inflections. */
  readonly needles: readonly string[];
  readonly forbidden: ReadonlyArray<{ readonly written: string; readonly needles: readonly string[] }>;
}

// The same terms come back in segment after segment; their inflections and folded forms are computed
// once — per term object when the caller reuses its objects, else per term content.
const compiledTerms = new Map<string, CompiledTerm>();
const compiledObjects = new WeakMap<QaTerm, { readonly lang: string; readonly compiled: CompiledTerm }>();

function compileTerm(term: QaTerm, lang: string): CompiledTerm {
  const known = compiledObjects.get(term);
  if (known !== undefined && known.lang === lang) return known.compiled;
  const compiled = compileTermContent(term, lang);
  compiledObjects.set(term, { lang, compiled });
  return compiled;
}

function compileTermContent(term: QaTerm, lang: string): CompiledTerm {
  const key = [lang, term.caseSensitive, term.doNotTranslate, term.source, term.required?.term ?? '', ...(term.required?.forms ?? []), '\u0001', ...term.forbidden].join('\u0000');
  const cached = compiledTerms.get(key);
  if (cached !== undefined) return cached;
  const required = term.required ?? (term.doNotTranslate ? { term: term.source, forms: [] } : undefined);
  // Do-not-translate terms stand as written: no inflection is generated for them.
  const accepted = required === undefined ? [] : [required.term, ...required.forms];
  const written = term.doNotTranslate ? accepted : accepted.flatMap((form) => inflections(form, lang));
  const fold = (text: string): string => foldTypography(text, term.caseSensitive).trim();
  const compiled: CompiledTerm = {
    ...(required === undefined ? {} : { required }),
    needles: [...new Set(written.map(fold))].filter((needle) => needle !== ''),
    forbidden: term.forbidden.map((forbidden) => ({ written: forbidden, needles: [...new Set(inflections(forbidden, lang).map(fold))] })),
  };
  if (compiledTerms.size >= 5000) compiledTerms.clear();
  compiledTerms.set(key, compiled);
  return compiled;
}

function checkTerm(term: QaTerm, target: string, lang: string, spaced: boolean, shownLang: string): Finding[] {
  const findings: Finding[] = [];
  const { required, needles, forbidden: forbiddenList } = compileTerm(term, lang);
  // Spans of the required target matter only to excuse a forbidden hit inside them; otherwise one hit is
  // enough to know the target is there.
  let requiredSpans: Span[] | undefined;
  for (const { written: forbidden, needles: forbiddenNeedles } of forbiddenList) {
    const hits = findAllSpans(target, forbiddenNeedles, term.caseSensitive, spaced);
    if (hits.length === 0) continue;
    requiredSpans ??= findAllSpans(target, needles, term.caseSensitive, spaced);
    const spans = requiredSpans;
    // "One China policy" must not fire inside an accepted form that happens to contain it.
    const outside = hits.filter((hit) => !spans.some((span) => span.start <= hit.start && hit.end <= span.end));
    if (outside.length === 0) continue;
    findings.push({
      rule: 'glossary-forbidden',
      severity: 'error',
      message: `${quote(term.text)} (glossary term ${quote(term.source)}) is translated as "${forbidden}", which the glossary forbids for ${shownLang}`,
      hint: required === undefined ? `rephrase without "${forbidden}"` : `use "${required.term}" instead of "${forbidden}"`,
    });
  }
  const present = requiredSpans === undefined ? hasAnySpan(target, needles, term.caseSensitive, spaced) : requiredSpans.length > 0;

  if (required !== undefined && !present) {
    const also = required.forms.length === 0 ? '' : ` (or ${required.forms.map((form) => `"${form}"`).join(', ')})`;
    if (term.doNotTranslate) {
      findings.push({
        rule: 'glossary-do-not-translate',
        severity: 'error',
        message: `${quote(term.text)} (glossary term ${quote(term.source)}) must stay untranslated as "${required.term}"${also}, but the target does not contain it${term.caseSensitive ? ' in this spelling' : ''}`,
        hint: `write "${required.term}" exactly as in the source`,
      });
    } else {
      findings.push({
        rule: 'glossary-missing-target',
        severity: 'warning',
        message: `${quote(term.text)} (glossary term ${quote(term.source)}) should be translated as "${required.term}"${also} in ${shownLang}, but the target does not contain it`,
        hint: `use "${required.term}"${also}; plural and possessive forms count`,
      });
    }
  }
  return findings;
}

const SENTENCE_START = /(?:^|[.!?:…]\s+)[\s«»“”„"'‘’(¿¡\-–—]*$/u;

function hasAnySpan(target: string, needles: readonly string[], caseSensitive: boolean, spaced: boolean): boolean {
  for (const needle of needles) if (hasSpan(target, needle, spaced)) return true;
  return caseSensitive && findAllSpans(target, needles, caseSensitive, spaced).length > 0;
}

/** Spans of the (already folded) needles in the folded target. */
function findAllSpans(target: string, needles: readonly string[], caseSensitive: boolean, spaced: boolean): Span[] {
  const spans: Span[] = [];
  for (const needle of needles) {
    spans.push(...findSpans(target, needle, spaced));
    // A case-sensitive term may be capitalised where a sentence starts ("yuan" as "Yuan weakened").
    if (caseSensitive) {
      const capital = needle.charAt(0).toUpperCase() + needle.slice(1);
      if (capital !== needle) {
        for (const span of findSpans(target, capital, spaced)) {
          if (SENTENCE_START.test(target.slice(0, span.start))) spans.push(span);
        }
      }
    }
  }
  return spans;
}

// ---------------------------------------------------------------------------------------------------------
// Target-side inflection. The glossary lists the irregular forms itself (`forms`); these rules add the
// regular ones so that a reviewer's correct plural is not reported. Russian and Chinese: forms only.

const LEADING_ARTICLE: Readonly<Record<string, RegExp>> = {
  en: /^the\s+/i,
  fr: /^(?:le|la|les)\s+|^l['’]/i,
  es: /^(?:el|la|los|las)\s+/i,
};

/** Where the head noun phrase ends: "head of state", "principe d'une seule Chine", "casco de guerra". */
const OF_PHRASE: Readonly<Record<string, RegExp>> = {
  en: /\s(?:of|for|in|on)\s/,
  fr: /\s(?:de|du|des|à|au|aux)\s|\sd['’]/,
  es: /\s(?:de|del|para|en)\s/,
};

/** The written target plus its regular inflections in `lang`. */
export function inflections(written: string, lang: string): string[] {
  const forms = new Set<string>([written]);
  const article = LEADING_ARTICLE[lang];
  const bare = article === undefined ? written : written.replace(article, '');
  forms.add(bare);
  if (lang === 'en') for (const form of englishForms(bare)) forms.add(form);
  if (lang === 'fr' || lang === 'es') for (const form of romanceForms(bare, lang)) forms.add(form);
  return [...forms];
}

function englishPlural(word: string): string {
  if (/[^aeiou]y$/i.test(word)) return `${word.slice(0, -1)}ies`;
  if (/(?:s|x|z|ch|sh)$/i.test(word)) return `${word}es`;
  return `${word}s`;
}

/** Plural (-s, -es, -ies) and possessive ('s, s') of the head noun: the last word, or the one before "of". */
function englishForms(phrase: string): string[] {
  const of = OF_PHRASE.en?.exec(phrase);
  const head = of === null || of === undefined ? phrase : phrase.slice(0, of.index);
  const tail = of === null || of === undefined ? '' : phrase.slice(of.index);
  const words = head.split(' ');
  const last = words.pop() ?? '';
  if (!/\p{L}$/u.test(last)) return [];
  const before = words.length === 0 ? '' : `${words.join(' ')} `;
  const plural = englishPlural(last);
  const variants = [plural];
  if (tail === '') variants.push(`${last}'s`, `${plural}'`, `${last}'`);
  return variants.map((variant) => `${before}${variant}${tail}`);
}

/** Words that break the -al → -aux and -eu → -eux rules. */
const FRENCH_PLURAL_S = new Set([
  'bleu', 'pneu', 'émeu', 'landau', 'sarrau', 'bal', 'festival', 'carnaval', 'chacal', 'récital', 'régal', 'naval',
  'fatal', 'natal', 'banal', 'final', 'glacial', 'bancal',
]);

function frenchPlural(word: string): string {
  if (/[sxz]$/i.test(word)) return word;
  if (FRENCH_PLURAL_S.has(word.toLowerCase())) return `${word}s`;
  if (/al$/i.test(word)) return `${word.slice(0, -2)}aux`;
  if (/(?:eau|au|eu)$/i.test(word)) return `${word}x`;
  return `${word}s`;
}

function spanishPlural(word: string): string {
  const accented: Readonly<Record<string, string>> = { ón: 'ones', án: 'anes', én: 'enes', ín: 'ines', ún: 'unes', és: 'eses' };
  const ending = word.slice(-2).toLowerCase();
  const replaced = accented[ending];
  if (replaced !== undefined) return `${word.slice(0, -2)}${replaced}`;
  if (/[sx]$/i.test(word)) return word;
  if (/z$/i.test(word)) return `${word.slice(0, -1)}ces`;
  if (/[aeiouáéíóú]$/i.test(word)) return `${word}s`;
  return `${word}es`;
}

/** French and Spanish: the noun and its adjectives before "de" agree, so all of them take the plural. */
function romanceForms(phrase: string, lang: 'fr' | 'es'): string[] {
  const of = OF_PHRASE[lang]?.exec(phrase);
  const head = of === null || of === undefined ? phrase : phrase.slice(0, of.index);
  const tail = of === null || of === undefined ? '' : phrase.slice(of.index);
  const plural = head
    .split(' ')
    .map((word) => (/\p{L}$/u.test(word) ? (lang === 'fr' ? frenchPlural(word) : spanishPlural(word)) : word))
    .join(' ');
  return plural === head ? [] : [`${plural}${tail}`];
}
