// Write a run's results: put the translations received into each planned document, check it, render the
// review file and replace it atomically — re-planning from a person's save if one happened mid-run — then
// the memory. A file that cannot be written loses nothing: its paid translations go into the memory.
import { readFile } from 'node:fs/promises';
import { BitextError } from '../core/errors.js';
import type { Diagnostic, LanguageCode } from '../core/types.js';
import { countStatuses, segmentLines } from '../bilingual/index.js';
import { codecFor, MARKDOWN_CODEC } from '../bilingual/text-encoding.js';
import type { BilingualDocument } from '../bilingual/types.js';
import type { MemoryEntry, TranslationMemory } from '../memory/index.js';
import { addToMemory, createMemory } from '../memory/memory.js';
import { serializeMemory } from '../memory/jsonl.js';
import { memoryPath, writeMemory } from '../memory/store.js';
import { replaceFile } from '../io/atomic-write.js';
import { applyPlan, renderDocument, sourcesOf } from './apply.js';
import { checkDocument, type CheckContext } from './qa.js';
import type { Received } from './execute.js';
import { shownPath } from './layout.js';
import { planDocument, type DocumentPlan } from './plan.js';
import { humanEntries, type Job } from './plan-project.js';
import type { RuleRecord } from '../segmentation/rules.js';
import { appendRules, ensureGitAttributes, rulesPath } from './segmentation-file.js';
import { DEFAULT_STYLE, readPrevious, withStyle, type FileStyle, type Project } from './project.js';
import type { DocumentReport } from './translate.js';
import { isSelfContained, offersOf, sha256 } from './run-state.js';

export interface WriteResults {
  readonly documents: DocumentReport[];
  readonly diagnostics: Diagnostic[];
  readonly problems: BitextError[];
  /**
   * Every answer given is now in a review file or in a memory file (a file that could not be written had
   * its answers put into the memory, and every memory was written): the journals are redundant.
   */
  readonly answersKept: boolean;
  /** Per document written or found unchanged, in the order of `documents`: what the run state records. */
  readonly files: readonly JobResult[];
}

/** One document's outcome, its findings, and whether the next run may skip it (see run-state.ts). */
export interface JobResult {
  readonly report: DocumentReport;
  readonly diagnostics: readonly Diagnostic[];
  /** sha256 of the file's bytes now; undefined when no file is there. */
  readonly hash?: string;
  /** `SettledFile.offers` of the file now. */
  readonly offers?: string;
  readonly settled: boolean;
}

/** Writes every job's review file and then the memory; problems are collected, never thrown. */
export async function writeResults(
  jobs: readonly Job[],
  project: Project,
  translations: ReadonlyMap<LanguageCode, ReadonlyMap<string, Received>>,
  options: {
    readonly backend: string;
    readonly now: Date;
    readonly skipEmptyNew: boolean;
    readonly memories: Map<LanguageCode, TranslationMemory>;
    /** Segmentation rules reviewers asked for this run. */
    readonly learned?: readonly RuleRecord[];
    /** Answers of interrupted runs (journals): those no written file holds go into the memory. */
    readonly recovered?: ReadonlyMap<LanguageCode, ReadonlyMap<string, Received>>;
  },
): Promise<WriteResults> {
  const documents: DocumentReport[] = [];
  const diagnostics: Diagnostic[] = [];
  const problems: BitextError[] = [];
  const { memories } = options;
  const files: JobResult[] = [];
  for (const job of jobs) {
    try {
      const result = await writeJob(job, project, translations.get(job.plan.lang), options.backend, memories, {
        skipEmptyNew: options.skipEmptyNew,
        now: options.now,
      });
      const document = result.report;
      documents.push(document);
      diagnostics.push(...result.diagnostics);
      files.push(result);
    } catch (error) {
      if (!(error instanceof BitextError)) throw error;
      // The file could not be written; its translations are paid for and go into the memory below.
      problems.push(error);
    }
  }
  // Every answer is paid for, so the memory keeps it, as machine output below any person's work: a
  // sentence that comes back (a source change undone, a document renamed, a segment deleted from its
  // review file, a file that could not be written, an interrupted run's answer no file holds) is filled
  // from it instead of being bought again.
  for (const answers of [...translations, ...(options.recovered ?? [])]) {
    const [lang, received] = answers;
    if (received.size === 0) continue;
    const memory = memories.get(lang) ?? createMemory({ source: project.layout.sourceLanguage, target: lang });
    const entries = [...received].map(([text, answer]): MemoryEntry => ({ source: text, target: answer.target, origin: 'machine', status: 'machine', changed: options.now.toISOString() }));
    memories.set(lang, addToMemory(memory, entries).memory);
  }
  let answersKept = true;
  for (const memory of memories.values()) {
    if (memory.entries.length === 0) continue;
    try {
      if (await writeMemory(project.layout.memory, memory, shownPath(project.layout, project.layout.memory))) await ensureGitAttributes(project.layout);
    } catch (error) {
      if (!(error instanceof BitextError)) throw error;
      problems.push(error);
      answersKept = false;
    }
  }
  try {
    await appendRules(project.layout, project.segmentation, options.learned ?? []);
  } catch (error) {
    if (!(error instanceof BitextError)) throw error;
    problems.push(error);
  }
  return { documents, diagnostics, problems, answersKept, files };
}

/** What a run that wrote nothing would write: each job's report, its findings, and the files that would change. */
export async function previewResults(
  jobs: readonly Job[],
  project: Project,
  backend: string,
  memories: ReadonlyMap<LanguageCode, TranslationMemory>,
  learned: readonly RuleRecord[] = [],
): Promise<{ documents: DocumentReport[]; diagnostics: Diagnostic[]; outdated: string[]; files: JobResult[] }> {
  const diagnostics: Diagnostic[] = [];
  const files: JobResult[] = [];
  const documents = jobs.map((job) => {
    const { doc, findings, markdown } = renderJob(job.plan, undefined, project, backend, job.shown, job.style);
    // Lines of the file as it is now (a person is looking at it), where the segment is already there.
    const { readBytes } = job;
    const found = [...(readBytes === undefined ? findings : atLines(findings, () => readBytes.toString('utf8'))), ...correctionNotes(job, job.plan, project)];
    diagnostics.push(...found);
    const document = report(job, doc, job.readBytes?.equals(Buffer.from(markdown)) ? 'unchanged' : 'would-write');
    files.push({ report: document, diagnostics: found, settled: false });
    return document;
  });
  const outdated = documents.filter((d) => d.outcome === 'would-write').map((d) => d.file);
  for (const memory of memories.values()) {
    if (await memoryWouldChange(project.layout.memory, memory)) outdated.push(shownPath(project.layout, memoryPath(project.layout.memory, memory.pair)));
  }
  if (learned.length > 0) outdated.push(shownPath(project.layout, rulesPath(project.layout)));
  return { documents, diagnostics, outdated, files };
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
  mode: { skipEmptyNew: boolean; now: Date },
): Promise<JobResult> {
  let { plan, style } = job;
  let expected = job.readBytes ?? null;
  for (let attempt = 1; ; attempt++) {
    const rendered = renderJob(plan, translations, project, backendName, job.shown, style);
    if (mode.skipEmptyNew && !plan.previous && rendered.empty) return { report: report(job, rendered.doc, 'skipped', plan), diagnostics: [], settled: false };
    const outcome = await replaceFile(job.path, rendered.markdown, { root: project.layout.translations, displayPath: job.shown, expected });
    if (outcome !== 'conflict') {
      const notes = correctionNotes(job, plan, project);
      const settled =
        plan.rules.length === 0 &&
        plan.warnings.length === 0 &&
        notes.length === 0 &&
        (plan.source.warnings ?? []).length === 0 &&
        isSelfContained(rendered.doc);
      return {
        report: report(job, rendered.doc, outcome, plan),
        diagnostics: [...rendered.findings, ...notes],
        hash: sha256(rendered.markdown),
        ...(settled ? { offers: offersOf(rendered.doc) } : {}),
        settled,
      };
    }
    if (attempt === 3) {
      throw new BitextError('output', `keeps changing while bitext writes it; close it in the editor and run again`, { file: job.shown });
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
  const doc = asWritten(applyPlan(plan, translations, { backend, glossaryHash: project.glossary?.hash ?? '', sourceLanguage: project.layout.sourceLanguage }));
  const context = checkContextOf(plan, project, shown);
  const unplaced = checkDocument(doc, context);
  const text = renderDocument(doc, context, unplaced);
  const findings = atLines(unplaced, () => text);
  const markdown = withStyle(text, style);
  const empty = doc.paragraphs.every((p) => p.segments.every((s) => s.target === ''));
  return { doc, findings, markdown, empty };
}

/**
 * Findings about a segment, with the line where the segment stands in the file. The file is split into
 * lines only when a finding needs it (a long review file has a million lines).
 */
function atLines(findings: readonly Diagnostic[], file: () => string): Diagnostic[] {
  if (!findings.some((f) => f.segmentId !== undefined)) return [...findings];
  const lines = segmentLines(file());
  return findings.map((f) => (f.segmentId !== undefined && lines.has(f.segmentId) ? { ...f, line: lines.get(f.segmentId)! } : f));
}

/**
 * The document as reading its file back will give it: a target a person typed is written as one canonical
 * line of inline Markdown (`5. Punkt` as `5\. Punkt`, a trailing space trimmed), and the checks, the report
 * and the findings the run state keeps must be about that text, the one `check` and the next run read.
 * Plain-text lines read back exactly as they were; so do targets bitext rendered itself.
 */
function asWritten(doc: BilingualDocument): BilingualDocument {
  if (doc.format !== 'markdown') return doc;
  let changed = false;
  const paragraphs = doc.paragraphs.map((paragraph) => {
    const codec = codecFor(doc.format, paragraph.kind);
    if (codec !== MARKDOWN_CODEC) return paragraph;
    const segments = paragraph.segments.map((segment) => {
      const target = codec.decode(codec.encode(segment.target));
      if (target === segment.target) return segment;
      changed = true;
      return { ...segment, target };
    });
    return { ...paragraph, segments };
  });
  return changed ? { ...doc, paragraphs } : doc;
}

/** What the checks of one planned document need. */
export function checkContextOf(plan: DocumentPlan, project: Project, shown: string): CheckContext {
  const resolutions = new Map(plan.paragraphs.flatMap((p) => p.segments.flatMap((s) => (s.resolution ? [[s.base.id, s.resolution] as const] : []))));
  return {
    glossary: project.glossary,
    file: shown,
    sources: sourcesOf(plan),
    format: plan.source.format,
    sourceLanguage: project.layout.sourceLanguage,
    ...(project.qaRules ? { rules: project.qaRules } : {}),
    ...(resolutions.size > 0 ? { resolutions } : {}),
  };
}

/**
 * What the report says of a stale segment whose sentence left the source after a person typed into it:
 * where the correction went. At the segment's line in the file as it was.
 */
function correctionNotes(job: Job, plan: DocumentPlan, project: Project): Diagnostic[] {
  if (plan.droppedCorrections.length === 0) return [];
  const lines = job.readBytes === undefined ? undefined : segmentLines(job.readBytes.toString('utf8'));
  const memory = shownPath(project.layout, memoryPath(project.layout.memory, { source: project.layout.sourceLanguage, target: plan.lang }));
  return plan.droppedCorrections.map((segment): Diagnostic => {
    const line = lines?.get(segment.id);
    return {
      severity: 'warning',
      rule: 'stale-correction-kept',
      message:
        `the sentence of this stale segment was deleted from the source; the correction typed into it is kept in ${memory} ` +
        'as unresolved (status stale) and offered as a memory suggestion if the sentence comes back',
      file: job.shown,
      ...(line === undefined ? {} : { line }),
      segmentId: segment.id,
    };
  });
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
    recovered: plan.recovered,
    toSend: plan.paragraphs.reduce((n, p) => n + p.segments.filter((s) => s.need).length, 0),
  };
}

async function memoryWouldChange(dir: string, memory: TranslationMemory): Promise<boolean> {
  const current = await readFile(memoryPath(dir, memory.pair), 'utf8').catch(() => undefined);
  if (current === undefined) return memory.entries.length > 0;
  // A checkout with CRLF line ends (git's autocrlf) holds the same memory.
  return current.replace(/\r\n/g, '\n') !== serializeMemory(memory);
}
