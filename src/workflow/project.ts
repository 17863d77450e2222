import { readFileSync } from 'node:fs';
import { readdir, readFile, rmdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { ensureDirectory, realPathOf, removeTempFiles } from '../io/atomic-write.js';
import { acquireLock, releaseAll, type Lock } from '../io/lock.js';
import { BitextError } from '../core/errors.js';
import type { Diagnostic, LanguageCode, Severity, SourceDocument } from '../core/types.js';
import type { BilingualDocument } from '../bilingual/types.js';
import { fromBilingualMarkdown } from '../bilingual/index.js';
import type { StatusNotes } from '../bilingual/from-bilingual-markdown.js';
import { keepReviewerNotes } from './status-notes.js';
import type { Glossary } from '../glossary/types.js';
import { parseGlossary } from '../glossary/index.js';
import { decodeUtf8, describeFsError, readTextFile } from '../io/read-text.js';
import { checkDistinctNames, documentName, findSourceFiles, toProjectPath, type ReadSourcesOptions } from '../sources/read-sources.js';
import { journalFolder } from './journal.js';
import { languageKey, projectKey, readState, sha256, type DocumentState, type RunState } from './run-state.js';
import { readRulesFile, type LoadedRules } from './segmentation-file.js';
import { readCachedSource, readerKey } from './source-cache.js';
import { canonicalLanguage, DEFAULT_SOURCE_LANGUAGE, isLanguageCode, knownSubtag, primaryLanguage, sameLanguage } from '../core/language.js';
import { createLayout, isInside, shownPath, type ProjectLayout } from './layout.js';

export const DEFAULTS = {
  sources: ['seeds'],
  glossary: 'glossary.json',
} as const;

export interface ProjectOptions {
  readonly cwd: string;
  readonly sources?: readonly string[];
  readonly targets: readonly LanguageCode[];
  /** Glossary file; `null` for none. Undefined means the default, which may be absent. */
  readonly glossary?: string | null;
  /** The translations folder (bilingual files); the memory and the lock follow it unless set apart. */
  readonly out?: string;
  readonly memory?: string;
  readonly published?: string;
  readonly sourceLanguage?: string;
  /** Front-matter keys of Markdown sources that are translated. */
  readonly frontMatterKeys?: readonly string[];
  /** QA: a severity per rule id, or `off` (the config's `qa.rules`). */
  readonly qaRules?: Readonly<Record<string, Severity | 'off'>>;
  /**
   * Skip the documents the run state records as settled and unchanged (`translate` sets it, with the
   * backend's name, which is part of the state's key; `check`, which sends nothing, leaves the backend out
   * and takes the one the state records). See run-state.ts.
   */
  readonly fastPath?: { readonly backend?: string };
  /**
   * Keep what reading a Markdown source gave in the cache of read sources (source-cache.ts). Only commands
   * that write set it (translate, publish); check, status, --dry-run and --frozen read the cache and write
   * nothing.
   */
  readonly keepSources?: boolean;
}

/** A source the run state shows unchanged and settled in every target language: not read as a document. */
export interface SkippedDocument {
  /** As the report shows it (relative to the project). */
  readonly path: string;
  readonly absolute: string;
  readonly name: string;
  readonly state: DocumentState;
}

/** What the run needs to record its state: the keys, and the hash of every source's bytes. */
export interface FastPath {
  readonly key: string;
  /** The backend the key was made with. */
  readonly backend: string;
  readonly languages: ReadonlyMap<LanguageCode, string>;
  readonly sourceHashes: ReadonlyMap<string, string>;
  readonly previous: RunState | undefined;
}

export interface Project {
  readonly cwd: string;
  readonly layout: ProjectLayout;
  readonly qaRules?: Readonly<Record<string, Severity | 'off'>>;
  readonly sources: readonly SourceDocument[];
  readonly targets: readonly LanguageCode[];
  readonly glossary: Glossary | undefined;
  readonly warnings: readonly Diagnostic[];
  /** The project's join/split rules (the sources were segmented with them). */
  readonly segmentation: LoadedRules;
  /** How the sources were read, to read them again with new rules. */
  readonly readOptions: ReadSourcesOptions;
  /** Sources not read as documents (fast path); empty without `fastPath`. */
  readonly skipped: readonly SkippedDocument[];
  /** Every source path, read or skipped, in the order of the run. */
  readonly order: readonly string[];
  readonly fastPath?: FastPath;
}

/** Loads everything a run needs and validates it before any request is made. */
export async function loadProject(options: ProjectOptions): Promise<Project> {
  const targets = options.targets.map((t) => validateTargetLanguage(t));
  if (targets.length === 0) throw new BitextError('usage', 'no target language: pass --to, e.g. --to en or --to en,fr');
  const layout = layoutOf(options);
  await checkLayoutLinks(layout);
  await assertFolderOrAbsent(layout.translations, shownPath(layout, layout.translations));
  const { glossary, warnings } = await loadGlossary(options.cwd, options.glossary);
  const segmentation = await readRulesFile(layout);
  const readOptions: ReadSourcesOptions = { cwd: options.cwd, ...(options.frontMatterKeys ? { frontMatterKeys: options.frontMatterKeys } : {}) };
  const paths = options.sources && options.sources.length > 0 ? options.sources : DEFAULTS.sources;
  const unique = [...new Set(targets)];
  let sources: SourceDocument[];
  let skipped: SkippedDocument[] = [];
  let order: string[];
  let fastPath: FastPath | undefined;
  const reader = { key: readerKey({ frontMatterKeys: options.frontMatterKeys, rules: segmentation.records }), keep: options.keepSources ?? false };
  if (options.fastPath) {
    const wanted = options.fastPath.backend;
    const keyOf = (backend: string): string => projectKey({ backend, layout, frontMatterKeys: options.frontMatterKeys, qaRules: options.qaRules, glossary, rules: segmentation.records });
    const read = await readProjectSources(paths, { ...readOptions, segmentation: segmentation.rules }, layout, unique, reader, (recorded) => {
      const backend = wanted ?? recorded;
      return backend === undefined ? undefined : { backend, key: keyOf(backend) };
    });
    ({ sources, skipped, order, fastPath } = read);
  } else {
    ({ sources, order } = await readProjectSources(paths, { ...readOptions, segmentation: segmentation.rules }, layout, unique, reader, undefined));
  }
  const sourceWarnings = sources.flatMap((source) => source.warnings ?? []);
  return {
    skipped,
    order,
    ...(fastPath ? { fastPath } : {}),
    cwd: options.cwd,
    layout,
    sources,
    targets: unique,
    glossary,
    warnings: [...warnings, ...sourceWarnings],
    segmentation,
    readOptions,
    ...(options.qaRules ? { qaRules: options.qaRules } : {}),
  };
}

/**
 * Reads every source's bytes and hashes them; Markdown sources go through the cache of read sources
 * (source-cache.ts). With `keysFor` (the fast path), a source the run state records as settled, whose
 * bytes and whose bilingual file's bytes (every target language) are those recorded, is not parsed.
 */
async function readProjectSources(
  paths: readonly string[],
  options: ReadSourcesOptions,
  layout: ProjectLayout,
  targets: readonly LanguageCode[],
  reader: { readonly key: string; readonly keep: boolean },
  keysFor: ((recordedBackend: string | undefined) => { readonly backend: string; readonly key: string } | undefined) | undefined,
): Promise<{ sources: SourceDocument[]; skipped: SkippedDocument[]; order: string[]; fastPath: FastPath }> {
  const files = await findSourceFiles(paths, options);
  const order = files.map((file) => toProjectPath(file, options.cwd));
  checkDistinctNames(order);
  const [previous, journals, languages] = keysFor
    ? await Promise.all([
        readState(layout),
        readdir(journalFolder(layout)).then((names) => names.some((n) => n.endsWith('.jsonl')), () => false),
        Promise.all(targets.map(async (lang) => [lang, await languageKey(layout, lang)] as const)).then((pairs) => new Map(pairs)),
      ])
    : [undefined, false, new Map<LanguageCode, string>()];
  const keys = keysFor?.(typeof previous?.backend === 'string' ? previous.backend : undefined);
  const usable = previous !== undefined && keys !== undefined && !journals && previous.key === keys.key && targets.every((lang) => previous.languages[lang] === languages.get(lang));
  const sourceHashes = new Map<string, string>();
  // Read one after another, synchronously: for thousands of small files that is several times faster than
  // as many promises through the thread pool, and the run has nothing else to do meanwhile.
  const read: ({ skipped: SkippedDocument } | { absolute: string; bytes: Buffer; hash: string } | undefined)[] = [];
  files.forEach((absolute, index) => {
    const path = order[index]!;
    let bytes: Buffer;
    try {
      bytes = readFileSync(absolute);
    } catch (error) {
      throw new BitextError('input', `cannot read (${describeFsError(error)})`, { file: path, cause: error });
    }
    const hash = sha256(bytes);
    sourceHashes.set(path, hash);
    const state = usable && Object.hasOwn(previous.documents, path) ? previous.documents[path] : undefined;
    if (state !== undefined && state.source === hash && settledEverywhere(layout, targets, documentName(path), state)) {
      read.push({ skipped: { path, absolute, name: documentName(path), state } });
    } else {
      read.push({ absolute, bytes, hash });
    }
  });
  const sources: SourceDocument[] = [];
  const skipped: SkippedDocument[] = [];
  for (let index = 0; index < read.length; index++) {
    const entry = read[index]!;
    if ('skipped' in entry) skipped.push(entry.skipped);
    else sources.push(await readCachedSource(layout, reader, entry.absolute, entry.bytes, entry.hash, options));
    // A source's bytes are not needed once it is read: a project of large files holds one file's, not all.
    read[index] = undefined;
  }
  return { sources, skipped, order, fastPath: { key: keys?.key ?? '', backend: keys?.backend ?? '', languages, sourceHashes, previous: usable ? previous : undefined } };
}

function settledEverywhere(layout: ProjectLayout, targets: readonly LanguageCode[], name: string, state: DocumentState): boolean {
  for (const lang of targets) {
    const recorded = Object.hasOwn(state.files, lang) ? state.files[lang] : undefined;
    if (recorded === undefined) return false;
    let bytes: Buffer;
    try {
      bytes = readFileSync(join(layout.translations, lang, `${name}.md`));
    } catch {
      return false;
    }
    if (sha256(bytes) !== recorded.hash) return false;
  }
  return true;
}

/** The project's layout from the options (and, later, the config they were built from). */
export function layoutOf(options: Pick<ProjectOptions, 'cwd' | 'out' | 'memory' | 'published' | 'sourceLanguage'>): ProjectLayout {
  return createLayout({
    root: options.cwd,
    ...(options.out === undefined ? {} : { translations: options.out }),
    ...(options.memory === undefined ? {} : { memory: options.memory }),
    ...(options.published === undefined ? {} : { published: options.published }),
    ...(options.sourceLanguage === undefined ? {} : { sourceLanguage: options.sourceLanguage }),
  });
}

async function loadGlossary(
  cwd: string,
  option: string | null | undefined,
): Promise<{ glossary: Glossary | undefined; warnings: readonly Diagnostic[] }> {
  if (option === null) return { glossary: undefined, warnings: [] };
  const path = option ?? DEFAULTS.glossary;
  const absolute = resolve(cwd, path);
  const exists = await stat(absolute).then(
    () => true,
    () => false,
  );
  if (!exists) {
    if (option === undefined) return { glossary: undefined, warnings: [] };
    throw new BitextError('config', `glossary file not found`, { file: path });
  }
  const text = await readTextFile(absolute, toProjectPath(absolute, cwd));
  return parseGlossary(text, toProjectPath(absolute, cwd));
}

/**
 * A folder of the layout inside the project (translations, memory, published) may be a symbolic link, or
 * lie behind one, as long as it stays inside the project: `translations -> build/translations` is
 * followed, `translations -> /elsewhere` is refused (a checked-out link must not make bitext write outside
 * the project). A folder named outside the project on purpose (`--out /tmp/review`) is used as named.
 * Inside a folder, links must stay inside that folder (the writers check each file).
 */
export async function checkLayoutLinks(layout: ProjectLayout): Promise<void> {
  const realRoot = await realPathOf(layout.root);
  const folders = [
    ['translations', layout.translations],
    ['memory', layout.memory],
    ['published', layout.published],
  ] as const;
  for (const [name, folder] of folders) {
    if (!isInside(folder, layout.root)) continue;
    const real = await realPathOf(folder);
    if (!isInside(real, realRoot)) {
      throw new BitextError(
        'output',
        `leads through a symbolic link to ${real}, outside the project; bitext follows links only while they stay inside the project. ` +
          `Move that folder into the project, or name it in the config (paths.${name}) or with --out if it is meant to be elsewhere`,
        { file: shownPath(layout, folder) },
      );
    }
  }
}

async function assertFolderOrAbsent(path: string, shown: string): Promise<void> {
  try {
    const info = await stat(path);
    if (!info.isDirectory()) {
      throw new BitextError('output', `the output folder is a file, not a folder; choose another --out`, { file: shown });
    }
  } catch (error) {
    if (error instanceof BitextError) throw error;
    if ((error as NodeJS.ErrnoException).code === 'ENOTDIR') {
      throw new BitextError('output', `a parent of the output folder is a file`, { file: shown });
    }
  }
}

/** Accepts `en`, `en-GB`, `pt-BR`, `zh-Hans`…; refuses codes no one has heard of and the source language. */
export function validateTargetLanguage(code: string, sourceLanguage: string = DEFAULT_SOURCE_LANGUAGE): LanguageCode {
  const trimmed = code.trim();
  const valid = isLanguageCode(trimmed) && knownSubtag('language', primaryLanguage(trimmed));
  if (!valid) {
    throw new BitextError('usage', `unknown target language "${code}"; use a language code such as en, fr, es, ru, zh, en-US, pt-BR`);
  }
  const normalised = canonicalLanguage(trimmed);
  if (sameLanguage(normalised, sourceLanguage)) {
    throw new BitextError('usage', `target language "${code}" is the source language; choose another, e.g. --to en`);
  }
  return normalised;
}

export function bilingualPath(layout: ProjectLayout, lang: LanguageCode, doc: SourceDocument): string {
  return join(layout.translations, lang, `${doc.name}.md`);
}

/** How a reviewer's editor saved the file; kept when bitext writes it back, so a CRLF file stays CRLF. */
export interface FileStyle {
  readonly bom: boolean;
  readonly crlf: boolean;
}

export const DEFAULT_STYLE: FileStyle = { bom: false, crlf: false };

export type PreviousFile =
  | { readonly kind: 'absent' }
  | {
      readonly kind: 'ok';
      /** As read, with a reviewer's words after ` · ` on a status line moved into the comment (see `moved`). */
      readonly doc: BilingualDocument;
      readonly bytes: Buffer;
      readonly style: FileStyle;
      /** A warning with file and line for every note moved into a comment. */
      readonly moved: readonly Diagnostic[];
    }
  | { readonly kind: 'damaged'; readonly error: BitextError };

/** Reads the reviewer's file, if any. A damaged file is reported, never repaired or overwritten. */
export async function readPrevious(path: string, shown: string): Promise<PreviousFile> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { kind: 'absent' };
    const reason = code === 'EISDIR' ? 'is a folder where the bilingual file belongs; move it away' : describeFsError(error);
    return { kind: 'damaged', error: new BitextError('output', `${reason}`, { file: shown, cause: error }) };
  }
  try {
    const statusNotes = new Map<string, StatusNotes>();
    const read = fromBilingualMarkdown(decodeUtf8(bytes, shown), shown, { statusNotes });
    const { doc, warnings } = keepReviewerNotes(read, statusNotes, shown);
    const style = { bom: bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf, crlf: mostlyCrlf(bytes) };
    return { kind: 'ok', doc, bytes, style, moved: warnings };
  } catch (error) {
    if (error instanceof BitextError) return { kind: 'damaged', error };
    throw error;
  }
}

/** CRLF when most lines end so: one line typed in another editor does not convert the whole file. */
function mostlyCrlf(bytes: Buffer): boolean {
  let lf = 0;
  let crlf = 0;
  for (let i = bytes.indexOf(0x0a); i !== -1; i = bytes.indexOf(0x0a, i + 1)) {
    lf++;
    if (i > 0 && bytes[i - 1] === 0x0d) crlf++;
  }
  return crlf * 2 > lf;
}

/** Renders text with the line ends and BOM the file had. */
export function withStyle(text: string, style: FileStyle): string {
  const body = style.crlf ? text.replace(/\n/g, '\r\n') : text;
  return style.bom ? `\uFEFF${body}` : body;
}

/** Sub-folders of an output folder that look like language codes (`memory` and dot-folders are not). */
export async function languageFolders(layout: ProjectLayout): Promise<string[]> {
  const entries = await readdir(layout.translations, { withFileTypes: true }).catch(() => []);
  return entries
    .filter((e) => e.isDirectory() && join(layout.translations, e.name) !== layout.memory && isLanguageCode(e.name))
    .map((e) => e.name)
    .sort();
}

/**
 * One lock per folder the project writes shared state to (the translations folder, and the memory folder
 * when it lives elsewhere), so neither two runs nor a run and `tm import` interleave. Whoever holds it
 * removes the temporary files a killed write left in the folders bitext writes (translations, memory,
 * published).
 */
export async function lockProject(layout: ProjectLayout, now: Date, command = 'bitext translate'): Promise<Lock[]> {
  await checkLayoutLinks(layout);
  const locks: Lock[] = [];
  try {
    for (const folder of layout.lockFolders) {
      // A folder this run creates only to hold its lock is removed again if the run leaves it empty (a
      // refused key, a bad setting): a failed first run leaves no empty translations/ behind.
      const existed = await stat(folder).then(() => true, () => false);
      await ensureDirectory(folder, folder, shownPath(layout, folder));
      const path = join(folder, '.bitext.lock');
      const lock = await acquireLock(path, command, now, shownPath(layout, path));
      locks.push(existed ? lock : { release: async () => {
        await lock.release();
        await rmdir(folder).catch(() => undefined); // only succeeds when empty
      } });
    }
    // Holding the lock, no other bitext writes here: a temporary file now is one a killed write left.
    await removeTempFiles([...new Set([layout.translations, layout.memory, layout.published])]);
  } catch (error) {
    await releaseAll(locks).catch(() => undefined); // the original error matters more
    throw error;
  }
  return locks;
}
