import { pathToFileURL } from 'node:url';
import { BackendError, BitextError, type BackendErrorKind } from '../core/errors.js';
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
/** A backend by name, or a module: its absolute `module` path, and `name` as the user wrote it (shown and recorded). */
export type BackendSpec = string | { readonly module: string; readonly name?: string };

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
  return typeof spec === 'string' ? spec : (spec.name ?? spec.module);
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
    try {
      await loaded.checkOptions?.(options);
    } catch (error) {
      // A module's refusal is a configuration mistake (exit 3), whatever it threw.
      if (error instanceof BitextError) throw error;
      throw new BitextError('config', `backend ${spec.module}: ${(error as Error)?.message ?? String(error)}`, { cause: error });
    }
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
  if (typeof spec !== 'string') return moduleBackend(spec.module, await loadModule(spec.module), options);
  return BACKENDS[assertBackendName(spec)](options);
}

/**
 * A module's backend, held to the contract: anything it throws that is not a BackendError is a failed
 * request (`bad-response`, not retried: bitext cannot know whether it was billed), never a crash of the run,
 * so what was received before is saved as for any backend failure.
 */
const BACKEND_ERROR_KINDS: readonly BackendErrorKind[] = ['auth', 'quota', 'rate-limit', 'network', 'bad-request', 'bad-response'];

async function moduleBackend(path: string, loaded: BackendModule, options: BackendOptions): Promise<TranslationBackend> {
  let backend: TranslationBackend;
  try {
    backend = await loaded.createBackend(options);
  } catch (error) {
    if (error instanceof BitextError || error instanceof BackendError) throw error;
    throw new BitextError('config', `backend ${path}: createBackend failed: ${(error as Error)?.message ?? String(error)}`, { cause: error });
  }
  const name = typeof backend?.name === 'string' ? backend.name : path;
  return {
    ...backend,
    name,
    async translate(request, signal) {
      try {
        return await backend.translate(request, signal);
      } catch (error) {
        if (error instanceof BackendError) throw error;
        const kind = (error as { kind?: unknown } | undefined)?.kind;
        if ((error as Error | undefined)?.name === 'BackendError' && typeof kind === 'string' && BACKEND_ERROR_KINDS.includes(kind as BackendErrorKind)) {
          // A BackendError of another copy of bitext: the same contract.
          const { retryable } = error as { retryable?: unknown };
          throw new BackendError(kind as BackendErrorKind, (error as Error).message, { ...(typeof retryable === 'boolean' ? { retryable } : {}), cause: error });
        }
        throw new BackendError('bad-response', `${name}: ${(error as Error)?.message ?? String(error)}`, { retryable: false, cause: error });
      }
    },
  };
}
