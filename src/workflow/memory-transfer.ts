import { open, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { BitextError } from '../core/errors.js';
import type { Diagnostic, LanguageCode, LanguagePair } from '../core/types.js';
import { describeFsError } from '../io/read-text.js';
import {
  addToMemory,
  createTmxDecoder,
  createTmxReader,
  importTargetFor,
  memoryPath,
  memoryTargetsFor,
  normalizeSegmentText,
  readMemory,
  toTmx,
  writeMemory,
  type MemoryEntry,
  type TmxImport,
  type TmxImportedPair,
  type TmxImportOptions,
  type TmxLanguageCount,
  type TranslationMemory,
} from '../memory/index.js';
import { writeFileAtomic } from '../io/atomic-write.js';
import { releaseAll } from '../io/lock.js';
import { layoutOf, lockProject, validateTargetLanguage } from './project.js';
import { shownPath, type ProjectLayout } from './layout.js';
import { DEFAULT_SOURCE_LANGUAGE } from '../core/language.js';
import { VERSION } from '../version.js';

export async function exportMemory(options: {
  cwd: string;
  target: LanguageCode;
  out?: string;
  now: Date;
}): Promise<{ kind: 'stdout'; tmx: string } | { kind: 'file'; entries: number }> {
  const target = validateTargetLanguage(options.target);
  const layout = layoutOf({ cwd: options.cwd });
  const memory = await readMemory(layout.memory, { source: layout.sourceLanguage, target }, shownPath(layout, layout.memory));
  const tmx = toTmx(memory, { toolVersion: VERSION, now: options.now });
  if (!options.out) return { kind: 'stdout', tmx };
  const out = resolve(options.cwd, options.out);
  await writeFileAtomic(out, tmx, { root: dirname(out), displayPath: options.out });
  return { kind: 'file', entries: memory.entries.length };
}

export interface ImportedMemory {
  readonly source: LanguageCode;
  readonly target: LanguageCode;
  /** The memory file, relative to the project. */
  readonly memory: string;
  /** The xml:lang codes that went into it, with their entry counts (`fr-FR` and `fr-CA` into `fr`). */
  readonly languages: readonly { language: LanguageCode; units: number }[];
  readonly imported: number;
  readonly total: number;
  readonly written: boolean;
}

export interface ImportSummary {
  readonly pairs: readonly ImportedMemory[];
  readonly warnings: readonly Diagnostic[];
}

/** What goes into one memory: planned in full before anything is written. */
interface PlannedMemory {
  readonly pair: LanguagePair;
  readonly entries: MemoryEntry[];
  readonly languages: TmxLanguageCount[];
}

/**
 * Imports a TMX file into the project memories, all or nothing: the whole file is read, every target
 * language checked and every memory merged before the first one is written.
 */
export async function importMemory(options: {
  cwd: string;
  /** The TMX file, relative to `cwd` (or absolute); also how messages name it. */
  file: string;
  target?: LanguageCode;
  now: Date;
}): Promise<ImportSummary> {
  const root = options.cwd;
  const layout = layoutOf({ cwd: root });
  const shownMemory = shownPath(layout, layout.memory);
  const file = options.file;
  const target = options.target === undefined ? undefined : validateTargetLanguage(options.target);
  const parsed = await readTmx(root, file, {
    sourceLanguage: layout.sourceLanguage,
    ...(target ? { targetLanguage: target } : {}),
    now: options.now,
  });
  if (parsed.pairs.every((p) => p.entries.length === 0)) throw nothingToImport(parsed, file, target);
  const planned = target === undefined ? await assignMemories(layout, parsed, file) : parsed.pairs.map((p) => ({ ...p, languages: [...p.languages] }));
  for (const plan of planned) checkTarget(plan, planned, file);

  // The memory is shared with translate runs: hold the project lock while it changes.
  const locks = await lockProject(layout, options.now, 'bitext tm import');
  try {
    const merged: { plan: PlannedMemory; memory: TranslationMemory; changed: boolean }[] = [];
    for (const plan of planned) {
      if (plan.entries.length === 0) continue;
      merged.push({ plan, ...addToMemory(await readMemory(layout.memory, plan.pair, shownMemory), plan.entries) });
    }
    const pairs: ImportedMemory[] = [];
    for (const { plan, memory, changed } of merged) {
      // Nothing new: the file stays exactly as it is (not even re-sorted), and is not serialised at all.
      const written = changed && (await writeMemory(layout.memory, memory, shownMemory));
      pairs.push({
        ...plan.pair,
        memory: shownPath(layout, memoryPath(layout.memory, plan.pair)),
        languages: plan.languages.map(({ language, units }) => ({ language, units })),
        imported: plan.entries.length,
        total: memory.entries.length,
        written,
      });
    }
    // Several targets are imported here on purpose, each into its own memory.
    return { pairs, warnings: parsed.warnings.filter((w) => w.rule !== 'tmx-several-targets') };
  } finally {
    await releaseAll(locks);
  }
}

/** Bytes read at a time: the file is never held whole, neither as bytes nor as text. */
const READ_CHUNK = 1 << 20;
/** Bytes decoded at a time: below V8's large-object size (128 KB), so each piece of text dies young. */
const DECODE_CHUNK = 64 * 1024;

/** Reads, decodes and parses the file piece by piece (a 100,000-unit TMX is about 60 MB). */
async function readTmx(root: string, file: string, options: TmxImportOptions): Promise<TmxImport> {
  const cannotRead = (cause: unknown): BitextError =>
    new BitextError('input', `cannot read (${describeFsError(cause)})`, { file, cause });
  const handle = await open(resolve(root, file), 'r').catch((cause: unknown) => {
    throw cannotRead(cause);
  });
  // Two buffers: the next piece is read while this one is parsed, so the parser never waits for the disk
  // (each read is a trip through the thread pool, and a busy machine makes it a long one). One read at a
  // time, in order; the decoder copies what it keeps, so a buffer is free again once decoded.
  const buffers = [Buffer.alloc(READ_CHUNK), Buffer.alloc(READ_CHUNK)];
  const readInto = (buffer: Buffer): Promise<{ bytesRead: number; buffer: Buffer }> =>
    handle.read(buffer, 0, buffer.length, null).catch((cause: unknown) => {
      throw cannotRead(cause);
    });
  let next = readInto(buffers[0] as Buffer);
  try {
    const decoder = createTmxDecoder(file);
    const reader = createTmxReader(file, options);
    for (let turn = 1; ; turn ^= 1) {
      const { bytesRead, buffer } = await next;
      if (bytesRead === 0) break;
      next = readInto(buffers[turn] as Buffer);
      for (let at = 0; at < bytesRead; at += DECODE_CHUNK) {
        reader.write(decoder.decode(buffer.subarray(at, Math.min(bytesRead, at + DECODE_CHUNK))));
      }
    }
    reader.write(decoder.end());
    return reader.close();
  } finally {
    // A parse error leaves a read running: let it end (its failure no longer matters) before closing.
    await next.catch(() => undefined);
    await handle.close();
  }
}

function nothingToImport(parsed: TmxImport, file: string, target: LanguageCode | undefined): BitextError {
  const has = parsed.languages.map((l) => `${l.language} (${l.units} unit${l.units === 1 ? '' : 's'})`).join(', ') || 'no languages';
  const german = parsed.languages.some((l) => importTargetFor(l.language, { requested: DEFAULT_SOURCE_LANGUAGE }) !== undefined);
  let what = `no translation unit has a German (${DEFAULT_SOURCE_LANGUAGE}) variant`;
  if (german && target !== undefined) what = `no translation unit has both a German (${DEFAULT_SOURCE_LANGUAGE}) and a ${target} variant with text`;
  else if (german) what = `no translation unit has both German (${DEFAULT_SOURCE_LANGUAGE}) text and a translation`;
  return new BitextError('input', `${what}; the file has ${has}`, { file });
}

/**
 * Without `--to`: the memory of each xml:lang (`importTargetFor`), given the variant memories the project
 * already keeps. Variants bound for one memory (`fr-FR`, `fr-CA` into `fr`) are merged, unless two of
 * them translate one sentence differently: then the user picks with `--to`, rather than `translate`
 * silently using whichever translation is newer.
 */
async function assignMemories(layout: ProjectLayout, parsed: TmxImport, file: string): Promise<PlannedMemory[]> {
  const kept: LanguageCode[] = [];
  for (const { pair } of parsed.pairs) {
    // Every code of the lookup chain but the last (the base, which is the default anyway).
    for (const code of memoryTargetsFor(pair.target).slice(0, -1)) {
      if (!kept.includes(code) && (await memoryExists(layout.memory, { source: layout.sourceLanguage, target: code }))) kept.push(code);
    }
  }
  const byMemory = new Map<LanguageCode, { plan: PlannedMemory; parts: TmxImportedPair[] }>();
  for (const imported of parsed.pairs) {
    if (imported.entries.length === 0) continue;
    const target = importTargetFor(imported.pair.target, { projectTargets: kept }) ?? imported.pair.target;
    const found = byMemory.get(target);
    if (found === undefined) {
      const plan = { pair: { source: layout.sourceLanguage, target }, entries: [...imported.entries], languages: [...imported.languages] };
      byMemory.set(target, { plan, parts: [imported] });
      continue;
    }
    found.parts.push(imported);
    found.plan.entries.push(...imported.entries);
    found.plan.languages.push(...imported.languages);
  }
  for (const { plan, parts } of byMemory.values()) if (parts.length > 1) checkVariantsAgree(plan.pair.target, parts, file);
  return [...byMemory.values()].map(({ plan }) => plan);
}

/** Refuses when two variants bound for one memory give one source different translations. */
function checkVariantsAgree(target: LanguageCode, parts: readonly TmxImportedPair[], file: string): void {
  const seen = new Map<string, { target: string; key: string; language: LanguageCode }>();
  for (const part of parts) {
    const language = part.pair.target;
    for (const entry of part.entries) {
      const source = normalizeSegmentText(entry.source);
      const key = normalizeSegmentText(entry.target);
      const other = seen.get(source);
      if (other === undefined) {
        seen.set(source, { target: entry.target, key, language });
        continue;
      }
      if (other.language === language || other.key === key) continue;
      const line = part.languages[0]?.line;
      throw new BitextError(
        'input',
        `${language} and ${other.language} both go into the memory of ${target} but translate ${JSON.stringify(entry.source)} ` +
          `differently (${JSON.stringify(entry.target)}, ${JSON.stringify(other.target)}); nothing was imported. Import one ` +
          `variant with --to ${other.language} or --to ${language} (each into its own memory), or both with --to ${target}`,
        { file, ...(line === undefined ? {} : { line }) },
      );
    }
  }
}

async function memoryExists(dir: string, pair: LanguagePair): Promise<boolean> {
  let path: string;
  try {
    path = memoryPath(dir, pair);
  } catch {
    return false; // not a code a memory can be named after
  }
  return stat(path).then(
    (info) => info.isFile(),
    () => false,
  );
}

/** A target bitext cannot translate into stops the whole import, at the line of its first <tuv>. */
function checkTarget(plan: PlannedMemory, others: readonly PlannedMemory[], file: string): void {
  if (plan.entries.length === 0) return;
  try {
    validateTargetLanguage(plan.pair.target);
  } catch (error) {
    if (!(error instanceof BitextError)) throw error;
    const line = plan.languages[0]?.line;
    const rest = others.filter((other) => other !== plan && other.entries.length > 0).map((other) => other.pair.target);
    throw new BitextError(
      'input',
      `xml:lang "${plan.languages[0]?.language ?? plan.pair.target}" is not a language bitext translates into, so nothing ` +
        `was imported; correct the code${rest.length > 0 ? ` or import the others alone (--to ${rest.join(', --to ')})` : ''}`,
      { file, ...(line === undefined ? {} : { line }), cause: error },
    );
  }
}
