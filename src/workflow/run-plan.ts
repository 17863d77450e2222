// Plan a run: read every review file, feed people's work into the memory, plan each document, and
// gather what still needs the backend (unique texts per language) with its cost. Reads files, writes none:
// --dry-run, --frozen and --max-characters are answered from this plan alone.
import type { LanguageCode } from '../core/types.js';
import type { Glossary } from '../glossary/types.js';
import { resolveTerms } from '../glossary/index.js';
import { characterCount, type WorkItem } from './execute.js';
import { toBackendSegment } from './markup.js';
import { planProject, type Job, type ProjectPlan } from './plan-project.js';
import type { Project } from './project.js';

export interface LanguageCost {
  readonly lang: LanguageCode;
  /** Unique texts to send (identical sentences are sent once). */
  readonly segments: number;
  /** Characters a provider bills: text runs and protected terms, never markup. */
  readonly characters: number;
}

export interface RunPlan extends ProjectPlan {
  /** The texts still to send, per language. */
  readonly work: ReadonlyMap<LanguageCode, readonly WorkItem[]>;
  readonly cost: readonly LanguageCost[];
  /** Characters of the whole run. */
  readonly characters: number;
}

export async function planRun(project: Project, now: Date): Promise<RunPlan> {
  const planned = await planProject(project, now);
  return withWork(planned, project.glossary);
}

/** The same plan for a subset of its jobs (those whose files can be written). */
export function withWork(planned: ProjectPlan, glossary: Glossary | undefined): RunPlan {
  const work = collectWork(planned.jobs, glossary);
  const cost = costOf(work);
  return { ...planned, work, cost, characters: cost.reduce((n, c) => n + c.characters, 0) };
}

export function costOf(pending: ReadonlyMap<LanguageCode, readonly WorkItem[]>): LanguageCost[] {
  return [...pending].map(([lang, items]) => ({
    lang,
    segments: items.length,
    characters: items.reduce((n, item) => n + characterCount(item.backend.text), 0),
  }));
}


/** Unique texts per language still needing the backend, with their paragraph and glossary spans. */
export function collectWork(jobs: readonly Job[], glossary: Glossary | undefined): Map<LanguageCode, WorkItem[]> {
  const work = new Map<LanguageCode, Map<string, WorkItem>>();
  for (const { plan } of jobs) {
    for (const paragraph of plan.paragraphs) {
      for (const segment of paragraph.segments) {
        if (!segment.need || segment.base.source.trim() === '') continue;
        let byText = work.get(plan.lang);
        if (!byText) work.set(plan.lang, (byText = new Map()));
        if (byText.has(segment.base.source)) continue;
        byText.set(segment.base.source, {
          text: segment.base.source,
          context: paragraph.segments.length > 1 ? segment.context : '',
          backend: toBackendSegment(segment.segment, resolveTerms(glossary, segment.segment.plain, plan.lang)),
          segment: segment.segment,
          format: plan.source.format,
        });
      }
    }
  }
  return new Map([...work].map(([lang, byText]) => [lang, [...byText.values()]]));
}
