import { readFile } from 'node:fs/promises';
import { BitextError, type BackendError } from '../core/errors.js';
import type { Diagnostic, LanguageCode, ProgressListener, SegmentStatus } from '../core/types.js';
import { countStatuses } from '../bilingual/index.js';
import type { BilingualDocument } from '../bilingual/types.js';
import type { GlossaryRef, TranslationBackend } from '../backends/types.js';
import { assertBackendName, createBackend } from '../backends/registry.js';
import type { Glossary } from '../glossary/types.js';
import { resolveTerms } from '../glossary/index.js';
import type { MemoryEntry, TranslationMemory } from '../memory/index.js';
import { addToMemory, memoryPath, serializeMemory, writeMemory } from '../memory/index.js';
import { checkWritable, replaceFile } from '../io/atomic-write.js';
import { releaseAll } from '../io/lock.js';
import { shownPath } from './layout.js';
import { applyPlan, checkDocument, renderDocument, sourcesOf } from './apply.js';
import { toBackendSegment } from './markup.js';
import { characterCount, emptyStats, executeBatches, planBatches, type ExecutionStats, type Received, type WorkItem } from './execute.js';
import { planDocument, type DocumentPlan } from './plan.js';
import { humanEntries, planProject, type Job } from './plan-project.js';
import { DEFAULT_STYLE, loadProject, lockProject, readPrevious, withStyle, type FileStyle, type Project, type ProjectOptions } from './project.js';

export interface TranslateOptions extends ProjectOptions {
  readonly backend: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly now: () => Date;
  readonly dryRun?: boolean;
  /** Fail (without sending or writing) when anything would be sent or any file would change. */
  readonly frozen?: boolean;
  /** Refuse to start a run that would send more characters than this. */
  readonly maxCharacters?: number;
  /** Send the paragraph as context (default true). */
  readonly context?: boolean;
  readonly concurrency?: number;
  readonly backendSettings?: Readonly<Record<string, string>>;
  readonly onProgress?: ProgressListener;
  readonly retryBaseMs?: number;
}

export interface DocumentReport {
  readonly source: string;
  readonly lang: LanguageCode;
  /** The bilingual file, relative to the project. */
  readonly file: string;
  /** `skipped`: a new file that would hold no translation because the backend failed; not created. */
  readonly outcome: 'written' | 'unchanged' | 'skipped' | 'would-write';
  readonly counts: Record<SegmentStatus, number>;
  /** Segments filled from the translation memory (0 characters billed). */
  readonly memoryHits: number;
  /** Segments filled with machine output the project already had for the same sentence (0 billed). */
  readonly reused: number;
  /** Segments of this document that needed the backend (before de-duplication across documents). */
  readonly toSend: number;
}

export interface LanguageCost {
  readonly lang: LanguageCode;
  /** Unique texts to send (identical sentences are sent once). */
  readonly segments: number;
  readonly characters: number;
}

export interface TranslateReport {
  /** `dry-run` and `frozen` send and write nothing. */
  readonly mode: 'run' | 'dry-run' | 'frozen';
  readonly backend: string;
  readonly documents: readonly DocumentReport[];
  readonly cost: readonly LanguageCost[];
  /** The texts still to send, per language. */
  readonly pending: ReadonlyMap<LanguageCode, readonly WorkItem[]>;
  readonly stats: ExecutionStats;
  readonly diagnostics: readonly Diagnostic[];
  /** Files that could not be read or written; left untouched, the rest of the run went on. */
  readonly problems: readonly BitextError[];
  /** Set when the backend stopped the run; everything received before is saved. */
  readonly backendError?: BackendError;
  readonly usage?: { readonly characterCount: number; readonly characterLimit: number };
}

const NO_STATS: ExecutionStats = emptyStats();

/**
 * translate = load → read reviewers' files → plan (alignment, memory) → send only what is missing →
 * apply → write atomically. The plan is data, so --dry-run, --frozen and --max-characters need no backend
 * and touch no file.
 */
export async function translate(options: TranslateOptions): Promise<TranslateReport> {
  const backendName = assertBackendName(options.backend);
  const project = await loadProject(options);
  if (options.dryRun || options.frozen) return checkProject(project, backendName, options.frozen ? 'frozen' : 'dry-run', options.now());
  const locks = await lockProject(project.layout, options.now());
  try {
    return await runTranslate(project, backendName, options);
  } finally {
    await releaseAll(locks);
  }
}

async function checkProject(project: Project, backend: string, mode: 'dry-run' | 'frozen', now: Date): Promise<TranslateReport> {
  const { jobs, problems, memories } = await planProject(project, now);
  const pending = collectWork(jobs, project.glossary);
  const cost = costOf(pending);
  const diagnostics: Diagnostic[] = [...project.warnings];
  const documents = jobs.map((job) => {
    const { doc, findings, markdown } = renderJob(job.plan, undefined, project, backend, job.shown, job.style);
    diagnostics.push(...findings);
    return report(job, doc, job.readBytes?.equals(Buffer.from(markdown)) ? 'unchanged' : 'would-write');
  });
  if (mode === 'frozen') {
    const outdated = documents.filter((d) => d.outcome === 'would-write').map((d) => d.file);
    for (const memory of memories.values()) if (await memoryWouldChange(project.layout.memory, memory)) outdated.push(shownPath(project.layout, memoryPath(project.layout.memory, memory.pair)));
    const characters = cost.reduce((n, c) => n + c.characters, 0);
    if (characters > 0 || outdated.length > 0) {
      const segments = cost.reduce((n, c) => n + c.segments, 0);
      const files = `${outdated.length} files to update${outdated.length ? ` (${outdated.join(', ')})` : ''}`;
      throw new BitextError('frozen', `--frozen: translations are out of date: ${segments} segments (${characters} characters) to send, ${files}`);
    }
  }
  return { mode, backend, documents, cost, pending, problems, diagnostics, stats: NO_STATS };
}

async function runTranslate(project: Project, backendName: string, options: TranslateOptions): Promise<TranslateReport> {
  const planned = await planProject(project, options.now());
  const problems = [...planned.problems];
  const memories = new Map(planned.memories);
  const budget = costOf(collectWork(planned.jobs, project.glossary)).reduce((n, c) => n + c.characters, 0);
  if (options.maxCharacters !== undefined && budget > options.maxCharacters) {
    throw new BitextError(
      'budget',
      `this run would send ${budget} characters, more than --max-characters ${options.maxCharacters}; nothing was sent (see --dry-run)`,
    );
  }
  // The backend checks its configuration (key, settings) when created: before any folder is made.
  const backend =
    budget > 0
      ? await createBackend(backendName, {
          env: options.env,
          ...(options.onProgress ? { onProgress: options.onProgress } : {}),
          ...(options.concurrency !== undefined ? { concurrency: options.concurrency } : {}),
          ...(options.backendSettings ? { settings: options.backendSettings } : {}),
        })
      : undefined;
  // Every output must be writable before a character is paid for.
  const jobs: Job[] = [];
  for (const job of planned.jobs) {
    try {
      await checkWritable(job.path, { root: project.layout.translations, displayPath: job.shown });
      jobs.push(job);
    } catch (error) {
      if (!(error instanceof BitextError)) throw error;
      problems.push(error);
    }
  }
  const pending = collectWork(jobs, project.glossary);
  const cost = costOf(pending);

  let stats = NO_STATS;
  let backendError: BackendError | undefined;
  let translations: ReadonlyMap<LanguageCode, ReadonlyMap<string, Received>> = new Map();
  let usage: TranslateReport['usage'];
  if (backend && pending.size > 0) {
    const glossaries = await prepareGlossaries(backend, project.glossary, project.layout.sourceLanguage, [...pending.keys()]);
    const batches = planBatches(pending, project.layout.sourceLanguage, backend.limits, options.context ?? true);
    const result = await executeBatches(backend, batches, {
      glossaries,
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      ...(options.concurrency !== undefined ? { concurrency: options.concurrency } : {}),
      ...(options.retryBaseMs !== undefined ? { retryBaseMs: options.retryBaseMs } : {}),
    });
    stats = result.stats;
    backendError = result.error;
    translations = result.translations;
    usage = await backend.getUsage?.().catch(() => undefined);
  }

  const documents: DocumentReport[] = [];
  const diagnostics: Diagnostic[] = [...project.warnings];
  for (const job of jobs) {
    try {
      documents.push(
        await writeJob(job, project, translations.get(job.plan.lang), backendName, memories, {
          diagnostics,
          skipEmptyNew: backendError !== undefined,
          now: options.now(),
        }),
      );
    } catch (error) {
      if (!(error instanceof BitextError)) throw error;
      problems.push(error);
      // The file could not be written, but its translations are paid for: keep them in the memory, so
      // the next run fills them without sending them again.
      const salvaged = salvage(job, translations.get(job.plan.lang), options.now());
      memories.set(job.plan.lang, addToMemory(memories.get(job.plan.lang)!, salvaged).memory);
    }
  }
  for (const memory of memories.values()) {
    if (memory.entries.length === 0) continue;
    try {
      await writeMemory(project.layout.memory, memory, shownPath(project.layout, project.layout.memory));
    } catch (error) {
      if (!(error instanceof BitextError)) throw error;
      problems.push(error);
    }
  }
  return {
    mode: 'run',
    backend: backendName,
    documents,
    cost,
    pending,
    problems,
    diagnostics,
    stats,
    ...(backendError ? { backendError } : {}),
    ...(usage ? { usage } : {}),
  };
}

/**
 * Applies the translations received and writes the file when its bytes change. If a person saved the
 * file while the run was under way (seen before writing or just before the rename), their version is
 * planned again with the translations already received, so a save in the middle of a run is never lost.
 */
async function writeJob(
  job: Job,
  project: Project,
  translations: ReadonlyMap<string, Received> | undefined,
  backendName: string,
  memories: Map<LanguageCode, TranslationMemory>,
  mode: { diagnostics: Diagnostic[]; skipEmptyNew: boolean; now: Date },
): Promise<DocumentReport> {
  let { plan, style } = job;
  let expected = job.readBytes ?? null;
  for (let attempt = 1; ; attempt++) {
    const rendered = renderJob(plan, translations, project, backendName, job.shown, style);
    if (mode.skipEmptyNew && !plan.previous && rendered.empty) return report(job, rendered.doc, 'skipped', plan);
    const outcome = await replaceFile(job.path, rendered.markdown, { root: project.layout.translations, displayPath: job.shown, expected });
    if (outcome !== 'conflict') {
      mode.diagnostics.push(...rendered.findings);
      return report(job, rendered.doc, outcome, plan);
    }
    if (attempt === 3) {
      throw new BitextError('output', `${job.shown}: keeps changing while bitext writes it; close it in the editor and run again`, { file: job.shown });
    }
    const previous = await readPrevious(job.path, job.shown);
    if (previous.kind === 'damaged') throw previous.error;
    let resources = job.resources;
    if (previous.kind === 'ok') {
      const memory = addToMemory(memories.get(plan.lang)!, humanEntries(previous.doc, mode.now)).memory;
      memories.set(plan.lang, memory);
      resources = { ...resources, memory };
    }
    plan = planDocument(plan.source, plan.lang, previous.kind === 'ok' ? previous.doc : undefined, resources);
    expected = previous.kind === 'ok' ? previous.bytes : null;
    style = previous.kind === 'ok' ? previous.style : DEFAULT_STYLE;
  }
}

/** Plan + translations → the reviewer's file, with its QA findings. */
function renderJob(
  plan: DocumentPlan,
  translations: ReadonlyMap<string, Received> | undefined,
  project: Project,
  backend: string,
  shown: string,
  style: FileStyle,
): { doc: BilingualDocument; findings: Diagnostic[]; markdown: string; empty: boolean } {
  const doc = applyPlan(plan, translations, { backend, glossaryHash: project.glossary?.hash ?? '', sourceLanguage: project.layout.sourceLanguage });
  const context = { glossary: project.glossary, file: shown, sources: sourcesOf(plan), format: plan.source.format };
  const findings = checkDocument(doc, context);
  const markdown = withStyle(renderDocument(doc, context, findings), style);
  const empty = doc.paragraphs.every((p) => p.segments.every((s) => s.target === ''));
  return { doc, findings, markdown, empty };
}

/** The translations a job received, as machine entries for the memory. */
function salvage(job: Job, translations: ReadonlyMap<string, Received> | undefined, now: Date): MemoryEntry[] {
  const entries: MemoryEntry[] = [];
  for (const segment of job.plan.paragraphs.flatMap((p) => p.segments)) {
    const result = segment.need ? translations?.get(segment.base.source) : undefined;
    if (!result) continue;
    entries.push({ source: segment.base.source, target: result.target, origin: 'machine', status: 'machine', document: job.plan.source.path, changed: now.toISOString() });
  }
  return entries;
}

function report(job: Job, doc: BilingualDocument, outcome: DocumentReport['outcome'], plan = job.plan): DocumentReport {
  return {
    source: plan.source.path,
    lang: plan.lang,
    file: job.shown,
    outcome,
    counts: countStatuses(doc),
    memoryHits: plan.memoryHits,
    reused: plan.reused,
    toSend: plan.paragraphs.reduce((n, p) => n + p.segments.filter((s) => s.need).length, 0),
  };
}

async function memoryWouldChange(dir: string, memory: TranslationMemory): Promise<boolean> {
  const current = await readFile(memoryPath(dir, memory.pair), 'utf8').catch(() => undefined);
  if (current === undefined) return memory.entries.length > 0;
  // A checkout with CRLF line ends (git's autocrlf) holds the same memory.
  return current.replace(/\r\n/g, '\n') !== serializeMemory(memory);
}

function costOf(pending: ReadonlyMap<LanguageCode, readonly WorkItem[]>): LanguageCost[] {
  return [...pending].map(([lang, items]) => ({
    lang,
    segments: items.length,
    characters: items.reduce((n, item) => n + characterCount(item.backend.text), 0),
  }));
}

/** Unique texts per language still needing the backend, with their paragraph and glossary spans. */
function collectWork(jobs: readonly Job[], glossary: Glossary | undefined): Map<LanguageCode, WorkItem[]> {
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

async function prepareGlossaries(
  backend: TranslationBackend,
  glossary: Glossary | undefined,
  sourceLanguage: LanguageCode,
  langs: readonly LanguageCode[],
): Promise<Map<LanguageCode, GlossaryRef>> {
  const refs = new Map<LanguageCode, GlossaryRef>();
  if (!glossary || !backend.prepareGlossary) return refs;
  for (const lang of langs) {
    const ref = await backend.prepareGlossary(glossary, { source: sourceLanguage, target: lang });
    if (ref) refs.set(lang, ref);
  }
  return refs;
}
