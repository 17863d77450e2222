// QA: every glossary term found in a source segment must appear in its translation as the approved target
// (or an accepted form of it), and none of the term's forbidden translations may appear.

import type { Diagnostic, LanguageCode, SegmentId } from '../core/types.js';
import { resolveTerms } from '../glossary/resolve-terms.js';
import type { Glossary, GlossaryTerm } from '../glossary/types.js';
// Typographic folding and word-bounded search are shared with the `glossary` check of the QA registry.
import { findSpans, foldTypography, isUnspaced, type Span } from './text.js';

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


/**
 * `glossary-forbidden` (error) when a forbidden translation of a term found in the source appears in the
 * target; `glossary-missing-target` (warning) when the required target is absent. Segments with an empty
 * target (not translated yet) are skipped.
 */
export function checkGlossary(input: GlossaryCheckInput): Diagnostic[] {
  const { glossary, lang, segments, file } = input;
  const spaced = !isUnspaced(lang);
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

function prepareText(text: string, caseSensitive: boolean): string {
  return foldTypography(text, caseSensitive);
}

function findAll(target: string, needles: readonly string[], term: GlossaryTerm, spaced: boolean): Span[] {
  return needles.flatMap((raw) => findSpans(target, prepareText(raw, term.caseSensitive).trim(), spaced));
}
