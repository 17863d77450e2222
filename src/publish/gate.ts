// The gate between review and readers. Pure: given a document's source segments, its review file and its
// QA findings, decide what each segment publishes, or why the document may not be published.
//
// By default only `approved` segments are published; one segment that is not (or is stale, or has an
// error-level finding) stops the document, and the gate says which, where and why. `includeUnreviewed`
// publishes such a document anyway, with the best translation there is (a person's target, else machine
// output; for a stale segment its fresh draft, else the old target) and names every segment that was not
// approved. A segment with no translation at all is never published, with or without the flag: a document
// is never put out half in German.
import type { Block, Diagnostic, SegmentId, SegmentStatus } from '../core/types.js';
import type { BilingualDocument, BilingualSegment } from '../bilingual/types.js';

export interface GateSegment {
  readonly id: SegmentId;
  readonly status: SegmentStatus;
  /** 1-based line of the segment in the review file. */
  readonly line: number | undefined;
}

export interface Blocker extends GateSegment {
  readonly reason: string;
  /** False for what no flag overrides (no translation at all). */
  readonly overridable: boolean;
}

export type GateResult =
  | {
      readonly ok: true;
      /** What each segment publishes, block by block. */
      readonly targets: readonly (readonly string[])[];
      /** Segments published although not approved (only with `includeUnreviewed`). */
      readonly unreviewed: readonly GateSegment[];
    }
  | { readonly ok: false; readonly blockers: readonly Blocker[] };

export interface GateInput {
  readonly blocks: readonly Block[];
  /** The review file's segments in document order, one per source segment. */
  readonly segments: readonly BilingualSegment[];
  readonly findings: readonly Diagnostic[];
  readonly lines: ReadonlyMap<SegmentId, number>;
  readonly includeUnreviewed: boolean;
}

export function gate(input: GateInput): GateResult {
  const errors = new Map<SegmentId, Diagnostic[]>();
  for (const finding of input.findings) {
    if (finding.severity !== 'error' || finding.segmentId === undefined) continue;
    const list = errors.get(finding.segmentId);
    if (list === undefined) errors.set(finding.segmentId, [finding]);
    else list.push(finding);
  }
  const blockers: Blocker[] = [];
  const unreviewed: GateSegment[] = [];
  const targets: string[][] = [];
  let at = 0;
  for (const block of input.blocks) {
    const row: string[] = [];
    for (let k = 0; k < block.segments.length; k++) {
      const segment = input.segments[at++];
      if (segment === undefined) continue;
      const where: GateSegment = { id: segment.id, status: segment.status, line: input.lines.get(segment.id) };
      const published = publishable(segment);
      const problems = errors.get(segment.id) ?? [];
      if (published === undefined) {
        blockers.push({ ...where, reason: 'has no translation', overridable: false });
        continue;
      }
      // A `previous source:` line under a human status: the source changed and the target may not have.
      const unresolved = segment.status !== 'stale' && segment.previousSource !== undefined;
      const approved = segment.status === 'approved' && problems.length === 0 && !unresolved;
      if (!approved) {
        const reason = unresolved
          ? `still has its "previous source:" line: the source changed since this translation was made; fix the target, then run bitext translate`
          : problems.length > 0
            ? `has ${problems.length === 1 ? 'an error' : `${problems.length} errors`}: ${problems.map((p) => `${p.message} (${p.rule})`).join('; ')}`
            : segment.status === 'stale'
              ? 'is stale: its source changed after the translation was made'
              : `is ${segment.status}, not approved`;
        if (!input.includeUnreviewed) blockers.push({ ...where, reason, overridable: true });
        else unreviewed.push(where);
      }
      row.push(published);
    }
    targets.push(row);
  }
  if (blockers.length > 0) return { ok: false, blockers };
  return { ok: true, targets, unreviewed };
}

/** The best translation a segment has, or undefined when it has none. */
function publishable(segment: BilingualSegment): string | undefined {
  if (segment.status === 'new') return undefined; // new: untranslated, or machine output a reviewer rejected
  if (segment.status === 'stale' && segment.draft !== undefined && segment.draft !== '') return segment.draft;
  return segment.target === '' ? undefined : segment.target;
}

/** Segment pairs of a source and its review file, in order; undefined when the review file is out of date. */
export function pairSegments(blocks: readonly Block[], doc: BilingualDocument): BilingualSegment[] | undefined {
  const review = doc.paragraphs.flatMap((p) => p.segments);
  const source = blocks.flatMap((b) => b.segments);
  if (review.length !== source.length) return undefined;
  return review.every((segment, i) => segment.source === source[i]?.text) ? review : undefined;
}
