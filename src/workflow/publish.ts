// publish = read each source and its review file → check the review file is current → QA → the gate →
// put the translations back (the source format's lens) → the target document and an i18next bundle →
// write atomically, never over a file a person edited by hand since bitext wrote it.
import { readFile } from 'node:fs/promises';
import pLimit from 'p-limit';
import { join } from 'node:path';
import { BitextError } from '../core/errors.js';
import type { Diagnostic, LanguageCode, SegmentStatus, SourceDocument } from '../core/types.js';
import { SEGMENT_STATUSES } from '../core/types.js';
import { segmentLines } from '../bilingual/index.js';
import { decodeUtf8, describeFsError } from '../io/read-text.js';
import { ensureDirectory, replaceFile } from '../io/atomic-write.js';
import { releaseAll } from '../io/lock.js';
import { bundleKey, toBundle } from '../publish/bundle.js';
import { gate, pairSegments, type Blocker, type GateSegment } from '../publish/gate.js';
import { readManifest, sha256, writeManifest } from '../publish/manifest.js';
import { formatByName } from '../sources/formats.js';
import { checkDocument } from './qa.js';
import type { Glossary } from '../glossary/types.js';
import { shownPath, type ProjectLayout } from './layout.js';
import { bilingualPath, languageFolders, layoutOf, loadProject, lockProject, readPrevious, withStyle, type ProjectOptions } from './project.js';

export interface PublishOptions extends Omit<ProjectOptions, 'targets'> {
  /** Languages to publish; default: every language folder of the translations folder. */
  readonly targets?: readonly LanguageCode[];
  /** Publish documents that are not fully approved, recording which segments are not. */
  readonly includeUnreviewed?: boolean;
  /** Write nothing; report what is missing or out of date. */
  readonly check?: boolean;
  /** Overwrite published files that were edited by hand. */
  readonly force?: boolean;
  readonly now: () => Date;
}

export type PublishOutcome = 'written' | 'unchanged' | 'refused' | 'would-write' | 'edited-by-hand';

export interface DocumentPublish {
  readonly source: string;
  readonly lang: LanguageCode;
  /** The review file it was published from. */
  readonly review: string;
  readonly outcome: PublishOutcome;
  /** Published files (document and bundle), relative to the project. */
  readonly files: readonly string[];
  readonly counts: Readonly<Record<SegmentStatus, number>>;
  /** Segments published although not approved (`--include-unreviewed`). */
  readonly unreviewed: readonly GateSegment[];
  /** Why the document was not published. */
  readonly blockers: readonly Blocker[];
  /** Published files a person changed since bitext wrote them (left as they are). */
  readonly editedByHand: readonly string[];
}

export interface PublishReport {
  readonly mode: 'write' | 'check';
  readonly documents: readonly DocumentPublish[];
  /** Review files that are missing, damaged or out of date; sources that could not be read again. */
  readonly problems: readonly BitextError[];
  readonly diagnostics: readonly Diagnostic[];
}

interface Output {
  readonly path: string;
  readonly shown: string;
  /** Path inside the published folder, the manifest's key. */
  readonly key: string;
  readonly text: string;
}

export async function publish(options: PublishOptions): Promise<PublishReport> {
  const layout = layoutOf(options);
  const targets = options.targets && options.targets.length > 0 ? options.targets : await languageFolders(layout);
  if (targets.length === 0) {
    throw new BitextError('usage', `${shownPath(layout, layout.translations)}: no translations to publish yet; run bitext translate first, or pass --to`);
  }
  const project = await loadProject({ ...options, targets, keepSources: !options.check });
  const published = project.layout.published;
  const shownPublished = shownPath(layout, published);
  // The translations folder's lock: publishing never reads review files a translate run is rewriting.
  const locks = options.check ? [] : await lockProject(project.layout, options.now(), 'bitext publish');
  try {
    const manifest = new Map(await readManifest(published, shownPublished));
    const documents: DocumentPublish[] = [];
    const problems: BitextError[] = [];
    const diagnostics: Diagnostic[] = [...project.warnings];
    // A few documents at a time, so one's reads and writes wait while another is worked on; the report
    // keeps the run's order (language, then source).
    const jobs = project.targets.flatMap((lang) => project.sources.map((source) => ({ lang, source })));
    type Outcome = { readonly found: Diagnostic[] } & ({ readonly result: DocumentPublish | undefined } | { readonly error: BitextError });
    const limit = pLimit(PUBLISH_WIDTH);
    const outcomes = await Promise.all(jobs.map(({ lang, source }) => limit(async (): Promise<Outcome> => {
      const found: Diagnostic[] = [];
      try {
        return { found, result: await publishDocument(source, lang, project.layout, { ...options, manifest, diagnostics: found, terms: project.glossary }) };
      } catch (error) {
        if (!(error instanceof BitextError)) throw error;
        return { found, error };
      }
    })));
    for (const outcome of outcomes) {
      diagnostics.push(...outcome.found);
      if ('error' in outcome) problems.push(outcome.error);
      else if (outcome.result !== undefined) documents.push(outcome.result);
    }
    if (!options.check && documents.some((d) => d.outcome === 'written')) {
      await ensureDirectory(published, published, shownPublished);
      await writeManifest(published, manifest, shownPublished);
    }
    return { mode: options.check ? 'check' : 'write', documents, problems, diagnostics };
  } finally {
    await releaseAll(locks);
  }
}

const PUBLISH_WIDTH = 4;

async function publishDocument(
  source: SourceDocument,
  lang: LanguageCode,
  layout: ProjectLayout,
  options: PublishOptions & { readonly manifest: Map<string, string>; readonly diagnostics: Diagnostic[]; readonly terms: Glossary | undefined },
): Promise<DocumentPublish | undefined> {
  const reviewPath = bilingualPath(layout, lang, source);
  const review = shownPath(layout, reviewPath);
  const previous = await readPrevious(reviewPath, review);
  if (previous.kind === 'damaged') throw previous.error;
  if (previous.kind === 'absent') {
    throw new BitextError('input', `not translated into ${lang} yet; run bitext translate --to ${lang} first`, { file: review });
  }
  const { doc } = previous;
  const paired = doc.source.hash === source.hash ? pairSegments(source.blocks, doc) : undefined;
  if (paired === undefined) {
    throw new BitextError('input', `is older than ${source.path} (the source changed since); run bitext translate --to ${lang} first, then review what changed`, {
      file: review,
    });
  }
  const sourceSegments = source.blocks.flatMap((b) => b.segments);
  const sources = new Map(paired.map((segment, i) => [segment.id, sourceSegments[i]!] as const));
  const findings = checkDocument(doc, { glossary: options.terms, file: review, sources, format: source.format, sourceLanguage: layout.sourceLanguage, ...(options.qaRules ? { rules: options.qaRules } : {}) });
  const lines = segmentLines(previous.bytes.toString('utf8'));
  options.diagnostics.push(...findings.map((f) => ({ ...f, ...(f.segmentId && lines.has(f.segmentId) ? { line: lines.get(f.segmentId)! } : {}) })));
  const counts = countOf(paired);
  const decision = gate({ blocks: source.blocks, segments: paired, findings, lines, includeUnreviewed: options.includeUnreviewed ?? false });
  const base = { source: source.path, lang, review, counts, editedByHand: [] as string[] };
  if (!decision.ok) return { ...base, outcome: 'refused', files: [], unreviewed: [], blockers: decision.blockers };

  const { text, style } = await readSourceText(join(layout.root, source.path), source);
  const format = formatByName(source.format);
  const unreviewedIds = decision.unreviewed.map((s) => s.id);
  const written = format.write({
    text,
    doc: source,
    targets: decision.targets,
    frontMatter: {
      lang,
      bitext: {
        source: source.path,
        sourceHash: source.hash,
        counts: Object.fromEntries(SEGMENT_STATUSES.filter((s) => counts[s] > 0).map((s) => [s, counts[s]])),
        unreviewed: unreviewedIds.length === 0 ? false : unreviewedIds,
      },
    },
  });
  const ext = source.format === 'markdown' ? 'md' : 'txt';
  const ids = paired.map((s) => s.id);
  const entries: [string, string][] = [];
  let at = 0;
  source.blocks.forEach((block, b) => {
    const first = ids[at];
    at += block.segments.length;
    if (first !== undefined) entries.push([bundleKey(block, first), written.blocks[b] ?? '']);
  });
  const outputs: Output[] = [
    output(layout, `${lang}/${source.name}.${ext}`, withStyle(written.text, style)),
    output(layout, `locales/${lang}/${source.name}.json`, toBundle(entries)),
  ];
  const result = await writeOutputs(outputs, layout, options);
  return { ...base, ...result, files: outputs.map((o) => o.shown), unreviewed: decision.unreviewed, blockers: [] };
}

function countOf(segments: readonly { status: SegmentStatus }[]): Record<SegmentStatus, number> {
  const counts = Object.fromEntries(SEGMENT_STATUSES.map((s) => [s, 0])) as Record<SegmentStatus, number>;
  for (const s of segments) counts[s.status]++;
  return counts;
}

function output(layout: ProjectLayout, key: string, text: string): Output {
  const path = join(layout.published, ...key.split('/'));
  return { path, key, shown: shownPath(layout, path), text };
}

/** The source as it was read (LF, no BOM), and how its file was saved, to publish it the same way. */
async function readSourceText(path: string, source: SourceDocument): Promise<{ text: string; style: { bom: boolean; crlf: boolean } }> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new BitextError('input', `cannot read (${describeFsError(error)})`, { file: source.path, cause: error });
  }
  const text = decodeUtf8(bytes, source.path);
  if (sha256(text) !== source.hash) throw new BitextError('input', 'changed while bitext was publishing it; run again', { file: source.path });
  const lf = (bytes.toString('latin1').match(/\n/g) ?? []).length;
  const crlf = (bytes.toString('latin1').match(/\r\n/g) ?? []).length;
  return { text, style: { bom: bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf, crlf: crlf * 2 > lf } };
}

/**
 * Writes the outputs (or, under --check, compares them), refusing any file whose bytes are not what bitext
 * wrote last time: a person edited it, and their edit must go into the review file instead.
 */
async function writeOutputs(
  outputs: readonly Output[],
  layout: ProjectLayout,
  options: PublishOptions & { readonly manifest: Map<string, string> },
): Promise<{ outcome: PublishOutcome; editedByHand: string[] }> {
  const current = await Promise.all(outputs.map((o) => readFile(o.path).catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? undefined : Promise.reject(error)))));
  const editedByHand = outputs.filter((o, i) => {
    const bytes = current[i];
    return bytes !== undefined && !bytes.equals(Buffer.from(o.text)) && options.manifest.get(o.key) !== sha256(bytes);
  });
  const changed = outputs.filter((o, i) => !(current[i]?.equals(Buffer.from(o.text)) ?? false));
  if (editedByHand.length > 0 && !options.force) return { outcome: 'edited-by-hand', editedByHand: editedByHand.map((o) => o.shown) };
  if (changed.length === 0) return { outcome: 'unchanged', editedByHand: [] };
  if (options.check) return { outcome: 'would-write', editedByHand: [] };
  for (const o of changed) {
    await replaceFile(o.path, o.text, { root: layout.published, displayPath: o.shown });
    options.manifest.set(o.key, sha256(o.text));
  }
  for (const o of outputs) options.manifest.set(o.key, sha256(o.text));
  return { outcome: 'written', editedByHand: [] };
}
