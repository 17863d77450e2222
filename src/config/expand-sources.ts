// `sources` and `exclude` -> the source files of a run: sorted, no repeats, dot-files and the project's own
// output folders left out. An entry that finds nothing is an error naming it: a typo in a glob must not
// turn into a run that silently translates nothing.
import { stat } from 'node:fs/promises';
import { extname, relative, resolve, sep } from 'node:path';
import { escapePath, glob, isDynamicPattern } from 'tinyglobby';
import { BitextError } from '../core/errors.js';
import { describeFsError } from '../io/read-text.js';
import type { ResolvedConfig } from './types.js';

export const SOURCE_FILE_EXTENSIONS = ['.txt', '.md', '.markdown'] as const;
const EXTENSIONS = SOURCE_FILE_EXTENSIONS.join(', ');

type SourcesConfig = Pick<ResolvedConfig, 'root' | 'file' | 'sources' | 'exclude' | 'paths' | 'from'>;

/**
 * Absolute paths of the source files, sorted by their path below `root` (code-point order, the same on
 * every machine). A folder entry means every .txt/.md/.markdown file below it; a glob is matched below
 * `root`; a file entry is taken as named. `exclude` and the translations, memory and published folders
 * (and node_modules) are left out of folders and globs.
 */
export async function expandSources(config: SourcesConfig): Promise<string[]> {
  const ignore = [
    ...config.exclude.flatMap((pattern) => (isDynamicPattern(pattern) ? [pattern] : [pattern, `${pattern}/**`])),
    ...[config.paths.translations, config.paths.memory, config.paths.published].flatMap((folder) => {
      const rel = inside(config.root, folder);
      return rel === undefined ? [] : [`${escapePath(rel)}/**`];
    }),
    '**/node_modules/**',
  ];
  const found = new Set<string>();
  for (const [index, entry] of config.sources.entries()) {
    const fail = (problem: string): never => {
      throw sourceError(config, index, entry, problem);
    };
    let files: string[];
    if (isDynamicPattern(entry)) {
      const base = staticBase(entry);
      if (base !== '' && !(await isFolder(resolve(config.root, base)))) fail(`folder "${base}" does not exist`);
      files = await matchFiles(entry, config.root, ignore);
      if (files.length === 0) fail(`matches no source file (${EXTENSIONS})`);
    } else {
      const absolute = resolve(config.root, entry);
      const info = await stat(absolute).catch((error: unknown) => fail(`${describeFsError(error)}`));
      if (info.isDirectory()) {
        const folder = entry.replace(/\/+$/, '');
        files = await matchFiles(folder === '.' || folder === '' ? '**' : `${escapePath(folder)}/**`, config.root, ignore);
        if (files.length === 0) fail(`the folder has no source files (${EXTENSIONS})`);
      } else if (info.isFile()) {
        if (!isSourceFile(absolute)) fail(`is not a source file; expected ${EXTENSIONS}`);
        files = [absolute];
      } else {
        files = fail('is not a regular file or folder');
      }
    }
    for (const file of files) found.add(file);
  }
  const key = (file: string): string => relative(config.root, file).split(sep).join('/');
  return [...found].sort((a, b) => compare(key(a), key(b)));
}

async function matchFiles(pattern: string, root: string, ignore: readonly string[]): Promise<string[]> {
  const matches = await glob([pattern], {
    cwd: root,
    ignore: [...ignore],
    absolute: true,
    dot: false,
    onlyFiles: true,
    // Like the folder walk before it: a symbolic link is not followed, so no loop and no file from elsewhere.
    followSymbolicLinks: false,
    expandDirectories: false,
  });
  return matches.map((file) => resolve(file)).filter(isSourceFile);
}

function isSourceFile(path: string): boolean {
  return (SOURCE_FILE_EXTENSIONS as readonly string[]).includes(extname(path).toLowerCase());
}

/** The folder part of a glob before its first wildcard: `articles/2024` of `articles/2024/**\/*.md`. */
function staticBase(pattern: string): string {
  const parts = pattern.split('/');
  const first = parts.findIndex((part) => isDynamicPattern(part));
  return parts.slice(0, first === -1 ? parts.length : first).join('/');
}

async function isFolder(path: string): Promise<boolean> {
  return stat(path).then(
    (info) => info.isDirectory(),
    () => false,
  );
}

/** `folder` relative to `root` with forward slashes, when it lies inside `root`. */
function inside(root: string, folder: string): string | undefined {
  const rel = relative(root, folder);
  return rel === '' || rel.startsWith('..') || resolve(root, rel) !== folder ? undefined : rel.split(sep).join('/');
}

/**
 * Where to point the user: at the config key when the entry is written in the config file, else at the
 * path itself (a command-line path, or the default `seeds`).
 */
function sourceError(config: SourcesConfig, index: number, entry: string, problem: string): BitextError {
  if (config.from['sources'] === 'file' && config.file !== undefined) {
    const shown = relative(config.root, config.file).split(sep).join('/');
    return new BitextError('config', `sources[${index}]: ${JSON.stringify(entry)}: ${problem}`, { file: shown });
  }
  const hint = config.from['sources'] === undefined ? '; put the articles to translate there, or name them in "sources" in bitext.config.json' : '';
  return new BitextError('input', `${problem}${hint}`, { file: entry });
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
