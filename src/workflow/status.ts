import type { LanguageCode, SegmentStatus } from '../core/types.js';
import type { BitextError } from '../core/errors.js';
import { SEGMENT_STATUSES } from '../core/types.js';
import { characterCount } from './execute.js';
import { loadProject, type ProjectOptions } from './project.js';
import { planProject } from './plan-project.js';

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

export interface StatusReport {
  readonly documents: readonly DocumentStatus[];
  readonly problems: readonly BitextError[];
}

/** Per document and language: counts by state, stale segments and the cost of the next run. Writes nothing. */
export async function projectStatus(options: ProjectOptions & { readonly now: () => Date }): Promise<StatusReport> {
  const project = await loadProject(options);
  const { jobs, problems } = await planProject(project, options.now());
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
  return { documents, problems };
}
