// Runs one check on a segment the way the registry would, for table-driven tests.
import type { SegmentStatus } from '../../src/core/types.js';
import type { Check, Finding, QaSegment } from '../../src/qa/types.js';

export function runCheck(
  check: Check,
  lang: string,
  source: string,
  target: string,
  extra: Partial<QaSegment> & { status?: SegmentStatus } = {},
): Finding[] {
  return check.run({ id: 's1', source, target, status: 'reviewed', ...extra }, { sourceLanguage: 'de', targetLanguage: lang });
}

export const rulesOf = (findings: readonly Finding[]): string[] => findings.map((finding) => finding.rule);
