// QA check `length`: a translation far shorter or longer than usual for the language pair has often lost
// or gained a clause (a dropped sentence, a pasted neighbour, a machine-translation loop).
import type { Check, Finding, QaContext, QaSegment } from '../types.js';
import { primaryLanguage } from '../text.js';

/**
 * Target characters per German source character that a sound translation stays within. Wide on purpose:
 * news sentences vary, and the check is for outliers. Chinese and Japanese need far fewer characters.
 */
export const LENGTH_BOUNDS: Readonly<Record<string, readonly [min: number, max: number]>> = {
  en: [0.6, 1.4],
  fr: [0.7, 1.6],
  es: [0.7, 1.6],
  it: [0.7, 1.6],
  pt: [0.7, 1.6],
  ru: [0.6, 1.5],
  pl: [0.7, 1.5],
  nl: [0.7, 1.4],
  de: [0.7, 1.4],
  zh: [0.1, 0.6],
  ja: [0.15, 0.8],
  ko: [0.2, 0.8],
};
export const DEFAULT_LENGTH_BOUNDS: readonly [min: number, max: number] = [0.5, 2];
/** Shorter sources vary too much ("Ja." → "Yes, indeed.") for a ratio to mean anything. */
export const MIN_SOURCE_LENGTH = 20;

export const lengthCheck: Check = {
  id: 'length',
  description: 'The target\'s length is within the usual range for the language pair (sources of 20 characters or more).',
  rules: {
    'length-too-short': {
      severity: 'warning',
      description: 'The target is much shorter than the source: under 60 % of its length in en (a dropped clause?).',
    },
    'length-too-long': {
      severity: 'warning',
      description: 'The target is much longer than the source: over 140 % of its length in en (a merged sentence?).',
    },
  },
  run(segment: QaSegment, context: QaContext): Finding[] {
    const source = characters(segment.source);
    if (source < MIN_SOURCE_LENGTH) return [];
    const target = characters(segment.target);
    const lang = primaryLanguage(context.targetLanguage);
    const [min, max] = LENGTH_BOUNDS[lang] ?? DEFAULT_LENGTH_BOUNDS;
    const ratio = target / source;
    if (ratio >= min && ratio <= max) return [];
    const percent = Math.round(ratio * 100);
    const expected = `${Math.round(min * 100)}–${Math.round(max * 100)} %`;
    return ratio < min
      ? [{
          rule: 'length-too-short',
          severity: 'warning',
          message: `the target has ${target} characters, ${percent} % of the source's ${source} (usual for ${lang}: ${expected})`,
          hint: 'check that no part of the source was left out',
        }]
      : [{
          rule: 'length-too-long',
          severity: 'warning',
          message: `the target has ${target} characters, ${percent} % of the source's ${source} (usual for ${lang}: ${expected})`,
          hint: 'check that nothing was added or repeated, and that the next sentence is not merged in',
        }];
  },
};

/**
 * Length of the trimmed text in UTF-16 units: the same as characters for every script bitext translates
 * into (astral characters such as emoji count twice, which no ratio notices).
 */
function characters(text: string): number {
  return text.trim().length;
}
