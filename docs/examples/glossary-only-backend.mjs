// A backend of one's own: a module that exports createBackend(options). This one is a house dictionary
// rather than a machine translator: it puts each glossary term's approved translation in place and leaves
// the rest of the sentence as it is, keeping every placeholder (links, emphasis, code) where it stood.
// Use it with `bitext translate --backend ./docs/examples/glossary-only-backend.mjs --to en`, or as
// `"backend": { "module": "./docs/examples/glossary-only-backend.mjs" }` in bitext.config.json.

/** Optional: called before anything is sent (also under --dry-run); throw to refuse a wrong setting. */
export function checkOptions({ settings }) {
  for (const key of Object.keys(settings ?? {})) {
    if (key !== 'prefix') throw new Error(`unknown setting "${key}" for the glossary-only backend; it knows: prefix`);
  }
}

/** Optional: the request limits, known without creating the backend (lets --dry-run name a sentence too large). */
export const limits = { maxSegments: 50, maxBytes: 64 * 1024 };

/** Required: returns a TranslationBackend (see src/backends/types.ts). */
export async function createBackend({ settings }) {
  const prefix = settings?.prefix ?? '';
  return {
    name: 'glossary-only',
    limits,
    concurrency: 2,
    async translate(request, signal) {
      signal?.throwIfAborted();
      return request.segments.map((segment) => {
        // `parts` are text runs and placeholders ({ type: 'open' | 'close' | 'empty', id }): send placeholders
        // back unchanged, in any order the target language needs. Every placeholder must come back once.
        const parts = segment.parts.map((part) => {
          if (part.type !== 'text') return part;
          let text = part.text;
          for (const term of segment.terms) text = text.split(term.source).join(term.target);
          return { type: 'text', text };
        });
        if (prefix !== '') parts.unshift({ type: 'text', text: `${prefix} ` });
        // What the provider billed for this segment; 0 when it is free. bitext reports the sum.
        // A provider's failure: throw BackendError (import { BackendError } from 'bitext') with kind
        // 'rate-limit' or 'network' to have bitext retry, 'quota' to stop the run and resume later. Any other
        // error fails the request (exit 7), never the run's earlier answers: they are saved.
        return { parts, billedCharacters: 0 };
      });
    },
  };
}
