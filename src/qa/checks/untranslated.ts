// QA check `untranslated`: text a person marked as done that is not a translation — empty, the German
// source unchanged, German left in the target, or a backend's pseudo-translation.
import { HUMAN_STATUSES } from '../../core/types.js';
import type { Check, Finding, QaContext, QaSegment } from '../types.js';
import { excerpt, foldTypography, findSpans, isUnspaced, listWords, primaryLanguage, wordsOf, type Span } from '../text.js';

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
    if (target.trim() === '') {
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
    const identical = normalise(target) === normalise(segment.source);
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
  fr: ['des', 'sein', 'an', 'bis', 'es', 'in', 'as', 'vie', 'vers'],
  es: ['es', 'den', 'ha', 'as', 'sin', 'mi'],
  ru: [],
  zh: [],
  ja: [],
};

const FUNCTION_WORDS_BY_LANGUAGE = new Map<string, ReadonlySet<string>>(
  Object.entries(OWN_WORDS).map(([lang, own]) => [lang, new Set(GERMAN_FUNCTION_WORDS.filter((word) => !own.includes(word)))]),
);

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
  const list = FUNCTION_WORDS_BY_LANGUAGE.get(lang);
  // Languages we have no list for (Dutch shares "in", "op", "was", "die" with German) are not judged.
  if (list === undefined) return { words: [], mostlyGerman: false };
  const words = wordsOf(segment.target);
  const protectedSpans = doNotTranslateSpans(segment, lang);
  const found: string[] = [];
  const isCapital = (text: string | undefined): boolean => text !== undefined && /^\p{Lu}/u.test(text);
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    if (word === undefined) continue;
    const lower = word.text.toLowerCase();
    if (!list.has(lower) || found.includes(lower)) continue;
    if (protectedSpans.some((span) => span.start <= word.start && word.end <= span.end)) continue;
    const next = words[i + 1]?.text;
    // "von der Leyen", "Der Spiegel", "Die Linke": part of a name, not left-over German.
    if (NAME_PARTICLES.has(lower) && (isCapital(next) || NAME_PARTICLES.has(next?.toLowerCase() ?? ''))) continue;
    if (isCapital(word.text) && i > 0 && isCapital(next)) continue;
    found.push(lower);
  }
  if (found.length < 2) return { words: found, mostlyGerman: false };
  const sourceWords = new Set(wordsOf(segment.source).map((word) => word.text.toLowerCase()));
  const targetWords = words.filter((word) => /\p{L}/u.test(word.text));
  const shared = targetWords.filter((word) => sourceWords.has(word.text.toLowerCase())).length;
  return { words: found, mostlyGerman: targetWords.length > 0 && shared * 2 >= targetWords.length };
}

function doNotTranslateSpans(segment: QaSegment, lang: string): Span[] {
  const terms = segment.terms?.filter((term) => term.doNotTranslate) ?? [];
  if (terms.length === 0) return [];
  const target = foldTypography(segment.target, false);
  return terms.flatMap((term) => findSpans(target, foldTypography(term.required?.term ?? term.source, false), !isUnspaced(lang)));
}

function normalise(text: string): string {
  return text.normalize('NFC').replace(/\s+/g, ' ').trim();
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

