// QA of a review file: every segment, as the checks in `src/qa/` see it — plain text on both sides (markup
// removed, one U+FFFC per inline code), the glossary terms of the source (the one lookup), the markup
// differences the source format found, and a stale segment a person just resolved. The checks are pure;
// this is the one place that prepares their input, for translate, check and publish alike.
import type { Diagnostic, LanguageCode, Segment, SegmentId, Severity, SourceFormatName } from '../core/types.js';
import { OBJECT_REPLACEMENT } from '../core/types.js';
import type { BilingualDocument, BilingualSegment } from '../bilingual/types.js';
import type { Glossary } from '../glossary/types.js';
import { qaTermsOf } from '../qa/terms.js';
import { runChecksOnSegments } from '../qa/checks/index.js';
import { RULE_IDS } from '../qa/rules.js';
import { didYouMean } from '../config/suggest.js';
import type { QaSegment } from '../qa/types.js';
import { formatByName } from '../sources/formats.js';
import type { ParsedTarget } from '../sources/format.js';

/** A stale segment a person set to a human status in this run, with the target it had while stale. */
export interface Resolution {
  readonly previousSource: string;
  readonly staleTarget: string;
}

/** What checks need besides the file itself. */
export interface CheckContext {
  readonly glossary: Glossary | undefined;
  /** The review file, as messages name it. */
  readonly file: string;
  /** The source segments (with their markup) by review-file id. */
  readonly sources?: ReadonlyMap<SegmentId, Segment>;
  readonly format?: SourceFormatName;
  readonly sourceLanguage?: LanguageCode;
  /** The project's choices: a severity per rule id, or `off`. */
  readonly rules?: Readonly<Record<string, Severity | 'off'>>;
  readonly resolutions?: ReadonlyMap<SegmentId, Resolution>;
}

function plainParts(parts: readonly { type: string; text?: string }[]): string {
  return parts.map((p) => (p.type === 'text' ? (p.text ?? '') : p.type === 'empty' ? OBJECT_REPLACEMENT : '')).join('');
}

/** One segment as the checks see it; `parsed` is its target read back, where it has markup to compare. */
export function toQaSegment(segment: BilingualSegment, context: CheckContext, lang: LanguageCode, parsed: ParsedTarget | undefined): QaSegment {
  const source = context.sources?.get(segment.id);
  const plainSource = source?.plain ?? segment.source;
  let target = segment.target;
  let markup: QaSegment['markup'];
  if (parsed !== undefined) {
    target = plainParts(parsed.parts);
    markup = parsed.problems;
  }
  const resolution = context.resolutions?.get(segment.id);
  return {
    id: segment.id,
    source: plainSource,
    target,
    status: segment.status,
    terms: qaTermsOf(context.glossary, plainSource, lang),
    ...(markup === undefined ? {} : { markup }),
    ...(resolution === undefined ? {} : { resolution }),
  };
}

/** The target read back against its source segment's markup, where it has markup to compare. */
function needsParse(segment: BilingualSegment, context: CheckContext): Segment | undefined {
  const source = context.sources?.get(segment.id);
  return source?.inline !== undefined && context.format !== undefined && segment.target !== '' ? source : undefined;
}

/** Every finding of the document, in document order. */
export function checkDocument(doc: BilingualDocument, context: CheckContext): Diagnostic[] {
  const segments = doc.paragraphs.flatMap((p) => p.segments);
  const lang = doc.targetLanguage;
  // The document's targets are read back in one batch (one parser run for most of them).
  const batch: { target: string; segment: Segment }[] = [];
  const at = segments.map((segment) => {
    const source = needsParse(segment, context);
    return source === undefined ? -1 : batch.push({ target: segment.target, segment: source }) - 1;
  });
  const parsed = batch.length === 0 ? [] : formatByName(context.format!).parseTargets(batch);
  const qa = segments.map((segment, i) => toQaSegment(segment, context, lang, at[i]! < 0 ? undefined : parsed[at[i]!]));
  const found = runChecksOnSegments(qa, { sourceLanguage: context.sourceLanguage ?? doc.source.language, targetLanguage: lang }, { severities: context.rules ?? {} });
  const diagnostics: Diagnostic[] = [];
  found.forEach((findings, i) => {
    const segment = segments[i]!;
    const at = { file: context.file, segmentId: segment.id };
    for (const f of findings) {
      if (!isAccepted(segment, f.rule)) diagnostics.push({ severity: f.severity, rule: f.rule, message: f.message, hint: f.hint, ...at });
    }
    for (const accepted of segment.accepted ?? []) {
      if (!knownRule(accepted.rule)) {
        diagnostics.push({
          severity: 'warning',
          rule: 'review-accept-unknown',
          message: `\`accept ${accepted.rule}\`: no check has this rule id, so nothing is silenced${didYouMean(accepted.rule, ACCEPTABLE)}`,
          hint: 'copy the rule id from the finding, e.g. "- accept numbers-changed: rounded in the source"',
          ...at,
        });
      }
    }
  });
  return diagnostics;
}

/**
 * A finding the reviewer accepted (`- accept <rule>: <reason>`) is not reported again for this segment.
 * A rule family (`numbers`) accepts every rule of it (`numbers-changed`, `numbers-missing`, …).
 */
function isAccepted(segment: BilingualSegment, rule: string): boolean {
  return segment.accepted?.some((a) => a.rule === rule || rule.startsWith(`${a.rule}-`)) ?? false;
}

/** What `- accept` takes: every rule id and every check (a rule family), for the "did you mean". */
const ACCEPTABLE: readonly string[] = [...RULE_IDS, ...new Set(RULE_IDS.map((id) => id.split('-')[0] ?? id))];

function knownRule(rule: string): boolean {
  return RULE_IDS.some((id) => id === rule || id.startsWith(`${rule}-`));
}
