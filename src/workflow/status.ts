import type { Diagnostic, LanguageCode, SegmentId, SegmentStatus } from '../core/types.js';
import type { BitextError } from '../core/errors.js';
import { HUMAN_STATUSES, SEGMENT_STATUSES } from '../core/types.js';
import { segmentLines } from '../bilingual/index.js';
import { characterCount } from './execute.js';
import { loadProject, type ProjectOptions } from './project.js';
import { planProject } from './plan-project.js';
import { previewResults } from './write-results.js';

export interface DocumentStatus {
  readonly source: string;
  readonly lang: LanguageCode;
  readonly file: string;
  /** False when there is no bilingual file yet. */
  readonly exists: boolean;
  readonly counts: Record<SegmentStatus, number>;
  /** Ids of stale segments (their source changed since the target was made). */
  readonly stale: readonly string[];
  /** What the next `translate` would send for this document (before de-duplication across documents). */
  readonly next: { readonly segments: number; readonly characters: number };
}

/** A segment that still needs a person, where it stands in the review file as it is now. */
export interface TodoItem {
  readonly file: string;
  /** Line of the segment's marker; absent when the file does not hold the segment yet. */
  readonly line?: number;
  readonly id: SegmentId;
  /** The status the file shows (`new`, `machine`, `stale`, `edited`), or the reviewed status of a segment with an error. */
  readonly status: SegmentStatus;
  readonly source: string;
  /** QA errors of the segment (an error blocks publishing whatever the status). */
  readonly errors: readonly Diagnostic[];
}

export interface StatusReport {
  readonly documents: readonly DocumentStatus[];
  readonly problems: readonly BitextError[];
  /** With `todo`: every segment not yet reviewed or approved, and every segment with a QA error, in file order. */
  readonly todo?: readonly TodoItem[];
}

/** Per document and language: counts by state, stale segments and the cost of the next run. Writes nothing. */
export async function projectStatus(options: ProjectOptions & { readonly now: () => Date; readonly todo?: boolean }): Promise<StatusReport> {
  const project = await loadProject(options);
  const planned = await planProject(project, options.now());
  const { jobs, problems } = planned;
  const documents = jobs.map(({ plan, shown }) => {
    const segments = plan.paragraphs.flatMap((p) => p.segments);
    const counts = Object.fromEntries(SEGMENT_STATUSES.map((status) => [status, 0])) as Record<SegmentStatus, number>;
    for (const s of segments) counts[s.base.status]++;
    const pending = segments.filter((s) => s.need);
    return {
      source: plan.source.path,
      lang: plan.lang,
      file: shown,
      exists: plan.previous !== undefined,
      counts,
      stale: segments.filter((s) => s.base.status === 'stale').map((s) => s.base.id),
      next: { segments: pending.length, characters: pending.reduce((n, s) => n + characterCount(s.base.source), 0) },
    };
  });
  if (!options.todo) return { documents, problems };
  // The QA of each file as translate would see it, lines as the file is now.
  const existing = jobs.filter((job) => job.readBytes !== undefined);
  const preview = await previewResults(existing, project, '', planned.memories);
  const errors = new Map<string, Diagnostic[]>();
  for (const d of [...planned.warnings, ...preview.diagnostics]) {
    if (d.severity !== 'error' || d.segmentId === undefined || d.file === undefined) continue;
    const key = `${d.file}\u0000${d.segmentId}`;
    errors.set(key, [...(errors.get(key) ?? []), d]);
  }
  const todo: TodoItem[] = [];
  for (const job of jobs) {
    const lines = job.readBytes === undefined ? new Map<string, number>() : segmentLines(job.readBytes.toString('utf8'));
    const shown = new Map(job.plan.previous?.paragraphs.flatMap((p) => p.segments.map((s) => [s.id, s.status] as const)) ?? []);
    for (const { base } of job.plan.paragraphs.flatMap((p) => p.segments)) {
      const status = shown.get(base.id) ?? base.status;
      const found = errors.get(`${job.shown}\u0000${base.id}`) ?? [];
      if (HUMAN_STATUSES.has(status) && status !== 'edited' && found.length === 0) continue;
      const line = lines.get(base.id);
      todo.push({ file: job.shown, ...(line === undefined ? {} : { line }), id: base.id, status, source: base.source, errors: found });
    }
  }
  return { documents, problems, todo };
}
