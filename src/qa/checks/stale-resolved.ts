// QA check `stale-resolved`: a reviewer set a human status on a stale segment without touching the old
// translation. That is right when the source change was cosmetic; it is a mistake when the change touched
// a number, a negation or a name, because the kept target now says something the source no longer does.
import { distance } from 'fastest-levenshtein';
import { numberLanguage } from '../numbers/lexicon.js';
import { readNumbers } from '../numbers/read-numbers.js';
import type { Check, Finding, QaContext, QaSegment } from '../types.js';
import { excerpt, listWords, quote, wordsOf } from '../text.js';
import { endsSentence } from './sentence-count.js';

export const staleResolvedCheck: Check = {
  id: 'stale-resolved',
  description: 'A stale segment resolved without changing its target: the source change must not have altered a number, a negation or a name.',
  rules: {
    'stale-resolved-number': {
      severity: 'error',
      description: 'The source changed a number („220 bis 245“ → „220 bis 254“) and the old target was kept.',
    },
    'stale-resolved-negation': {
      severity: 'error',
      description: 'The source gained or lost a negation („ist bereit“ → „ist nicht bereit“) and the old target was kept.',
    },
    'stale-resolved-name': {
      severity: 'error',
      description: 'The source changed a name or capitalised word („traf Putin“ → „traf Modi“) and the old target was kept.',
    },
    'stale-resolved-unchanged': {
      severity: 'warning',
      description: 'The source changed in other words and the old target was kept: worth a second look.',
    },
  },
  run(segment: QaSegment, context: QaContext): Finding[] {
    const resolution = segment.resolution;
    if (resolution === undefined || normalise(segment.target) !== normalise(resolution.staleTarget)) return [];
    const before = resolution.previousSource;
    const after = segment.source;
    if (normalise(before) === normalise(after)) return [];
    const findings: Finding[] = [];
    const kept = `the target was kept as it was ("${excerpt(segment.target, 40)}")`;

    const numbers = numberDifference(before, after, context.sourceLanguage);
    if (numbers.removed.length + numbers.added.length > 0) {
      findings.push({
        rule: 'stale-resolved-number',
        severity: 'error',
        message: `the source changed its numbers (${change(numbers)}) but ${kept}`,
        hint: 'update the numbers in the target to the new source, then set the status again',
      });
    }
    const negations = difference(negationsOf(before), negationsOf(after));
    if (negations.removed.length + negations.added.length > 0) {
      findings.push({
        rule: 'stale-resolved-negation',
        severity: 'error',
        message: `the source ${negations.added.length > 0 ? `gained ${listWords(negations.added.map(quote))}` : `lost ${listWords(negations.removed.map(quote))}`} but ${kept}`,
        hint: 'the source may now say the opposite: translate the new source',
      });
    }
    const names = withoutSmallEdits(difference(capitalisedOf(before, context.sourceLanguage), capitalisedOf(after, context.sourceLanguage)));
    if (names.removed.length + names.added.length > 0) {
      findings.push({
        rule: 'stale-resolved-name',
        severity: 'error',
        message: `the source changed its names or nouns (${change(names)}) but ${kept}`,
        hint: 'update the names in the target to the new source, then set the status again',
      });
    }
    if (findings.length > 0) return findings;
    return [{
      rule: 'stale-resolved-unchanged',
      severity: 'warning',
      message: `the source changed from ${quote(excerpt(before, 50))} but ${kept}`,
      hint: 'check that the translation still fits the new source',
    }];
  },
};

function normalise(text: string): string {
  return text.normalize('NFC').replace(/\s+/g, ' ').trim();
}

interface Difference {
  readonly removed: readonly string[];
  readonly added: readonly string[];
}

/** Multiset difference, in order of appearance. */
function difference(before: readonly string[], after: readonly string[]): Difference {
  const remaining = [...after];
  const removed: string[] = [];
  for (const item of before) {
    const at = remaining.indexOf(item);
    if (at >= 0) remaining.splice(at, 1);
    else removed.push(item);
  }
  return { removed, added: remaining };
}

function change(diff: Difference): string {
  const removed = diff.removed.map(quote);
  const added = diff.added.map(quote);
  if (removed.length > 0 && added.length > 0) return `${listWords(removed)} → ${listWords(added)}`;
  return removed.length > 0 ? `${listWords(removed)} removed` : `${listWords(added)} added`;
}

/** Numbers compared by value but shown as written: „245 Milliarden“ → „245 Mrd.“ is no change. */
function numberDifference(before: string, after: string, lang: string): Difference {
  const read = (text: string) =>
    readNumbers(text, numberLanguage(lang), 'source')
      .filter((token) => token.readings[0]?.atoms.some((atom) => atom.strength !== 'license') === true)
      .map((token) => ({ key: token.readings.map((reading) => reading.atoms.map((atom) => atom.key).join('+')).join('|'), text: token.text }));
  const old = read(before);
  const remaining = read(after);
  const removed: string[] = [];
  for (const number of old) {
    const at = remaining.findIndex((other) => other.key === number.key);
    if (at >= 0) remaining.splice(at, 1);
    else removed.push(number.text);
  }
  return { removed, added: remaining.map((number) => number.text) };
}

const NEGATIONS = new Set([
  'nicht', 'kein', 'keine', 'keinen', 'keinem', 'keiner', 'keines', 'keins', 'nie', 'niemals', 'nimmer', 'ohne',
  'weder', 'nichts', 'niemand', 'niemandem', 'niemanden', 'nirgends', 'nirgendwo',
]);

function negationsOf(text: string): string[] {
  return wordsOf(text).map((word) => word.text.toLowerCase()).filter((word) => NEGATIONS.has(word));
}

const AFTER_OPENING = /(?:^|[„“"«»(:;!?]\s*)$/u;
const AFTER_PERIOD = /\.\s*$/u;

/** Does a word after `before` start a sentence (and is capitalised for that reason alone)? */
function startsSentence(before: string, lang: string): boolean {
  if (AFTER_OPENING.test(before)) return true;
  return AFTER_PERIOD.test(before) && endsSentence(before.trimEnd(), lang);
}

/**
 * Capitalised words that do not start a sentence: names, and (German capitalises nouns) nouns. A change
 * among them changes what the sentence is about, which is why it counts as an error. Limits: a changed
 * first word is not seen; adjectives and verbs are not compared at all.
 */
function capitalisedOf(text: string, lang: string): string[] {
  // Words of a number ("245 Milliarden", "3. Oktober") are compared as numbers, not as names.
  const numbers = readNumbers(text, numberLanguage(lang), 'source');
  const inNumber = (start: number): boolean => numbers.some((token) => token.start <= start && start < token.end);
  return wordsOf(text)
    .filter((word) => /^\p{Lu}/u.test(word.text) && !/\d/.test(word.text) && !startsSentence(text.slice(0, word.start), lang) && !inNumber(word.start))
    .map((word) => word.text);
}

/** "Präsidenten" → "Präsident", "Regirung" → "Regierung": inflection and typo fixes are not a new name. */
function withoutSmallEdits(diff: Difference): Difference {
  const added = [...diff.added];
  const removed: string[] = [];
  for (const word of diff.removed) {
    const close = added.findIndex((other) => distance(word.toLowerCase(), other.toLowerCase()) <= Math.max(1, Math.min(2, Math.floor(word.length / 4))));
    if (close >= 0) added.splice(close, 1);
    else removed.push(word);
  }
  return { removed, added };
}
