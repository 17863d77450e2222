// A CommonJS dependency loaded on first use instead of at start-up: `bitext --help` and a run that never
// reads a review file (or a config file) do not pay for YAML, diff or TMX parsing. Synchronous, so the
// functions that use one stay synchronous.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export function lazyRequire<T>(id: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= require(id) as T);
}
