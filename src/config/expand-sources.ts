// `sources` and `exclude` -> the source files of a run: sorted, no repeats, dot-files and the project's own
// output folders left out. An entry that finds nothing is an error naming it: a typo in a glob must not
// turn into a run that silently translates nothing.
import { readdir, realpath, stat } from 'node:fs/promises';
import { extname, join, relative, resolve, sep } from 'node:path';
import { BitextError } from '../core/errors.js';
import { lazyRequire } from '../core/lazy.js';
import type { Diagnostic } from '../core/types.js';
import { describeFsError } from '../io/read-text.js';
import type { ResolvedConfig } from './types.js';

export const SOURCE_FILE_EXTENSIONS = ['.txt', '.md', '.markdown'] as const;
const EXTENSIONS = SOURCE_FILE_EXTENSIONS.join(', ');

// The glob stack (tinyglobby, fdir, picomatch: ~25 ms of start-up here) loads only for a folder or a glob;
// a run on the files it names does not need it. picomatch is what tinyglobby matches with; it ships no
// types of its own.
const globber = lazyRequire<typeof import('tinyglobby')>('tinyglobby');
const picomatch = lazyRequire<(patterns: string | string[], options?: { dot?: boolean }) => (path: string) => boolean>('picomatch');

/**
 * What picomatch's scan reads as glob syntax or as an escape: `* ? [ ] { } ( ) ! + @ |` and the backslash.
 * A pattern with none of them is a plain path (tinyglobby would say so too, after loading).
 */
const GLOB_SYNTAX = /[*?[\]{}()!+@|\\]/;

/** tinyglobby's `isDynamicPattern`, without loading it for a plain path (a test holds the two equal). */
export function isDynamicPattern(pattern: string): boolean {
  return GLOB_SYNTAX.test(pattern) && globber().isDynamicPattern(pattern);
}

function escapePath(path: string): string {
  return globber().escapePath(path);
}

type SourcesConfig = Pick<ResolvedConfig, 'root' | 'file' | 'sources' | 'exclude' | 'paths' | 'from'>;

/**
 * Absolute paths of the source files, sorted by their path below `root` (code-point order, the same on
 * every machine). A folder entry means every .txt/.md/.markdown file below it; a glob is matched below
 * `root`; a file entry is taken as named. `exclude` and the translations, memory and published folders
 * (and node_modules) are left out of folders and globs.
 */
/**
 * Symbolic links found by a folder or glob scan follow the project's policy (docs/reliability.md): a link
 * to a file inside the project is read under the link's own path; one that leads out of the project, a
 * broken one and a link to a folder are not read, and each is pushed to `warnings` with its path, never
 * skipped silently. A file named directly is taken as named, link or not.
 */
export async function expandSources(config: SourcesConfig, warnings: Diagnostic[] = []): Promise<string[]> {
  // Only folders and globs are scanned, so only they need the patterns to leave out.
  let ignoreList: string[] | undefined;
  const ignored = (): string[] => (ignoreList ??= [
    ...config.exclude.flatMap((pattern) => (isDynamicPattern(pattern) ? [pattern] : [pattern, `${pattern}/**`])),
    ...[config.paths.translations, config.paths.memory, config.paths.published].flatMap((folder) => {
      const rel = inside(config.root, folder);
      return rel === undefined ? [] : [`${escapePath(rel)}/**`];
    }),
    '**/node_modules/**',
  ]);
  const found = new Set<string>();
  for (const [index, entry] of config.sources.entries()) {
    const fail = (problem: string): never => {
      throw sourceError(config, index, entry, problem);
    };
    let files: string[];
    if (isDynamicPattern(entry)) {
      const base = staticBase(entry);
      if (base !== '' && !(await isFolder(resolve(config.root, base)))) fail(`folder "${base}" does not exist`);
      files = await matchFiles(entry, config.root, ignored());
      files.push(...(await linkedFiles(entry, base, config.root, ignored(), warnings)));
      if (files.length === 0) fail(`matches no source file (${EXTENSIONS})`);
    } else {
      const absolute = resolve(config.root, entry);
      const info = await stat(absolute).catch((error: unknown) => fail(`${describeFsError(error)}`));
      if (info.isDirectory()) {
        const folder = entry.replace(/\/+$/, '');
        const pattern = folder === '.' || folder === '' ? '**' : `${escapePath(folder)}/**`;
        files = await matchFiles(pattern, config.root, ignored());
        files.push(...(await linkedFiles(pattern, folder === '.' ? '' : folder, config.root, ignored(), warnings)));
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
  const matches = await globber().glob([pattern], {
    cwd: root,
    ignore: [...ignore],
    absolute: true,
    dot: false,
    onlyFiles: true,
    // A symbolic link is not followed here, so no loop and no file from elsewhere; `linkedFiles` sees to
    // links.
    followSymbolicLinks: false,
    expandDirectories: false,
  });
  return matches.map((file) => resolve(file)).filter(isSourceFile);
}

/**
 * The symbolic links below `base` that `pattern` matches (the glob above sees none of them), by the
 * project's policy: a link to a source file inside the project is returned; any other is a warning.
 */
async function linkedFiles(pattern: string, base: string, root: string, ignore: readonly string[], warnings: Diagnostic[]): Promise<string[]> {
  const matches = picomatch()(pattern, { dot: false });
  const ignored = picomatch()([...ignore], { dot: true });
  const realRoot = await realpath(root).catch(() => resolve(root));
  const found: string[] = [];
  const warn = (rel: string, message: string, hint = 'name the file it points to in "sources" to read it as named, or copy it into the project'): void => {
    warnings.push({ severity: 'warning', rule: 'source-symlink', message, file: rel, hint });
  };
  const walk = async (relFolder: string): Promise<void> => {
    const entries = await readdir(join(root, relFolder), { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const rel = relFolder === '' ? entry.name : `${relFolder}/${entry.name}`;
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules') await walk(rel);
        continue;
      }
      if (!entry.isSymbolicLink() || ignored(rel)) continue;
      const absolute = join(root, rel);
      const target = await realpath(absolute).catch(() => undefined);
      if (target === undefined) {
        if (isSourceFile(rel) && matches(rel)) warn(rel, 'is a broken symbolic link; not read');
        continue;
      }
      const info = await stat(target);
      if (info.isDirectory()) {
        if (matches(`${rel}/x.txt`) || matches(`${rel}/x.md`)) warn(rel, `is a symbolic link to a folder (${shownTarget(realRoot, target)}); a folder scan does not follow it, so nothing in it is read`, 'name the folder it points to in "sources"');
        continue;
      }
      if (!info.isFile() || !isSourceFile(rel) || !matches(rel)) continue;
      const within = relative(realRoot, target);
      if (within === '' || within.startsWith('..') || resolve(realRoot, within) !== target) {
        warn(rel, `leads through a symbolic link to ${target}, outside the project; not read`);
        continue;
      }
      found.push(resolve(absolute));
    }
  };
  await walk(base.replace(/\/+$/, ''));
  return found;
}

function shownTarget(realRoot: string, target: string): string {
  const within = relative(realRoot, target);
  return within === '' || within.startsWith('..') ? target : within.split(sep).join('/');
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
