// The contract between QA checks and whoever runs them (the workflow, `bitext check`, tests). Checks are
// pure: a segment and its language pair in, findings out; no file names, no glossary, no I/O.
import type { LanguageCode, SegmentId, SegmentStatus, Severity } from '../core/types.js';

/** Added: the character that stands for an inline code span, placeholder or protected span (U+FFFC). */
export const OPAQUE = '\uFFFC';

/**
 * Text given to checks: inline markup removed; every inline code span, placeholder or protected span is ONE
 * U+FFFC character (treat it as an opaque token: not a number, not a word).
 */
export interface QaSegment {
  readonly id: SegmentId;
  /** One German source sentence (plain text as above). */
  readonly source: string;
  /** Its translation ('' = none yet). */
  readonly target: string;
  readonly status: SegmentStatus;
  /** Present when this run sees a segment that was `stale` and a person set a human status. */
  readonly resolution?: { readonly previousSource: string; readonly staleTarget: string };
  /** Glossary terms found in `source` (filled by the caller). */
  readonly terms?: readonly QaTerm[];
  /** How the target's markup differs from the source's, as the source format found it (filled by the caller). */
  readonly markup?: readonly { readonly kind: 'missing' | 'changed' | 'extra' | 'block'; readonly severity: 'error' | 'warning'; readonly message: string }[];
}

export interface QaTerm {
  readonly termId: string;
  /** As matched in the source (inflected). */
  readonly text: string;
  /** The glossary's source term. */
  readonly source: string;
  /** Target the translation must contain: the term or one of its accepted forms. */
  readonly required?: { readonly term: string; readonly forms: readonly string[] };
  readonly forbidden: readonly string[];
  /** Must appear verbatim (as `required.term` when given, else as `source`). */
  readonly doNotTranslate: boolean;
  readonly caseSensitive: boolean;
}

export interface QaContext {
  readonly sourceLanguage: LanguageCode;
  readonly targetLanguage: LanguageCode;
}

export interface Finding {
  readonly rule: string;
  readonly severity: Severity;
  /** What is wrong, quoting the concrete text. */
  readonly message: string;
  /** How to fix it. */
  readonly hint: string;
}

export interface RuleInfo {
  readonly severity: Severity;
  /** One line: what the rule catches, with an example. */
  readonly description: string;
}

export interface Check {
  /** Kebab-case, e.g. 'numbers'; every rule id starts with it. */
  readonly id: string;
  readonly description: string;
  /** Every rule id this check can emit, with its default severity and a one-line description + example. */
  readonly rules: Readonly<Record<string, RuleInfo>>;
  /**
   * Added field: the check also wants segments whose target is empty (only `untranslated`, which reports
   * an empty target on a human status). Every other check is skipped for them.
   */
  readonly runsOnEmptyTarget?: boolean;
  run(segment: QaSegment, context: QaContext): Finding[];
}
