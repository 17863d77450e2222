import { readdir, readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { BitextError } from '../core/errors.js';
import type { Diagnostic, LanguageCode, SourceDocument } from '../core/types.js';
import { hashMachineText, segmentLines } from '../bilingual/index.js';
import { compileRules, type RuleRecord } from '../segmentation/rules.js';
import { readSource } from '../sources/read-sources.js';
import { readReviewRequests } from './review-requests.js';
import { newRecords } from './segmentation-file.js';
import { HUMAN_STATUSES } from '../core/types.js';
import type { BilingualDocument } from '../bilingual/types.js';
import type { MemoryEntry, TranslationMemory } from '../memory/index.js';
import { addToMemory, entriesFor } from '../memory/memory.js';
import { memoryTargetsFor } from '../memory/language.js';
import { normalizeSegmentText } from '../memory/normalize.js';
import { readMemory } from '../memory/store.js';
import { shownPath } from './layout.js';
import { planDocument, reviewedSegments, type DocumentPlan, type PlanResources } from './plan.js';
import { readReviewerIntent, rejectsMachineOutput } from './align.js';
import { bilingualPath, DEFAULT_STYLE, readPrevious, type FileStyle, type Project, type SkippedDocument } from './project.js';
import { readJournals, type RecoveredAnswers } from './journal.js';
import { offersAny, textKey } from './run-state.js';

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
  /** A reviewer's words after ` · ` on a status line, moved into the comment: warnings with file and line. */
  readonly moved?: readonly Diagnostic[];
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
  /** Answers that interrupted runs received and did not write (their journals), which this plan uses. */
  readonly recovered: RecoveredAnswers;
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
  const warnings = [...first.moved, ...first.jobs.flatMap((job) => [...(job.moved ?? []), ...placed(job.plan.warnings, job)])];
  if (learned.length === 0) return { ...first, learned, warnings, sources: project.sources };
  // New rules segment every document anew: the skipped ones too are read and planned.
  const rules = compileRules([...project.segmentation.records, ...learned]);
  const absolute = new Map([...project.sources.map((doc) => [doc.path, resolve(project.cwd, doc.path)] as const), ...project.skipped.map((doc) => [doc.path, doc.absolute] as const)]);
  const sources = await Promise.all(project.order.map((path) => readSource(absolute.get(path) ?? resolve(project.cwd, path), { ...project.readOptions, segmentation: rules })));
  const second = await planSources({ ...project, skipped: [] }, sources, now);
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
): Promise<Omit<ProjectPlan, 'learned' | 'warnings' | 'sources'> & { readonly moved: readonly Diagnostic[] }> {
  const problems: BitextError[] = [];
  const memories = new Map<LanguageCode, TranslationMemory>();
  const jobs: Job[] = [];
  const recovered = await readJournals(project.layout);
  const movedFrom: Diagnostic[] = [];
  const skipped = new Map(project.skipped.map((doc) => [doc.path, doc] as const));
  const sourceByPath = new Map(sources.map((doc) => [doc.path, doc] as const));
  // Documents in the order of the run: a skipped one only gives what it holds to the others.
  const ordered = skipped.size === 0 ? sources.map((source) => ({ source })) : project.order.map((path) => (skipped.has(path) ? { skipped: skipped.get(path)! } : { source: sourceByPath.get(path)! }));
  for (const lang of project.targets) {
    type Loaded = {
      source: SourceDocument;
      path: string;
      shown: string;
      previous?: { doc: BilingualDocument; bytes: Buffer; style: FileStyle; moved: readonly Diagnostic[] };
      /** The review file of this very text under its old name, when the source was renamed or moved. */
      adopted?: { doc: BilingualDocument; shown: string; same: boolean };
    };
    const entries: ({ loaded: Loaded } | { skipped: SkippedDocument })[] = [];
    let orphans: Orphan[] | undefined;
    for (const item of ordered) {
      if ('skipped' in item) {
        entries.push({ skipped: item.skipped! });
        continue;
      }
      const source = item.source!;
      const path = bilingualPath(project.layout, lang, source);
      const shown = shownPath(project.layout, path);
      const previous = await readPrevious(path, shown);
      if (previous.kind === 'damaged') {
        problems.push(previous.error);
        continue;
      }
      const adopted = previous.kind === 'absent' ? movedReviewFile((orphans ??= await orphanedReviewFiles(project, lang)), source) : undefined;
      if (adopted) movedFrom.push({ severity: 'info', rule: 'review-file-moved', message: `${source.path} has ${adopted.same ? 'the text' : 'most of the text'} of ${adopted.doc.source.path}, which is gone: its review work (statuses, comments) is carried over from ${adopted.shown}; delete that file once you no longer need it`, file: shown });
      entries.push({ loaded: { source, path, shown, ...(previous.kind === 'ok' ? { previous } : {}), ...(adopted ? { adopted } : {}) } });
    }
    const loaded = entries.flatMap((e) => ('loaded' in e ? [e.loaded] : []));
    // Every document of the language skipped: nothing to plan, the memory is not even read.
    if (loaded.length === 0) continue;
    const pair = { source: project.layout.sourceLanguage, target: lang };
    const shownMemory = shownPath(project.layout, project.layout.memory);
    const stored = await readMemory(project.layout.memory, pair, shownMemory);
    // `fr-FR` also reads the memory of `fr` (after its own): what `tm import` of fr-FR units fills.
    const fallbacks: TranslationMemory[] = [];
    for (const code of memoryTargetsFor(lang).slice(1)) {
      const general = await readMemory(project.layout.memory, { source: pair.source, target: code }, shownMemory);
      if (general.entries.length > 0) fallbacks.push(general);
    }

    const plan = async (read: ReadonlySet<SkippedDocument>): Promise<{ resources: PlanResources; plans: DocumentPlan[]; asked: ReadonlySet<string> }> => {
      const human: MemoryEntry[] = [];
      const typedIntoStale: { entry: MemoryEntry; previousSource: string }[] = [];
      const machineTargets = new AskedMap();
      const rejected = new AskedSet();
      /** The machine output a reviewer rejected, by source: an answer equal to it is not the fresh one. */
      const rejectedTargets = new Map<string, string>();
      /** The `mt=` hash of the machine output a reviewer rejected, by source. */
      const rejectedHashes = new Map<string, string>();
      // People's work goes into the memory; a skipped file's is there already (it went in when the file
      // was last planned, and the memory has not changed since: the language's key says so).
      const take = (file: BilingualDocument, people: boolean): void => {
        if (people) {
          human.push(...humanEntries(file, now));
          typedIntoStale.push(...staleEntries(file, now));
        }
        for (const s of file.paragraphs.flatMap((p) => p.segments)) {
          if (!rejectsMachineOutput(s)) continue;
          rejected.add(s.source);
          rejectedHashes.set(s.source, s.machineHash);
          if (s.target !== '') rejectedTargets.set(s.source, s.target);
        }
        for (const s of reviewedSegments(file)) if (s.status === 'machine' && s.target !== '') machineTargets.set(s.source, s.target);
      };
      for (const entry of entries) {
        if ('loaded' in entry) {
          const { previous, source } = entry.loaded;
          // The file as the planner reads it: a source line typed over is not a sentence of the source.
          if (previous) take(readReviewRequests(previous.doc, source).doc, true);
          else if (entry.loaded.adopted) take(entry.loaded.adopted.doc, true);
        } else if (read.has(entry.skipped)) {
          // Settled: written by bitext from this very source, so the file is what the planner reads.
          const path = join(project.layout.translations, lang, `${entry.skipped.name}.md`);
          const previous = await readPrevious(path, shownPath(project.layout, path));
          if (previous.kind === 'ok') take(previous.doc, false);
        }
      }
      const known = addToMemory(withoutRejected(stored, rejectedHashes), human).memory;
      const memory = addToMemory(known, corrections(known, typedIntoStale)).memory;
      const answers = new Map<string, string>();
      for (const [text, answer] of recovered.answers.get(lang) ?? []) if (rejectedTargets.get(text) !== answer.target) answers.set(text, answer.target);
      const resources: PlanResources = {
        memory,
        machineTargets,
        rejected,
        ...(fallbacks.length > 0 ? { fallbacks } : {}),
        ...(answers.size > 0 ? { recovered: answers } : {}),
      };
      const plans = loaded.map(({ source, previous, adopted }) => planDocument(source, lang, previous?.doc ?? adopted?.doc, resources));
      return { resources, plans, asked: new Set([...machineTargets.asked, ...rejected.asked]) };
    };
    let planned = await plan(new Set());
    // The planner asked the project's machine output and rejections about these sentences: a skipped file
    // that holds any of them is read (not planned), and the documents are planned again with what it holds.
    if (entries.length > loaded.length && planned.asked.size > 0) {
      const keys = new Set([...planned.asked].map(textKey));
      const read = new Set(entries.flatMap((e) => ('skipped' in e && offersAny(e.skipped.state.files[lang]?.offers, keys) ? [e.skipped] : [])));
      if (read.size > 0) planned = await plan(read);
    }
    memories.set(lang, planned.resources.memory);
    loaded.forEach(({ path, shown, previous }, index) => {
      jobs.push({
        plan: planned.plans[index]!,
        path,
        shown,
        readBytes: previous?.bytes,
        style: previous?.style ?? DEFAULT_STYLE,
        resources: planned.resources,
        ...(previous === undefined || previous.moved.length === 0 ? {} : { moved: previous.moved }),
      });
    });
  }
  return { jobs, problems, memories, recovered, moved: movedFrom };
}

/**
 * The memory without the machine output reviewers rejected (set `new` over it): it must not fill the
 * sentence again, nor be offered as a suggestion, when the sentence comes back.
 */
function withoutRejected(memory: TranslationMemory, rejected: ReadonlyMap<string, string>): TranslationMemory {
  if (rejected.size === 0) return memory;
  const entries = memory.entries.filter((e) => !(e.origin === 'machine' && rejected.get(e.source) === hashMachineText(e.target)));
  return entries.length === memory.entries.length ? memory : { ...memory, entries };
}

/**
 * A new document whose exact text (the same source hash) has a review file under another name whose
 * source file is gone: the document was renamed or moved, and its review file is the previous one.
 */
/** A review file whose source file is gone: what a renamed or moved document may take over. */
interface Orphan {
  readonly doc: BilingualDocument;
  readonly shown: string;
}

/**
 * The review files of a language folder whose source file is gone, newest first (after two renames the
 * latest holds the latest work). Read once per language and run, and only when a document has no review
 * file of its own: a file's head says its source before it is parsed.
 */
async function orphanedReviewFiles(project: Project, lang: LanguageCode): Promise<Orphan[]> {
  const folder = join(project.layout.translations, lang);
  const names = (await readdir(folder).catch(() => [] as string[])).filter((n) => n.endsWith('.md'));
  const dated = await Promise.all(names.map(async (name) => ({ name, mtime: await stat(join(folder, name)).then((st) => st.mtimeMs, () => 0) })));
  dated.sort((a, b) => b.mtime - a.mtime || a.name.localeCompare(b.name));
  const orphans: Orphan[] = [];
  for (const { name } of dated) {
    const path = join(folder, name);
    const head = await readFile(path, 'utf8').then((text) => text.slice(0, 4096), () => '');
    const from = /^source: (.+)$/m.exec(head)?.[1]?.replace(/^"(.*)"$/, '$1');
    if (from === undefined || (await stat(resolve(project.cwd, from)).then(() => true, () => false))) continue;
    const shown = shownPath(project.layout, path);
    const previous = await readPrevious(path, shown);
    if (previous.kind === 'ok') orphans.push({ doc: previous.doc, shown });
  }
  return orphans;
}

/**
 * The previous review file of a new document: an orphan with its exact text (the same source hash), else
 * one holding most of its sentences (renamed and edited at once).
 */
function movedReviewFile(orphans: readonly Orphan[], source: SourceDocument): (Orphan & { same: boolean }) | undefined {
  const sentences = new Set(source.blocks.flatMap((b) => b.segments.map((seg) => seg.text)));
  let best: { orphan: Orphan; share: number } | undefined;
  for (const orphan of orphans) {
    if (orphan.doc.source.path === source.path) continue;
    if (orphan.doc.source.hash === source.hash) return { ...orphan, same: true };
    const old = orphan.doc.paragraphs.flatMap((p) => p.segments);
    const share = old.length === 0 ? 0 : old.filter((seg) => sentences.has(seg.source)).length / old.length;
    if (share >= 0.5 && (best === undefined || share > best.share)) best = { orphan, share };
  }
  return best === undefined ? undefined : { ...best.orphan, same: false };
}

/** A map that remembers what it was asked: which sentences the planner looked up in the project. */
class AskedMap extends Map<string, string> {
  readonly asked = new Set<string>();
  override get(key: string): string | undefined {
    this.asked.add(key);
    return super.get(key);
  }
  override has(key: string): boolean {
    this.asked.add(key);
    return super.has(key);
  }
}

class AskedSet extends Set<string> {
  readonly asked = new Set<string>();
  override has(key: string): boolean {
    this.asked.add(key);
    return super.has(key);
  }
}

/**
 * The targets of stale segments, as unresolved entries against the source the reviewer sees there (the
 * changed one), with the source their translation was of. Only a target the memory does not know for that
 * previous source was typed since the segment went stale: see `corrections`.
 */
export function staleEntries(doc: BilingualDocument, now: Date): { entry: MemoryEntry; previousSource: string }[] {
  // A stale segment as typed: also one whose `use-draft` or `use-memory` replaces what was typed into it.
  return doc.paragraphs
    .flatMap((p) => p.segments)
    .filter((s) => s.previousSource !== undefined && s.target !== '' && (s.action?.kind === 'use-draft' || s.action?.kind === 'use-memory' || readReviewerIntent(s).status === 'stale'))
    .map((s) => ({
      entry: { source: s.source, target: s.target, origin: 'human', status: 'stale', document: doc.source.path, changed: now.toISOString() },
      previousSource: s.previousSource!,
    }));
}

/**
 * A correction typed into a stale segment and left at `stale` is a person's work like any other: kept in
 * the memory as an unresolved entry (origin human, status stale), so that deleting the sentence from the
 * source does not lose it. A stale target that is still the translation of the previous source, as the
 * memory records it, is nothing new.
 */
export function corrections(memory: TranslationMemory, candidates: readonly { entry: MemoryEntry; previousSource: string }[]): MemoryEntry[] {
  return candidates
    .filter(({ entry, previousSource }) => {
      const target = normalizeSegmentText(entry.target);
      return !entriesFor(memory, previousSource).some((e) => e.origin === 'human' && normalizeSegmentText(e.target) === target);
    })
    .map(({ entry }) => entry);
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
