import { pathToFileURL } from 'node:url';
import { BitextError } from '../core/errors.js';
import type { BackendFactory, BackendLimits, BackendOptions, TranslationBackend } from './types.js';

/**
 * Backends by name. Each factory imports its module lazily, so start-up never pays for a backend (or its
 * SDK) that is not used. Adding a backend means adding one line here and one module — or, for a backend
 * of one's own, naming its module in the config (`"backend": "./my-backend.js"`).
 */
export const BACKENDS = {
  mock: async (options) => (await import('./mock.js')).createMockBackend(options),
  deepl: async (options) => (await import('./deepl.js')).createDeeplBackend(options),
} as const satisfies Record<string, BackendFactory>;

export type BackendName = keyof typeof BACKENDS;

export const BACKEND_NAMES = Object.keys(BACKENDS) as BackendName[];

/** A built-in backend by name, or a module of one's own by absolute path. */
export type BackendSpec = string | { readonly module: string };

/**
 * What a backend module of one's own exports: `createBackend` (required), and optionally `checkOptions`,
 * which bitext calls before anything is sent (also under --dry-run) to refuse wrong settings or environment
 * as configuration mistakes.
 */
export interface BackendModule {
  readonly createBackend: BackendFactory;
  readonly checkOptions?: (options: Pick<BackendOptions, 'env' | 'settings'>) => void | Promise<void>;
  /** The backend's request limits, known without creating it: lets --dry-run name a sentence too large to send. */
  readonly limits?: BackendLimits;
}

export function isBackendName(name: string): name is BackendName {
  return Object.hasOwn(BACKENDS, name);
}

/** Checks a backend name without loading it: an unknown name is a config error listing the known ones. */
export function assertBackendName(name: string): BackendName {
  if (!isBackendName(name)) {
    throw new BitextError('config', `unknown backend "${name}"; known backends: ${BACKEND_NAMES.join(', ')}, or a module path such as ./my-backend.js`);
  }
  return name;
}

export function describeSpec(spec: BackendSpec): string {
  return typeof spec === 'string' ? spec : spec.module;
}

async function loadModule(path: string): Promise<BackendModule> {
  let loaded: Partial<BackendModule>;
  try {
    loaded = (await import(pathToFileURL(path).href)) as Partial<BackendModule>;
  } catch (error) {
    throw new BitextError('config', `cannot load the backend module ${path}: ${(error as Error).message}`, { cause: error });
  }
  if (typeof loaded.createBackend !== 'function') {
    throw new BitextError('config', `the backend module ${path} exports no createBackend(options) function; see "A backend of your own" in the README`);
  }
  return loaded as BackendModule;
}

/**
 * Checks a backend's settings and environment as configuration, without creating it (no key needed, no
 * request made): what --dry-run and every run do before anything is sent. Returns the backend's request
 * limits where they are known without creating it.
 */
export async function checkBackend(spec: BackendSpec, options: Pick<BackendOptions, 'env' | 'settings'>): Promise<BackendLimits | undefined> {
  if (typeof spec !== 'string') {
    const loaded = await loadModule(spec.module);
    await loaded.checkOptions?.(options);
    return loaded.limits;
  }
  const name = assertBackendName(spec);
  if (name === 'mock') {
    const mock = await import('./mock.js');
    mock.checkMockOptions(options);
    return mock.MOCK_LIMITS;
  }
  const deepl = await import('./deepl-request.js');
  deepl.checkDeeplOptions(options);
  return deepl.DEEPL_LIMITS;
}

export async function createBackend(spec: BackendSpec, options: BackendOptions): Promise<TranslationBackend> {
  if (typeof spec !== 'string') return (await loadModule(spec.module)).createBackend(options);
  return BACKENDS[assertBackendName(spec)](options);
}
