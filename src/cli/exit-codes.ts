import { BackendError, BitextError, formatLocation } from '../core/errors.js';

/** Exit codes, documented in the README. One place maps errors to them. */
export const EXIT = {
  ok: 0,
  /** Content is not ready: `check` found error-level findings; `publish` refused a document. */
  findings: 1,
  usage: 2,
  config: 3,
  input: 4,
  output: 5,
  /** The backend's quota is used up (DeepL 456). Everything translated so far is saved; re-run to resume. */
  quota: 6,
  /** Any other backend failure (auth, network after retries, malformed answer). Work received is saved. */
  backend: 7,
  /** Another bitext run holds the output folder. */
  lock: 8,
  /** --frozen found work to do. */
  frozen: 9,
  /** --max-characters would be exceeded. */
  budget: 10,
  /** A bug: an error bitext did not expect (EX_SOFTWARE). */
  internal: 70,
  /** Stopped by Ctrl-C (SIGINT, 128 + 2): what was received is saved; run the same command to continue. */
  interrupted: 130,
  /** Stopped by SIGTERM (128 + 15), as `interrupted`. */
  terminated: 143,
} as const;

export function exitCodeFor(error: unknown): number {
  if (error instanceof BackendError) {
    if (error.kind === 'quota') return EXIT.quota;
    if (error.kind === 'auth') return EXIT.config;
    return EXIT.backend;
  }
  if (error instanceof BitextError) return EXIT[error.code];
  return EXIT.internal;
}

/** One line (or a few) for the user: never a stack trace, never an error's request data. */
export function describeError(error: unknown, options: { readonly verbose?: boolean } = {}): string {
  if (error instanceof BitextError) return `${formatLocation(error.file, error.line, error.column)}${error.message}`;
  if (error instanceof BackendError) return `${error.kind} error: ${error.message}`;
  const message = error instanceof Error ? error.message : String(error);
  const stack = options.verbose && error instanceof Error && error.stack ? `\n${error.stack}` : '';
  return `internal error (a bug in bitext; please report it, with --verbose output): ${message}${stack}`;
}
