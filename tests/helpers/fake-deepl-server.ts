// A DeepL-API-compatible server for tests, written from DeepL's public API reference (/v2/translate,
// /v2/usage, /v2/languages, /v2/glossary-language-pairs, /v2/glossaries, /v3/glossaries). It speaks plain
// HTTP on 127.0.0.1, so the real deepl-node client talks to it exactly as it talks to DeepL. Faults are
// queued per request: the next matching request gets the fault instead of (or before) its answer.
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export const FAKE_DEEPL_MAX_BODY_BYTES = 128 * 1024;
export const FAKE_DEEPL_MAX_TEXTS = 50;

export type Fault = (
  | { readonly kind: 'status'; readonly status: number; readonly body?: string; readonly retryAfterSeconds?: number }
  /** Destroys the socket without an answer (deepl-node sees ECONNRESET, "socket hang up"). */
  | { readonly kind: 'drop' }
  /** Translates and bills the request like DeepL, then loses the answer (the socket is destroyed). */
  | { readonly kind: 'drop-after-billing' }
  /** Waits, then answers normally, if the client is still there. */
  | { readonly kind: 'delay'; readonly ms: number }
  /** 200 with a body that is not JSON. */
  | { readonly kind: 'malformed-json' }
  /** 200 with JSON of the wrong shape. */
  | { readonly kind: 'wrong-shape' }
  /** A normal translation answer with `delta` translations added (>0) or removed (<0). */
  | { readonly kind: 'wrong-count'; readonly delta: number }
) & {
  /** Only requests to this path (without query) take the fault; default: the next request of any path. */
  readonly path?: string;
  /** Let this many matching requests through (answered normally) before the fault strikes; default 0. */
  readonly afterRequests?: number;
};

/** The 404 DeepL gives for an unknown glossary id. */
export const GLOSSARY_NOT_FOUND: Fault = {
  kind: 'status',
  status: 404,
  body: JSON.stringify({ message: 'Glossary not found' }),
};

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly contentType: string;
  /** Bytes of the request body as received. */
  readonly bodyBytes: number;
  /** Every parameter (form, JSON or query), as lists of strings. */
  readonly params: Readonly<Record<string, readonly string[]>>;
  readonly texts: readonly string[];
  readonly context: string | undefined;
  readonly glossaryId: string | undefined;
  readonly sourceLang: string | undefined;
  readonly targetLang: string | undefined;
  readonly tagHandling: string | undefined;
  readonly tagHandlingVersion: string | undefined;
  readonly ignoreTags: string | undefined;
  readonly splitSentences: string | undefined;
  readonly formality: string | undefined;
  readonly modelType: string | undefined;
  readonly showBilledCharacters: string | undefined;
  /** The Authorization header as received (tests assert it is never echoed anywhere). */
  readonly authorization: string | undefined;
  /** The fault this request took, if any. */
  readonly fault: Fault['kind'] | undefined;
  /** Status answered (undefined when the connection was dropped or the client left). */
  status: number | undefined;
}

export interface FakeDictionary {
  readonly sourceLang: string;
  readonly targetLang: string;
  readonly entries: readonly (readonly [string, string])[];
}

export interface FakeGlossary {
  readonly id: string;
  readonly name: string;
  readonly creationTime: string;
  readonly dictionaries: readonly FakeDictionary[];
}

export interface FakeDeeplOptions {
  /** Key the server accepts; default `fake-key:fx`. */
  readonly authKey?: string;
  readonly characterLimit?: number;
  readonly characterCount?: number;
  /**
   * How translations treat XML markup: `keep` (DeepL's behaviour: tags stay where they were), or `strip`:
   * a DeepL-compatible server that ignores tag_handling and returns the text without any tag.
   */
  readonly tags?: TagMode;
}

export type TagMode = 'keep' | 'strip';

export interface FakeDeepl {
  readonly url: string;
  readonly authKey: string;
  readonly requests: RecordedRequest[];
  /** Server-side glossaries by id; tests may delete one to simulate it vanishing. */
  readonly glossaries: Map<string, FakeGlossary>;
  readonly usage: { characterCount: number; characterLimit: number };
  readonly faults: { enqueue(...faults: Fault[]): void; readonly pending: number };
  /** Switch the tag behaviour (see FakeDeeplOptions.tags) for the following requests. */
  tags: TagMode;
  /** Requests to one path, e.g. `/v2/translate`. */
  requestsTo(path: string, method?: string): RecordedRequest[];
  close(): Promise<void>;
}

const TARGET_LANGUAGES = [
  ['BG', 'Bulgarian', false],
  ['CS', 'Czech', false],
  ['DE', 'German', true],
  ['EN-GB', 'English (British)', false],
  ['EN-US', 'English (American)', false],
  ['ES', 'Spanish', true],
  ['FR', 'French', true],
  ['IT', 'Italian', true],
  ['JA', 'Japanese', true],
  ['NL', 'Dutch', true],
  ['PL', 'Polish', true],
  ['PT-BR', 'Portuguese (Brazilian)', true],
  ['PT-PT', 'Portuguese (European)', true],
  ['RU', 'Russian', true],
  ['TR', 'Turkish', false],
  ['UK', 'Ukrainian', false],
  ['ZH-HANS', 'Chinese (simplified)', false],
] as const;
const SOURCE_LANGUAGES = ['BG', 'CS', 'DE', 'EN', 'ES', 'FR', 'IT', 'JA', 'NL', 'PL', 'PT', 'RU', 'TR', 'UK', 'ZH'];
const FORMALITY_VALUES = new Set(['default', 'more', 'less', 'prefer_more', 'prefer_less']);
const DEFAULT_BODIES: Readonly<Record<number, string>> = {
  400: 'Bad request',
  403: 'Forbidden',
  404: 'Not found',
  429: 'Too many requests',
  456: 'Quota Exceeded',
  500: 'Internal server error',
  503: 'Service unavailable',
};

class HttpFailure extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function base(code: string): string {
  return (code.split('-', 1)[0] ?? code).toLowerCase();
}

function codePoints(text: string): number {
  return [...text].length;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Replaces glossary sources (longest first) in a plain run of text. */
function applyEntries(text: string, entries: readonly (readonly [string, string])[]): string {
  if (entries.length === 0) return text;
  const sorted = [...entries].sort((a, b) => b[0].length - a[0].length);
  const lookup = new Map(sorted);
  const pattern = new RegExp(sorted.map(([source]) => escapeRegExp(source)).join('|'), 'g');
  return text.replace(pattern, (match) => lookup.get(match) ?? match);
}

function decodeXmlEntities(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|apos);/g, (_, name: string) =>
    name === 'amp' ? '&' : name === 'lt' ? '<' : name === 'gt' ? '>' : name === 'quot' ? '"' : "'",
  );
}

/** Splits XML text into runs outside and inside ignored elements, keeping the tags with the inside runs. */
function splitIgnored(text: string, ignoreTags: readonly string[]): { text: string; ignored: boolean }[] {
  if (ignoreTags.length === 0) return [{ text, ignored: false }];
  const names = ignoreTags.map(escapeRegExp).join('|');
  const pattern = new RegExp(`<(${names})(?:\\s[^>]*)?>[\\s\\S]*?</\\1>`, 'g');
  const runs: { text: string; ignored: boolean }[] = [];
  let cursor = 0;
  for (const match of text.matchAll(pattern)) {
    runs.push({ text: text.slice(cursor, match.index), ignored: false });
    runs.push({ text: match[0], ignored: true });
    cursor = match.index + match[0].length;
  }
  runs.push({ text: text.slice(cursor), ignored: false });
  return runs;
}

function parseTsv(tsv: string): [string, string][] {
  const entries: [string, string][] = [];
  const seen = new Set<string>();
  for (const line of tsv.split(/\r\n|\n|\r/)) {
    if (line === '') continue;
    const parts = line.split('\t');
    if (parts.length !== 2 || parts[0] === undefined || parts[1] === undefined) {
      throw new HttpFailure(400, `Invalid glossary entries: line ${JSON.stringify(line)} needs exactly one tab`);
    }
    const [source, target] = parts;
    if (source.trim() === '' || target.trim() === '' || source !== source.trim() || target !== target.trim()) {
      throw new HttpFailure(400, `Invalid glossary entries: empty or padded term in ${JSON.stringify(line)}`);
    }
    if (seen.has(source)) throw new HttpFailure(400, `Invalid glossary entries: duplicate source ${JSON.stringify(source)}`);
    seen.add(source);
    entries.push([source, target]);
  }
  if (entries.length === 0) throw new HttpFailure(400, 'Invalid glossary entries: no entries');
  return entries;
}

function toTsv(entries: readonly (readonly [string, string])[]): string {
  return entries.map(([s, t]) => `${s}\t${t}`).join('\n');
}

function v3Info(g: FakeGlossary): unknown {
  return {
    glossary_id: g.id,
    name: g.name,
    creation_time: g.creationTime,
    dictionaries: g.dictionaries.map((d) => ({
      source_lang: d.sourceLang,
      target_lang: d.targetLang,
      entry_count: d.entries.length,
    })),
  };
}

function v2Info(g: FakeGlossary): unknown {
  const d = g.dictionaries[0];
  return {
    glossary_id: g.id,
    name: g.name,
    ready: true,
    source_lang: d?.sourceLang,
    target_lang: d?.targetLang,
    creation_time: g.creationTime,
    entry_count: d?.entries.length ?? 0,
  };
}

function readParams(contentType: string, body: string, query: URLSearchParams): Record<string, string[]> {
  const params: Record<string, string[]> = {};
  const add = (key: string, value: unknown): void => {
    if (Array.isArray(value)) {
      for (const item of value) add(key, item);
      return;
    }
    const text = typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
    (params[key] ??= []).push(text);
  };
  for (const [key, value] of query) add(key, value);
  if (body.length === 0) return params;
  if (contentType.startsWith('application/json')) {
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      throw new HttpFailure(400, 'Invalid JSON body');
    }
    if (json === null || typeof json !== 'object' || Array.isArray(json)) throw new HttpFailure(400, 'JSON body must be an object');
    for (const [key, value] of Object.entries(json)) {
      if (key === 'dictionaries' && Array.isArray(value)) {
        value.forEach((dict: unknown, i) => {
          if (dict !== null && typeof dict === 'object') {
            for (const [k, v] of Object.entries(dict)) add(`dictionaries[${i}].${k}`, v);
          }
        });
      } else {
        add(key, value);
      }
    }
    return params;
  }
  if (contentType.startsWith('application/x-www-form-urlencoded')) {
    for (const [key, value] of new URLSearchParams(body)) add(key, value);
    return params;
  }
  throw new HttpFailure(415, `Unsupported Content-Type ${JSON.stringify(contentType)}`);
}

export async function startFakeDeepl(options: FakeDeeplOptions = {}): Promise<FakeDeepl> {
  const authKey = options.authKey ?? 'fake-key:fx';
  const requests: RecordedRequest[] = [];
  const glossaries = new Map<string, FakeGlossary>();
  const usage = { characterCount: options.characterCount ?? 0, characterLimit: options.characterLimit ?? 500_000 };
  const mode: { tags: TagMode } = { tags: options.tags ?? 'keep' };
  /** Pending faults, each with the matching requests it has let through so far. */
  const queue: { fault: Fault; passed: number }[] = [];
  const timers = new Set<NodeJS.Timeout>();

  function takeFault(path: string): Fault | undefined {
    const matching = queue.filter((q) => q.fault.path === undefined || q.fault.path === path);
    const due = matching.find((q) => q.passed >= (q.fault.afterRequests ?? 0));
    for (const q of matching) if (q !== due) q.passed++;
    if (due === undefined) return undefined;
    queue.splice(queue.indexOf(due), 1);
    return due.fault;
  }

  function translate(params: Record<string, string[]>, extraOrMissing: number): unknown {
    const one = (key: string): string | undefined => params[key]?.[0];
    const texts = params.text ?? [];
    if (texts.length === 0) throw new HttpFailure(400, "Parameter 'text' not specified.");
    if (texts.length > FAKE_DEEPL_MAX_TEXTS) throw new HttpFailure(413, 'Too many texts in request (limit: 50)');
    const target = one('target_lang');
    if (target === undefined) throw new HttpFailure(400, "Parameter 'target_lang' not specified.");
    const targetUpper = target.toUpperCase();
    if (!TARGET_LANGUAGES.some(([code]) => code === targetUpper) && targetUpper !== 'EN' && targetUpper !== 'PT') {
      throw new HttpFailure(400, "Value for 'target_lang' not supported.");
    }
    const source = one('source_lang');
    if (source !== undefined && !SOURCE_LANGUAGES.includes(source.toUpperCase())) {
      throw new HttpFailure(400, "Value for 'source_lang' not supported.");
    }
    const formality = one('formality');
    if (formality !== undefined && !FORMALITY_VALUES.has(formality)) {
      throw new HttpFailure(400, "Value for 'formality' not supported.");
    }
    // Like DeepL: a formality other than default/prefer_* fails for targets without formality support.
    const supportsFormality = TARGET_LANGUAGES.find(([code]) => code === targetUpper)?.[2] ?? false;
    if ((formality === 'more' || formality === 'less') && !supportsFormality) {
      throw new HttpFailure(400, "'formality' is not supported for given 'target_lang'.");
    }
    let entries: readonly (readonly [string, string])[] = [];
    const glossaryId = one('glossary_id');
    if (glossaryId !== undefined) {
      if (source === undefined) throw new HttpFailure(400, "Use of glossary requires 'source_lang'.");
      const glossary = glossaries.get(glossaryId);
      if (glossary === undefined) throw new HttpFailure(404, 'Glossary not found');
      const dict = glossary.dictionaries.find((d) => d.sourceLang === base(source) && d.targetLang === base(target));
      if (dict === undefined) {
        throw new HttpFailure(400, `No dictionary found for language pair ${base(source)}-${target} in glossary`);
      }
      entries = dict.entries;
    }
    const xml = one('tag_handling') === 'xml' || one('tag_handling') === 'html';
    const ignoreTags = (one('ignore_tags') ?? '').split(',').filter((t) => t !== '');
    const billed = texts.map((text) =>
      xml ? codePoints(decodeXmlEntities(text.replace(/<[^>]*>/g, ''))) : codePoints(text),
    );
    const total = billed.reduce((a, b) => a + b, 0);
    if (usage.characterCount + total > usage.characterLimit) throw new HttpFailure(456, 'Quota Exceeded');
    usage.characterCount += total;
    const showBilled = one('show_billed_characters') === '1' || one('show_billed_characters') === 'true';
    const translations = texts.map((text, i) => {
      const translated = xml
        ? splitIgnored(text, ignoreTags)
            .map((run) => (run.ignored ? run.text : applyEntries(run.text, entries)))
            .join('')
        : applyEntries(text, entries);
      const answered = xml && mode.tags === 'strip' ? decodeXmlEntities(translated.replace(/<[^>]*>/g, '')) : translated;
      return {
        detected_source_language: (source ?? 'DE').toUpperCase(),
        text: `[${targetUpper}] ${answered}`,
        ...(showBilled ? { billed_characters: billed[i] } : {}),
        ...(one('model_type') === undefined ? {} : { model_type_used: 'quality_optimized' }),
      };
    });
    if (extraOrMissing < 0) translations.splice(extraOrMissing);
    for (let i = 0; i < extraOrMissing; i++) translations.push({ ...translations[0]!, text: '[EXTRA]' });
    return { translations };
  }

  function createGlossary(name: string | undefined, dictionaries: FakeDictionary[]): FakeGlossary {
    if (name === undefined || name === '') throw new HttpFailure(400, "Parameter 'name' not specified.");
    if (dictionaries.length === 0) throw new HttpFailure(400, 'No dictionaries given.');
    const glossary: FakeGlossary = { id: randomUUID(), name, creationTime: new Date().toISOString(), dictionaries };
    glossaries.set(glossary.id, glossary);
    return glossary;
  }

  function readDictionary(params: Record<string, string[]>, prefix: string): FakeDictionary {
    const one = (key: string): string | undefined => params[`${prefix}${key}`]?.[0];
    const sourceLang = one('source_lang');
    const targetLang = one('target_lang');
    const format = one('entries_format') ?? 'tsv';
    const entries = one('entries');
    if (sourceLang === undefined || targetLang === undefined || entries === undefined) {
      throw new HttpFailure(400, 'Dictionary needs source_lang, target_lang and entries.');
    }
    if (format !== 'tsv') throw new HttpFailure(400, 'This fake server only reads tsv entries.');
    return { sourceLang: base(sourceLang), targetLang: base(targetLang), entries: parseTsv(entries) };
  }

  /** Routes one request; returns [status, body, content type]. */
  function route(method: string, path: string, params: Record<string, string[]>, fault: Fault | undefined) {
    const one = (key: string): string | undefined => params[key]?.[0];
    const json = (status: number, value: unknown): [number, string, string] => [status, JSON.stringify(value), 'application/json'];
    if (path === '/v2/translate' && method === 'POST') {
      return json(200, translate(params, fault?.kind === 'wrong-count' ? fault.delta : 0));
    }
    if (path === '/v2/usage' && method === 'GET') {
      return json(200, { character_count: usage.characterCount, character_limit: usage.characterLimit });
    }
    if (path === '/v2/languages' && method === 'GET') {
      if (one('type') === 'target') {
        return json(
          200,
          TARGET_LANGUAGES.map(([language, name, formality]) => ({ language, name, supports_formality: formality })),
        );
      }
      return json(200, SOURCE_LANGUAGES.map((language) => ({ language, name: language })));
    }
    if (path === '/v2/glossary-language-pairs' && method === 'GET') {
      const pairs = SOURCE_LANGUAGES.flatMap((s) =>
        SOURCE_LANGUAGES.filter((t) => t !== s).map((t) => ({ source_lang: s.toLowerCase(), target_lang: t.toLowerCase() })),
      );
      return json(200, { supported_languages: pairs });
    }
    const v3 = /^\/v3\/glossaries(?:\/([^/]+)(\/entries)?)?$/.exec(path);
    if (v3 !== null) {
      const [, id, entriesPart] = v3;
      if (id === undefined) {
        if (method === 'GET') return json(200, { glossaries: [...glossaries.values()].map(v3Info) });
        if (method === 'POST') {
          const dictionaries: FakeDictionary[] = [];
          for (let i = 0; params[`dictionaries[${i}].source_lang`] !== undefined; i++) {
            dictionaries.push(readDictionary(params, `dictionaries[${i}].`));
          }
          return json(201, v3Info(createGlossary(one('name'), dictionaries)));
        }
      } else {
        const glossary = glossaries.get(id);
        if (glossary === undefined) throw new HttpFailure(404, 'Glossary not found');
        if (entriesPart !== undefined && method === 'GET') {
          const dictionaries = glossary.dictionaries.filter(
            (d) =>
              (one('source_lang') === undefined || d.sourceLang === base(one('source_lang') ?? '')) &&
              (one('target_lang') === undefined || d.targetLang === base(one('target_lang') ?? '')),
          );
          return json(200, {
            dictionaries: dictionaries.map((d) => ({
              source_lang: d.sourceLang,
              target_lang: d.targetLang,
              entries: toTsv(d.entries),
              entries_format: 'tsv',
            })),
          });
        }
        if (entriesPart === undefined && method === 'GET') return json(200, v3Info(glossary));
        if (entriesPart === undefined && method === 'DELETE') {
          glossaries.delete(id);
          return [204, '', 'text/plain'] as [number, string, string];
        }
      }
    }
    const v2 = /^\/v2\/glossaries(?:\/([^/]+)(\/entries)?)?$/.exec(path);
    if (v2 !== null) {
      const [, id, entriesPart] = v2;
      if (id === undefined) {
        if (method === 'GET') {
          return json(200, {
            glossaries: [...glossaries.values()].filter((g) => g.dictionaries.length === 1).map(v2Info),
          });
        }
        if (method === 'POST') return json(201, v2Info(createGlossary(one('name'), [readDictionary(params, '')])));
      } else {
        const glossary = glossaries.get(id);
        if (glossary === undefined) throw new HttpFailure(404, 'Glossary not found');
        if (entriesPart !== undefined && method === 'GET') {
          return [200, toTsv(glossary.dictionaries[0]?.entries ?? []), 'text/tab-separated-values'] as [
            number,
            string,
            string,
          ];
        }
        if (entriesPart === undefined && method === 'GET') return json(200, v2Info(glossary));
        if (entriesPart === undefined && method === 'DELETE') {
          glossaries.delete(id);
          return [204, '', 'text/plain'] as [number, string, string];
        }
      }
    }
    throw new HttpFailure(404, `No route for ${method} ${path}`);
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse, record: (r: RecordedRequest) => void) {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const contentType = String(req.headers['content-type'] ?? '');
    const method = req.method ?? 'GET';
    const fault = takeFault(url.pathname);
    const respond = (status: number, body: string, type = 'application/json', headers: Record<string, string> = {}) => {
      entry.status = status;
      if (res.destroyed || res.writableEnded) return;
      res.writeHead(status, { 'Content-Type': type, ...headers });
      res.end(body);
    };
    let params: Record<string, string[]> = {};
    let parseError: HttpFailure | undefined;
    try {
      params = readParams(contentType, raw.toString('utf8'), url.searchParams);
    } catch (error) {
      parseError = error instanceof HttpFailure ? error : new HttpFailure(400, String(error));
    }
    const one = (key: string): string | undefined => params[key]?.[0];
    const entry: RecordedRequest = {
      method,
      path: url.pathname,
      contentType,
      bodyBytes: raw.length,
      params,
      texts: params.text ?? [],
      context: one('context'),
      glossaryId: one('glossary_id'),
      sourceLang: one('source_lang'),
      targetLang: one('target_lang'),
      tagHandling: one('tag_handling'),
      tagHandlingVersion: one('tag_handling_version'),
      ignoreTags: one('ignore_tags'),
      splitSentences: one('split_sentences'),
      formality: one('formality'),
      modelType: one('model_type'),
      showBilledCharacters: one('show_billed_characters'),
      authorization: req.headers.authorization,
      fault: fault?.kind,
      status: undefined,
    };
    record(entry);

    if (fault?.kind === 'drop') {
      req.socket.destroy();
      return;
    }
    if (fault?.kind === 'delay') {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          timers.delete(timer);
          resolve();
        }, fault.ms);
        timers.add(timer);
      });
      if (res.destroyed || req.socket.destroyed) return;
    }
    if (fault?.kind === 'status') {
      const headers: Record<string, string> =
        fault.retryAfterSeconds === undefined ? {} : { 'Retry-After': String(fault.retryAfterSeconds) };
      respond(fault.status, fault.body ?? JSON.stringify({ message: DEFAULT_BODIES[fault.status] ?? 'Error' }), 'application/json', headers);
      return;
    }
    if (fault?.kind === 'malformed-json') {
      respond(200, '{"translations": [{"text": "cut off', 'application/json');
      return;
    }
    if (fault?.kind === 'wrong-shape') {
      respond(200, JSON.stringify({ result: 'not what DeepL sends' }));
      return;
    }
    if (req.headers.authorization !== `DeepL-Auth-Key ${authKey}`) {
      respond(403, JSON.stringify({ message: 'Wrong authentication key' }));
      return;
    }
    if (raw.length > FAKE_DEEPL_MAX_BODY_BYTES) {
      respond(413, JSON.stringify({ message: 'Request Entity Too Large' }));
      return;
    }
    if (parseError !== undefined) {
      respond(parseError.status, JSON.stringify({ message: parseError.message }));
      return;
    }
    try {
      const [status, body, type] = route(method, url.pathname, params, fault);
      if (fault?.kind === 'drop-after-billing') {
        req.socket.destroy();
        return;
      }
      respond(status, body, type);
    } catch (error) {
      if (error instanceof HttpFailure) respond(error.status, JSON.stringify({ message: error.message }));
      else respond(500, JSON.stringify({ message: String(error) }));
    }
  }

  const server = http.createServer((req, res) => {
    handle(req, res, (r) => requests.push(r)).catch(() => {
      if (!res.headersSent && !res.destroyed) {
        res.writeHead(500);
        res.end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    authKey,
    requests,
    glossaries,
    usage,
    faults: {
      enqueue: (...faults: Fault[]) => void queue.push(...faults.map((fault) => ({ fault, passed: 0 }))),
      get pending() {
        return queue.length;
      },
    },
    get tags() {
      return mode.tags;
    },
    set tags(value: TagMode) {
      mode.tags = value;
    },
    requestsTo: (path, method) => requests.filter((r) => r.path === path && (method === undefined || r.method === method)),
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
