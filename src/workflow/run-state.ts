// The run state: what the last run left settled, so an unchanged document is not parsed, planned, checked
// or rendered again. `<translations>/.bitext-state.json`, owned by bitext, written atomically after a run
// that ended without a problem; a cache, never a source of truth: absent, damaged, of another version or of
// another configuration, it is ignored and the run takes the full path.
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
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
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
}

export interface DocumentState {
  /** sha256 of the source file's bytes. */
  readonly source: string;
  readonly files: Readonly<Record<LanguageCode, SettledFile>>;
}

export interface RunState {
  readonly 'bitext-state': number;
  readonly key: string;
  /** Per target language: the key of the memory files it reads. */
  readonly languages: Readonly<Record<LanguageCode, string>>;
  /** By source path (as the report shows it). */
  readonly documents: Readonly<Record<string, DocumentState>>;
}

export function statePath(layout: Pick<ProjectLayout, 'translations'>): string {
  return join(layout.translations, STATE_FILE);
}

export const sha256 = (data: Uint8Array | string): string => createHash('sha256').update(data).digest('hex');

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
      layout: { root: layout.root, sourceLanguage: layout.sourceLanguage, translations: layout.translations, memory: layout.memory, published: layout.published },
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
