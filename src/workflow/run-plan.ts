// Plan a run: read every review file, feed people's work into the memory, plan each document, and
// gather what still needs the backend (unique texts per language) with its cost. Reads files, writes none:
// --dry-run, --frozen and --max-characters are answered from this plan alone.
import { BitextError } from '../core/errors.js';
import type { LanguageCode } from '../core/types.js';
import type { BackendLimits } from '../backends/types.js';
import type { Glossary } from '../glossary/types.js';
import { resolvedTerms } from '../glossary/resolve-terms.js';
import { characterCount, itemBytes, type WorkItem } from './execute.js';
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
  /**
   * Sentences too large for one request of the backend, with their file and line: not sent (they stay
   * `new`), the rest of the run goes on, and the run ends with exit 4.
   */
  readonly oversized: readonly BitextError[];
}

export async function planRun(project: Project, now: Date, limits?: BackendLimits): Promise<RunPlan> {
  const planned = await planProject(project, now);
  return withWork(planned, project.glossary, limits);
}

/** The same plan for a subset of its jobs (those whose files can be written). */
export function withWork(planned: ProjectPlan, glossary: Glossary | undefined, limits?: BackendLimits): RunPlan {
  const { work, oversized } = collectWork(planned.jobs, glossary, limits);
  const cost = costOf(work);
  return { ...planned, work, cost, characters: cost.reduce((n, c) => n + c.characters, 0), oversized };
}

export function costOf(pending: ReadonlyMap<LanguageCode, readonly WorkItem[]>): LanguageCost[] {
  return [...pending].map(([lang, items]) => ({
    lang,
    segments: items.length,
    characters: items.reduce((n, item) => n + characterCount(item.backend.text), 0),
  }));
}


/**
 * Unique texts per language still needing the backend, with their paragraph and glossary spans. A text
 * larger than one request may carry (`limits.maxBytes`) cannot be sent at all: it is left out and reported
 * at each place it stands, instead of stopping the run when the backend refuses it.
 */
export function collectWork(
  jobs: readonly Job[],
  glossary: Glossary | undefined,
  limits?: BackendLimits,
): { work: Map<LanguageCode, WorkItem[]>; oversized: BitextError[] } {
  const work = new Map<LanguageCode, Map<string, WorkItem>>();
  const oversized: BitextError[] = [];
  const reported = new Set<string>();
  for (const { plan } of jobs) {
    for (const paragraph of plan.paragraphs) {
      for (const segment of paragraph.segments) {
        if (!segment.need || segment.base.source.trim() === '') continue;
        let byText = work.get(plan.lang);
        if (!byText) work.set(plan.lang, (byText = new Map()));
        if (byText.has(segment.base.source)) continue;
        const item: WorkItem = {
          text: segment.base.source,
          context: paragraph.segments.length > 1 ? segment.context : '',
          backend: toBackendSegment(segment.segment, resolvedTerms(glossary, segment.segment.plain, plan.lang)),
          segment: segment.segment,
          format: plan.source.format,
        };
        const bytes = itemBytes(item);
        if (limits !== undefined && bytes > limits.maxBytes) {
          // Once per place in a source, however many languages it would go to.
          const where = `${plan.source.path}:${paragraph.block.line}:${segment.base.source}`;
          if (!reported.has(where)) {
            reported.add(where);
            oversized.push(
              new BitextError(
                'input',
                `a sentence of ${bytes.toLocaleString('en')} bytes, more than the backend takes in one request ` +
                  `(${limits.maxBytes.toLocaleString('en')}); it is not sent and stays new. Split it into shorter sentences ` +
                  `(a paragraph without full stops reads as one sentence)`,
                { file: plan.source.path, line: paragraph.block.line },
              ),
            );
          }
          continue;
        }
        byText.set(segment.base.source, item);
      }
    }
  }
  const nonEmpty = [...work].filter(([, byText]) => byText.size > 0);
  return { work: new Map(nonEmpty.map(([lang, byText]) => [lang, [...byText.values()]])), oversized };
}
