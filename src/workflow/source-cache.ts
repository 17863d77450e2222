// A cache of read Markdown sources. micromark with GFM reads about a million characters a second on the
// machines this runs on, so reading the Markdown of a newsroom's archive costs seconds on every command
// that plans, checks or publishes it, although the sources rarely change. What reading a source gives (its
// blocks, segments, inline codes, front matter) is plain data: it is kept in
// `<translations>/.bitext/sources/`, one JSON file per source path, under a key of the source's bytes, its
// path and everything else the reader depends on (bitext's version, the front-matter keys, the
// segmentation rules). A cache only: a file that is missing, damaged or for other bytes is ignored and
// the source read again; failing to write one loses nothing. Only commands that write keep entries
// (translate, publish); check, status, --dry-run and --frozen only read them. Plain-text sources are not
// cached: splitting them costs about what reading the cached form would.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { SourceDocument } from '../core/types.js';
import { formatForExtension, loadFormat } from '../sources/formats.js';
import { sourceFromBytes, toProjectPath, type ReadSourcesOptions } from '../sources/read-sources.js';
import type { RuleRecord } from '../segmentation/rules.js';
import { VERSION } from '../version.js';
import type { ProjectLayout } from './layout.js';
import { sha256 } from './run-state.js';

export const SOURCE_CACHE_FORMAT = 2;

export function sourceCacheFolder(layout: Pick<ProjectLayout, 'translations'>): string {
  return join(layout.translations, '.bitext', 'sources');
}

/** What reading a source depends on besides its bytes and path. */
export function readerKey(inputs: { readonly frontMatterKeys?: readonly string[] | undefined; readonly rules: readonly RuleRecord[] }): string {
  return sha256(JSON.stringify({ format: SOURCE_CACHE_FORMAT, version: VERSION, frontMatterKeys: inputs.frontMatterKeys ?? null, rules: inputs.rules }));
}

/**
 * `sourceFromBytes`, through the cache for Markdown sources. `hash` is the sha256 of `bytes`; with
 * `reader.keep`, a source read now is kept for the next command (only commands that write keep them).
 */
export async function readCachedSource(
  layout: Pick<ProjectLayout, 'translations'>,
  reader: { readonly key: string; readonly keep: boolean },
  absolute: string,
  bytes: Uint8Array,
  hash: string,
  options: ReadSourcesOptions,
): Promise<SourceDocument> {
  if (formatForExtension(extname(absolute).toLowerCase()) !== 'markdown') return sourceFromBytes(absolute, bytes, options);
  const path = toProjectPath(absolute, options.cwd);
  const file = join(sourceCacheFolder(layout), `${sha256(path).slice(0, 32)}.json`);
  const key = sha256(`${reader.key}\n${path}\n${hash}`);
  const cached = readEntry(file, key);
  if (cached !== undefined) {
    await loadFormat('markdown'); // what later stages use to render and read back its segments
    return cached;
  }
  const doc = await sourceFromBytes(absolute, bytes, options);
  if (reader.keep) writeEntry(file, key, doc);
  return doc;
}

function readEntry(file: string, key: string): SourceDocument | undefined {
  try {
    const entry = JSON.parse(readFileSync(file, 'utf8')) as { key?: unknown; doc?: unknown };
    if (entry.key !== key || typeof entry.doc !== 'object' || entry.doc === null || !Array.isArray((entry.doc as SourceDocument).blocks)) return undefined;
    return entry.doc as SourceDocument;
  } catch {
    return undefined;
  }
}

function writeEntry(file: string, key: string, doc: SourceDocument): void {
  // Front matter is data from YAML: a value JSON cannot hold (.inf, .nan) would come back changed.
  if (doc.frontMatter !== undefined && !jsonSafe(doc.frontMatter)) return;
  const temp = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(join(file, '..'), { recursive: true });
    // No fsync: a file lost in a crash is read again from its source; a torn one does not parse.
    writeFileSync(temp, JSON.stringify({ key, doc }));
    renameSync(temp, file);
  } catch {
    // A cache: a read-only checkout, a full disk or a race with another run loses nothing.
  }
}

function jsonSafe(value: unknown): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value) && !Object.is(value, -0);
  if (Array.isArray(value)) return value.every(jsonSafe);
  if (typeof value !== 'object') return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return (prototype === Object.prototype || prototype === null) && Object.values(value).every(jsonSafe);
}
