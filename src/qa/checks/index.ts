// The QA registry: every check, in the order their findings are reported, and one function that runs
// them on a segment with the project's choices (checks or rules turned off, severities changed).
import type { Severity } from '../../core/types.js';
import { HUMAN_STATUSES } from '../../core/types.js';
import type { Check, Finding, QaContext, QaSegment } from '../types.js';
import { doubledWordsCheck } from './doubled-words.js';
import { glossaryCheck } from './glossary.js';
import { lengthCheck } from './length.js';
import { markupCheck } from './markup.js';
import { numbersCheck } from './numbers.js';
import { punctuationCheck } from './punctuation.js';
import { quotesCheck } from './quotes.js';
import { sentenceCountCheck } from './sentence-count.js';
import { staleResolvedCheck } from './stale-resolved.js';
import { MOCK_MARKER, untranslatedCheck } from './untranslated.js';
import { whitespaceCheck } from './whitespace.js';

/** Meaning first (what a reader would get wrong), typography last. */
export const CHECKS: readonly Check[] = [
  untranslatedCheck,
  numbersCheck,
  glossaryCheck,
  markupCheck,
  staleResolvedCheck,
  sentenceCountCheck,
  lengthCheck,
  quotesCheck,
  punctuationCheck,
  doubledWordsCheck,
  whitespaceCheck,
];

const NOTHING: ReadonlySet<string> = new Set();
const NOT_BLANK = /\S/;

export interface RunChecksOptions {
  /** Check ids ('numbers') or rule ids ('numbers-extra') not to run or report. */
  readonly disabled?: readonly string[];
  /** Severity per rule id, replacing the default; 'off' drops the rule's findings. */
  readonly severities?: Readonly<Record<string, Severity | 'off'>>;
}

/**
 * Every finding of every enabled check for one segment, in registry order, then in the order each check
 * reports them. A segment without a target is only seen by checks that ask for it (`runsOnEmptyTarget`).
 * A machine target that is the mock backend's pseudo-translation is not a translation to check: only its
 * markup is (a human status on it is reported by `untranslated-mock`).
 */
export function runChecks(segment: QaSegment, context: QaContext, options: RunChecksOptions = {}): Finding[] {
  return runChecksOnSegments([segment], context, options)[0] ?? [];
}

/**
 * `runChecks` for many segments at once: the same findings per segment, in the same order, computed
 * check by check. Running one check over all segments before the next keeps its code and patterns hot,
 * which makes a whole run's QA about a quarter faster than segment by segment.
 */
export function runChecksOnSegments(segments: readonly QaSegment[], context: QaContext, options: RunChecksOptions = {}): Finding[][] {
  const disabled = options.disabled === undefined || options.disabled.length === 0 ? NOTHING : new Set(options.disabled);
  const severities = options.severities ?? {};
  const results: Finding[][] = segments.map(() => []);
  const empty = segments.map((segment) => !NOT_BLANK.test(segment.target));
  const skipped = segments.map((segment, i) => empty[i] !== true && !HUMAN_STATUSES.has(segment.status) && MOCK_MARKER.test(segment.target));
  for (const check of CHECKS) {
    if (disabled.has(check.id)) continue;
    for (let i = 0; i < segments.length; i++) {
      const segment = segments[i];
      const findings = results[i];
      // Markup is checked on a pseudo-translation too: it is what the backend's answer did to the placeholders.
      if (segment === undefined || findings === undefined || (skipped[i] === true && check.id !== 'markup')) continue;
      if (empty[i] === true && check.runsOnEmptyTarget !== true) continue;
      for (const finding of check.run(segment, context)) {
        if (disabled.has(finding.rule)) continue;
        const severity = severities[finding.rule] ?? finding.severity;
        if (severity === 'off') continue;
        findings.push(severity === finding.severity ? finding : { ...finding, severity });
      }
    }
  }
  return results;
}

/** Every rule of the registry with its check, for documentation and configuration. */
export function listRules(): Array<{ readonly check: string; readonly rule: string; readonly severity: Severity; readonly description: string }> {
  return CHECKS.flatMap((check) =>
    Object.entries(check.rules).map(([rule, info]) => ({ check: check.id, rule, severity: info.severity, description: info.description })),
  );
}
