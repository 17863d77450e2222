import { createHash } from 'node:crypto';
import { readdir, stat } from 'node:fs/promises';
import { extname, join, relative, resolve, sep } from 'node:path';
import { BitextError } from '../core/errors.js';
import type { SourceDocument, SourceFormatName } from '../core/types.js';
import { decodeUtf8, readTextFile, describeFsError } from '../io/read-text.js';
import type { ReadOptions } from './format.js';
import { formatByName, formatForExtension, loadFormat, SOURCE_EXTENSIONS } from './formats.js';
import { findInvisibleCharacters } from './invisible.js';

export { SOURCE_EXTENSIONS };

export interface ReadSourcesOptions extends ReadOptions {
  /** Project root: source paths are shown and named relative to it. */
  readonly cwd: string;
}

/** Expands files and folders (recursively, sorted) into source file paths; refuses what is not there. */
export async function findSourceFiles(paths: readonly string[], options: ReadSourcesOptions): Promise<string[]> {
  const files: string[] = [];
  for (const path of paths) {
    const absolute = resolve(options.cwd, path);
    let info;
    try {
      info = await stat(absolute);
    } catch (error) {
      throw new BitextError('input', `${describeFsError(error)}`, { file: path, cause: error });
    }
    if (info.isDirectory()) {
      const found = await listSources(absolute);
      if (found.length === 0) {
        throw new BitextError('input', `no source files (${SOURCE_EXTENSIONS.join(', ')}) in this folder`, { file: path });
      }
      files.push(...found);
    } else if (info.isFile()) {
      files.push(absolute);
    } else {
      throw new BitextError('input', `not a regular file or folder`, { file: path });
    }
  }
  return [...new Set(files)];
}

async function listSources(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const out: string[] = [];
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (entry.name.startsWith('.')) continue;
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await listSources(full)));
    else if (entry.isFile() && SOURCE_EXTENSIONS.includes(extname(entry.name).toLowerCase())) out.push(full);
  }
  return out;
}

/** Reads and segments one source file, through the format its extension names. */
export async function readSource(absolute: string, options: ReadSourcesOptions): Promise<SourceDocument> {
  const path = toProjectPath(absolute, options.cwd);
  const ext = extname(absolute).toLowerCase();
  const format = formatForExtension(ext);
  if (format === undefined) {
    throw new BitextError('input', `unsupported source type "${ext || '(none)'}"; expected ${SOURCE_EXTENSIONS.join(', ')}`, {
      file: path,
    });
  }
  const text = await readTextFile(absolute, path);
  await loadFormat(format);
  return sourceFromText(text, path, { ...options, format });
}

/** `readSource` of bytes already read (the run state hashed them). */
export async function sourceFromBytes(absolute: string, bytes: Uint8Array, options: ReadSourcesOptions): Promise<SourceDocument> {
  const path = toProjectPath(absolute, options.cwd);
  const format = formatForExtension(extname(absolute).toLowerCase());
  if (format === undefined) return readSource(absolute, options);
  const text = decodeUtf8(bytes, path);
  await loadFormat(format);
  return sourceFromText(text, path, { ...options, format });
}

/** Refuses two sources that would share a bilingual file. */
export function checkDistinctNames(paths: readonly string[]): void {
  const byName = new Map<string, string>();
  for (const path of paths) {
    const name = documentName(path);
    const other = byName.get(name);
    if (other) throw new BitextError('input', `has the same output name "${name}" as ${other}; rename one of them`, { file: path });
    byName.set(name, path);
  }
}

/**
 * Builds a SourceDocument from decoded text (pure; used by tests and `segment -`). The format defaults
 * to plain text; any other must have been loaded (`loadFormat`), as `readSource` does.
 */
export function sourceFromText(text: string, path: string, options: ReadOptions & { readonly format?: SourceFormatName } = {}): SourceDocument {
  if (text.trim() === '') throw new BitextError('input', 'the file is empty; nothing to translate', { file: path });
  const format = formatByName(options.format ?? 'text');
  let read;
  try {
    read = format.read(text, options);
  } catch (error) {
    // Formats report content problems without the file name; this layer knows it.
    if (error instanceof BitextError && error.file === undefined) {
      throw new BitextError(error.code, error.message, { file: path, ...(error.line === undefined ? {} : { line: error.line }), cause: error });
    }
    throw error;
  }
  const warnings = findInvisibleCharacters(text, path);
  return {
    path,
    name: documentName(path),
    format: format.name,
    hash: createHash('sha256').update(text).digest('hex'),
    blocks: read.blocks,
    ...(read.frontMatter === undefined ? {} : { frontMatter: read.frontMatter }),
    ...(warnings.length > 0 ? { warnings } : {}),
  };
}

export async function readSources(paths: readonly string[], options: ReadSourcesOptions): Promise<SourceDocument[]> {
  const files = await findSourceFiles(paths, options);
  const docs = await Promise.all(files.map((file) => readSource(file, options)));
  const byName = new Map<string, string>();
  for (const doc of docs) {
    const other = byName.get(doc.name);
    if (other) {
      throw new BitextError('input', `has the same output name "${doc.name}" as ${other}; rename one of them`, { file: doc.path });
    }
    byName.set(doc.name, doc.path);
  }
  return docs;
}

/** Path relative to the project with forward slashes; absolute when outside it. */
export function toProjectPath(absolute: string, cwd: string): string {
  const rel = relative(cwd, absolute);
  return (rel.startsWith('..') || rel === '' ? absolute : rel).split(sep).join('/');
}

/** File name without extension: names the bilingual and published files. */
export function documentName(path: string): string {
  const base = path.split('/').pop() ?? path;
  const ext = extname(base);
  return ext ? base.slice(0, -ext.length) : base;
}
