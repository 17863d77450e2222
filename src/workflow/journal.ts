// The crash journal: every answer a run receives is appended here and flushed to the disk (fdatasync)
// before its request counts as done, so a run that is killed at any point — SIGKILL, the OOM killer, a
// power cut — loses at most the requests that were in flight. One file per run, owned by bitext:
// `<translations>/.bitext/journal/<run-id>.jsonl`. Every later run (and --dry-run, status, check) reads the
// journals it finds, so the planner fills those segments without sending them again; the run that holds
// the lock removes them once what they hold is in a review file or the memory. See docs/reliability.md.
//
// Format (JSON Lines, version 1): a header, then one line per answer received, in the order received:
//   {"bitext-journal":1,"run":"20261201T120000Z-4242-9f3a","sourceLanguage":"de","started":"2026-12-01T12:00:00.000Z"}
//   {"lang":"en","source":"Der Satz.","target":"The sentence.","problems":[]}
// `source` is the segment as the reviewer reads it (the key its translation is filed under), `target` the
// translation as the review file shows it, `problems` the markup that did not come back. A later line for
// the same language and source replaces an earlier one (a markup retry). Only the last line can be torn
// (the process died while appending it): it is ignored.
import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rm, rmdir, type FileHandle } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { BitextError } from '../core/errors.js';
import type { Diagnostic, LanguageCode } from '../core/types.js';
import { syncFolder } from '../io/atomic-write.js';
import { describeFsError } from '../io/read-text.js';
import { parseStrictJson } from '../io/strict-json.js';
import type { Received, ReceivedItem } from './execute.js';
import { shownPath, type ProjectLayout } from './layout.js';

export const JOURNAL_FORMAT_VERSION = 1;

/** Where the journals of a project's runs live. */
export function journalFolder(layout: Pick<ProjectLayout, 'translations'>): string {
  return join(layout.translations, '.bitext', 'journal');
}

/** `20261201T120000Z-4242-9f3a`: sorts by start time, and two runs never share one. */
export function newRunId(now: Date, pid: number = process.pid): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  return `${stamp}-${pid}-${randomBytes(2).toString('hex')}`;
}

export interface JournalWriter {
  /** Appends one request's answers and returns once they are on the disk. */
  append(lang: LanguageCode, items: readonly ReceivedItem[]): Promise<void>;
  /** Closes the file (if one was created). Safe to call twice. */
  close(): Promise<void>;
  /** The journal file, once the first answer created it. */
  readonly file: string | undefined;
}

/**
 * The journal of one run. The file is created with the first answer, so a run that sends nothing leaves
 * none. Answers that arrive while a flush is under way go to the disk together in the next one (group
 * commit): one fdatasync per flush, not per request.
 */
export function createJournal(layout: ProjectLayout, options: { readonly runId: string; readonly now: Date }): JournalWriter {
  const folder = journalFolder(layout);
  const path = join(folder, `${options.runId}.jsonl`);
  const shown = shownPath(layout, path);
  let handle: FileHandle | undefined;
  let created = false;
  let closed = false;
  let queue: { text: string; done: () => void; fail: (error: unknown) => void }[] = [];
  let flushing: Promise<void> | undefined;

  const fail = (error: unknown): BitextError =>
    error instanceof BitextError
      ? error
      : new BitextError('output', `cannot save the translations received (${describeFsError(error)}); the run stopped sending, and what was received is still written where possible`, {
          file: shown,
          cause: error,
        });

  const openFile = async (): Promise<FileHandle> => {
    await mkdir(folder, { recursive: true });
    const opened = await open(path, 'wx');
    created = true;
    const header = { 'bitext-journal': JOURNAL_FORMAT_VERSION, run: options.runId, sourceLanguage: layout.sourceLanguage, started: options.now.toISOString() };
    await opened.write(`${JSON.stringify(header)}\n`);
    await opened.datasync();
    // The file's name must survive a power cut too: flush the folder that holds it.
    await syncFolder(folder);
    return opened;
  };

  const flush = async (): Promise<void> => {
    while (queue.length > 0) {
      const batch = queue;
      queue = [];
      try {
        handle ??= await openFile();
        await handle.write(batch.map((entry) => entry.text).join(''));
        await handle.datasync();
        for (const entry of batch) entry.done();
      } catch (error) {
        for (const entry of batch) entry.fail(fail(error));
      }
    }
    flushing = undefined;
  };

  return {
    get file() {
      return created ? path : undefined;
    },
    append(lang, items) {
      if (closed) return Promise.reject(new BitextError('output', 'the journal is already closed', { file: shown }));
      if (items.length === 0) return Promise.resolve();
      const text = items
        .map((item) => `${JSON.stringify({ lang, source: item.text, target: item.received.target, problems: item.received.problems })}\n`)
        .join('');
      return new Promise<void>((done, reject) => {
        queue.push({ text, done, fail: reject });
        flushing ??= flush();
      });
    },
    async close() {
      closed = true;
      await flushing;
      const opened = handle;
      handle = undefined;
      await opened?.close();
    },
  };
}

export interface RecoveredAnswers {
  /** Journal files read (absolute), oldest first: removed once their answers are kept elsewhere. */
  readonly files: readonly string[];
  /** Answers by language, then by source text; a later answer replaces an earlier one. */
  readonly answers: ReadonlyMap<LanguageCode, ReadonlyMap<string, Received>>;
  /** Damaged lines that were skipped (a torn last line is not reported: it is what a kill leaves). */
  readonly warnings: readonly Diagnostic[];
}

const NONE: RecoveredAnswers = { files: [], answers: new Map(), warnings: [] };

/** Reads every journal a run left behind (a run that finished left none). Never writes. */
export async function readJournals(layout: ProjectLayout): Promise<RecoveredAnswers> {
  const folder = journalFolder(layout);
  let names: string[];
  try {
    names = (await readdir(folder)).filter((name) => name.endsWith('.jsonl')).sort();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return NONE;
    throw new BitextError('input', `cannot read the journal folder (${describeFsError(error)})`, { file: shownPath(layout, folder), cause: error });
  }
  if (names.length === 0) return NONE;
  const answers = new Map<LanguageCode, Map<string, Received>>();
  const warnings: Diagnostic[] = [];
  const files: string[] = [];
  for (const name of names) {
    const path = join(folder, name);
    const shown = shownPath(layout, path);
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      throw new BitextError('input', `cannot read the journal of an interrupted run (${describeFsError(error)})`, { file: shown, cause: error });
    }
    const read = parseJournal(text, shown, layout.sourceLanguage);
    warnings.push(...read.warnings);
    if (!read.usable) continue;
    files.push(path);
    for (const entry of read.entries) {
      let byText = answers.get(entry.lang);
      if (!byText) answers.set(entry.lang, (byText = new Map()));
      byText.set(entry.source, { target: entry.target, problems: entry.problems });
    }
  }
  return { files, answers, warnings };
}

interface JournalEntry {
  readonly lang: LanguageCode;
  readonly source: string;
  readonly target: string;
  readonly problems: readonly string[];
}

/**
 * Reads one journal. `usable` is false for a file of another source language (left alone, with a warning)
 * or with no header at all; a file whose header was torn holds no answer and is usable (and removable).
 */
export function parseJournal(text: string, file: string, sourceLanguage: LanguageCode): { usable: boolean; entries: JournalEntry[]; warnings: Diagnostic[] } {
  const warnings: Diagnostic[] = [];
  const complete = text.split('\n');
  // What follows the last line break is either nothing or a line cut short while it was being appended.
  complete.pop();
  const entries: JournalEntry[] = [];
  const warn = (line: number, message: string): void => {
    warnings.push({ severity: 'warning', rule: 'journal-damaged', message, file, line });
  };
  if (complete.length === 0) return { usable: true, entries, warnings };
  const header = readLine(complete[0] ?? '');
  if (header === undefined || header['bitext-journal'] !== JOURNAL_FORMAT_VERSION) {
    warn(1, `not a bitext journal of version ${JOURNAL_FORMAT_VERSION}; left as it is, nothing in it was used`);
    return { usable: false, entries, warnings };
  }
  if (header.sourceLanguage !== sourceLanguage) {
    warn(1, `the journal of a run from ${JSON.stringify(header.sourceLanguage)}, not ${sourceLanguage}; left as it is, nothing in it was used`);
    return { usable: false, entries, warnings };
  }
  for (let at = 1; at < complete.length; at++) {
    const raw = complete[at] ?? '';
    if (raw === '') continue;
    const row = readLine(raw);
    const entry = row === undefined ? undefined : toEntry(row);
    if (entry === undefined) {
      warn(at + 1, 'damaged line of the journal of an interrupted run; skipped (that sentence will be sent again)');
      continue;
    }
    entries.push(entry);
  }
  return { usable: true, entries, warnings };
}

function readLine(text: string): Record<string, unknown> | undefined {
  try {
    const value = parseStrictJson(text, { code: 'input' });
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function toEntry(row: Record<string, unknown>): JournalEntry | undefined {
  const { lang, source, target, problems } = row;
  if (typeof lang !== 'string' || typeof source !== 'string' || typeof target !== 'string') return undefined;
  if (!Array.isArray(problems) || !problems.every((p): p is string => typeof p === 'string')) return undefined;
  return { lang, source, target, problems };
}

/** Removes journals whose answers are kept elsewhere now, and the folders they leave empty. */
export async function removeJournals(layout: Pick<ProjectLayout, 'translations'>, files: readonly string[]): Promise<void> {
  for (const file of files) await rm(file, { force: true });
  const folder = journalFolder(layout);
  // Only succeed when empty: a journal of another source language stays, and so do its folders.
  await rmdir(folder).catch(() => undefined);
  await rmdir(dirname(folder)).catch(() => undefined);
}
