// The one place deepl-node's errors become BackendErrors. deepl-node's errors keep the axios error, whose
// request config holds the `Authorization: DeepL-Auth-Key …` header; so they are never kept, printed or
// used as `cause`. Only a plain object with the status and the (redacted) message text survives.
import {
  AuthorizationError,
  ConnectionError,
  DeepLError,
  GlossaryNotFoundError,
  QuotaExceededError,
  TooManyRequestsError,
} from 'deepl-node';
import { BackendError, type BackendErrorKind } from '../core/errors.js';

/** What remains of a deepl-node error: safe to log and serialise. */
export interface DeeplFailure {
  readonly source: 'deepl-node';
  /** Class name of the original error (`AuthorizationError`, `ConnectionError`, …). */
  readonly errorName: string;
  /** HTTP status when DeepL answered, otherwise undefined (no answer at all). */
  readonly statusCode: number | undefined;
  readonly message: string;
}

export interface ErrorContext {
  /** What was being done, for the message: `a request of 12 texts (de→en-GB)`. */
  readonly operation: string;
  readonly authKey: string;
  /** Origin of the server, never with credentials. */
  readonly server: string;
}

/** Removes the key, and any `DeepL-Auth-Key …` header value, from text that leaves this module. */
export function redactSecret(text: string, authKey: string): string {
  let out = text.replace(/DeepL-Auth-Key\s+\S+/gi, 'DeepL-Auth-Key [redacted]');
  if (authKey.length > 0) out = out.split(authKey).join('[redacted]');
  return out;
}

const MAX_DETAIL = 300;

function shorten(text: string): string {
  return text.length > MAX_DETAIL ? `${text.slice(0, MAX_DETAIL)}…` : text;
}

/** The HTTP status deepl-node saw, recovered from its error class or message (it does not keep it). */
export function statusOf(error: unknown): number | undefined {
  if (error instanceof AuthorizationError) return 403;
  if (error instanceof QuotaExceededError) return 456;
  if (error instanceof TooManyRequestsError) return 429;
  if (error instanceof GlossaryNotFoundError) return 404;
  if (error instanceof ConnectionError) return undefined;
  if (!(error instanceof DeepLError)) return undefined;
  const message = error.message;
  if (message.startsWith('Bad request')) return 400;
  if (message.startsWith('Not found')) return 404;
  if (message.startsWith('Service unavailable')) return 503;
  const unexpected = /^Unexpected status code: (\d{3})/.exec(message);
  return unexpected?.[1] === undefined ? undefined : Number(unexpected[1]);
}

function errorName(error: unknown): string {
  if (error instanceof Error) return error.constructor.name || error.name;
  return typeof error;
}

function errorText(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

export function toFailure(error: unknown, authKey: string): DeeplFailure {
  return {
    source: 'deepl-node',
    errorName: errorName(error),
    statusCode: statusOf(error),
    message: shorten(redactSecret(errorText(error), authKey)),
  };
}

/**
 * True when a translate call failed because the glossary id no longer exists on the server: deepl-node
 * reports a 404 from /v2/translate as a plain "Not found", and some servers answer 400 naming the glossary.
 */
export function isGlossaryMissing(error: unknown): boolean {
  const status = statusOf(error);
  if (status === 404) return true;
  if (status !== 400) return false;
  const message = errorText(error).toLowerCase();
  return message.includes('glossary') && /not found|unknown|does not exist|not supported|invalid/.test(message);
}

function make(kind: BackendErrorKind, message: string, failure: DeeplFailure, retryable?: boolean): BackendError {
  return new BackendError(kind, message, { cause: failure, ...(retryable === undefined ? {} : { retryable }) });
}

/** Maps anything deepl-node (or its parsing) threw to a BackendError whose text is free of the key. */
export function toBackendError(error: unknown, context: ErrorContext): BackendError {
  if (error instanceof BackendError) return error;
  const failure = toFailure(error, context.authKey);
  const what = context.operation;
  const detail = failure.message;
  if (error instanceof AuthorizationError || failure.statusCode === 401) {
    return make(
      'auth',
      `DeepL rejected the authentication key (HTTP ${failure.statusCode ?? 403}) during ${what} at ${context.server}. ` +
        'Check DEEPL_AUTH_KEY: copy it again from your DeepL account (free keys end in ":fx" and go to ' +
        'api-free.deepl.com, pro keys to api.deepl.com); DEEPL_SERVER_URL, when set, must point at the server the key belongs to.',
      failure,
      false,
    );
  }
  if (error instanceof QuotaExceededError) {
    return make(
      'quota',
      `DeepL's character quota for this billing period is used up (HTTP 456) during ${what}. ` +
        'Wait for the next period, raise the cost-control limit in your DeepL account, or upgrade the plan.',
      failure,
      false,
    );
  }
  if (error instanceof TooManyRequestsError) {
    return make(
      'rate-limit',
      `DeepL answered "too many requests" (HTTP 429) to ${what}. Try again later or lower --concurrency.`,
      failure,
      true, // the workflow retries with back-off, and shows it
    );
  }
  if (error instanceof ConnectionError) {
    // Time-outs, resets and refused connections alike: the workflow retries them, and shows it.
    return make(
      'network',
      `Could not get an answer from DeepL at ${context.server} for ${what}: ${detail}. Check the network connection and DEEPL_SERVER_URL.`,
      failure,
      true,
    );
  }
  const status = failure.statusCode;
  if (status !== undefined && status >= 500) {
    return make(
      'network',
      `DeepL failed with HTTP ${status} on ${what}: ${detail}. Try again later.`,
      failure,
      true,
    );
  }
  if (status === 413) {
    return make('bad-request', `DeepL refused ${what} as too large (HTTP 413): ${detail}`, failure, false);
  }
  if (status !== undefined && status >= 400) {
    return make('bad-request', `DeepL refused ${what} (HTTP ${status}): ${detail}`, failure, false);
  }
  if (error instanceof DeepLError && !detail.startsWith('Error parsing response JSON')) {
    // deepl-node validates arguments before sending (empty text, bad language code): our request was wrong.
    return make('bad-request', `deepl-node rejected ${what} before sending it: ${detail}`, failure, false);
  }
  // Parse failures: deepl-node's "Error parsing response JSON", or a bare SyntaxError/TypeError from the
  // list endpoints it parses without a guard.
  return make('bad-response', `DeepL returned a malformed answer to ${what}: ${detail}`, failure, false);
}
