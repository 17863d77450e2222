import { BackendError, BitextError, formatLocation } from '../core/errors.js';
import { t } from './i18n.js';

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

/**
 * One line (or a few) for the user: never a stack trace, never an error's request data. The library's
 * message stays as it is (English); the framing around it is the CLI's, in the UI language. With
 * `verbose`, an unexpected error shows its stack and every error the chain of causes below it.
 */
export function describeError(error: unknown, options: { readonly verbose?: boolean } = {}): string {
  const text =
    error instanceof BitextError
      ? `${formatLocation(error.file, error.line, error.column)}${error.message}`
      : error instanceof BackendError
        ? t('error.backend', { kind: error.kind, message: error.message })
        : t('error.internal', { message: error instanceof Error ? error.message : String(error) });
  if (!options.verbose) return text;
  const known = error instanceof BitextError || error instanceof BackendError;
  const stack = !known && error instanceof Error && error.stack ? `\n${error.stack}` : '';
  return `${text}${stack}${causes(error)}`;
}

function causes(error: unknown): string {
  const lines: string[] = [];
  const seen = new Set<unknown>([error]);
  for (let cause = (error as { cause?: unknown } | undefined)?.cause; cause !== undefined && cause !== null && !seen.has(cause); cause = (cause as { cause?: unknown }).cause) {
    seen.add(cause);
    lines.push(`\n  ${t('error.cause', { message: cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause) })}`);
  }
  return lines.join('');
}

/** An error as JSON output carries it: the same in every UI language, for programs to read. */
export function errorText(error: unknown): string {
  if (error instanceof BitextError) return `${formatLocation(error.file, error.line, error.column)}${error.message}`;
  if (error instanceof BackendError) return `${error.kind} error: ${error.message}`;
  return `internal error: ${error instanceof Error ? error.message : String(error)}`;
}

/** What `--json` prints on stdout when a command fails before it has a report. */
export function jsonError(command: string, error: unknown): unknown {
  const code = error instanceof BitextError ? error.code : error instanceof BackendError ? error.kind : 'internal';
  return { bitext: command, version: 1, error: { exitCode: exitCodeFor(error), code, message: errorText(error) } };
}
