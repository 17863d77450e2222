// The memory file format: JSON Lines, a header line, then one entry per line in sorted order.
import { BitextError } from '../core/errors.js';
import { parseStrictJson, StrictJsonError } from '../io/strict-json.js';
import { SEGMENT_STATUSES, type SegmentStatus } from '../core/types.js';
import { addToMemory, compareEntries, createMemory, isSorted, memoryFromStored } from './memory.js';
import { MEMORY_ORIGINS, type MemoryEntry, type MemoryOrigin, type TranslationMemory } from './types.js';

export const MEMORY_FORMAT_VERSION = 1;

const ENTRY_KEYS: ReadonlySet<string> = new Set(['source', 'target', 'origin', 'status', 'document', 'note', 'changed']);
/** ISO 8601 as Date#toISOString writes it, optionally without milliseconds or with an offset. */
const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * JSON.stringify leaves U+2028/U+2029 raw; some line readers split on them, so escape them to keep
 * "one entry per line" true for every tool.
 */
function toJsonLine(value: unknown): string {
  return escapeLineSeparators(JSON.stringify(value));
}

function escapeLineSeparators(line: string): string {
  return LINE_SEPARATORS.test(line) ? line.replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029') : line;
}

const LINE_SEPARATORS = /[\u2028\u2029]/;

/** Characters per piece of `serializeMemoryPieces`: small enough to die young, large enough to write well. */
const PIECE_CHARS = 256 * 1024;

/**
 * The memory file's text in pieces of a few hundred kilobytes, in order: joined, exactly
 * `serializeMemory`. For writing a large memory without building its text whole (a 100,000-entry memory
 * is 35 MB of text, and as many bytes again once encoded).
 */
export function* serializeMemoryPieces(memory: TranslationMemory): Generator<string, void, undefined> {
  let lines = [
    toJsonLine({
      'bitext-memory': MEMORY_FORMAT_VERSION,
      sourceLanguage: memory.pair.source,
      targetLanguage: memory.pair.target,
    }),
  ];
  let size = 0;
  // Entries are kept sorted by construction; sorting a copy guards hand-built memory values.
  for (const entry of isSorted(memory.entries) ? memory.entries : [...memory.entries].sort(compareEntries)) {
    // Fixed key order: the file's bytes depend only on the data. Written field by field: the same
    // bytes as JSON.stringify of the row, without building 100,000 row objects.
    // Optional fields are left out when absent, so a memory without notes reads and writes as before.
    const document = entry.document === undefined ? '' : `,"document":${jsonString(entry.document)}`;
    const note = entry.note === undefined || entry.note === '' ? '' : `,"note":${jsonString(entry.note)}`;
    const line =
      `{"source":${jsonString(entry.source)},"target":${jsonString(entry.target)},"origin":${quoted(entry.origin)},` +
      `"status":${quoted(entry.status)}${document}${note},"changed":${jsonString(entry.changed)}}`;
    lines.push(line);
    size += line.length;
    if (size >= PIECE_CHARS) {
      // Joined with a final empty line rather than `${…}\n`, which would be a rope copied again.
      lines.push('');
      yield lines.join('\n');
      lines = [];
      size = 0;
    }
  }
  lines.push('');
  yield lines.join('\n');
}

/** JSON of the few origin and status words, spelt once rather than 100,000 times. */
const QUOTED = new Map<string, string>([...MEMORY_ORIGINS, ...SEGMENT_STATUSES].map((word) => [word, JSON.stringify(word)]));

function quoted(word: string): string {
  return QUOTED.get(word) ?? jsonString(word);
}

/**
 * Any character but those JSON.stringify writes as they are and this format leaves alone: a quote, a
 * backslash, control characters, U+2028/U+2029 and surrogates (it escapes lone ones). A negated class:
 * the engine scans the common characters faster than it matches a list of rare ones.
 */
const NEEDS_ESCAPE = /[^ !#-\[\]-\u2027\u202a-\ud7ff\ue000-\uffff]/;

/**
 * `escapeLineSeparators(JSON.stringify(text))`, which for most text is the text in quotes: a JSON.stringify
 * call costs more than the test, and a memory file has three strings per line.
 */
function jsonString(text: string): string {
  return NEEDS_ESCAPE.test(text) ? escapeLineSeparators(JSON.stringify(text)) : `"${text}"`;
}

export function serializeMemory(memory: TranslationMemory): string {
  return [...serializeMemoryPieces(memory)].join('');
}

/**
 * A line read with the native `JSON.parse` when it certainly has each key once, so the strict parser
 * (several times slower) has nothing to refuse: the line holds as many key ends — a `"` that no backslash
 * escapes, followed by JSON whitespace and `:` — as the parsed object has keys (inside a string a quote is
 * always escaped, so every such quote ends a key). Anything else — a key given twice, a line that does not
 * parse — is undefined here and takes the strict path, with its errors.
 */
function readWithoutDuplicates(text: string, file: string, line: number): MemoryEntry | undefined {
  if (text.charCodeAt(0) !== 0x7b) return undefined;
  let row: unknown;
  try {
    row = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isRecord(row) || keyEnds(text) !== Object.keys(row).length) return undefined;
  try {
    return readEntry(row, file, line);
  } catch {
    return undefined; // the strict path says what is wrong, as it would have
  }
}

function keyEnds(text: string): number {
  let count = 0;
  for (let at = text.indexOf(':'); at !== -1; at = text.indexOf(':', at + 1)) {
    let quote = at - 1;
    while (quote >= 0 && isJsonSpace(text.charCodeAt(quote))) quote -= 1;
    if (text.charCodeAt(quote) !== 0x22) continue;
    let backslashes = 0;
    while (text.charCodeAt(quote - 1 - backslashes) === 0x5c) backslashes += 1;
    if (backslashes % 2 === 0) count += 1;
  }
  return count;
}

const isJsonSpace = (code: number): boolean => code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function fail(message: string, file: string, line: number): never {
  throw new BitextError('input', message, { file, line });
}

/**
 * One line as strict JSON: a key given twice is refused (`JSON.parse` would keep the last one silently, so
 * a hand-merged line could change its target without a word). Errors carry the file's line and the column.
 */
function parseJsonLine(text: string, file: string, line: number): Record<string, unknown> {
  let value: unknown;
  try {
    value = parseStrictJson(text, { code: 'input' });
  } catch (error) {
    if (!(error instanceof StrictJsonError)) throw error;
    if (error.kind === 'duplicate-key') {
      throw new BitextError(
        'input',
        `duplicate key ${JSON.stringify(error.key)} (columns ${error.firstColumn} and ${error.column}): an entry has each field once; keep the right one`,
        { file, line, column: error.column, cause: error },
      );
    }
    const hint = /^(<{7}|={7}|>{7})/.test(text) ? ' (unresolved merge conflict: keep both sides\' lines, drop the markers)' : '';
    throw new BitextError('input', `invalid JSON${hint}: ${error.reason}; ${error.hint}`, { file, line, column: error.column, cause: error });
  }
  if (!isRecord(value)) fail('expected a JSON object on this line', file, line);
  return value;
}

function readEntry(row: Record<string, unknown>, file: string, line: number): MemoryEntry {
  for (const key of Object.keys(row)) {
    if (!ENTRY_KEYS.has(key)) fail(`unknown field "${key}"; expected ${[...ENTRY_KEYS].join(', ')}`, file, line);
  }
  const { source, target, origin, status, document, note, changed } = row;
  if (typeof source !== 'string') fail('"source" must be a string', file, line);
  if (typeof target !== 'string') fail('"target" must be a string', file, line);
  if (typeof origin !== 'string' || !(MEMORY_ORIGINS as readonly string[]).includes(origin)) {
    fail(`"origin" must be one of ${MEMORY_ORIGINS.join(', ')}`, file, line);
  }
  if (typeof status !== 'string' || !(SEGMENT_STATUSES as readonly string[]).includes(status)) {
    fail(`"status" must be one of ${SEGMENT_STATUSES.join(', ')}`, file, line);
  }
  if (document !== undefined && typeof document !== 'string') fail('"document" must be a string', file, line);
  if (note !== undefined && (typeof note !== 'string' || note === '')) fail('"note" must be a non-empty string (leave it out for no note)', file, line);
  if (typeof changed !== 'string' || !ISO_DATE.test(changed) || Number.isNaN(Date.parse(changed))) {
    fail('"changed" must be an ISO 8601 date-time such as 2024-05-01T12:00:00.000Z', file, line);
  }
  const entry: { -readonly [K in keyof MemoryEntry]: MemoryEntry[K] } = { source, target, origin: origin as MemoryOrigin, status: status as SegmentStatus, changed };
  if (document !== undefined) entry.document = document;
  if (note !== undefined) entry.note = note as string;
  return entry;
}

/**
 * Reads a memory file. Blank lines are ignored; entries may come in any order and may repeat (as after a
 * git merge): they are folded together with the rules of `addToMemory`. Errors name `file` and line.
 */
export function parseMemory(text: string, file: string): TranslationMemory {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const headerAt = lines.findIndex((line) => line.trim() !== '');
  if (headerAt === -1) fail('empty memory file: expected a header line {"bitext-memory":1,…}', file, 1);
  const header = parseJsonLine(lines[headerAt] ?? '', file, headerAt + 1);
  const version = header['bitext-memory'];
  if (version !== MEMORY_FORMAT_VERSION) {
    fail(
      version === undefined
        ? 'missing header: the first line must be {"bitext-memory":1,"sourceLanguage":…,"targetLanguage":…}'
        : `unsupported memory format version ${JSON.stringify(version)}; this bitext reads version ${MEMORY_FORMAT_VERSION}`,
      file,
      headerAt + 1,
    );
  }
  const { sourceLanguage, targetLanguage } = header;
  if (typeof sourceLanguage !== 'string' || typeof targetLanguage !== 'string') {
    fail('header needs "sourceLanguage" and "targetLanguage" strings', file, headerAt + 1);
  }
  const entries: MemoryEntry[] = [];
  for (let at = headerAt + 1; at < lines.length; at += 1) {
    const text = lines[at] ?? '';
    if (text.trim() === '') continue;
    entries.push(readWithoutDuplicates(text, file, at + 1) ?? readEntry(parseJsonLine(text, file, at + 1), file, at + 1));
  }
  const pair = { source: sourceLanguage, target: targetLanguage };
  // A file as bitext writes it is the memory as it stands; a hand-merged or hand-edited one is merged.
  return memoryFromStored(pair, entries) ?? addToMemory(createMemory(pair), entries).memory;
}
