import { join } from 'node:path';
import { BitextError, type BackendError } from '../core/errors.js';
import type { Diagnostic, LanguageCode, ProgressListener, SegmentStatus } from '../core/types.js';
import type { BilingualDocument, BilingualSegment } from '../bilingual/types.js';
import { countStatuses, hashMachineText, toBilingualMarkdown } from '../bilingual/index.js';
import type { GlossaryRef, SegmentTerm, TranslationBackend } from '../backends/types.js';
import { assertBackendName, createBackend } from '../backends/registry.js';
import type { Glossary } from '../glossary/types.js';
import { findTerms, requiredTarget } from '../glossary/index.js';
import { checkGlossary } from '../qa/glossary-check.js';
import type { MemoryEntry, TranslationMemory } from '../memory/index.js';
import { addToMemory, readMemory, writeMemory } from '../memory/index.js';
import { writeFileAtomic } from '../io/atomic-write.js';
import { acquireLock } from '../io/lock.js';
import { toProjectPath } from '../sources/read-sources.js';
import { characterCount, executeBatches, planBatches, type ExecutionStats, type WorkItem } from './execute.js';
import { planDocument, reviewedSegments, type DocumentPlan } from './plan.js';
import { bilingualPath, DEFAULTS, loadProject, readPrevious, type Project, type ProjectOptions } from './project.js';

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
  readonly memoryHits: number;
  /** Segments of this document that still need the backend (before this run's requests). */
  readonly toSend: number;
}

export interface LanguageCost {
  readonly lang: LanguageCode;
  /** Unique texts to send (identical sentences are sent once). */
  readonly segments: number;
  readonly characters: number;
}

export interface TranslateReport {
  readonly dryRun: boolean;
  readonly backend: string;
  readonly documents: readonly DocumentReport[];
  readonly cost: readonly LanguageCost[];
  /** The texts a dry run would send, per language. */
  readonly pending: ReadonlyMap<LanguageCode, readonly WorkItem[]>;
  readonly stats: ExecutionStats;
  readonly diagnostics: readonly Diagnostic[];
  /** Files that could not be read back (left untouched). */
  readonly problems: readonly BitextError[];
  /** Set when the backend stopped the run; everything received before is saved. */
  readonly backendError?: BackendError;
  readonly usage?: { readonly characterCount: number; readonly characterLimit: number };
}

interface Job {
  readonly plan: DocumentPlan;
  readonly path: string;
  readonly shown: string;
}

/**
 * translate = load → read reviewers' files → plan (alignment, memory) → send only what is missing →
 * apply → write atomically. The plan is data, so --dry-run, --frozen and --max-characters need no backend.
 */
export async function translate(options: TranslateOptions): Promise<TranslateReport> {
  const backendName = assertBackendName(options.backend);
  const project = await loadProject(options);
  const lock = options.dryRun ? undefined : await lockProject(project, options);
  try {
    return await runTranslate(project, backendName, options);
  } finally {
    await lock?.release();
  }
}

async function lockProject(project: Project, options: TranslateOptions) {
  const { ensureDirectory } = await import('../io/atomic-write.js');
  await ensureDirectory(project.outRoot, project.outRoot, toProjectPath(project.outRoot, project.cwd));
  const path = join(project.outRoot, '.bitext.lock');
  return acquireLock(path, `bitext translate --to ${project.targets.join(',')}`, options.now(), toProjectPath(path, project.cwd));
}

async function runTranslate(project: Project, backendName: string, options: TranslateOptions): Promise<TranslateReport> {
  const { jobs, problems, memories } = await planProject(project, options.now());
  const useContext = options.context ?? true;
  const pending = collectWork(jobs, project.glossary);
  const cost = [...pending].map(([lang, items]) => ({
    lang,
    segments: items.length,
    characters: items.reduce((n, item) => n + characterCount(item.text), 0),
  }));
  const totalCharacters = cost.reduce((n, c) => n + c.characters, 0);
  const emptyStats: ExecutionStats = { requests: 0, failedRequests: 0, segments: 0, characters: 0, billedCharacters: 0, retries: 0 };
  const base = { backend: backendName, cost, pending, problems, diagnostics: project.warnings };

  if (options.dryRun || options.frozen) {
    const documents = await Promise.all(jobs.map((job) => finishJob(job, project, undefined, backendName, { write: false })));
    const report: TranslateReport = { ...base, dryRun: true, documents, stats: emptyStats };
    if (options.frozen) {
      const stale = documents.filter((d) => d.outcome === 'would-write');
      if (totalCharacters > 0 || stale.length > 0) {
        throw new BitextError(
          'frozen',
          `--frozen: translations are out of date: ${cost.reduce((n, c) => n + c.segments, 0)} segments (${totalCharacters} characters) to send, ${stale.length} files to update${stale.length ? ` (${stale.map((d) => d.file).join(', ')})` : ''}`,
        );
      }
    }
    return report;
  }
  if (options.maxCharacters !== undefined && totalCharacters > options.maxCharacters) {
    throw new BitextError(
      'budget',
      `this run would send ${totalCharacters} characters, more than --max-characters ${options.maxCharacters}; nothing was sent (see --dry-run)`,
    );
  }

  let stats = emptyStats;
  let backendError: BackendError | undefined;
  let translations: ReadonlyMap<LanguageCode, ReadonlyMap<string, { text: string }>> = new Map();
  let usage: TranslateReport['usage'];
  if (totalCharacters > 0) {
    const backend = await createBackend(backendName, {
      env: options.env,
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      ...(options.concurrency !== undefined ? { concurrency: options.concurrency } : {}),
      ...(options.backendSettings ? { settings: options.backendSettings } : {}),
    });
    const glossaries = await prepareGlossaries(backend, project.glossary, [...pending.keys()]);
    const batches = planBatches(pending, DEFAULTS.sourceLanguage, backend.limits, useContext);
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
    const report = await finishJob(job, project, translations.get(job.plan.lang), backendName, {
      write: true,
      diagnostics,
      skipEmptyNew: backendError !== undefined,
    });
    documents.push(report);
  }
  for (const memory of memories.values()) await writeMemory(project.cwd, memory);
  return {
    ...base,
    dryRun: false,
    documents,
    stats,
    diagnostics,
    ...(backendError ? { backendError } : {}),
    ...(usage ? { usage } : {}),
  };
}

/** Reads every reviewer file, feeds human work into the memory, then plans each document. */
export async function planProject(
  project: Project,
  now: Date,
): Promise<{ jobs: Job[]; problems: BitextError[]; memories: Map<LanguageCode, TranslationMemory> }> {
  const problems: BitextError[] = [];
  const memories = new Map<LanguageCode, TranslationMemory>();
  const loaded: { source: Project['sources'][number]; lang: LanguageCode; path: string; shown: string; previous?: BilingualDocument }[] = [];
  for (const lang of project.targets) {
    const pair = { source: DEFAULTS.sourceLanguage, target: lang };
    let memory = await readMemory(project.cwd, pair);
    for (const source of project.sources) {
      const path = bilingualPath(project, lang, source);
      const shown = toProjectPath(path, project.cwd);
      const previous = await readPrevious(path, shown);
      if (previous.kind === 'damaged') {
        problems.push(previous.error);
        continue;
      }
      if (previous.kind === 'ok') memory = addToMemory(memory, humanEntries(previous.doc, now)).memory;
      loaded.push({ source, lang, path, shown, ...(previous.kind === 'ok' ? { previous: previous.doc } : {}) });
    }
    memories.set(lang, memory);
  }
  const jobs = loaded.map(({ source, lang, path, shown, previous }) => ({
    plan: planDocument(source, lang, previous, memories.get(lang)!),
    path,
    shown,
  }));
  return { jobs, problems, memories };
}

function humanEntries(doc: BilingualDocument, now: Date): MemoryEntry[] {
  return reviewedSegments(doc)
    .filter((s) => s.target !== '' && (s.status === 'edited' || s.status === 'reviewed' || s.status === 'approved'))
    .map((s) => ({ source: s.source, target: s.target, origin: 'human', status: s.status, document: doc.source.path, changed: now.toISOString() }));
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
          terms: segmentTerms(glossary, segment.base.source, plan.lang),
        });
      }
    }
  }
  return new Map([...work].map(([lang, byText]) => [lang, [...byText.values()]]));
}

export function segmentTerms(glossary: Glossary | undefined, text: string, lang: LanguageCode): SegmentTerm[] {
  if (!glossary) return [];
  const byId = new Map(glossary.terms.map((t) => [t.id, t]));
  const terms: SegmentTerm[] = [];
  for (const match of findTerms(glossary, text)) {
    const term = byId.get(match.termId);
    const target = term ? requiredTarget(term, lang) : undefined;
    if (!term || !target) continue;
    // A do-not-translate term keeps its source form, unless the glossary names a target for this language.
    const keep = term.doNotTranslate && target.term === term.source;
    terms.push({ start: match.start, end: match.end, target: keep ? match.text : target.term, doNotTranslate: keep });
  }
  return terms;
}

async function prepareGlossaries(
  backend: TranslationBackend,
  glossary: Glossary | undefined,
  langs: readonly LanguageCode[],
): Promise<Map<LanguageCode, GlossaryRef>> {
  const refs = new Map<LanguageCode, GlossaryRef>();
  if (!glossary || !backend.prepareGlossary) return refs;
  for (const lang of langs) {
    const ref = await backend.prepareGlossary(glossary, { source: DEFAULTS.sourceLanguage, target: lang });
    if (ref) refs.set(lang, ref);
  }
  return refs;
}

/** Applies the translations received, renders the file and writes it when its bytes change. */
async function finishJob(
  job: Job,
  project: Project,
  translations: ReadonlyMap<string, { text: string }> | undefined,
  backendName: string,
  mode: { write: boolean; diagnostics?: Diagnostic[]; skipEmptyNew?: boolean },
): Promise<DocumentReport> {
  const { plan } = job;
  let usedBackend = false;
  const paragraphs = plan.paragraphs.map((paragraph) => ({
    kind: paragraph.kind,
    segments: paragraph.segments.map((segment): BilingualSegment => {
      const result = segment.need ? translations?.get(segment.base.source) : undefined;
      if (!result) return segment.base;
      usedBackend = true;
      if (segment.need === 'draft') return { ...segment.base, draft: result.text };
      const { suggestions } = segment.base;
      return {
        id: segment.base.id,
        status: 'machine',
        source: segment.base.source,
        target: result.text,
        machineHash: hashMachineText(result.text),
        ...(suggestions ? { suggestions } : {}),
      };
    }),
  }));
  const doc: BilingualDocument = {
    version: 1,
    source: { path: plan.source.path, hash: plan.source.hash, language: DEFAULTS.sourceLanguage },
    targetLanguage: plan.lang,
    backend: usedBackend ? backendName : (plan.previous?.backend ?? ''),
    glossaryHash: project.glossary?.hash ?? '',
    paragraphs,
  };
  const segments = paragraphs.flatMap((p) => p.segments);
  const findings = project.glossary
    ? checkGlossary({ glossary: project.glossary, lang: plan.lang, segments: segments.map(({ id, source, target }) => ({ id, source, target })) }).map(
        (d) => ({ ...d, file: job.shown }),
      )
    : [];
  mode.diagnostics?.push(...findings);
  const markdown = toBilingualMarkdown(doc, { notes: segmentNotes(project.glossary, plan.lang, segments, findings) });
  const toSend = plan.paragraphs.reduce((n, p) => n + p.segments.filter((s) => s.need).length, 0);
  const common = { source: plan.source.path, lang: plan.lang, file: job.shown, counts: countStatuses(doc), memoryHits: plan.memoryHits, toSend };
  if (!mode.write) {
    const { readFile } = await import('node:fs/promises');
    const current = await readFile(job.path, 'utf8').catch(() => undefined);
    return { ...common, outcome: current === markdown ? 'unchanged' : 'would-write' };
  }
  if (mode.skipEmptyNew && !plan.previous && segments.every((s) => s.target === '')) return { ...common, outcome: 'skipped' };
  const written = await writeFileAtomic(job.path, markdown, { root: project.outRoot, displayPath: job.shown });
  return { ...common, outcome: written ? 'written' : 'unchanged' };
}

/** Lines under each segment: the glossary terms it contains and what QA found. Derived, never parsed back. */
function segmentNotes(
  glossary: Glossary | undefined,
  lang: LanguageCode,
  segments: readonly BilingualSegment[],
  findings: readonly Diagnostic[],
): Map<string, string[]> {
  const notes = new Map<string, string[]>();
  if (!glossary) return notes;
  const byId = new Map(glossary.terms.map((t) => [t.id, t]));
  for (const segment of segments) {
    const lines: string[] = [];
    const required = new Map<string, string>();
    for (const match of findTerms(glossary, segment.source)) {
      const term = byId.get(match.termId);
      const target = term && requiredTarget(term, lang);
      // Names that stay as they are need no reminder; a term counts once per segment.
      if (!term || !target || target.term === match.text || required.has(term.id)) continue;
      required.set(term.id, `${match.text} → ${target.term}`);
    }
    if (required.size > 0) lines.push(`glossary: ${[...required.values()].join('; ')}`);
    for (const finding of findings) if (finding.segmentId === segment.id) lines.push(`⚠ ${finding.message}`);
    if (lines.length > 0) notes.set(segment.id, lines);
  }
  return notes;
}
