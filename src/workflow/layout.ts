// Where a project keeps its files. Built once from the config (and the flags that override it), then passed
// down: no stage invents a path of its own, so `--out /tmp/review` moves the bilingual files, the memory
// and the lock together instead of locking and writing `./translations` behind the user's back.
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { DEFAULT_SOURCE_LANGUAGE } from '../core/language.js';

export interface ProjectLayout {
  /** The project folder: paths are shown relative to it. */
  readonly root: string;
  readonly sourceLanguage: string;
  /** Bilingual files: `<translations>/<lang>/<name>.md`. */
  readonly translations: string;
  /** Translation memory: `<memory>/<source>-<target>.jsonl`. */
  readonly memory: string;
  /** Published files: `<published>/<lang>/…`, `<published>/locales/<lang>/…`. */
  readonly published: string;
  /** Folders a run locks (each gets a `.bitext.lock`): the translations, and the memory when it lives elsewhere. */
  readonly lockFolders: readonly string[];
}

export const DEFAULT_PATHS = {
  translations: 'translations',
  /** Relative to the translations folder unless given. */
  memory: 'memory',
  published: 'published',
} as const;

export interface LayoutOptions {
  readonly root: string;
  readonly sourceLanguage?: string;
  /** Relative to `root` or absolute. */
  readonly translations?: string;
  /** Relative to `root` or absolute; default `<translations>/memory`. */
  readonly memory?: string;
  readonly published?: string;
}

export function createLayout(options: LayoutOptions): ProjectLayout {
  const root = resolve(options.root);
  const translations = resolve(root, options.translations ?? DEFAULT_PATHS.translations);
  const memory = options.memory === undefined ? join(translations, DEFAULT_PATHS.memory) : resolve(root, options.memory);
  const published = resolve(root, options.published ?? DEFAULT_PATHS.published);
  const lockFolders = isInside(memory, translations) ? [translations] : [translations, memory];
  return { root, sourceLanguage: options.sourceLanguage ?? DEFAULT_SOURCE_LANGUAGE, translations, memory, published, lockFolders };
}

/** A path as the user should see it: relative to the project when inside it, with forward slashes. */
export function shownPath(layout: Pick<ProjectLayout, 'root'>, absolute: string): string {
  const rel = relative(layout.root, absolute);
  return (rel === '' || rel.startsWith('..') || isAbsolute(rel) ? absolute : rel).split(sep).join('/');
}

/** True when `path` is `folder` or lies inside it (by name: no link is resolved). */
export function isInside(path: string, folder: string): boolean {
  const rel = relative(folder, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}
