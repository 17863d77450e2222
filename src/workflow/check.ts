// check = the QA of every review file, as translate would see it, without sending or writing anything:
// read → plan (alignment, memory, stale resolutions) → the checks. Findings name the review file and the
// line of the segment as the file is now, so an editor can jump there.
import type { BitextError } from '../core/errors.js';
import type { Diagnostic } from '../core/types.js';
import { loadProject, type ProjectOptions } from './project.js';
import { planRun } from './run-plan.js';
import { previewResults } from './write-results.js';
import { withSkipped } from './settled.js';

export interface CheckReport {
  /** Every finding, document by document, in document order. */
  readonly findings: readonly Diagnostic[];
  /** Warnings about the project itself (glossary keys, config). */
  readonly warnings: readonly Diagnostic[];
  readonly documents: number;
  /** Review files that could not be read; nothing was checked in them. */
  readonly problems: readonly BitextError[];
}

export async function checkTranslations(options: ProjectOptions & { readonly now: () => Date }): Promise<CheckReport> {
  // A document the last translate run left settled, whose source and review file are the bytes it
  // recorded, has the findings it recorded: not parsed or checked again (run-state.ts).
  const project = await loadProject({ ...options, fastPath: {} });
  const plan = await planRun(project, options.now());
  // Only files that exist are checked: a document not translated yet has nothing to check.
  const jobs = plan.jobs.filter((job) => job.readBytes !== undefined);
  const preview = await previewResults(jobs, project, '', plan.memories);
  // A review file written for an older version of its source is not what will be published: the gate says
  // so (publish refuses it too), before the findings of the file as translate would make it.
  const outdated = jobs.flatMap((job): Diagnostic[] =>
    job.plan.previous !== undefined && job.plan.previous.source.hash !== job.plan.source.hash
      ? [
          {
            severity: 'error',
            rule: 'review-outdated',
            message: `written for an older version of ${job.plan.source.path}: the source changed since`,
            hint: `run bitext translate --to ${job.plan.lang}, then review what changed`,
            file: job.shown,
            line: 1,
          },
        ]
      : [],
  );
  // Requests in the files that cannot be done (a `join` with nothing to join, a source line typed over) first.
  const merged = withSkipped(project, preview.files);
  return { findings: [...outdated, ...plan.warnings, ...merged.diagnostics], warnings: project.warnings, documents: merged.documents.length, problems: plan.problems };
}
