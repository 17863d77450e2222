// Few error classes, each with a stable `code`; `cli/exit-codes.ts` maps them to exit codes in one place.

export type BitextErrorCode =
  | 'usage' // wrong command-line use
  | 'config' // glossary, options, environment
  | 'input' // unreadable / malformed source or bilingual file
  | 'output' // cannot write where asked
  | 'lock' // another run holds the project
  | 'frozen' // --frozen found work to do
  | 'budget' // --max-characters would be exceeded
  | 'backend'; // see BackendError

export class BitextError extends Error {
  override name = 'BitextError';
  readonly code: BitextErrorCode;
  /** File the problem is in, relative to the project where possible. */
  readonly file: string | undefined;
  /** 1-based line in `file`. */
  readonly line: number | undefined;
  /** 1-based column in `line`, where it helps an editor jump to the character. */
  readonly column: number | undefined;

  /** `message` says what and how to fix it, never where: `cli/` puts `file:line:` in front, once. */
  constructor(
    code: BitextErrorCode,
    message: string,
    options: { file?: string; line?: number; column?: number; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.file = options.file;
    this.line = options.line;
    this.column = options.column;
  }
}

export type BackendErrorKind = 'auth' | 'quota' | 'rate-limit' | 'network' | 'bad-request' | 'bad-response';

/** The only error a backend throws. `cause` keeps the original error for debugging but is never printed. */
export class BackendError extends Error {
  override name = 'BackendError';
  readonly code = 'backend' as const;
  readonly kind: BackendErrorKind;
  readonly retryable: boolean;

  constructor(kind: BackendErrorKind, message: string, options: { retryable?: boolean; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.kind = kind;
    this.retryable = options.retryable ?? (kind === 'rate-limit' || kind === 'network');
  }
}

/** Prefixes a message with `file:line:column: ` when known — the one place locations are formatted. */
export function formatLocation(file: string | undefined, line: number | undefined, column?: number): string {
  if (file === undefined) return '';
  if (line === undefined) return `${file}: `;
  return column === undefined ? `${file}:${line}: ` : `${file}:${line}:${column}: `;
}
