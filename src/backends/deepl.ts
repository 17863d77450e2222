// DeepL through the official deepl-node client. Every operation has the same shape: plan the request
// (pure, deepl-request.ts), send it through deepl-node, check the answer, and map any failure to a
// BackendError in one place (deepl-errors.ts). The registry imports this module lazily.
import { DeepLClient, type SourceLanguageCode, type TargetLanguageCode, type TextResult, type TranslateTextOptions } from 'deepl-node';
import { BackendError } from '../core/errors.js';
import type { LanguagePair } from '../core/types.js';
import type { Glossary } from '../glossary/types.js';
import { isGlossaryMissing, toBackendError, type ErrorContext } from './deepl-errors.js';
import { planGlossaryEntries, syncGlossary, type GlossaryEntryPlan } from './deepl-glossary.js';
import {
  DEEPL_LIMITS,
  DEEPL_MAX_BODY_BYTES,
  baseLanguage,
  measureTranslateBody,
  parseDeeplSettings,
  readServerUrl,
  resolveTargetLang,
  utf8Bytes,
  type DeeplSettings,
} from './deepl-request.js';
import { PROTECT_TAG, escapeXmlText, fromXml, needsXml, toXml } from './deepl-xml.js';
import type {
  BackendOptions,
  GlossaryRef,
  TranslateRequest,
  TranslateResult,
  TranslationBackend,
  Usage,
} from './types.js';

/** Free-tier friendly: DeepL Free answers 429 quickly when more run in parallel. */
export const DEEPL_DEFAULT_CONCURRENCY = 2;

/**
 * DeepL's tag handling v2 parses the XML strictly and keeps tags attached to the words they wrap; accounts
 * that used tag handling before 2025-12-01 still default to v1, so the version is pinned, not left to the
 * account.
 */
export const TAG_HANDLING_VERSION = 'v2';

const MISSING_KEY_MESSAGE =
  'DEEPL_AUTH_KEY is not set. Create an API key under "API Keys" in your DeepL account ' +
  '(DeepL API Free keys end in ":fx"), then run `export DEEPL_AUTH_KEY=<your key>` before bitext, ' +
  'or choose another backend with --backend.';

function describeServer(serverUrl: string | undefined, authKey: string): string {
  if (serverUrl === undefined) {
    return authKey.endsWith(':fx') ? 'https://api-free.deepl.com' : 'https://api.deepl.com';
  }
  return new URL(serverUrl).origin; // origin drops any user:password@ part
}

function describeRequest(count: number, pair: { source: string; target: string }): string {
  return `a request of ${count} text${count === 1 ? '' : 's'} (${pair.source}→${pair.target})`;
}

function malformed(operation: string, detail: string): BackendError {
  return new BackendError('bad-response', `DeepL returned a malformed answer to ${operation}: ${detail}`, {
    retryable: false,
  });
}

/** deepl-node passes through whatever JSON arrived; check the shape we rely on. */
function readResults(results: unknown, sent: number, operation: string): { text: string; billed: number }[] {
  if (!Array.isArray(results)) throw malformed(operation, 'no list of translations');
  if (results.length !== sent) {
    throw malformed(operation, `${results.length} translations for ${sent} texts`);
  }
  return results.map((item: unknown, index) => {
    const result = item as Partial<TextResult> | null;
    if (result === null || typeof result !== 'object' || typeof result.text !== 'string') {
      throw malformed(operation, `translation ${index + 1} has no text`);
    }
    const billed = result.billedCharacters;
    // DeepL-compatible servers may not report billing; 0 means unknown by contract.
    if (billed !== undefined && (typeof billed !== 'number' || !Number.isFinite(billed) || billed < 0)) {
      throw malformed(operation, `translation ${index + 1} has billed_characters ${JSON.stringify(billed)}`);
    }
    return { text: result.text, billed: billed ?? 0 };
  });
}

interface Prepared {
  readonly texts: string[];
  /** Index into `texts` for each segment, or -1 for an empty segment (not sent). */
  readonly slots: number[];
  readonly xml: boolean;
}

function prepareTexts(request: TranslateRequest): Prepared {
  const xml = request.segments.some(needsXml);
  const texts: string[] = [];
  const slots: number[] = [];
  for (const segment of request.segments) {
    if (segment.parts.length === 0) {
      // deepl-node refuses empty texts; an empty segment translates to nothing.
      slots.push(-1);
      continue;
    }
    slots.push(texts.length);
    texts.push(xml ? toXml(segment) : segment.text);
  }
  return { texts, slots, xml };
}

export async function createDeeplBackend(options: BackendOptions): Promise<TranslationBackend> {
  const authKey = options.env.DEEPL_AUTH_KEY?.trim() ?? '';
  if (authKey === '') throw new BackendError('auth', MISSING_KEY_MESSAGE, { retryable: false });
  const serverUrl = readServerUrl(options.env.DEEPL_SERVER_URL);
  const settings: DeeplSettings = parseDeeplSettings(options.settings);
  const concurrency = options.concurrency ?? DEEPL_DEFAULT_CONCURRENCY;
  if (!Number.isSafeInteger(concurrency) || concurrency < 1) {
    throw new BackendError('bad-request', `deepl: concurrency must be a whole number ≥ 1, got ${concurrency}`, {
      retryable: false,
    });
  }
  const server = describeServer(serverUrl, authKey);
  const client = new DeepLClient(authKey, {
    ...(serverUrl === undefined ? {} : { serverUrl }),
    // One attempt per call (deepl-node 1.28 stops when `retries + 1 >= maxRetries`): the workflow retries
    // 429, 5xx and time-outs itself, so every retry is visible in the progress and counted in the report.
    maxRetries: 1,
    // Per-attempt time-out; deepl-node raises it to its back-off interval (1 s, 1.6 s, …) when larger.
    minTimeout: settings.timeoutMs,
    sendPlatformInfo: false,
    appInfo: { appName: 'bitext', appVersion: '0.1.0' },
  });

  const errorContext = (operation: string): ErrorContext => ({
    operation,
    authKey,
    server,
  });
  const report = (text: string): void => options.onProgress?.({ type: 'message', text: `deepl: ${text}` });

  // Glossaries this backend made or found, by id, so a vanished one can be rebuilt from its plan.
  const glossaryPlans = new Map<string, GlossaryEntryPlan>();
  // A glossary id the workflow still holds -> the id of its replacement on the server.
  const replacedGlossaries = new Map<string, string>();
  const rebuilding = new Map<string, Promise<string>>();
  const preparing = new Map<string, Promise<GlossaryRef | undefined>>();
  let targetLanguages: Promise<ReadonlySet<string>> | undefined;

  async function sync(plan: GlossaryEntryPlan, avoidId?: string): Promise<GlossaryRef | undefined> {
    try {
      const result = await syncGlossary(client, plan, avoidId === undefined ? {} : { avoidId });
      for (const id of result.deleted) report(`deleted obsolete glossary ${id}`);
      if (result.ref !== undefined) {
        glossaryPlans.set(result.ref.id, plan);
        report(`${result.created ? 'created' : 'reusing'} glossary ${result.ref.name} (${plan.entries.length} entries)`);
      }
      return result.ref;
    } catch (error) {
      throw toBackendError(error, errorContext(`preparing glossary ${plan.name}`));
    }
  }

  async function prepareGlossary(glossary: Glossary, pair: LanguagePair): Promise<GlossaryRef | undefined> {
    const plan = planGlossaryEntries(glossary, pair);
    for (const reason of plan.skipped) report(`glossary entry left out: ${reason}`);
    const pending = preparing.get(plan.name) ?? sync(plan);
    preparing.set(plan.name, pending);
    pending.catch(() => preparing.delete(plan.name));
    return pending;
  }

  /** Recreates a glossary that disappeared from the server; concurrent callers share one rebuild. */
  function rebuildGlossary(lostId: string, plan: GlossaryEntryPlan): Promise<string> {
    let pending = rebuilding.get(lostId);
    if (pending === undefined) {
      pending = (async () => {
        report(`glossary ${plan.name} (${lostId}) vanished from the server; recreating it`);
        const ref = await sync(plan, lostId);
        if (ref === undefined) throw new BackendError('bad-request', `glossary ${plan.name} has no entries`);
        replacedGlossaries.set(lostId, ref.id);
        preparing.set(plan.name, Promise.resolve(ref));
        return ref.id;
      })();
      rebuilding.set(lostId, pending);
      pending.catch(() => rebuilding.delete(lostId));
    }
    return pending;
  }

  function currentGlossaryId(id: string): string {
    let current = id;
    for (let hops = 0; hops < 10; hops++) {
      const next = replacedGlossaries.get(current);
      if (next === undefined) break;
      current = next;
    }
    return current;
  }

  async function translate(request: TranslateRequest, signal?: AbortSignal): Promise<TranslateResult[]> {
    if (request.segments.length === 0) return [];
    const sourceLang = baseLanguage(request.pair.source);
    const targetLang = resolveTargetLang(request.pair.target, settings);
    const operation = describeRequest(request.segments.length, { source: sourceLang, target: targetLang });
    if (request.segments.length > DEEPL_LIMITS.maxSegments) {
      throw new BackendError(
        'bad-request',
        `${operation} exceeds DeepL's limit of ${DEEPL_LIMITS.maxSegments} texts; batch by backend.limits`,
        { retryable: false },
      );
    }
    const rawContext = request.context === undefined || request.context === '' ? undefined : request.context;
    const rawBytes = request.segments.reduce((sum, s) => sum + utf8Bytes(s.text), utf8Bytes(rawContext ?? ''));
    // A lone segment over the budget has nowhere else to go; it is still sent if the real body fits.
    if (request.segments.length > 1 && rawBytes > DEEPL_LIMITS.maxBytes) {
      throw new BackendError(
        'bad-request',
        `${operation} carries ${rawBytes} bytes of text and context, over backend.limits.maxBytes (${DEEPL_LIMITS.maxBytes}); batch by backend.limits`,
        { retryable: false },
      );
    }
    const prepared = prepareTexts(request);
    if (prepared.texts.length === 0) return request.segments.map(() => ({ parts: [], billedCharacters: 0 }));
    // With tag handling on, the context is read as XML too: escape it like the texts.
    const context = rawContext === undefined || !prepared.xml ? rawContext : escapeXmlText(rawContext);

    const send = async (glossaryId: string | undefined): Promise<TextResult[]> => {
      const bodyBytes = measureTranslateBody({
        texts: prepared.texts,
        sourceLang,
        targetLang,
        context,
        glossaryId,
        formality: settings.formality,
        modelType: settings.modelType,
        xml: prepared.xml,
      });
      if (bodyBytes > DEEPL_MAX_BODY_BYTES) {
        throw new BackendError(
          'bad-request',
          `${operation} would be ${bodyBytes} bytes on the wire, over DeepL's ${DEEPL_MAX_BODY_BYTES}-byte limit`,
          { retryable: false },
        );
      }
      if (signal?.aborted === true) {
        throw new BackendError('network', `${operation} was cancelled before it was sent`, {
          retryable: false,
          cause: signal.reason,
        });
      }
      const textOptions: TranslateTextOptions = {
        splitSentences: 'off',
        ...(context === undefined ? {} : { context }),
        ...(glossaryId === undefined ? {} : { glossary: glossaryId }),
        ...(settings.formality === undefined ? {} : { formality: settings.formality }),
        ...(settings.modelType === undefined ? {} : { modelType: settings.modelType }),
        ...(prepared.xml ? { tagHandling: 'xml' as const, tagHandlingVersion: TAG_HANDLING_VERSION, ignoreTags: [PROTECT_TAG] } : {}),
      };
      // Language codes are checked by DeepL (a 400 names the bad one), not by a list compiled in here.
      return client.translateText(
        prepared.texts,
        sourceLang as SourceLanguageCode,
        targetLang as TargetLanguageCode,
        textOptions,
      );
    };

    const heldGlossaryId = request.glossary?.id;
    const glossaryId = heldGlossaryId === undefined ? undefined : currentGlossaryId(heldGlossaryId);
    let answer: TextResult[];
    try {
      answer = await send(glossaryId);
    } catch (error) {
      const plan = glossaryId === undefined ? undefined : glossaryPlans.get(glossaryId);
      if (glossaryId === undefined || plan === undefined || !isGlossaryMissing(error)) {
        throw toBackendError(error, errorContext(operation));
      }
      const newId = await rebuildGlossary(glossaryId, plan);
      try {
        answer = await send(newId);
      } catch (retryError) {
        throw toBackendError(retryError, errorContext(operation));
      }
    }

    const results = readResults(answer, prepared.texts.length, operation);
    return request.segments.map((segment, index): TranslateResult => {
      const slot = prepared.slots[index] ?? -1;
      const result = results[slot];
      if (result === undefined) return { parts: [], billedCharacters: 0 };
      if (!prepared.xml) return { parts: [{ type: 'text', text: result.text }], billedCharacters: result.billed };
      const read = fromXml(result.text, segment);
      return { parts: read.parts, billedCharacters: result.billed, ...(read.problem === undefined ? {} : { problem: read.problem }) };
    });
  }

  async function getUsage(): Promise<Usage | undefined> {
    try {
      const usage = await client.getUsage();
      const character = usage.character;
      if (character === undefined) return undefined;
      if (typeof character.count !== 'number' || typeof character.limit !== 'number') {
        throw malformed('the usage query', 'character_count/character_limit are not numbers');
      }
      return { characterCount: character.count, characterLimit: character.limit };
    } catch (error) {
      throw toBackendError(error, errorContext('the usage query'));
    }
  }

  async function supportsTarget(lang: string): Promise<boolean> {
    targetLanguages ??= client.getTargetLanguages().then((languages) => {
      if (!Array.isArray(languages)) throw malformed('the target-language query', 'not a list');
      return new Set(languages.map((l) => String(l.code).toLowerCase()));
    });
    let codes: ReadonlySet<string>;
    try {
      codes = await targetLanguages;
    } catch (error) {
      targetLanguages = undefined;
      throw toBackendError(error, errorContext('the target-language query'));
    }
    return codes.has(resolveTargetLang(lang, settings).toLowerCase()) || codes.has(lang.toLowerCase());
  }

  return {
    name: 'deepl',
    limits: DEEPL_LIMITS,
    concurrency,
    maxAttempts: settings.attempts,
    translate,
    prepareGlossary,
    getUsage,
    supportsTarget,
  };
}
