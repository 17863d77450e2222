// The run state: what the last run left settled, so an unchanged document is not parsed, planned, checked
// or rendered again. `<translations>/.bitext-state.json`, owned by bitext, written atomically after a run
// that ended without a problem; a cache, never a source of truth: absent, damaged, of another version or of
// another configuration, it is ignored and the run takes the full path. `check` reads it too: a settled
// document's findings are the ones it records.
//
// A document is skipped only when, for every target language, all of these hold:
//   - the state's project key is this run's (bitext version, backend, layout, front-matter keys, QA rules,
//     glossary, segmentation rules) and no interrupted run left a journal;
//   - the language's key is this run's (the bytes of the memory files the language reads);
//   - the sha256 of the source file's bytes and of the bilingual file's bytes are those recorded: the
//     bytes are hashed every run (never mtimes), so a reviewer's save is always seen;
//   - the last run left the document settled: nothing to send, no request of the reviewer pending, no
//     segment whose plan reads the memory (an empty machine target, a stale segment without draft, a
//     resolution the memory has to confirm), no warning. Planning such a document again gives the same
//     file, so the report and the findings recorded for it are the ones a full run would give.
// A skipped document still feeds the other documents of its language: when one of them needs the memory,
// machine output or rejections of the project, the skipped files are read (not planned) for them.
import { hash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Diagnostic, LanguageCode, SegmentStatus, Severity } from '../core/types.js';
import { HUMAN_STATUSES } from '../core/types.js';
import type { BilingualDocument } from '../bilingual/types.js';
import type { Glossary } from '../glossary/types.js';
import { memoryTargetsFor } from '../memory/language.js';
import { memoryPath } from '../memory/store.js';
import type { RuleRecord } from '../segmentation/rules.js';
import { writeFileAtomic } from '../io/atomic-write.js';
import { VERSION } from '../version.js';
import { shownPath, type ProjectLayout } from './layout.js';

export const STATE_FORMAT_VERSION = 1;
export const STATE_FILE = '.bitext-state.json';

/** What a settled document's report says, per language. */
export interface SettledFile {
  /** sha256 of the bilingual file's bytes. */
  readonly hash: string;
  readonly counts: Record<SegmentStatus, number>;
  readonly diagnostics: readonly Diagnostic[];
  /**
   * What the file can give other documents, as `textKey`s (8 hex digits each, concatenated) of the source
   * sentences it holds machine output for or rejects machine output of: a document planned beside it that
   * asks for one of these sentences reads this file.
   */
  readonly offers: string;
}

export interface DocumentState {
  /** sha256 of the source file's bytes. */
  readonly source: string;
  readonly files: Readonly<Record<LanguageCode, SettledFile>>;
}

export interface RunState {
  readonly 'bitext-state': number;
  readonly key: string;
  /** The backend of the run that wrote the state (part of the key). */
  readonly backend?: string;
  /** Per target language: the key of the memory files it reads. */
  readonly languages: Readonly<Record<LanguageCode, string>>;
  /** By source path (as the report shows it). */
  readonly documents: Readonly<Record<string, DocumentState>>;
}

export function statePath(layout: Pick<ProjectLayout, 'translations'>): string {
  return join(layout.translations, STATE_FILE);
}

export const sha256 = (data: Uint8Array | string): string => hash('sha256', data, 'hex');

/** The state, or undefined when it is absent, damaged or of another format. Never throws. */
export async function readState(layout: ProjectLayout): Promise<RunState | undefined> {
  try {
    const parsed = JSON.parse(await readFile(statePath(layout), 'utf8')) as Partial<RunState>;
    if (
      parsed === null ||
      typeof parsed !== 'object' ||
      parsed['bitext-state'] !== STATE_FORMAT_VERSION ||
      typeof parsed.key !== 'string' ||
      typeof parsed.languages !== 'object' ||
      parsed.languages === null ||
      typeof parsed.documents !== 'object' ||
      parsed.documents === null
    ) {
      return undefined;
    }
    return parsed as RunState;
  } catch {
    return undefined;
  }
}

export async function writeState(layout: ProjectLayout, state: RunState): Promise<void> {
  const path = statePath(layout);
  await writeFileAtomic(path, `${JSON.stringify(state)}\n`, { root: layout.translations, displayPath: shownPath(layout, path) });
  await ensureGitIgnore(layout);
}

/**
 * The run state is a cache of this machine's last run, and the journal, the lock and temporary files are a
 * run's own: none belongs in git (two reviewers' runs on two branches would conflict on the state file).
 * `<translations>/.gitignore` says so, written once; a file a person wrote is left alone.
 */
export const GITIGNORE = '# bitext: files of a run on this machine (a cache, the crash journal, the lock), not for git\n.bitext-state.json\n.bitext/\n.bitext.lock\n.bitext-tmp-*\n';

async function ensureGitIgnore(layout: ProjectLayout): Promise<void> {
  const path = join(layout.translations, '.gitignore');
  const exists = await stat(path).then(
    () => true,
    () => false,
  );
  if (!exists) await writeFileAtomic(path, GITIGNORE, { root: layout.translations, displayPath: shownPath(layout, path) });
}

/** Everything besides the files themselves that decides what a run makes of a document. */
export function projectKey(inputs: {
  readonly backend: string;
  readonly layout: ProjectLayout;
  readonly frontMatterKeys?: readonly string[] | undefined;
  readonly qaRules?: Readonly<Record<string, Severity | 'off'>> | undefined;
  readonly glossary: Glossary | undefined;
  readonly rules: readonly RuleRecord[];
}): string {
  const { layout } = inputs;
  return sha256(
    JSON.stringify({
      format: STATE_FORMAT_VERSION,
      version: VERSION,
      backend: inputs.backend,
      // Relative to the project, so a clone elsewhere (a CI checkout) keeps the state valid.
      layout: {
        sourceLanguage: layout.sourceLanguage,
        translations: shownPath(layout, layout.translations),
        memory: shownPath(layout, layout.memory),
        published: shownPath(layout, layout.published),
      },
      frontMatterKeys: inputs.frontMatterKeys ?? null,
      qaRules: inputs.qaRules === undefined ? null : Object.entries(inputs.qaRules).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
      glossary: inputs.glossary ?? null,
      rules: inputs.rules,
    }),
  );
}

/** The key of a language: the bytes of every memory file it reads (absent files count as absent). */
export async function languageKey(layout: ProjectLayout, lang: LanguageCode): Promise<string> {
  const parts: string[] = [];
  for (const code of memoryTargetsFor(lang)) {
    const bytes = await readFile(memoryPath(layout.memory, { source: layout.sourceLanguage, target: code })).catch(() => undefined);
    parts.push(`${code}:${bytes === undefined ? '-' : sha256(bytes)}`);
  }
  return sha256(parts.join('\n'));
}

/** A short key of a source sentence (FNV-1a, 32 bits): a collision only makes a run read one file more. */
export function textKey(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}

/** The keys of the sentences a settled file offers the others (see `SettledFile.offers`). */
export function offersOf(doc: BilingualDocument): string {
  const keys = new Set<string>();
  for (const paragraph of doc.paragraphs) {
    for (const s of paragraph.segments) {
      if (s.target !== '' && (s.machineHash !== '' || s.status === 'machine' || s.status === 'new')) keys.add(textKey(s.source));
    }
  }
  return [...keys].join('');
}

/** True when `offers` holds one of `keys`. */
export function offersAny(offers: string | undefined, keys: ReadonlySet<string>): boolean {
  if (typeof offers !== 'string') return true; // a state without the keys: read the file
  for (let i = 0; i + 8 <= offers.length; i += 8) if (keys.has(offers.slice(i, i + 8))) return true;
  return false;
}

/**
 * True when planning `doc` again, from its own file and source, reads nothing of the memory or the
 * project: every segment carries over as it is.
 */
export function isSelfContained(doc: BilingualDocument): boolean {
  for (const paragraph of doc.paragraphs) {
    for (const s of paragraph.segments) {
      if (s.target === '' && !HUMAN_STATUSES.has(s.status)) return false;
      if (s.status === 'stale' && s.draft === undefined && s.previousSource !== undefined) return false;
      if (s.previousSource !== undefined && HUMAN_STATUSES.has(s.status)) return false;
      if (s.action !== undefined || s.splitAfter !== undefined) return false;
    }
  }
  return true;
}
