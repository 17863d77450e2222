// QA: every glossary term found in a source segment must appear in its translation as the approved target
// (or an accepted form of it), and none of the term's forbidden translations may appear.

import type { Diagnostic, LanguageCode, SegmentId } from '../core/types.js';
import { resolveTerms } from '../glossary/resolve-terms.js';
import type { Glossary, GlossaryTerm } from '../glossary/types.js';

export interface GlossaryCheckSegment {
  readonly id: SegmentId;
  readonly source: string;
  readonly target: string;
}

export interface GlossaryCheckInput {
  readonly glossary: Glossary;
  /** Target language of `segments[].target`. */
  readonly lang: LanguageCode;
  readonly segments: readonly GlossaryCheckSegment[];
  /** File the segments come from, copied into every diagnostic. */
  readonly file?: string;
}

/** Languages written without spaces between words: a term may stand anywhere in the text. */
const UNSPACED_LANGUAGES = new Set(['zh', 'ja', 'th', 'lo', 'km', 'my', 'bo']);
const WORD_CHAR_AT_END = /[\p{L}\p{M}\p{N}]$/u;
const WORD_CHAR_AT_START = /^[\p{L}\p{M}\p{N}]/u;

/**
 * `glossary-forbidden` (error) when a forbidden translation of a term found in the source appears in the
 * target; `glossary-missing-target` (warning) when the required target is absent. Segments with an empty
 * target (not translated yet) are skipped.
 */
export function checkGlossary(input: GlossaryCheckInput): Diagnostic[] {
  const { glossary, lang, segments, file } = input;
  const spaced = !UNSPACED_LANGUAGES.has(lang.toLowerCase().split('-')[0] ?? '');
  const diagnostics: Diagnostic[] = [];
  const report = (severity: Diagnostic['severity'], rule: string, message: string, segmentId: SegmentId): void => {
    diagnostics.push({ severity, rule, message, segmentId, ...(file === undefined ? {} : { file }) });
  };

  for (const segment of segments) {
    if (segment.target.trim() === '') continue;
    const seen = new Set<string>();
    for (const match of resolveTerms(glossary, segment.source, lang)) {
      const { term, required } = match;
      if (seen.has(term.id)) continue;
      seen.add(term.id);

      const target = prepareText(segment.target, term.caseSensitive);
      const requiredSpans = required === undefined ? [] : findAll(target, [required.term, ...required.forms], term, spaced);

      for (const forbidden of match.forbidden) {
        const hits = findAll(target, [forbidden], term, spaced);
        // "One China policy" must not fire inside an accepted form that happens to contain it.
        const outside = hits.filter((hit) => !requiredSpans.some((span) => span.start <= hit.start && hit.end <= span.end));
        if (outside.length > 0) {
          const instead = required === undefined ? '' : `; use "${required.term}"`;
          report(
            'error',
            'glossary-forbidden',
            `"${match.text}" (glossary term "${term.source}") is translated as "${forbidden}", which the glossary forbids for ${lang}${instead}`,
            segment.id,
          );
        }
      }

      if (required !== undefined && requiredSpans.length === 0) {
        const also = required.forms.length === 0 ? '' : ` (or ${required.forms.map((form) => `"${form}"`).join(', ')})`;
        report(
          'warning',
          'glossary-missing-target',
          `"${match.text}" (glossary term "${term.source}") should be translated as "${required.term}"${also} in ${lang}, but the target does not contain it`,
          segment.id,
        );
      }
    }
  }
  return diagnostics;
}

interface Span {
  readonly start: number;
  readonly end: number;
}

/**
 * Normalises spellings that differ only typographically, so "d’une" matches "d'une", "Объединенных"
 * matches "Объединённых" and "弗拉基米尔・普京" matches "弗拉基米尔·普京". Applied to target and needle alike;
 * spans are only compared with each other, never mapped back to the original text.
 */
function prepareText(text: string, caseSensitive: boolean): string {
  const normal = text
    .normalize('NFC')
    .replace(/[\u2018\u2019\u02BC\u2032]/g, "'")
    .replace(/[\u2010\u2011]/g, '-')
    .replace(/[\u30FB\u2027\u2022\uFF65]/g, '\u00B7')
    .replace(/ё/g, 'е')
    .replace(/Ё/g, 'Е')
    .replace(/\u00AD/g, '')
    .replace(/\s+/g, ' ');
  return caseSensitive ? normal : normal.toLowerCase();
}

function findAll(target: string, needles: readonly string[], term: GlossaryTerm, spaced: boolean): Span[] {
  const spans: Span[] = [];
  for (const raw of needles) {
    const needle = prepareText(raw, term.caseSensitive).trim();
    if (needle === '') continue;
    const checkStart = spaced && WORD_CHAR_AT_START.test(needle);
    const checkEnd = spaced && WORD_CHAR_AT_END.test(needle);
    for (let at = target.indexOf(needle); at >= 0; at = target.indexOf(needle, at + 1)) {
      const end = at + needle.length;
      if (checkStart && WORD_CHAR_AT_END.test(target.slice(Math.max(0, at - 2), at))) continue;
      if (checkEnd && WORD_CHAR_AT_START.test(target.slice(end, end + 2))) continue;
      spans.push({ start: at, end });
    }
  }
  return spans;
}
