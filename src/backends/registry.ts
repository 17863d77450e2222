import { BitextError } from '../core/errors.js';
import type { BackendFactory, BackendOptions, TranslationBackend } from './types.js';

/**
 * Backends by name. Each factory imports its module lazily, so start-up never pays for a backend (or its
 * SDK) that is not used. Adding a backend means adding one line here and one module.
 */
export const BACKENDS = {
  mock: async (options) => (await import('./mock.js')).createMockBackend(options),
  deepl: async (options) => (await import('./deepl.js')).createDeeplBackend(options),
} as const satisfies Record<string, BackendFactory>;

export type BackendName = keyof typeof BACKENDS;

export const BACKEND_NAMES = Object.keys(BACKENDS) as BackendName[];

export function isBackendName(name: string): name is BackendName {
  return Object.hasOwn(BACKENDS, name);
}

/** Checks a backend name without loading it: an unknown name is a config error listing the known ones. */
export function assertBackendName(name: string): BackendName {
  if (!isBackendName(name)) {
    throw new BitextError('config', `unknown backend "${name}"; known backends: ${BACKEND_NAMES.join(', ')}`);
  }
  return name;
}

export async function createBackend(name: string, options: BackendOptions): Promise<TranslationBackend> {
  return BACKENDS[assertBackendName(name)](options);
}
