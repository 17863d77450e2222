// QA: every glossary term found in a source segment must appear in its translation as the approved target
// (or an accepted form of it), and none of the term's forbidden translations may appear. A library entry
// point over the registry's `glossary` check, with the one glossary lookup (`resolveTerms`).

import type { Diagnostic, LanguageCode, SegmentId } from '../core/types.js';
import type { Glossary } from '../glossary/types.js';
import { glossaryCheck } from './checks/glossary.js';
import { qaTermsOf } from './terms.js';

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
 * target; `glossary-missing-target` (warning) when the required target is absent; `glossary-do-not-translate`
 * (error) when a do-not-translate term is not there verbatim. Segments with an empty target are skipped.
 */
export function checkGlossary(input: GlossaryCheckInput): Diagnostic[] {
  const { glossary, lang, segments, file } = input;
  const diagnostics: Diagnostic[] = [];
  for (const segment of segments) {
    if (segment.target.trim() === '') continue;
    const terms = qaTermsOf(glossary, segment.source, lang);
    const findings = glossaryCheck.run({ id: segment.id, source: segment.source, target: segment.target, status: 'machine', terms }, { sourceLanguage: glossary.sourceLanguage, targetLanguage: lang });
    for (const f of findings) diagnostics.push({ severity: f.severity, rule: f.rule, message: f.message, hint: f.hint, segmentId: segment.id, ...(file === undefined ? {} : { file }) });
  }
  return diagnostics;
}
