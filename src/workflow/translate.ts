import { BitextError, type BackendError } from '../core/errors.js';
import type { Diagnostic, LanguageCode, ProgressListener, SegmentStatus } from '../core/types.js';
import type { BackendLimits, GlossaryRef, TranslationBackend } from '../backends/types.js';
import { checkBackend, createBackend, describeSpec, type BackendSpec } from '../backends/registry.js';
import type { Glossary } from '../glossary/types.js';
import { checkWritable } from '../io/atomic-write.js';
import { releaseAll } from '../io/lock.js';
import { characterCount, emptyStats, executeBatches, planBatches, type ExecutionStats, type Received, type WorkItem } from './execute.js';
import { createJournal, newRunId, removeJournals } from './journal.js';
import type { Job } from './plan-project.js';
import { loadProject, lockProject, type Project, type ProjectOptions } from './project.js';
import { planRun, withWork, type LanguageCost, type RunPlan } from './run-plan.js';
import { previewResults, writeResults, type JobResult } from './write-results.js';
import { languageKey, STATE_FORMAT_VERSION, writeState, type DocumentState, type SettledFile } from './run-state.js';
import { documentKey, withSkipped } from './settled.js';

export type { LanguageCost };

export interface TranslateOptions extends ProjectOptions {
  /** A built-in backend (`mock`, `deepl`) or a module of one's own (`{ module: '/abs/path.js' }`). */
  readonly backend: BackendSpec;
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
  /**
   * Stops the run (the CLI aborts it on Ctrl-C and SIGTERM): no new request starts and nothing is retried;
   * requests in flight finish, since the provider may already have billed them. Everything received is
   * saved, the review files are written and the lock released; `report.interrupted` says what is left.
   */
  readonly signal?: AbortSignal;
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
  /** Segments filled with answers an interrupted run had received (0 billed this time). */
  readonly recovered: number;
  /** Segments of this document that needed the backend (before de-duplication across documents). */
  readonly toSend: number;
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
  /** The account's usage after the run, where the backend reports it. */
  readonly usage?: { readonly characterCount: number; readonly characterLimit: number };
  /**
   * Characters the account's usage grew by during the run, where the backend reports usage before and
   * after. More than `stats.billedCharacters` means something was billed that bitext did not receive (an
   * answer lost after it was billed, then sent again): the report says so instead of hiding it.
   */
  readonly usageGrowth?: number;
  /**
   * Set when `signal` stopped the run: the unique texts received (and saved) and those still to send,
   * which the next run with the same arguments sends.
   */
  readonly interrupted?: { readonly saved: number; readonly remaining: number; readonly remainingCharacters: number };
  /**
   * `dry-run` only, when the plan sends more than `maxCharacters`: the real run would refuse before
   * sending anything (a `budget` error, exit 10). The dry run itself still succeeds.
   */
  readonly overBudget?: { readonly characters: number; readonly maxCharacters: number };
}

const NO_STATS: ExecutionStats = emptyStats();

/**
 * translate = load → read reviewers' files → plan (alignment, memory) → send only what is missing →
 * apply → write atomically. The plan is data, so --dry-run, --frozen and --max-characters need no backend
 * and touch no file.
 */
export async function translate(options: TranslateOptions): Promise<TranslateReport> {
  const backendName = describeSpec(options.backend);
  // Settings and environment are configuration: checked before anything is read, sent or written.
  const limits = await checkBackend(options.backend, { env: options.env, ...(options.backendSettings ? { settings: options.backendSettings } : {}) });
  const project = await loadProject({ ...options, fastPath: { backend: backendName }, keepSources: !(options.dryRun || options.frozen) });
  if (options.dryRun || options.frozen) return checkProject(project, backendName, options.frozen ? 'frozen' : 'dry-run', options.now(), limits, options.maxCharacters);
  const locks = await lockProject(project.layout, options.now());
  try {
    return await runTranslate(project, options.backend, options, limits);
  } finally {
    await releaseAll(locks);
  }
}

/** `1 segment`, `2 segments`: the library's messages are English. */
function counted(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

async function checkProject(
  project: Project,
  backend: string,
  mode: 'dry-run' | 'frozen',
  now: Date,
  limits: BackendLimits | undefined,
  maxCharacters: number | undefined,
): Promise<TranslateReport> {
  const plan = await planRun(project, now, limits);
  const preview = await previewResults(plan.jobs, project, backend, plan.memories, plan.learned);
  if (mode === 'frozen' && (plan.characters > 0 || preview.outdated.length > 0)) {
    const segments = plan.cost.reduce((n, c) => n + c.segments, 0);
    const files = `${counted(preview.outdated.length, 'file')} to update${preview.outdated.length ? ` (${preview.outdated.join(', ')})` : ''}`;
    throw new BitextError('frozen', `--frozen: translations are out of date: ${counted(segments, 'segment')} (${counted(plan.characters, 'character')}) to send, ${files}`);
  }
  const merged = withSkipped(project, preview.files);
  return {
    mode,
    backend,
    documents: merged.documents,
    cost: plan.cost,
    pending: plan.work,
    problems: [...plan.problems, ...plan.oversized],
    diagnostics: [...project.warnings, ...plan.warnings, ...plan.recovered.warnings, ...merged.diagnostics],
    stats: NO_STATS,
    // The same comparison the real run makes before it sends anything.
    ...(mode === 'dry-run' && maxCharacters !== undefined && plan.characters > maxCharacters ? { overBudget: { characters: plan.characters, maxCharacters } } : {}),
  };
}

async function runTranslate(project: Project, spec: BackendSpec, options: TranslateOptions, limits: BackendLimits | undefined): Promise<TranslateReport> {
  const backendName = describeSpec(spec);
  const planned = await planRun(project, options.now(), limits);
  if (options.maxCharacters !== undefined && planned.characters > options.maxCharacters) {
    throw new BitextError(
      'budget',
      `this run would send ${planned.characters} characters, more than --max-characters ${options.maxCharacters}; nothing was sent (see --dry-run)`,
    );
  }
  // The backend checks its configuration (key, settings) when created: before any folder is made.
  const backend =
    planned.characters > 0
      ? await createBackend(spec, {
          env: options.env,
          ...(options.onProgress ? { onProgress: options.onProgress } : {}),
          ...(options.concurrency !== undefined ? { concurrency: options.concurrency } : {}),
          ...(options.backendSettings ? { settings: options.backendSettings } : {}),
        })
      : undefined;
  // A target the backend cannot translate into, or a key it refuses, is found before any folder is made.
  if (backend?.supportsTarget) {
    for (const lang of project.targets) {
      if (!(await backend.supportsTarget(lang))) {
        throw new BitextError('config', `${backendName} does not translate into "${lang}"; choose a target language it supports (for DeepL see https://developers.deepl.com/docs/getting-started/supported-languages)`);
      }
    }
  }
  // Every output must be writable before a character is paid for.
  const problems: BitextError[] = [...planned.problems];
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
  const plan = withWork({ ...planned, jobs }, project.glossary, backend?.limits ?? limits);
  // Reported after everything else is done; the rest of the run goes on.
  problems.push(...plan.oversized);
  // This run's journal and those of interrupted runs, removed together once their answers are written.
  const journals: string[] = [...planned.recovered.files];

  const sent: Sent = backend && plan.work.size > 0 ? await sendWork(backend, plan, project, options) : NOTHING_SENT;
  if (sent.journal !== undefined) journals.push(sent.journal);
  if (sent.saveError) problems.push(sent.saveError);
  const { stats, backendError, translations } = sent;
  const { signal } = options;

  const written = await writeResults(plan.jobs, project, translations, {
    backend: backendName,
    now: options.now(),
    // A run that stopped early does not create files that would hold no translation yet.
    skipEmptyNew: sent.stoppedEarly,
    memories: new Map(plan.memories),
    learned: plan.learned,
    recovered: plan.recovered.answers,
  });
  // The journals are redundant once their answers are in the review files or the memory. Otherwise (a
  // memory could not be written) they stay, and the next run reads them again (reading twice changes nothing).
  if (written.answersKept) await removeJournals(project.layout, journals).catch(() => undefined);
  const { usage, usageGrowth } = await sent.usage;
  const received = [...translations.values()].reduce((n, byText) => n + byText.size, 0);
  const remaining = [...plan.work].flatMap(([lang, items]) => items.filter((item) => !translations.get(lang)?.has(item.text)));
  const merged = withSkipped(project, written.files);
  const allProblems = [...problems, ...written.problems];
  // Only a run that ended well records what is settled; an older state stays (each entry of it holds
  // for the bytes and keys it names, and the keys decide).
  if (allProblems.length === 0 && !backendError && !signal?.aborted && !sent.stoppedEarly && plan.learned.length === 0 && written.answersKept) {
    await recordState(project, written.files).catch(() => undefined); // a cache: failing to write it loses nothing
  }
  return {
    mode: 'run',
    backend: backendName,
    documents: merged.documents,
    cost: plan.cost,
    pending: plan.work,
    problems: allProblems,
    diagnostics: [...project.warnings, ...plan.warnings, ...plan.recovered.warnings, ...merged.diagnostics],
    stats,
    ...(backendError ? { backendError } : {}),
    ...(usage ? { usage } : {}),
    ...(usageGrowth === undefined ? {} : { usageGrowth }),
    ...(signal?.aborted
      ? { interrupted: { saved: received, remaining: remaining.length, remainingCharacters: remaining.reduce((n, item) => n + characterCount(item.backend.text), 0) } }
      : {}),
  };
}

/** What the execute stage hands forward. */
interface Sent {
  readonly stats: ExecutionStats;
  readonly translations: ReadonlyMap<LanguageCode, ReadonlyMap<string, Received>>;
  /** The backend error, the signal or a failure to save stopped the run before everything was sent. */
  readonly stoppedEarly: boolean;
  readonly backendError?: BackendError;
  readonly saveError?: BitextError;
  /** This run's journal file, if an answer created it. */
  readonly journal?: string;
  /** The account after the run, asked when the last answer came and read while the results are written. */
  readonly usage: Promise<{ readonly usage?: TranslateReport['usage']; readonly usageGrowth?: number }>;
}

const NOTHING_SENT: Sent = { stats: NO_STATS, translations: new Map(), stoppedEarly: false, usage: Promise.resolve({}) };

/**
 * Execute: glossaries, batches, requests. Every answer is on the disk (the journal) before its request
 * counts as done, so a run killed now loses at most the requests in flight; see docs/reliability.md.
 */
async function sendWork(backend: TranslationBackend, plan: RunPlan, project: Project, options: TranslateOptions): Promise<Sent> {
  const { signal } = options;
  // The usage before the run is asked while the glossaries are prepared (neither bills a character), and
  // answered before any text is sent: the growth compares the account before and after every request.
  const askedUsageBefore = backend.getUsage?.().catch(() => undefined);
  const glossaries = signal?.aborted ? new Map<LanguageCode, GlossaryRef>() : await prepareGlossaries(backend, project.glossary, project.layout.sourceLanguage, [...plan.work.keys()]);
  const usageBefore = await askedUsageBefore;
  const batches = planBatches(plan.work, project.layout.sourceLanguage, backend.limits, options.context ?? true);
  const journal = createJournal(project.layout, { runId: newRunId(options.now()), now: options.now() });
  let result;
  try {
    result = await executeBatches(backend, batches, {
      glossaries,
      onReceived: (lang, items) => journal.append(lang, items),
      ...(signal ? { signal } : {}),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      ...(options.concurrency !== undefined ? { concurrency: options.concurrency } : {}),
      ...(options.retryBaseMs !== undefined ? { retryBaseMs: options.retryBaseMs } : {}),
    });
  } finally {
    await journal.close().catch(() => undefined);
  }
  // An interrupted run asks the backend nothing more. Every request has been answered: the usage now is
  // the usage after the run, whatever the results' writing takes.
  const usage = (signal?.aborted ? Promise.resolve(undefined) : (backend.getUsage?.().catch(() => undefined) ?? Promise.resolve(undefined))).then((after) => ({
    ...(after ? { usage: after } : {}),
    ...(usageBefore !== undefined && after !== undefined ? { usageGrowth: after.characterCount - usageBefore.characterCount } : {}),
  }));
  return {
    stats: result.stats,
    translations: result.translations,
    stoppedEarly: result.error !== undefined || result.interrupted === true || result.saveError !== undefined,
    ...(result.error ? { backendError: result.error } : {}),
    ...(result.saveError ? { saveError: result.saveError } : {}),
    ...(journal.file === undefined ? {} : { journal: journal.file }),
    usage,
  };
}

async function prepareGlossaries(
  backend: TranslationBackend,
  glossary: Glossary | undefined,
  sourceLanguage: LanguageCode,
  langs: readonly LanguageCode[],
): Promise<Map<LanguageCode, GlossaryRef>> {
  const refs = new Map<LanguageCode, GlossaryRef>();
  const { prepareGlossary } = backend;
  if (!glossary || !prepareGlossary) return refs;
  // One glossary per language, independent of the others (DeepL: each pair's list, create and clean-up
  // touch only that pair's glossaries), so all are prepared at once: a run into n languages waits for the
  // round trips of one, not of n. Every one is settled before a failure stops the run, so none is still
  // being made on the server when the first language's error is reported.
  const settled = await Promise.allSettled(langs.map((lang) => prepareGlossary.call(backend, glossary, { source: sourceLanguage, target: lang })));
  for (const [index, outcome] of settled.entries()) {
    if (outcome.status === 'rejected') throw outcome.reason;
    if (outcome.value) refs.set(langs[index]!, outcome.value);
  }
  return refs;
}

/** Writes the run state: the documents settled now, and the skipped ones. */
async function recordState(project: Project, files: readonly JobResult[]): Promise<void> {
  const fast = project.fastPath;
  if (!fast) return;
  const languages: Record<LanguageCode, string> = {};
  for (const lang of project.targets) languages[lang] = await languageKey(project.layout, lang);
  const byKey = new Map(files.map((f) => [documentKey(f.report.lang, f.report.source), f] as const));
  const skipped = new Map(project.skipped.map((doc) => [doc.path, doc] as const));
  const documents: Record<string, DocumentState> = {};
  for (const path of project.order) {
    const source = fast.sourceHashes.get(path);
    if (source === undefined) continue;
    const settled: Record<LanguageCode, SettledFile> = {};
    for (const lang of project.targets) {
      const doc = skipped.get(path);
      const file = byKey.get(documentKey(lang, path));
      if (doc) {
        const recorded = doc.state.files[lang];
        // Skipped means the memory matched the state when the run began; what this run wrote to it since
        // (answers, a person's entries, purged rejections) changes nothing for a settled document, whose
        // plan reads no memory: it stays settled under the new key.
        if (recorded) settled[lang] = recorded;
      } else if (file?.settled && file.hash !== undefined && file.offers !== undefined && (file.report.outcome === 'written' || file.report.outcome === 'unchanged')) {
        settled[lang] = { hash: file.hash, counts: file.report.counts, diagnostics: file.diagnostics, offers: file.offers };
      }
    }
    if (project.targets.every((lang) => Object.hasOwn(settled, lang))) documents[path] = { source, files: settled };
  }
  await writeState(project.layout, { 'bitext-state': STATE_FORMAT_VERSION, key: fast.key, backend: fast.backend, languages, documents });
}
