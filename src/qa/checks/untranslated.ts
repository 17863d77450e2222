// QA check `untranslated`: text a person marked as done that is not a translation — empty, the German
// source unchanged, German left in the target, or a backend's pseudo-translation.
import { HUMAN_STATUSES } from '../../core/types.js';
import type { Check, Finding, QaContext, QaSegment } from '../types.js';
import { excerpt, foldTypography, findSpans, isUnspaced, listWords, normaliseText, primaryLanguage, wordsOf, type Span } from '../text.js';

/** The mock backend writes `(MOCK xx) ` before the source: see src/backends/mock.ts. */
export const MOCK_MARKER = /^\s*\(MOCK [A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*\)/;

export const untranslatedCheck: Check = {
  id: 'untranslated',
  description: 'A target a person has marked as done is a translation: not empty, not the source, not German, not a pseudo-translation.',
  runsOnEmptyTarget: true,
  rules: {
    'untranslated-empty': {
      severity: 'warning',
      description: 'A segment with a human status (edited, reviewed, approved) has no target.',
    },
    'untranslated-identical': {
      severity: 'warning',
      description: 'The target is the source unchanged, and the source is more than names and numbers: „Wirtschaft aktuell“ → "Wirtschaft aktuell".',
    },
    'untranslated-german-words': {
      severity: 'warning',
      description: 'Two or more German function words are left in the target: "The talks were nicht successful und ended".',
    },
    'untranslated-german': {
      severity: 'error',
      description: 'Most of the target is the German source: "China sei bereit, den Geist der gegenseitigen Unterstützung …".',
    },
    'untranslated-mock': {
      severity: 'error',
      description: 'A human-status target still carries the mock backend\'s pseudo-translation mark: "(MOCK fr) China sei bereit …".',
    },
  },
  run(segment: QaSegment, context: QaContext): Finding[] {
    const human = HUMAN_STATUSES.has(segment.status);
    const target = segment.target;
    if (!/\S/.test(target)) {
      return human
        ? [{
            rule: 'untranslated-empty',
            severity: 'warning',
            message: `the segment is ${segment.status} but has no translation`,
            hint: 'type the translation under the source line, or set the status back to new',
          }]
        : [];
    }
    if (MOCK_MARKER.test(target)) {
      // In a machine target the mark is expected: the mock backend was used on purpose.
      if (!human) return [];
      return [{
        rule: 'untranslated-mock',
        severity: 'error',
        message: `the target is the mock backend's pseudo-translation ("${excerpt(target, 40)}") but is marked ${segment.status}`,
        hint: 'translate the segment (or run a real backend) before approving it',
      }];
    }
    const lang = primaryLanguage(context.targetLanguage);
    const german = germanWordsIn(segment, lang);
    // Only texts of about the same length can be the same text; normalising every pair would be wasted.
    const identical = target === segment.source || (mayBeSame(target, segment.source) && normalise(target) === normalise(segment.source));
    if (identical && german.mostlyGerman) {
      return [{
        rule: 'untranslated-german',
        severity: 'error',
        message: `the target is the German source unchanged ("${excerpt(target, 50)}")`,
        hint: `translate it into ${context.targetLanguage}`,
      }];
    }
    if (identical) {
      if (onlyNamesAndNumbers(segment.source)) return [];
      return [{
        rule: 'untranslated-identical',
        severity: 'warning',
        message: `the target is identical to the source ("${excerpt(target, 50)}")`,
        hint: `translate it into ${context.targetLanguage}, or leave it as is if it really reads the same`,
      }];
    }
    if (german.words.length < 2) return [];
    const shown = listWords(german.words.slice(0, 5).map((word) => `"${word}"`));
    if (german.mostlyGerman) {
      return [{
        rule: 'untranslated-german',
        severity: 'error',
        message: `most of the target is German: it repeats the source's words and has ${shown}`,
        hint: `translate the German parts into ${context.targetLanguage}`,
      }];
    }
    return [{
      rule: 'untranslated-german-words',
      severity: 'warning',
      message: `the target has German words: ${shown}`,
      hint: 'translate them, or check whether they belong to a name or a title',
    }];
  },
};

// German function words: frequent, short, and rarely part of a name. The list is per-target trimmed of
// words that the target language has itself ("die", "in", "man" in English; "des", "es" in French).
const GERMAN_FUNCTION_WORDS = [
  'der', 'die', 'das', 'den', 'dem', 'des', 'ein', 'eine', 'einer', 'einen', 'einem', 'eines', 'und', 'oder',
  'aber', 'nicht', 'kein', 'keine', 'keinen', 'sei', 'seien', 'ist', 'sind', 'war', 'waren', 'wird', 'werden',
  'wurde', 'wurden', 'worden', 'hat', 'haben', 'hatte', 'hatten', 'hätten', 'mit', 'für', 'auf', 'dass', 'daß',
  'sich', 'auch', 'noch', 'nach', 'bei', 'über', 'zu', 'zum', 'zur', 'von', 'vom', 'im', 'am', 'an', 'in',
  'aus', 'als', 'wie', 'wenn', 'weil', 'doch', 'sehr', 'nur', 'schon', 'um', 'so', 'man', 'also', 'bald', 'bin',
  'will', 'es', 'er', 'sie', 'wir', 'ihr', 'ihre', 'ihren', 'ihrer', 'ihrem', 'sein', 'seine', 'seiner',
  'seinen', 'seinem', 'dieser', 'diese', 'dieses', 'diesem', 'diesen', 'gegen', 'ohne', 'durch', 'unter',
  'zwischen', 'sowie', 'jedoch', 'bereits', 'dann', 'denn', 'wo', 'was', 'wer', 'soll', 'sollten', 'kann',
  'können', 'müssen', 'muss', 'gibt', 'beiden', 'jedes', 'jeder', 'ob', 'zwar', 'sondern', 'damit', 'dabei',
  'dazu', 'vor', 'seit', 'bis', 'ab', 'nichts', 'wieder', 'immer', 'mehr',
];

/** Words the target language writes itself: never evidence of German. */
const OWN_WORDS: Readonly<Record<string, readonly string[]>> = {
  en: ['die', 'den', 'an', 'in', 'so', 'war', 'will', 'man', 'also', 'hat', 'bald', 'bin', 'am', 'was', 'um', 'er', 'ab'],
  fr: ['des', 'sein', 'an', 'bis', 'es', 'in'],
  es: ['es', 'den'],
  ru: [],
  zh: [],
  ja: [],
};

// Letters of the scripts the German words can stand in, as explicit ranges: a pattern without the `u`
// flag runs several times faster than one with \p{L}, and these ranges are all it needs to see.
const LETTERS = 'A-Za-z0-9\\u00C0-\\u024F\\u0300-\\u036F\\u0370-\\u052F';

/**
 * Per target language, one pattern that finds the German function words as whole words: scanning with it
 * costs less than tokenizing every target, and it finds nothing in almost every real translation.
 */
const FUNCTION_WORDS_BY_LANGUAGE = new Map<string, RegExp>(
  Object.entries(OWN_WORDS).map(([lang, own]) => [
    lang,
    new RegExp(`(?<![${LETTERS}'’-])(?:${GERMAN_FUNCTION_WORDS.filter((word) => !own.includes(word)).join('|')})(?![${LETTERS}]|['’-][${LETTERS}])`, 'gi'),
  ]),
);
const NEXT_WORD = /[\s„“"«»]+([\p{L}\p{M}\p{N}]+)/uy;
const LETTER = /[\p{L}\p{N}]/u;

const ALL_GERMAN_WORDS: ReadonlySet<string> = new Set(GERMAN_FUNCTION_WORDS);

/** Particles of names: "Ursula von der Leyen", "Karl-Theodor zu Guttenberg". */
const NAME_PARTICLES = new Set(['von', 'vom', 'zu', 'zur', 'der', 'den', 'van', 'de']);

interface GermanWords {
  /** Distinct German function words found, lower case, in order. */
  readonly words: readonly string[];
  /** Half or more of the target's words are words of the source, and it has German function words. */
  readonly mostlyGerman: boolean;
}

function germanWordsIn(segment: QaSegment, lang: string): GermanWords {
  const pattern = FUNCTION_WORDS_BY_LANGUAGE.get(lang);
  // Languages we have no list for (Dutch shares "in", "op", "was", "die" with German) are not judged.
  if (pattern === undefined) return { words: [], mostlyGerman: false };
  const target = segment.target;
  const found: string[] = [];
  let protectedSpans: Span[] | undefined;
  const isCapital = (text: string | undefined): boolean => text !== undefined && /^\p{Lu}/u.test(text);
  pattern.lastIndex = 0;
  for (let match = pattern.exec(target); match !== null; match = pattern.exec(target)) {
    const lower = match[0].toLowerCase();
    if (found.includes(lower)) continue;
    protectedSpans ??= doNotTranslateSpans(segment, lang);
    const start = match.index;
    const end = start + match[0].length;
    if (protectedSpans.some((span) => span.start <= start && end <= span.end)) continue;
    NEXT_WORD.lastIndex = end;
    const next = NEXT_WORD.exec(target)?.[1];
    // "von der Leyen", "Der Spiegel", "Die Linke": part of a name, not left-over German.
    if (NAME_PARTICLES.has(lower) && (isCapital(next) || NAME_PARTICLES.has(next?.toLowerCase() ?? ''))) continue;
    if (isCapital(match[0]) && isCapital(next) && LETTER.test(target.slice(0, start))) continue;
    found.push(lower);
  }
  if (found.length < 2) return { words: found, mostlyGerman: false };
  const sourceWords = new Set(wordsOf(segment.source).map((word) => word.text.toLowerCase()));
  const targetWords = wordsOf(target).filter((word) => /\p{L}/u.test(word.text));
  const shared = targetWords.filter((word) => sourceWords.has(word.text.toLowerCase())).length;
  return { words: found, mostlyGerman: targetWords.length > 0 && shared * 2 >= targetWords.length };
}

function doNotTranslateSpans(segment: QaSegment, lang: string): Span[] {
  const terms = segment.terms?.filter((term) => term.doNotTranslate) ?? [];
  if (terms.length === 0) return [];
  const target = foldTypography(segment.target, false);
  return terms.flatMap((term) => findSpans(target, foldTypography(term.required?.term ?? term.source, false), !isUnspaced(lang)));
}

/**
 * Could the two texts be the same but for white space? Lengths close and the same first letters: this
 * avoids normalising every pair, and no pair that passes is judged on it alone.
 */
function mayBeSame(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 8) return false;
  const x = a.trimStart();
  const y = b.trimStart();
  for (let k = 0; k < 3 && k < x.length && k < y.length; k++) {
    const c = x.charCodeAt(k);
    if (c <= 32 || c === 0xa0) return true; // white space inside: let normalising decide
    if (c !== y.charCodeAt(k)) return false;
  }
  return true;
}

function normalise(text: string): string {
  return normaliseText(text);
}

const SLUG = /^[\p{Ll}\d]+(?:[-_.][\p{Ll}\d]+)+$/u;
const URL_OR_MAIL = /^(?:https?:\/\/\S+|\S+@\S+\.\S+|www\.\S+)$/;
const ACRONYM = /^[\p{Lu}\d&.-]{2,8}$/u;

/**
 * Text that legitimately reads the same in every language: names ("Xi Jinping"), numbers, codes, slugs
 * and tags ("rrt-allgemeines"), URLs, opaque spans, punctuation. A lone capitalised word counts as a name:
 * German capitalises nouns too, so "Wirtschaft" left untranslated is missed (a documented limit).
 */
function onlyNamesAndNumbers(source: string): boolean {
  const text = normalise(source);
  if (SLUG.test(text) || URL_OR_MAIL.test(text)) return true;
  const words = wordsOf(text);
  if (words.length === 0) return true;
  return words.every(
    (word) => !ALL_GERMAN_WORDS.has(word.text.toLowerCase()) && (/\d/.test(word.text) || ACRONYM.test(word.text) || /^\p{Lu}/u.test(word.text)),
  );
}

