// The DeepL backend end to end: the real deepl-node client over HTTP to a DeepL-compatible fake server.
// deepl-node's back-off waits about 1 s before its first retry and 1.6 s before the second (not
// configurable), so only a handful of tests inject retried faults, and those run concurrently.
import { inspect } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { BackendError, type BackendErrorKind } from '../../src/core/errors.js';
import type { ProgressEvent } from '../../src/core/types.js';
import { createDeeplBackend } from '../../src/backends/deepl.js';
import { executeBatches } from '../../src/workflow/execute.js';
import { toBackendSegment } from '../../src/workflow/markup.js';
import { rejection } from '../helpers/rejection.js';
import { DEEPL_LIMITS, measureTranslateBody } from '../../src/backends/deepl-request.js';
import type { BackendSegment, TranslateRequest, TranslateResult, TranslationBackend } from '../../src/backends/types.js';
import { createGlossary, type GlossaryFileTerm } from '../../src/glossary/index.js';
import { GLOSSARY_NOT_FOUND, startFakeDeepl, type Fault, type FakeDeepl } from '../helpers/fake-deepl-server.js';

const KEY = 'k3y-9f8e7d6c5b4a3210-UNIQUE:fx';
const DE_EN = { source: 'de', target: 'en' } as const;

const servers: FakeDeepl[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

/**
 * Concurrent tests pass their context's `onTestFinished`: a shared afterEach would close the servers of
 * tests still running.
 */
async function startServer(authKey = KEY, onFinished?: (close: () => Promise<void>) => void): Promise<FakeDeepl> {
  const server = await startFakeDeepl({ authKey });
  if (onFinished === undefined) servers.push(server);
  else onFinished(() => server.close());
  return server;
}

interface BackendSetup {
  readonly key?: string;
  readonly settings?: Record<string, string>;
  readonly events?: ProgressEvent[];
}

function backendFor(server: FakeDeepl | string, setup: BackendSetup = {}): Promise<TranslationBackend> {
  const url = typeof server === 'string' ? server : server.url;
  return createDeeplBackend({
    env: { DEEPL_AUTH_KEY: setup.key ?? KEY, DEEPL_SERVER_URL: url },
    settings: setup.settings ?? {},
    onProgress: (event) => setup.events?.push(event),
  });
}

function plain(...texts: string[]): BackendSegment[] {
  return texts.map((text) => ({ text, parts: text === '' ? [] : [{ type: 'text', text }], codes: [], terms: [] }));
}

/** "Die AfD & …" with the term at [start, end) protected, as the workflow builds it. */
function protectedSegment(text: string, start: number, end: number): BackendSegment {
  return {
    text,
    parts: [
      ...(start > 0 ? [{ type: 'text' as const, text: text.slice(0, start) }] : []),
      { type: 'empty', id: 1 },
      ...(end < text.length ? [{ type: 'text' as const, text: text.slice(end) }] : []),
    ],
    codes: [{ id: 1, kind: 'protected', paired: false, text: text.slice(start, end) }],
    terms: [],
  };
}

/** A result's text, protected placeholders shown as their term. */
function textOf(result: TranslateResult, sent?: BackendSegment): string {
  return result.parts.map((p) => (p.type === 'text' ? p.text : (sent?.codes.find((c) => c.id === p.id)?.text ?? `<${p.id}>`))).join('');
}

function request(segments: BackendSegment[], extra: Partial<TranslateRequest> = {}): TranslateRequest {
  return { pair: DE_EN, segments, ...extra };
}

async function failure(promise: Promise<unknown>): Promise<BackendError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(BackendError);
    return error as BackendError;
  }
  throw new Error('expected the call to fail');
}

function expectNoKey(error: unknown): void {
  const renderings = [
    error instanceof Error ? error.message : '',
    String(error),
    JSON.stringify(error),
    inspect(error, { depth: 10 }),
    inspect(error, { depth: 10, showHidden: true }),
  ];
  for (const text of renderings) {
    expect(text).not.toContain(KEY);
    expect(text).not.toContain('9f8e7d6c5b4a3210');
  }
}

function termsFor(): GlossaryFileTerm[] {
  return [
    { source: 'Bundestag', targets: { en: 'Bundestag parliament' } },
    { source: 'Kanzlerin', targets: { en: 'Chancellor', fr: 'chancelière' } },
    { source: 'AfD', doNotTranslate: true },
  ];
}

describe('DeepL backend: translate', () => {
  it('sends the texts with context, split_sentences=0, de→en-GB and returns billed characters', async () => {
    const server = await startServer();
    const backend = await backendFor(server);
    const results = await backend.translate(
      request(plain('Der Rat tagt.', 'Er entscheidet über Äpfel.'), { context: 'Der Rat tagt. Er entscheidet über Äpfel.' }),
    );

    expect(results).toEqual([
      { parts: [{ type: 'text', text: '[EN-GB] Der Rat tagt.' }], billedCharacters: 13 },
      { parts: [{ type: 'text', text: '[EN-GB] Er entscheidet über Äpfel.' }], billedCharacters: 26 },
    ]);
    const [sent] = server.requestsTo('/v2/translate');
    expect(sent).toMatchObject({
      method: 'POST',
      texts: ['Der Rat tagt.', 'Er entscheidet über Äpfel.'],
      context: 'Der Rat tagt. Er entscheidet über Äpfel.',
      splitSentences: '0',
      sourceLang: 'de',
      targetLang: 'en-GB',
      showBilledCharacters: '1',
      tagHandling: undefined,
      glossaryId: undefined,
      formality: undefined,
    });
    expect(sent?.contentType).toContain('application/x-www-form-urlencoded');
    expect(sent?.authorization).toBe(`DeepL-Auth-Key ${KEY}`);
    // The size check in translate() must measure exactly what deepl-node puts on the wire.
    expect(sent?.bodyBytes).toBe(
      measureTranslateBody({
        texts: ['Der Rat tagt.', 'Er entscheidet über Äpfel.'],
        sourceLang: 'de',
        targetLang: 'en-GB',
        context: 'Der Rat tagt. Er entscheidet über Äpfel.',
        glossaryId: undefined,
        formality: undefined,
        modelType: undefined,
        xml: false,
      }),
    );
    expect(backend.name).toBe('deepl');
    expect(backend.concurrency).toBe(2);
  });

  it('passes the settings through: en-US, pt-PT by default, prefer_ formality, model type', async () => {
    const server = await startServer();
    const backend = await backendFor(server, { settings: { en: 'en-US', formality: 'less', model: 'quality_optimized' } });
    await backend.translate(request(plain('Hallo.')));
    await backend.translate({ pair: { source: 'de', target: 'pt' }, segments: plain('Hallo.') });
    await backend.translate({ pair: { source: 'de', target: 'ja' }, segments: plain('Hallo.') });
    const sent = server.requestsTo('/v2/translate');
    expect(sent.map((r) => r.targetLang)).toEqual(['en-US', 'pt-PT', 'ja']);
    // en-US has no formality at DeepL; prefer_less must not fail there.
    expect(sent.map((r) => r.formality)).toEqual(['prefer_less', 'prefer_less', 'prefer_less']);
    expect(sent.every((r) => r.status === 200 && r.modelType === 'quality_optimized')).toBe(true);

    const brazil = await backendFor(server, { settings: { pt: 'pt-BR' } });
    await brazil.translate({ pair: { source: 'de', target: 'pt' }, segments: plain('Hallo.') });
    expect(server.requestsTo('/v2/translate').at(-1)?.targetLang).toBe('pt-BR');
  });

  it('honours options.concurrency and rejects bad settings with the list of known ones', async () => {
    const server = await startServer();
    const backend = await createDeeplBackend({ env: { DEEPL_AUTH_KEY: KEY, DEEPL_SERVER_URL: server.url }, concurrency: 5 });
    expect(backend.concurrency).toBe(5);
    // Wrong settings are configuration mistakes (exit 3), refused before anything is sent.
    const unknown = await rejection(backendFor(server, { settings: { formalty: 'more' } }));
    expect(unknown.code).toBe('config');
    expect(unknown.message).toContain('known settings: formality, model, en, pt');
    const badEn = await rejection(backendFor(server, { settings: { en: 'en-AU' } }));
    expect(badEn.message).toContain('expected en-GB or en-US');
    expect(server.requests).toHaveLength(0);
  });

  it('protects do-not-translate terms with XML and unwraps them', async () => {
    const server = await startServer();
    const backend = await backendFor(server);
    const segments = [protectedSegment('Die AfD & die <CDU> streiten.', 4, 7), plain('Keine Begriffe & Co.')[0]!];
    const results = await backend.translate(request(segments));
    const [sent] = server.requestsTo('/v2/translate');
    expect(sent?.tagHandling).toBe('xml');
    expect(sent?.tagHandlingVersion).toBe('v2');
    expect(sent?.ignoreTags).toBe('k');
    expect(sent?.texts).toEqual(['Die <k id="1">AfD</k> &amp; die &lt;CDU&gt; streiten.', 'Keine Begriffe &amp; Co.']);
    expect(results.map((r, i) => textOf(r, segments[i]))).toEqual(['[EN-GB] Die AfD & die <CDU> streiten.', '[EN-GB] Keine Begriffe & Co.']);
    expect(results.every((r) => r.problem === undefined)).toBe(true);
    // DeepL does not bill markup: the fake counts the text without tags, entities decoded.
    expect(results.map((r) => r.billedCharacters)).toEqual([29, 20]);
  });

  it('reports a protected term that came back changed as a problem of that segment, not of the request', async () => {
    const server = await startServer();
    const backend = await backendFor(server);
    server.faults.enqueue({
      kind: 'status',
      status: 200,
      body: JSON.stringify({ translations: [{ text: 'The <k id="1">AFD</k> argues.', detected_source_language: 'DE' }, { text: 'Fine.', detected_source_language: 'DE' }] }),
    });
    const results = await backend.translate(request([protectedSegment('Die AfD streitet.', 4, 7), plain('Gut.')[0]!]));
    expect(results[0]?.problem).toContain('protected term "AfD" came back as "AFD"');
    expect(textOf(results[0]!)).toBe('The AFD argues.');
    expect(results[1]).toEqual({ parts: [{ type: 'text', text: 'Fine.' }], billedCharacters: 0 });
  });

  it('does not send a request whose signal is already aborted', async () => {
    const server = await startServer();
    const backend = await backendFor(server);
    const error = await failure(backend.translate(request(plain('Hallo.')), AbortSignal.abort()));
    expect(error.kind).toBe('network');
    expect(error.retryable).toBe(false);
    expect(server.requests).toHaveLength(0);
  });

  it('returns empty results for empty segments without sending them', async () => {
    const server = await startServer();
    const backend = await backendFor(server);
    expect(await backend.translate(request(plain('')))).toEqual([{ parts: [], billedCharacters: 0 }]);
    expect(await backend.translate(request([]))).toEqual([]);
    const mixed = await backend.translate(request(plain('Eins.', '', 'Zwei.')));
    expect(mixed.map((r) => textOf(r))).toEqual(['[EN-GB] Eins.', '', '[EN-GB] Zwei.']);
    expect(server.requestsTo('/v2/translate').map((r) => r.texts)).toEqual([['Eins.', 'Zwei.']]);
  });
});

describe('DeepL backend: limits', () => {
  it('pins the documented limits', () => {
    expect(DEEPL_LIMITS).toEqual({ maxSegments: 50, maxBytes: 13_994 });
  });

  it('rejects more than 50 segments or more than maxBytes without sending anything', async () => {
    const server = await startServer();
    const backend = await backendFor(server);
    const tooMany = await failure(backend.translate(request(plain(...Array.from({ length: 51 }, (_, i) => `Satz ${i}.`)))));
    expect(tooMany.kind).toBe('bad-request');
    expect(tooMany.retryable).toBe(false);
    const half = 'ä'.repeat(Math.ceil(DEEPL_LIMITS.maxBytes / 4) + 1);
    const tooBig = await failure(backend.translate(request(plain(half, half))));
    expect(tooBig.kind).toBe('bad-request');
    expect(tooBig.message).toContain('maxBytes');
    expect(server.requestsTo('/v2/translate')).toHaveLength(0);
  });

  it('a worst-case request at the limits (every byte an "&", XML mode) still fits DeepL\'s 128 KiB', async () => {
    const server = await startServer();
    const backend = await backendFor(server);
    const perSegment = Math.floor((DEEPL_LIMITS.maxBytes - 1000) / 50);
    const text = `AfD${'&'.repeat(perSegment - 3)}`;
    const segments = Array.from({ length: 50 }, () => protectedSegment(text, 0, 3));
    const results = await backend.translate(request(segments, { context: '&'.repeat(1000) }));
    expect(results).toHaveLength(50);
    const [sent] = server.requestsTo('/v2/translate');
    expect(sent?.status).toBe(200);
    expect(sent?.bodyBytes).toBeGreaterThan(100 * 1024);
    expect(sent?.bodyBytes).toBeLessThanOrEqual(128 * 1024);
  });

  it('a lone oversized segment is measured on the wire and refused before sending when over 128 KiB', async () => {
    const server = await startServer();
    const backend = await backendFor(server);
    const error = await failure(backend.translate(request(plain('&'.repeat(50_000)))));
    expect(error.kind).toBe('bad-request');
    expect(error.message).toContain('on the wire');
    expect(server.requests).toHaveLength(0);
  });
});

describe('DeepL backend: errors', () => {
  it('missing key -> auth error that says how to fix it, before any request', async () => {
    const error = await failure(createDeeplBackend({ env: {} }));
    expect(error.kind).toBe('auth');
    expect(error.retryable).toBe(false);
    expect(error.message).toContain('DEEPL_AUTH_KEY is not set');
    expect(error.message).toContain('export DEEPL_AUTH_KEY=');
  });

  it('403 -> auth, not retried, with a message naming DEEPL_AUTH_KEY', async () => {
    const server = await startServer('another-key:fx');
    const backend = await backendFor(server);
    const error = await failure(backend.translate(request(plain('Hallo.'))));
    expect(error.kind).toBe('auth');
    expect(error.retryable).toBe(false);
    expect(error.message).toContain('DEEPL_AUTH_KEY');
    expect(error.message).toContain(server.url);
    expect(server.requests).toHaveLength(1);
  });

  it('456 -> quota immediately, no retries', async () => {
    const server = await startServer();
    const backend = await backendFor(server);
    server.faults.enqueue({ kind: 'status', status: 456 });
    const error = await failure(backend.translate(request(plain('Hallo.'))));
    expect(error.kind).toBe('quota');
    expect(error.retryable).toBe(false);
    expect(server.requests).toHaveLength(1);
  });

  it('400 -> bad-request with DeepL\'s reason', async () => {
    const server = await startServer();
    const backend = await backendFor(server);
    const error = await failure(backend.translate({ pair: { source: 'de', target: 'xx' }, segments: plain('Hallo.') }));
    expect(error.kind).toBe('bad-request');
    expect(error.message).toContain("Value for 'target_lang' not supported");
    expect(error.message).toContain('(de→xx)');
  });

  it.each<[string, Fault]>([
    ['malformed JSON', { kind: 'malformed-json' }],
    ['JSON of the wrong shape', { kind: 'wrong-shape' }],
    ['one translation too few', { kind: 'wrong-count', delta: -1 }],
    ['one translation too many', { kind: 'wrong-count', delta: 1 }],
    ['a translation without text', { kind: 'status', status: 200, body: '{"translations":[{"detected_source_language":"DE"},{"detected_source_language":"DE"}]}' }],
  ])('%s -> bad-response naming the request', async (_, fault) => {
    const server = await startServer();
    const backend = await backendFor(server);
    server.faults.enqueue(fault);
    const error = await failure(backend.translate(request(plain('Eins.', 'Zwei.'))));
    expect(error.kind).toBe('bad-response');
    expect(error.retryable).toBe(false);
    expect(error.message).toContain('DeepL returned a malformed answer to a request of 2 texts (de→en-GB)');
    expect(server.requests).toHaveLength(1);
  });

  it('refused connection -> network (deepl-node does not retry ECONNREFUSED)', async () => {
    const server = await startServer();
    const url = server.url;
    await server.close();
    servers.splice(servers.indexOf(server), 1);
    const backend = await backendFor(url);
    const error = await failure(backend.translate(request(plain('Hallo.'))));
    expect(error.kind).toBe('network');
    expect(error.retryable).toBe(true);
    expect(error.message).toContain('ECONNREFUSED');
  });
});

describe.concurrent('DeepL backend: retries inside deepl-node (each retry waits ~1-2 s)', () => {
  // deepl-node makes one attempt per call; the workflow retries (visibly, counted) up to `attempts`.
  const run = (backend: TranslationBackend, events: ProgressEvent[] = []) => {
    const segment = { id: 's1', text: 'Hallo.', plain: 'Hallo.' };
    const item = { text: 'Hallo.', context: '', backend: toBackendSegment(segment, []), segment, format: 'text' as const };
    return executeBatches(backend, [{ pair: DE_EN, context: undefined, segments: [item], bytes: 6 }], { retryBaseMs: 1, onProgress: (e) => events.push(e) });
  };

  it('429 then 503 are retried by the workflow, visibly, then the translation succeeds', async ({ onTestFinished }) => {
    const server = await startServer(KEY, onTestFinished);
    const backend = await backendFor(server, { settings: { attempts: '3' } });
    expect(backend.maxAttempts).toBe(3);
    server.faults.enqueue({ kind: 'status', status: 429, retryAfterSeconds: 1 }, { kind: 'status', status: 503 });
    const events: ProgressEvent[] = [];
    const result = await run(backend, events);
    expect(result.error).toBeUndefined();
    expect(result.translations.get('en')?.get('Hallo.')?.target).toBe('[EN-GB] Hallo.');
    expect(server.requestsTo('/v2/translate').map((r) => r.status)).toEqual([429, 503, 200]);
    expect(result.stats).toMatchObject({ requests: 1, failedRequests: 2, retries: 2 });
    expect(events.filter((e) => e.type === 'retry').map((e) => (e as { reason: string }).reason)).toEqual([
      expect.stringMatching(/HTTP 429/),
      expect.stringMatching(/HTTP 503/),
    ]);
  });

  it('429 on every attempt -> rate-limit after exactly `attempts` requests', async ({ onTestFinished }) => {
    const server = await startServer(KEY, onTestFinished);
    const backend = await backendFor(server, { settings: { attempts: '2' } });
    server.faults.enqueue({ kind: 'status', status: 429 }, { kind: 'status', status: 429 }, { kind: 'status', status: 429 });
    const result = await run(backend);
    expect(result.error?.kind).toBe('rate-limit');
    expect(server.requests).toHaveLength(2);
    expect(result.stats.retries).toBe(1);
  });

  it('dropped connections -> network after the attempts', async ({ onTestFinished }) => {
    const server = await startServer(KEY, onTestFinished);
    const backend = await backendFor(server, { settings: { attempts: '2' } });
    server.faults.enqueue({ kind: 'drop' }, { kind: 'drop' });
    const result = await run(backend);
    expect(result.error?.kind).toBe('network');
    expect(result.error?.retryable).toBe(true);
    expect(server.requests).toHaveLength(2);
  });

  it('time-outs -> network after the attempts', async ({ onTestFinished }) => {
    const server = await startServer(KEY, onTestFinished);
    const backend = await backendFor(server, { settings: { attempts: '2', timeout: '100' } });
    server.faults.enqueue({ kind: 'delay', ms: 4000 }, { kind: 'delay', ms: 4000 });
    const started = Date.now();
    const result = await run(backend);
    expect(result.error?.kind).toBe('network');
    expect(result.error?.message).toMatch(/timeout/i);
    expect(server.requests).toHaveLength(2);
    expect(Date.now() - started).toBeLessThan(4000);
  });
});

describe('DeepL backend: the key never leaks', () => {
  const cases: [BackendErrorKind, (server: FakeDeepl) => Promise<TranslationBackend>, Fault[]][] = [
    ['auth', async (s) => backendFor(s, { key: KEY }), [{ kind: 'status', status: 403 }]],
    ['quota', async (s) => backendFor(s), [{ kind: 'status', status: 456 }]],
    ['rate-limit', async (s) => backendFor(s, { settings: { attempts: '1' } }), [{ kind: 'status', status: 429 }]],
    ['network', async (s) => backendFor(s, { settings: { attempts: '1' } }), [{ kind: 'drop' }]],
    ['bad-request', async (s) => backendFor(s), [{ kind: 'status', status: 400, body: '{"message":"nope"}' }]],
    ['bad-response', async (s) => backendFor(s), [{ kind: 'malformed-json' }]],
  ];
  it.each(cases)('%s error', async (kind, makeBackend, faults) => {
    const server = await startServer();
    const backend = await makeBackend(server);
    server.faults.enqueue(...faults);
    const error = await failure(backend.translate(request(plain('Hallo.'))));
    expect(error.kind).toBe(kind);
    expect(server.requests[0]?.authorization).toContain(KEY); // the key was really sent
    expectNoKey(error);
    const cause = error.cause as { statusCode?: number; message?: string };
    expect(Object.keys(cause).sort()).toEqual(['errorName', 'message', 'source', 'statusCode']);
  });

  it('a server that echoes the key in its error text is redacted', async () => {
    const server = await startServer();
    const backend = await backendFor(server);
    server.faults.enqueue({ kind: 'status', status: 400, body: JSON.stringify({ message: `bad header DeepL-Auth-Key ${KEY}` }) });
    const error = await failure(backend.translate(request(plain('Hallo.'))));
    expect(error.message).toContain('[redacted]');
    expectNoKey(error);
  });

  it('missing-key and usage errors too', async () => {
    expectNoKey(await failure(createDeeplBackend({ env: { DEEPL_AUTH_KEY: ' ' } })));
    const server = await startServer();
    const backend = await backendFor(server);
    server.faults.enqueue({ kind: 'status', status: 403 });
    const error = await failure(backend.getUsage!());
    expect(error.kind).toBe('auth');
    expectNoKey(error);
  });
});

describe('DeepL backend: glossaries (v3 multilingual API)', () => {
  it('creates one glossary per pair from the terms with a target, without do-not-translate terms', async () => {
    const server = await startServer();
    const events: ProgressEvent[] = [];
    const backend = await backendFor(server, { events });
    const { glossary } = createGlossary(termsFor());
    const ref = await backend.prepareGlossary!(glossary, DE_EN);

    expect(ref?.name).toMatch(/^bitext-de-en-[0-9a-f]{12}$/);
    const stored = server.glossaries.get(ref!.id);
    expect(stored?.name).toBe(ref?.name);
    expect(stored?.dictionaries).toHaveLength(1);
    const dict = stored!.dictionaries[0]!;
    expect([dict.sourceLang, dict.targetLang]).toEqual(['de', 'en']);
    const entries = new Map(dict.entries);
    expect(entries.get('Bundestag')).toBe('Bundestag parliament');
    expect(entries.get('Kanzlerin')).toBe('Chancellor');
    expect([...entries.keys()].some((k) => k.includes('AfD'))).toBe(false);
    expect(server.requestsTo('/v3/glossaries', 'POST')).toHaveLength(1);
    expect(events.some((e) => e.type === 'message' && e.text.includes('created glossary'))).toBe(true);

    const results = await backend.translate(request(plain('Die Kanzlerin spricht im Bundestag.'), { glossary: ref! }));
    expect(server.requestsTo('/v2/translate')[0]?.glossaryId).toBe(ref?.id);
    expect(textOf(results[0]!)).toBe('[EN-GB] Die Chancellor spricht im Bundestag parliament.');
  });

  it('returns undefined when no term has a target for the language, and removes bitext\'s old one', async () => {
    const server = await startServer();
    const backend = await backendFor(server);
    const withJapanese = createGlossary([...termsFor(), { source: 'Wahl', targets: { ja: '選挙' } }]).glossary;
    const old = await backend.prepareGlossary!(withJapanese, { source: 'de', target: 'ja' });
    expect(old?.name.startsWith('bitext-de-ja-')).toBe(true);
    const { glossary } = createGlossary(termsFor());
    expect(await (await backendFor(server)).prepareGlossary!(glossary, { source: 'de', target: 'ja' })).toBeUndefined();
    expect(server.glossaries.size).toBe(0);
    expect(server.requestsTo('/v3/glossaries', 'POST')).toHaveLength(1);
  });

  it('reuses an existing glossary: a second prepare (new process) creates nothing', async () => {
    const server = await startServer();
    const { glossary } = createGlossary(termsFor());
    const first = await (await backendFor(server)).prepareGlossary!(glossary, DE_EN);
    const second = await (await backendFor(server)).prepareGlossary!(glossary, DE_EN);
    expect(second).toEqual(first);
    expect(server.requestsTo('/v3/glossaries', 'POST')).toHaveLength(1);
    expect(server.requestsTo('/v3/glossaries', 'GET')).toHaveLength(2);
    expect(server.glossaries.size).toBe(1);
  });

  it('replaces a changed glossary and deletes only bitext\'s obsolete ones for that pair', async () => {
    const server = await startServer();
    const old = await (await backendFor(server)).prepareGlossary!(createGlossary(termsFor()).glossary, DE_EN);
    const french = await (await backendFor(server)).prepareGlossary!(createGlossary(termsFor()).glossary, {
      source: 'de',
      target: 'fr',
    });
    server.glossaries.set('foreign', {
      id: 'foreign',
      name: 'my team glossary',
      creationTime: new Date().toISOString(),
      dictionaries: [{ sourceLang: 'de', targetLang: 'en', entries: [['Haus', 'house']] }],
    });
    const changed = createGlossary([...termsFor(), { source: 'Ampel', targets: { en: 'traffic-light coalition' } }]).glossary;
    const events: ProgressEvent[] = [];
    const fresh = await (await backendFor(server, { events })).prepareGlossary!(changed, DE_EN);

    expect(fresh?.name).not.toBe(old?.name);
    expect(fresh?.name.startsWith('bitext-de-en-')).toBe(true);
    expect([...server.glossaries.keys()].sort()).toEqual([fresh!.id, french!.id, 'foreign'].sort());
    expect(server.requestsTo(`/v3/glossaries/${old!.id}`, 'DELETE')).toHaveLength(1);
    expect(events.some((e) => e.type === 'message' && e.text.includes(`deleted obsolete glossary ${old!.id}`))).toBe(true);
  });

  it('recreates a glossary that vanished on the server and retries the request once', async () => {
    const server = await startServer();
    const backend = await backendFor(server);
    const ref = await backend.prepareGlossary!(createGlossary(termsFor()).glossary, DE_EN);
    server.glossaries.delete(ref!.id);

    const results = await backend.translate(request(plain('Die Kanzlerin.'), { glossary: ref! }));
    expect(textOf(results[0]!)).toBe('[EN-GB] Die Chancellor.');
    const translations = server.requestsTo('/v2/translate');
    expect(translations.map((r) => r.status)).toEqual([404, 200]);
    const newId = translations[1]?.glossaryId;
    expect(newId).not.toBe(ref?.id);
    expect(server.glossaries.has(newId!)).toBe(true);
    expect(server.requestsTo('/v3/glossaries', 'POST')).toHaveLength(2);

    // Later requests holding the old ref go straight to the replacement.
    await backend.translate(request(plain('Noch einmal.'), { glossary: ref! }));
    expect(server.requestsTo('/v2/translate').at(-1)?.glossaryId).toBe(newId);
  });

  it('a glossary-not-found for an id this backend did not prepare is a bad-request, not retried', async () => {
    const server = await startServer();
    const backend = await backendFor(server);
    server.faults.enqueue(GLOSSARY_NOT_FOUND);
    const error = await failure(backend.translate(request(plain('Hallo.'), { glossary: { id: 'nope', name: 'x' } })));
    expect(error.kind).toBe('bad-request');
    expect(server.requests).toHaveLength(1);
  });
});

describe('DeepL backend: usage and languages', () => {
  it('reports usage from /v2/usage', async () => {
    const server = await startServer();
    const backend = await backendFor(server);
    await backend.translate(request(plain('Zwölf Zeichen')));
    expect(await backend.getUsage!()).toEqual({ characterCount: 13, characterLimit: 500_000 });
  });

  it('answers supportsTarget from /v2/languages?type=target, fetched once', async () => {
    const server = await startServer();
    const backend = await backendFor(server);
    expect(await backend.supportsTarget!('en')).toBe(true);
    expect(await backend.supportsTarget!('pt')).toBe(true);
    expect(await backend.supportsTarget!('EN-US')).toBe(true);
    expect(await backend.supportsTarget!('xx')).toBe(false);
    const languageRequests = server.requestsTo('/v2/languages');
    expect(languageRequests).toHaveLength(1);
    expect(languageRequests[0]?.params.type).toEqual(['target']);
  });
});

describe.runIf(process.env.DEEPL_AUTH_KEY)('DeepL backend: live API', () => {
  it('translates one sentence', async () => {
    const backend = await createDeeplBackend({ env: { DEEPL_AUTH_KEY: process.env.DEEPL_AUTH_KEY } });
    const [result] = await backend.translate(request(plain('Der Bundestag hat heute getagt.')));
    expect(textOf(result!).length).toBeGreaterThan(10);
    expect(result?.billedCharacters).toBe(31);
  });
});
