import { resolve } from 'node:path';
import type { BitextError } from '../core/errors.js';
import type { Diagnostic, LanguageCode, SourceDocument } from '../core/types.js';
import { segmentLines } from '../bilingual/index.js';
import { compileRules, type RuleRecord } from '../segmentation/rules.js';
import { readSource } from '../sources/read-sources.js';
import { readReviewRequests } from './review-requests.js';
import { newRecords } from './segmentation-file.js';
import { HUMAN_STATUSES } from '../core/types.js';
import type { BilingualDocument } from '../bilingual/types.js';
import type { MemoryEntry, TranslationMemory } from '../memory/index.js';
import { addToMemory, readMemory } from '../memory/index.js';
import { shownPath } from './layout.js';
import { planDocument, reviewedSegments, type DocumentPlan, type PlanResources } from './plan.js';
import { rejectsMachineOutput } from './align.js';
import { bilingualPath, DEFAULT_STYLE, readPrevious, type FileStyle, type Project } from './project.js';

export interface Job {
  readonly plan: DocumentPlan;
  /** Absolute path of the bilingual file, and how to show it. */
  readonly path: string;
  readonly shown: string;
  /** The file's bytes when it was read (undefined: it did not exist), to notice a save during the run. */
  readonly readBytes: Buffer | undefined;
  readonly style: FileStyle;
  /** What the planner could fill without the backend, kept to plan again if the file changes mid-run. */
  readonly resources: PlanResources;
}

export interface ProjectPlan {
  readonly jobs: readonly Job[];
  /** Joins and splits reviewers asked for that the project's rules did not hold yet: written with the run. */
  readonly learned: readonly RuleRecord[];
  /** Requests in review files that could not be done, source lines put back (with file and line). */
  readonly warnings: readonly Diagnostic[];
  /** The sources as planned: segmented again when the run learned rules. */
  readonly sources: readonly SourceDocument[];
  /** Reviewer files that could not be read; their documents are left alone. */
  readonly problems: readonly BitextError[];
  /** The memory per language, with the human work found in the reviewers' files added. */
  readonly memories: ReadonlyMap<LanguageCode, TranslationMemory>;
}

/**
 * Reads every reviewer file, feeds human work into the memory, then plans each document. A join or a split
 * a reviewer asked for changes the segmentation of every document: the sources are segmented again with
 * the new rules and planned once more (the requests and their warnings are those of the first reading).
 */
export async function planProject(project: Project, now: Date): Promise<ProjectPlan> {
  const first = await planSources(project, project.sources, now);
  const learned = newRecords(
    project.segmentation,
    first.jobs.flatMap((job) => job.plan.rules.map((rule) => ({ ...rule, from: job.shown }))),
    now,
  );
  const warnings = first.jobs.flatMap((job) => placed(job.plan.warnings, job));
  if (learned.length === 0) return { ...first, learned, warnings, sources: project.sources };
  const rules = compileRules([...project.segmentation.records, ...learned]);
  const sources = await Promise.all(project.sources.map((doc) => readSource(resolve(project.cwd, doc.path), { ...project.readOptions, segmentation: rules })));
  const second = await planSources(project, sources, now);
  return { ...second, learned, warnings, sources };
}

/** Warnings of a plan with the file and the line where the segment stands in the file as read. */
function placed(warnings: readonly Diagnostic[], job: Job): Diagnostic[] {
  if (warnings.length === 0) return [];
  const lines = job.readBytes === undefined ? new Map<string, number>() : segmentLines(job.readBytes.toString('utf8'));
  return warnings.map((w) => ({ ...w, file: job.shown, ...(w.segmentId !== undefined && lines.has(w.segmentId) ? { line: lines.get(w.segmentId)! } : {}) }));
}

async function planSources(
  project: Project,
  sources: readonly SourceDocument[],
  now: Date,
): Promise<Omit<ProjectPlan, 'learned' | 'warnings' | 'sources'>> {
  const problems: BitextError[] = [];
  const memories = new Map<LanguageCode, TranslationMemory>();
  const jobs: Job[] = [];
  for (const lang of project.targets) {
    const loaded: { source: SourceDocument; path: string; shown: string; previous?: { doc: BilingualDocument; bytes: Buffer; style: FileStyle } }[] = [];
    const human: MemoryEntry[] = [];
    const machineTargets = new Map<string, string>();
    const rejected = new Set<string>();
    for (const source of sources) {
      const path = bilingualPath(project.layout, lang, source);
      const shown = shownPath(project.layout, path);
      const previous = await readPrevious(path, shown);
      if (previous.kind === 'damaged') {
        problems.push(previous.error);
        continue;
      }
      if (previous.kind === 'ok') {
        // The file as the planner reads it: a source line typed over is not a sentence of the source.
        const file = readReviewRequests(previous.doc, source).doc;
        human.push(...humanEntries(file, now));
        for (const s of file.paragraphs.flatMap((p) => p.segments)) if (rejectsMachineOutput(s)) rejected.add(s.source);
        for (const s of reviewedSegments(file)) if (s.status === 'machine' && s.target !== '') machineTargets.set(s.source, s.target);
      }
      loaded.push({ source, path, shown, ...(previous.kind === 'ok' ? { previous } : {}) });
    }
    const pair = { source: project.layout.sourceLanguage, target: lang };
    const memory = addToMemory(await readMemory(project.layout.memory, pair, shownPath(project.layout, project.layout.memory)), human).memory;
    memories.set(lang, memory);
    const resources = { memory, machineTargets, rejected };
    for (const { source, path, shown, previous } of loaded) {
      jobs.push({
        plan: planDocument(source, lang, previous?.doc, resources),
        path,
        shown,
        readBytes: previous?.bytes,
        style: previous?.style ?? DEFAULT_STYLE,
        resources,
      });
    }
  }
  return { jobs, problems, memories };
}

/** The work of people in a reviewer's file, as memory entries. */
export function humanEntries(doc: BilingualDocument, now: Date): MemoryEntry[] {
  return reviewedSegments(doc)
    .filter((s) => s.target !== '' && HUMAN_STATUSES.has(s.status))
    .map((s) => ({
      source: s.source,
      target: s.target,
      origin: 'human',
      status: s.status,
      document: doc.source.path,
      ...(s.comment === undefined ? {} : { note: s.comment }),
      changed: now.toISOString(),
    }));
}
