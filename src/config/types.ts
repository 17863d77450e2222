import type { Diagnostic, LanguageCode } from '../core/types.js';
import type { BitextError } from '../core/errors.js';
import type { BackendName } from '../backends/registry.js';
import type { RuleSetting } from './schema.js';

export type ConfigFormat = 'json' | 'yaml';

/** The backend a run uses, with its settings as strings (the form `--set key=value` gives them). */
export type ResolvedBackend =
  | {
      readonly kind: 'builtin';
      readonly name: BackendName;
      readonly settings: Readonly<Record<string, string>>;
      /** Requests in flight; undefined: the backend's own default (mock 4, deepl 2). */
      readonly concurrency: number | undefined;
    }
  | {
      /** A JavaScript module the workflow imports; it validates its own settings. */
      readonly kind: 'module';
      /** As written in the config, e.g. `./my-backend.js`. */
      readonly name: string;
      /** Absolute path of the module. */
      readonly path: string;
      readonly settings: Readonly<Record<string, string>>;
      readonly concurrency: number | undefined;
    };

export interface ResolvedPaths {
  /** Bilingual files per language (`<translations>/<lang>/`) and the run lock. Absolute. */
  readonly translations: string;
  /** Translation memory. Absolute; `<translations>/memory` unless the config names it (see `from`). */
  readonly memory: string;
  /** Published target documents. Absolute. */
  readonly published: string;
}

/** Where a value came from, for the keys that were not left at their default. */
export type ValueOrigin = 'file' | 'flag';

/**
 * The project configuration with every default filled in. Paths are absolute, except `sources` and
 * `exclude`, which are globs relative to `root` (forward slashes).
 */
export interface ResolvedConfig {
  /** The config file (absolute), or undefined when there is none and every value is a default. */
  readonly file: string | undefined;
  /** The folder every relative path is resolved against: the config file's folder, else the current folder. */
  readonly root: string;
  readonly sourceLanguage: LanguageCode;
  /** In the order written, without repeats; may be empty (then the command line must name them). */
  readonly targetLanguages: readonly LanguageCode[];
  /** Files, folders and globs, relative to `root`; a folder means every source file below it. */
  readonly sources: readonly string[];
  /** Globs, relative to `root`, of files to leave out. */
  readonly exclude: readonly string[];
  /** null: no glossary. `required: false` is the default `glossary.json`, used only when it exists. */
  readonly glossary: { readonly path: string; readonly required: boolean } | null;
  /** undefined: none chosen (the command line must name one). */
  readonly backend: ResolvedBackend | undefined;
  readonly paths: ResolvedPaths;
  readonly frontMatter: { readonly translate: readonly string[] };
  /** Per QA rule id: its severity, or `off`. Rules not listed keep their own severity. */
  readonly qa: { readonly rules: Readonly<Record<string, RuleSetting>> };
  /** Cost cap per run in characters sent; undefined: no cap. */
  readonly maxCharacters: number | undefined;
  /** Send the paragraph as context. */
  readonly context: boolean;
  /** Dotted keys (`paths.memory`, `backend`) set by the config file or a flag; every other key is a default. */
  readonly from: Readonly<Record<string, ValueOrigin>>;
}

/** `{ config, warnings }` when the file can be used, `{ errors, warnings }` when it cannot. */
export type ConfigResult =
  | { readonly config: ResolvedConfig; readonly warnings: readonly Diagnostic[]; readonly errors?: undefined }
  | { readonly errors: readonly BitextError[]; readonly warnings: readonly Diagnostic[]; readonly config?: undefined };
