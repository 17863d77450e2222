// Records every module a Node process loads, to check that a command does not load what it does not use
// (deepl-node for a mock run). Usage:
//   BITEXT_TRACE_LOADS=/tmp/loads.txt node --import ./bench/trace-loads.mjs dist/cli/main.js ...
// Two sources, because each sees only part of the picture: the ESM resolve hook (node:module `register`,
// which runs this same file in the loader thread) sees every `import`, and the CommonJS cache, read at
// exit, holds what was `require`d — which ESM hooks on Node 20 never see.
import { appendFileSync } from 'node:fs';
import { createRequire, register } from 'node:module';
import { isMainThread } from 'node:worker_threads';

const log = process.env.BITEXT_TRACE_LOADS;

/** Loader-thread hook: write each resolved URL, then resolve as usual. */
export async function resolve(specifier, context, nextResolve) {
  const result = await nextResolve(specifier, context);
  if (log) appendFileSync(log, `esm ${result.url}\n`);
  return result;
}

if (isMainThread && log) {
  register(import.meta.url);
  const cache = createRequire(import.meta.url).cache;
  process.on('exit', () => {
    const lines = Object.keys(cache).map((path) => `cjs ${path}\n`);
    if (lines.length > 0) appendFileSync(log, lines.join(''));
  });
}
