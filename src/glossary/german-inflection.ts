// German inflection of glossary terms, generated from the written (base) form.
//
// The aim is recall without false positives: we only add endings that a German noun or adjective of that
// shape really takes, and accept that some generated forms are nonsense words ("Putines") because a
// nonsense word never occurs in a text and so never produces a wrong match. Irregular forms (umlaut
// plurals such as "Räte", "Prinzipien") cannot be generated; users list them in a term's `forms`.

const ADJECTIVE_ENDINGS = ['e', 'er', 'es', 'en', 'em'] as const;

/** Feminine noun suffixes: no genitive ending, plural (every case) in -en. */
const FEMININE_SUFFIXES = ['ung', 'heit', 'keit', 'schaft', 'ion', 'tät', 'ik', 'ei', 'ur', 'enz', 'anz', 'ie'];

/**
 * Weak masculine nouns take -en in every case but the nominative singular (des/dem/den Präsidenten).
 * Only long, unambiguous suffixes: "-at" would turn "Rat" into the verb "raten".
 */
const WEAK_NOUN_SUFFIXES = ['ent', 'ant', 'ist', 'krat', 'dat', 'nom', 'graf', 'graph', 'soph', 'ot'];

/**
 * Stems that mark a capitalised word in -er as a declinable adjective ("Deutscher", "Zweiter",
 * "Europäischer"). Without one of these a capitalised -er word is taken to be an invariant place
 * adjective ("Shanghaier", "Berliner", "Moskauer"), which never declines.
 */
const ADJECTIVE_STEM_SUFFIXES = ['isch', 'sch', 'lich', 'ig', 'al', 'ell', 'iv', 'bar', 'sam', 'haft', 'los', 'är', 'ös', 't'];
const SHORT_ADJECTIVE_STEMS = new Set(['neu', 'alt', 'groß', 'gross', 'hoh', 'frei', 'klein', 'jung', 'weiß', 'rot', 'blau', 'grün']);

function isCapitalised(word: string): boolean {
  const first = word.charAt(0);
  return first !== first.toLowerCase() && first === first.toUpperCase();
}

function isAllCaps(word: string): boolean {
  return word.length > 1 && word === word.toUpperCase() && word !== word.toLowerCase();
}

/** The stem of an attributive adjective, or undefined when `word` does not look declinable. */
function adjectiveStem(word: string): string | undefined {
  // Longest ending first so "-es"/"-en"/"-em"/"-er" win over "-e".
  for (const ending of ['er', 'es', 'en', 'em', 'e']) {
    if (!word.endsWith(ending) || word.length <= ending.length + 1) continue;
    const stem = word.slice(0, -ending.length);
    if (ending === 'er' && isCapitalised(word)) {
      const lower = stem.toLowerCase();
      const declinable = SHORT_ADJECTIVE_STEMS.has(lower) || ADJECTIVE_STEM_SUFFIXES.some((s) => lower.endsWith(s));
      return declinable ? stem : undefined;
    }
    return stem;
  }
  return undefined;
}

/** Declined forms of an adjective written with an ending ("friedliche", "Vereinte"); itself included. */
export function inflectAdjective(word: string): string[] {
  const stem = adjectiveStem(word);
  if (stem === undefined) return [word];
  return unique([word, ...ADJECTIVE_ENDINGS.map((ending) => stem + ending)]);
}

/** Inflected forms of a noun (the head of a term); itself included. */
export function inflectNoun(word: string): string[] {
  if (/^\p{N}+$/u.test(word)) return [word];
  if (isAllCaps(word)) return [word, `${word}s`]; // des IWFs, der LKWs
  const lower = word.toLowerCase();
  const endings: string[] = [];
  if (FEMININE_SUFFIXES.some((s) => lower.endsWith(s))) {
    endings.push('en');
  } else if (lower.endsWith('e')) {
    endings.push('n', 's'); // Frage -> Fragen; Name -> Namens
  } else if (lower.endsWith('er') || lower.endsWith('el')) {
    endings.push('s', 'n'); // des Lehrers, den Lehrern
  } else if (lower.endsWith('en')) {
    endings.push('s');
  } else if (/[sßxz]$/u.test(lower)) {
    endings.push('es'); // des Reises; "Multilateralismus" gains only a nonsense form
  } else if (/[aiouy]$/u.test(lower)) {
    endings.push('s'); // Chinas, Moskaus
  } else {
    endings.push('s', 'es'); // des Prinzips, des Neujahrsfestes
    if (WEAK_NOUN_SUFFIXES.some((s) => lower.endsWith(s))) endings.push('en');
  }
  return unique([word, ...endings.map((ending) => word + ending)]);
}

/**
 * Inflected forms of one word of a term. `position` says whether the word is the head (the last word of
 * the term) or stands before it, where only adjectives inflect.
 */
export function inflectWord(word: string, position: 'head' | 'modifier'): string[] {
  if (position === 'modifier') return inflectAdjective(word);
  // A lower-case head is an adjective or participle used on its own ("multilateral" is not a noun).
  if (!isCapitalised(word) && !/^\p{N}/u.test(word)) {
    return adjectiveStem(word) === undefined
      ? unique([word, ...ADJECTIVE_ENDINGS.map((ending) => word + ending)])
      : inflectAdjective(word);
  }
  return inflectNoun(word);
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
