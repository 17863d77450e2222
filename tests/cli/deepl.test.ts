// `bitext translate --backend deepl` end to end: the built CLI runs as a child process with the real
// deepl-node client, talking HTTP to the DeepL-compatible fake server in this process. Every assertion is
// about what arrived at the server (or what the CLI did with its answers), so the batching, glossary and
// quota logic are checked at the boundary a real DeepL account sees. deepl-node's back-off waits about 1 s
// before a retry, so only one test injects a retried fault.
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fromBilingualMarkdown, type BilingualSegment } from '../../src/bilingual/index.js';
import { splitParagraphs, splitSentences } from '../../src/segmentation/index.js';
import { runCli, tempProject, type CliResult } from '../helpers/cli.js';
import {
  FAKE_DEEPL_MAX_BODY_BYTES,
  FAKE_DEEPL_MAX_TEXTS,
  startFakeDeepl,
  type FakeDeepl,
  type RecordedRequest,
} from '../helpers/fake-deepl-server.js';

const KEY = 'bitext-cli-7f3a9c21e5d84b60-TESTKEY:fx';
const KEY_SECRET_PART = '7f3a9c21e5d84b60';

let server: FakeDeepl;
let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  server = await startFakeDeepl({ authKey: KEY });
  ({ dir, cleanup } = await tempProject());
});
afterEach(async () => {
  await server.close();
  await cleanup();
});

function deepl(args: readonly string[], env: Record<string, string> = {}): Promise<CliResult> {
  return runCli(['translate', '--backend', 'deepl', ...args], {
    cwd: dir,
    env: { DEEPL_AUTH_KEY: KEY, DEEPL_SERVER_URL: server.url, ...env },
  });
}

function translateRequests(): RecordedRequest[] {
  return server.requestsTo('/v2/translate', 'POST');
}

/** The source text of a sent text: XML mode wraps do-not-translate terms in <k id="N"> and escapes &, <, >. */
function sourceOf(request: RecordedRequest, text: string): string {
  if (request.tagHandling !== 'xml') return text;
  return text
    .replace(/<k id="\d+">|<\/k>/g, '')
    .replace(/&(amp|lt|gt);/g, (_, name: string) => (name === 'amp' ? '&' : name === 'lt' ? '<' : '>'));
}

/** Source texts the server translated (and billed), request by request. */
function billedTexts(requests: readonly RecordedRequest[]): string[] {
  return requests.filter((r) => r.status === 200).flatMap((r) => r.texts.map((t) => sourceOf(r, t)));
}

function sentTexts(requests: readonly RecordedRequest[]): string[] {
  return requests.flatMap((r) => r.texts.map((t) => sourceOf(r, t)));
}

interface SourceParagraph {
  readonly text: string;
  readonly sentences: readonly string[];
}

/** Paragraphs of the project's .txt sources: one per non-blank line, as the user wrote them. */
async function sourceParagraphs(folder = 'seeds'): Promise<SourceParagraph[]> {
  const files = (await readdir(join(dir, folder))).filter((f) => f.endsWith('.txt')).sort();
  const paragraphs: SourceParagraph[] = [];
  for (const file of files) {
    for (const text of splitParagraphs(await readFile(join(dir, folder, file), 'utf8'))) {
      paragraphs.push({ text, sentences: splitSentences(text) });
    }
  }
  return paragraphs;
}

async function uniqueSentences(folder = 'seeds'): Promise<string[]> {
  return [...new Set((await sourceParagraphs(folder)).flatMap((p) => p.sentences))].sort();
}

async function bilingualSegments(lang = 'en', out = 'translations'): Promise<BilingualSegment[]> {
  const folder = join(dir, out, lang);
  const segments: BilingualSegment[] = [];
  for (const file of (await readdir(folder)).filter((f) => f.endsWith('.md')).sort()) {
    const path = join(folder, file);
    const doc = fromBilingualMarkdown(await readFile(path, 'utf8'), path);
    segments.push(...doc.paragraphs.flatMap((p) => p.segments));
  }
  return segments;
}

function billedReported(stdout: string): { segments: number; requests: number; characters: number; billed: number } {
  const match = /Sent ([\d,]+) segments? in ([\d,]+) requests?[^:]*: (\d+) characters, (\d+) billed\./.exec(stdout);
  expect(match, stdout).not.toBeNull();
  const [, segments, requests, characters, billed] = match!.map(Number);
  return { segments: segments!, requests: requests!, characters: characters!, billed: billed! };
}

/** Every request within DeepL's limits, no empty text, sentences not re-split by DeepL. */
function expectWellFormed(requests: readonly RecordedRequest[]): void {
  for (const r of requests) {
    expect(r.texts.length).toBeGreaterThan(0);
    expect(r.texts.length).toBeLessThanOrEqual(FAKE_DEEPL_MAX_TEXTS);
    expect(r.bodyBytes).toBeLessThanOrEqual(FAKE_DEEPL_MAX_BODY_BYTES);
    expect(r.splitSentences).toBe('0');
    expect(r.sourceLang?.toLowerCase()).toBe('de');
    for (const text of r.texts) expect(text.trim()).not.toBe('');
  }
}

/**
 * A request with context carries sentences of exactly that paragraph; one without carries sentences that
 * are a paragraph on their own (nothing around them to send).
 */
function expectParagraphContext(requests: readonly RecordedRequest[], paragraphs: readonly SourceParagraph[]): void {
  for (const r of requests) {
    const texts = r.texts.map((t) => sourceOf(r, t));
    if (r.context === undefined) {
      for (const text of texts) {
        expect(paragraphs.some((p) => p.sentences.length === 1 && p.sentences[0] === text), text).toBe(true);
      }
    } else {
      const paragraph = paragraphs.find((p) => p.text === r.context);
      expect(paragraph, `context ${r.context.slice(0, 60)}… is not a source paragraph`).toBeDefined();
      for (const text of texts) expect(paragraph!.sentences).toContain(text);
    }
  }
}

interface GlossaryFile {
  terms: { source: string; forms?: string[]; doNotTranslate?: boolean; targets?: Record<string, string | { term: string }> }[];
}

/** [source as written, en target] for each glossary.json term DeepL should know. */
async function expectedEntries(): Promise<[string, string][]> {
  const glossary = JSON.parse(await readFile(join(dir, 'glossary.json'), 'utf8')) as GlossaryFile;
  return glossary.terms.flatMap((term) => {
    const target = term.targets?.en;
    if (term.doNotTranslate || target === undefined) return [];
    const en = typeof target === 'string' ? target : target.term;
    return [term.source, ...(term.forms ?? [])].map((source): [string, string] => [source, en]);
  });
}

function onlyGlossary() {
  expect(server.glossaries.size).toBe(1);
  return [...server.glossaries.values()][0]!;
}

describe('bitext translate --backend deepl', () => {
  it('sends the seeds in well-formed requests with paragraph context, the glossary, and bills what it reports', async () => {
    const r = await deepl(['--to', 'en']);
    expect(r.stderr).not.toMatch(/error/i);
    expect(r.code).toBe(0);

    const requests = translateRequests();
    expect(requests.length).toBeGreaterThan(0);
    expectWellFormed(requests);
    const paragraphs = await sourceParagraphs();
    expectParagraphContext(requests, paragraphs);
    const sent = sentTexts(requests);
    expect(new Set(sent).size).toBe(sent.length); // no text twice: identical sentences are sent once
    expect([...sent].sort()).toEqual(await uniqueSentences());
    expect(requests.some((q) => q.context !== undefined)).toBe(true);
    for (const q of requests) expect(q.targetLang).toBe('en-GB');

    // The glossary: one v3 glossary holding glossary.json's entries, passed with every request.
    expect(server.requestsTo('/v3/glossaries', 'POST')).toHaveLength(1);
    expect(server.requestsTo('/v2/glossaries', 'POST')).toHaveLength(0);
    const glossary = onlyGlossary();
    expect(glossary.name).toMatch(/^bitext-de-en-/);
    expect(glossary.dictionaries).toHaveLength(1);
    const dictionary = glossary.dictionaries[0]!;
    expect([dictionary.sourceLang, dictionary.targetLang]).toEqual(['de', 'en']);
    const entries = new Map(dictionary.entries);
    for (const [source, target] of await expectedEntries()) expect(entries.get(source), source).toBe(target);
    expect(entries.has('WSJ')).toBe(false); // do-not-translate terms are protected in the request instead
    for (const q of requests) expect(q.glossaryId).toBe(glossary.id);
    // The do-not-translate term went as an ignored XML element.
    const wsj = requests.find((q) => q.texts.some((t) => t.includes('WSJ')))!;
    expect(wsj.tagHandling).toBe('xml');
    expect(wsj.texts.find((t) => t.includes('WSJ'))).toContain('<k id="1">WSJ</k>');
    expect(wsj.ignoreTags).toBe('k');
    expect(wsj.tagHandlingVersion).toBe('v2');

    // Billing: what the CLI prints is what the server counted.
    const reported = billedReported(r.stdout);
    expect(reported.requests).toBe(requests.length);
    expect(reported.billed).toBe(server.usage.characterCount);
    expect(reported.billed).toBe(sent.reduce((n, t) => n + [...t].length, 0));
    expect(r.stdout).toContain(`Account usage: ${server.usage.characterCount} of ${server.usage.characterLimit} characters.`);

    // What came back landed in the files, glossary applied by the server.
    const segments = await bilingualSegments();
    for (const s of segments) {
      expect(s.status).toBe('machine');
      expect(s.target.startsWith('[EN-GB] ')).toBe(true);
    }
    expect(segments.find((s) => s.source.includes('Ein-China-Prinzip'))?.target).toContain('one-China principle');
    expect(segments.find((s) => s.source.includes('WSJ'))?.target).toContain('WSJ');
  });

  it('--set en=en-US sends en-US and reuses the glossary another output folder created', async () => {
    expect((await deepl(['--to', 'en'])).code).toBe(0);
    const first = translateRequests().length;
    const r = await deepl(['--to', 'en', '--set', 'en=en-US', '--out', 'us']);
    expect(r.code).toBe(0);
    const requests = translateRequests().slice(first);
    expect(requests.length).toBeGreaterThan(0);
    for (const q of requests) expect(q.targetLang).toBe('en-US');
    expect(server.requestsTo('/v3/glossaries', 'POST')).toHaveLength(1);
    for (const q of requests) expect(q.glossaryId).toBe(onlyGlossary().id);
    for (const s of await bilingualSegments('en', 'us')) expect(s.target.startsWith('[EN-US] ')).toBe(true);
  });

  it('re-runs send nothing, reuse the glossary by name, and replace it when glossary.json changes', async () => {
    expect((await deepl(['--to', 'en'])).code).toBe(0);
    const firstGlossary = onlyGlossary();
    const before = server.requests.length;

    const again = await deepl(['--to', 'en']);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/Sent 0 segments in 0 requests/);
    expect(server.requests.slice(before)).toEqual([]);

    // A new sentence: only it is sent, with the glossary found by name (listed, not created).
    await writeFile(join(dir, 'seeds', '002_neu.txt'), 'Der Staatspräsident reiste nach Moskau. Dort traf er Putin.\n');
    const added = await deepl(['--to', 'en']);
    expect(added.code).toBe(0);
    const addedRequests = translateRequests();
    expect(sentTexts(addedRequests.slice(-1))).toEqual(['Der Staatspräsident reiste nach Moskau.', 'Dort traf er Putin.']);
    expect(billedTexts(addedRequests).filter((t) => t.startsWith('Der Staatspräsident reiste'))).toHaveLength(1);
    expect(server.requestsTo('/v3/glossaries', 'POST')).toHaveLength(1);
    expect(server.requestsTo('/v3/glossaries', 'GET').length).toBeGreaterThanOrEqual(2);
    expect(addedRequests.at(-1)?.glossaryId).toBe(firstGlossary.id);

    // A changed glossary (and something to send): a new glossary, the obsolete one deleted.
    const glossary = JSON.parse(await readFile(join(dir, 'glossary.json'), 'utf8')) as GlossaryFile;
    glossary.terms.push({ source: 'Kreml', targets: { en: 'Kremlin' } });
    await writeFile(join(dir, 'glossary.json'), JSON.stringify(glossary, null, 2));
    await writeFile(join(dir, 'seeds', '003_kreml.txt'), 'Der Kreml bestätigte das Gespräch.\n');
    const changed = await deepl(['--to', 'en']);
    expect(changed.code).toBe(0);
    expect(server.requestsTo('/v3/glossaries', 'POST')).toHaveLength(2);
    expect(server.requestsTo(`/v3/glossaries/${firstGlossary.id}`, 'DELETE')).toHaveLength(1);
    const replacement = onlyGlossary();
    expect(replacement.id).not.toBe(firstGlossary.id);
    expect(new Map(replacement.dictionaries[0]!.entries).get('Kreml')).toBe('Kremlin');
    const last = translateRequests().at(-1)!;
    expect(sentTexts([last])).toEqual(['Der Kreml bestätigte das Gespräch.']);
    expect(last.glossaryId).toBe(replacement.id);
    expect((await bilingualSegments()).find((s) => s.source.startsWith('Der Kreml'))?.target).toContain('Kremlin');
  });
});

describe('glossaries of a run into several languages', () => {
  it('are prepared side by side: both pairs are listed before either glossary is made, and each language sends with its own', async () => {
    // Every glossary call answers 200 ms late: one language after the other would list, create, list, create.
    server.faults.enqueue(...Array.from({ length: 4 }, () => ({ kind: 'delay' as const, ms: 200, path: '/v3/glossaries' })));
    const r = await deepl(['--to', 'en,fr', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(server.requestsTo('/v3/glossaries').map((q) => q.method)).toEqual(['GET', 'GET', 'POST', 'POST']);
    const byPair = new Map([...server.glossaries.values()].map((g) => [g.dictionaries.map((d) => `${d.sourceLang}-${d.targetLang}`).join(), g.id]));
    expect([...byPair.keys()].sort()).toEqual(['de-en', 'de-fr']);
    const requests = translateRequests();
    // Nothing is sent before both glossaries exist.
    const firstSend = server.requests.findIndex((q) => q.path === '/v2/translate');
    expect(server.requests.slice(0, firstSend).filter((q) => q.path === '/v3/glossaries' && q.method === 'POST')).toHaveLength(2);
    for (const q of requests) expect(q.glossaryId).toBe(byPair.get(q.targetLang?.toLowerCase().startsWith('en') ? 'de-en' : 'de-fr'));
    expect(new Set(requests.map((q) => q.targetLang?.toLowerCase()))).toEqual(new Set(['en-gb', 'fr']));
  });
});

describe('glossaries of regional variants', () => {
  for (const delay of [0, 300]) {
    it(`en-GB and en-US with different approved terms keep a glossary each (first list ${delay} ms late): none deletes the other's`, async () => {
      if (delay > 0) server.faults.enqueue({ kind: 'delay', ms: delay, path: '/v3/glossaries' });
      const file = join(dir, 'glossary.json');
      const glossary = JSON.parse(await readFile(file, 'utf8')) as GlossaryFile;
      glossary.terms.push({ source: 'Kreml', targets: { en: 'Kremlin', 'en-US': 'the Kremlin (US)' } });
      await writeFile(file, JSON.stringify(glossary, null, 2));
      const r = await deepl(['--to', 'en-GB,en-US']);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).not.toMatch(/vanished/);
      expect(server.requestsTo('/v3/glossaries', 'DELETE')).toEqual([]);
      const live = new Map([...server.glossaries.values()].map((g) => [g.name, g.id]));
      expect([...live.keys()].map((name) => name.replace(/[0-9a-f]{12}$/, '')).sort()).toEqual(['bitext-de-en-gb-', 'bitext-de-en-us-']);
      // Each language's requests name its own glossary, which exists.
      for (const q of translateRequests()) expect(q.glossaryId).toBe([...live].find(([name]) => name.startsWith(`bitext-de-${q.targetLang!.toLowerCase()}-`))?.[1]);
      // A second run finds both by name: nothing created, nothing deleted.
      const posts = server.requestsTo('/v3/glossaries', 'POST').length;
      await writeFile(join(dir, 'seeds', '003_kreml.txt'), 'Der Kreml bestätigte das Gespräch.\n');
      expect((await deepl(['--to', 'en-GB,en-US'])).code).toBe(0);
      expect(server.requestsTo('/v3/glossaries', 'POST')).toHaveLength(posts);
      expect(server.requestsTo('/v3/glossaries', 'DELETE')).toEqual([]);
    });
  }
});

describe('the account usage around a run', () => {
  it('is answered before the first text is sent (asked beside the glossary) and asked again after the last answer', async () => {
    // A slow usage answer: a run that sent before it came would compare the account after billing began.
    server.faults.enqueue({ kind: 'delay', ms: 300, path: '/v2/usage' });
    const usageAnsweredAtFirstSend: (boolean | undefined)[] = [];
    const push = server.requests.push.bind(server.requests);
    server.requests.push = (...entries: RecordedRequest[]) => {
      for (const entry of entries) {
        if (entry.path === '/v2/translate' && usageAnsweredAtFirstSend.length === 0) {
          usageAnsweredAtFirstSend.push(server.requests.find((q) => q.path === '/v2/usage')?.status === 200);
        }
      }
      return push(...entries);
    };
    const r = await deepl(['--to', 'en', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(usageAnsweredAtFirstSend).toEqual([true]);
    const paths = server.requests.map((q) => q.path);
    expect(paths.filter((p) => p === '/v2/usage')).toHaveLength(2);
    expect(paths.lastIndexOf('/v2/usage')).toBeGreaterThan(paths.lastIndexOf('/v2/translate'));
    const report = JSON.parse(r.stdout) as { usageGrowth: number; stats: { billedCharacters: number } };
    expect(report.usageGrowth).toBe(server.usage.characterCount);
    expect(report.usageGrowth).toBe(report.stats.billedCharacters);
  });
});

describe('batch limits', () => {
  async function writeSource(name: string, text: string): Promise<void> {
    await writeFile(join(dir, 'seeds', name), text);
  }

  function spreadOver(requests: readonly RecordedRequest[], expected: readonly string[]): void {
    const sent = sentTexts(requests);
    expect(new Set(sent).size).toBe(sent.length);
    expect([...sent].sort()).toEqual([...expected].sort());
  }

  it('a paragraph of 120 short sentences goes in requests of at most 50 texts, each with the paragraph', async () => {
    const sentences = Array.from({ length: 120 }, (_, i) => `Satz ${i + 1} steht hier.`);
    const paragraph = sentences.join(' ');
    await writeSource('kurz.txt', `${paragraph}\n`);
    const r = await deepl(['seeds/kurz.txt', '--to', 'en', '--no-glossary']);
    expect(r.code).toBe(0);
    const requests = translateRequests();
    expect(requests.length).toBeGreaterThanOrEqual(3);
    expectWellFormed(requests);
    for (const q of requests) expect(q.context).toBe(paragraph);
    spreadOver(requests, sentences);
    expect(server.requestsTo('/v3/glossaries')).toHaveLength(0);
    expect((await bilingualSegments()).filter((s) => s.status === 'machine')).toHaveLength(120);
  });

  function longSentences(count: number, words: number): string[] {
    const clause = 'die Delegationen erörterten ausführlich die Zusammenarbeit über Grenzen hinweg';
    return Array.from({ length: count }, (_, i) => {
      const body = Array.from({ length: words }, (_, k) => `${clause} in Runde ${i * 1000 + k} gemeinsam`).join(', und ');
      return `Im Gespräch ${i + 1} äußerten sich ${body}.`;
    });
  }

  it('a paragraph of long sentences is split into requests by bytes, the paragraph sent with each', async () => {
    const sentences = longSentences(12, 6); // 12 × ~690 bytes: one request by count, two by bytes with the context
    const paragraph = sentences.join(' ');
    await writeSource('lang.txt', `${paragraph}\n`);
    const r = await deepl(['seeds/lang.txt', '--to', 'en', '--no-glossary']);
    expect(r.code).toBe(0);
    const requests = translateRequests();
    expect(requests.length).toBeGreaterThanOrEqual(2);
    expectWellFormed(requests);
    for (const q of requests) expect(q.context).toBe(paragraph);
    spreadOver(requests, sentences);
  });

  it('a paragraph larger than a DeepL request still translates, in requests split by bytes', async () => {
    const sentences = longSentences(200, 6); // ~140 KB on one line: more than one request body can carry
    const paragraph = sentences.join(' ');
    expect(Buffer.byteLength(paragraph)).toBeGreaterThan(FAKE_DEEPL_MAX_BODY_BYTES);
    await writeSource('lang.txt', `${paragraph}\n`);
    const r = await deepl(['seeds/lang.txt', '--to', 'en', '--no-glossary']);
    expect(r.stderr).not.toMatch(/error/i);
    expect(r.code).toBe(0);
    const requests = translateRequests();
    expectWellFormed(requests);
    // Split by bytes, not one sentence per request each repeating the whole paragraph.
    expect(requests.length).toBeGreaterThan(Math.ceil(sentences.length / FAKE_DEEPL_MAX_TEXTS));
    expect(requests.length).toBeLessThan(sentences.length / 4);
    for (const q of requests) if (q.context !== undefined) expect(paragraph).toContain(q.context);
    spreadOver(requests, sentences);
    expect((await bilingualSegments()).filter((s) => s.status === 'machine')).toHaveLength(200);
  });

  it('--no-context sends no context and still splits a long paragraph by bytes, not by count', async () => {
    const sentences = longSentences(80, 8); // ~80 × 740 bytes: two requests by count, more by bytes
    const bytes = sentences.reduce((n, s) => n + Buffer.byteLength(s), 0);
    expect(bytes).toBeGreaterThan(50_000);
    await writeSource('lang.txt', `${sentences.join(' ')}\n`);
    const r = await deepl(['seeds/lang.txt', '--to', 'en', '--no-context']);
    expect(r.code).toBe(0);
    const requests = translateRequests();
    expect(requests.length).toBeGreaterThan(Math.ceil(sentences.length / FAKE_DEEPL_MAX_TEXTS));
    expectWellFormed(requests);
    for (const q of requests) expect(q.context).toBeUndefined();
    spreadOver(requests, sentences);
  });
});

describe('failures', () => {
  it('456 mid-run: exit 6, every translation received is saved, the next run sends exactly what is missing', async () => {
    const allSentences = await uniqueSentences();
    server.faults.enqueue({ kind: 'status', status: 456, path: '/v2/translate', afterRequests: 2 });
    const first = await deepl(['--to', 'en']);
    expect(first.code).toBe(6);
    expect(first.stderr).toMatch(/quota/i);
    expect(server.faults.pending).toBe(0);
    const firstRequests = translateRequests();
    expect(firstRequests.filter((q) => q.status === 456)).toHaveLength(1);
    // The run stops at the 456: no request starts once the client has it. Until then, the other slot of
    // concurrency 2 may finish a request and start one more (seen on a loaded machine), so at most two
    // requests arrive after the 456 one: 2 answered + the 456 + 2.
    expect(firstRequests.length).toBeLessThanOrEqual(5);
    const billedFirst = billedTexts(firstRequests);
    expect(billedFirst.length).toBeGreaterThan(0);
    expect(billedFirst.length).toBeLessThan(allSentences.length);
    expect(billedReported(first.stdout).billed).toBe(server.usage.characterCount);

    // The status machine: exactly the segments whose translation arrived are filled, the rest are new.
    const segments = await bilingualSegments();
    const machine = segments.filter((s) => s.status === 'machine');
    expect(new Set(machine.map((s) => s.source))).toEqual(new Set(billedFirst));
    for (const s of machine) expect(s.target.startsWith('[EN-GB] ')).toBe(true);
    for (const s of segments.filter((x) => x.status !== 'machine')) {
      expect(s.status).toBe('new');
      expect(s.target).toBe('');
    }

    const second = await deepl(['--to', 'en']);
    expect(second.code).toBe(0);
    const secondRequests = translateRequests().slice(firstRequests.length);
    const missing = allSentences.filter((s) => !billedFirst.includes(s));
    expect([...sentTexts(secondRequests)].sort()).toEqual(missing);
    const billedAll = billedTexts(translateRequests());
    expect(new Set(billedAll).size).toBe(billedAll.length); // no character billed twice
    expect([...billedAll].sort()).toEqual(allSentences);
    expect((await bilingualSegments()).every((s) => s.status === 'machine')).toBe(true);
  });

  it('one 429 is retried by deepl-node and the run succeeds', async () => {
    server.faults.enqueue({ kind: 'status', status: 429, path: '/v2/translate' });
    const r = await deepl(['--to', 'en']);
    expect(r.code).toBe(0);
    const requests = translateRequests();
    const limited = requests.filter((q) => q.status === 429);
    expect(limited).toHaveLength(1);
    expect(requests.filter((q) => q.status === 200).some((q) => q.texts.join('\n') === limited[0]!.texts.join('\n'))).toBe(true);
    const billed = billedTexts(requests);
    expect(new Set(billed).size).toBe(billed.length);
    expect([...billed].sort()).toEqual(await uniqueSentences());
    expect(billedReported(r.stdout).billed).toBe(server.usage.characterCount);
    expect((await bilingualSegments()).every((s) => s.status === 'machine')).toBe(true);
  });

  for (const variant of [
    { name: 'with a glossary', args: [] as string[] },
    { name: 'without a glossary', args: ['--no-glossary'] },
  ]) {
    it(`a refused key (403, ${variant.name}): exit 3 before anything is sent or made, a clear message, the key never printed`, async () => {
      const wrongKey = 'wrong-0c9d8e7f6a5b4c3d-REVOKED:fx';
      const r = await deepl(['--to', 'en', ...variant.args], { DEEPL_AUTH_KEY: wrongKey });
      expect(r.code).toBe(3);
      expect(r.stderr).toMatch(/auth/i);
      expect(r.stderr).toMatch(/DEEPL_AUTH_KEY|key/i);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      for (const secret of [wrongKey, '0c9d8e7f6a5b4c3d', KEY, KEY_SECRET_PART]) {
        expect(r.stdout).not.toContain(secret);
        expect(r.stderr).not.toContain(secret);
      }
      // The key is tried on the languages endpoint (which also says which targets DeepL has), once.
      expect(server.requests.map((q) => [q.path, q.status])).toEqual([['/v2/languages', 403]]);
      expect(server.usage.characterCount).toBe(0);
      await expect(readdir(join(dir, 'translations'))).rejects.toThrow(/ENOENT/);
    });
  }

  it('a target language DeepL does not have is a configuration error before anything is sent', async () => {
    const r = await deepl(['--to', 'tlh']);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('bitext: deepl does not translate into "tlh"');
    expect(server.requestsTo('/v2/translate')).toHaveLength(0);
    await expect(readdir(join(dir, 'translations'))).rejects.toThrow(/ENOENT/);
  });

  it.each([
    ['a wrong setting value', ['--set', 'formality=polite'], {}, /--set formality=polite: expected one of .*"more".*, got "polite"/],
    ['an unknown setting', ['--set', 'colour=blue'], {}, /--set colour=blue: unknown DeepL setting/],
    ['DEEPL_SERVER_URL that is not http', [], { DEEPL_SERVER_URL: 'ftp://x' }, /DEEPL_SERVER_URL must use http or https, not ftp/],
  ])('%s exits 3 before any request, also under --dry-run', async (_, args, env, message) => {
    for (const mode of [[], ['--dry-run']]) {
      const r = await deepl(['--to', 'en', ...args, ...mode], env as Record<string, string>);
      expect(r.code, r.stderr).toBe(3);
      expect(r.stderr).toMatch(message);
    }
    expect(server.requests).toHaveLength(0);
  });

  it('an answer lost after DeepL billed it: the retry is visible and the report says what the account was billed beyond', async () => {
    server.faults.enqueue({ kind: 'drop-after-billing', path: '/v2/translate' });
    const r = await deepl(['--to', 'en', '--concurrency', '1']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/retry 1 in \d+ ms: Could not get an answer from DeepL/);
    const reported = billedReported(r.stdout);
    expect(r.stdout).toMatch(/\(1 failed attempt, 1 retried\)/);
    const lost = server.requestsTo('/v2/translate')[0]!;
    const lostCharacters = billedTexts([{ ...lost, status: 200 }]).reduce((n, t) => n + [...t].length, 0);
    expect(server.usage.characterCount).toBe(reported.billed + lostCharacters);
    expect(r.stdout).toContain(
      `Warning: the account's usage grew by ${server.usage.characterCount} characters during this run, ${lostCharacters} more than bitext received translations for (${reported.billed}).`,
    );
    const json = await deepl(['--to', 'fr', '--json']);
    expect(JSON.parse(json.stdout)).toMatchObject({ bitext: 'translate', version: 1, usageGrowth: expect.any(Number) });
  });

  it('missing DEEPL_AUTH_KEY: exit 3 naming the variable, nothing sent', async () => {
    const r = await runCli(['translate', '--backend', 'deepl', '--to', 'en'], {
      cwd: dir,
      env: { DEEPL_SERVER_URL: server.url },
    });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('DEEPL_AUTH_KEY');
    expect(server.requests).toHaveLength(0);
    // The configuration is checked before any output folder is made.
    await expect(readdir(join(dir, 'translations', 'en'))).rejects.toThrow();
  });

  it('a glossary deleted on the server between runs is recreated and the changed sentence is sent with it', async () => {
    expect((await deepl(['--to', 'en'])).code).toBe(0);
    const lost = onlyGlossary();
    server.glossaries.delete(lost.id);
    const file = join(dir, 'seeds', '000_559d78c4b1b37f76.txt');
    const original = await readFile(file, 'utf8');
    const changedSentence = 'Im Vorfeld des chinesischen Neujahrfestes hat Staatspräsident Xi Jinping am Freitagnachmittag ein Telefonat mit dem russischen Präsidenten Wladimir Putin geführt.';
    await writeFile(file, original.replace(/^Im Vorfeld.*Donnerstagnachmittag.*$/m, changedSentence));
    const before = translateRequests().length;

    const r = await deepl(['--to', 'en']);
    expect(r.code).toBe(0);
    const recreated = onlyGlossary();
    expect(recreated.id).not.toBe(lost.id);
    expect(recreated.name).toBe(lost.name);
    const requests = translateRequests().slice(before);
    expect(sentTexts(requests)).toEqual([changedSentence]);
    for (const q of requests) expect(q.glossaryId).toBe(recreated.id);
    const segment = (await bilingualSegments()).find((s) => s.source === changedSentence);
    expect(segment?.status).toBe('machine');
    expect(segment?.target).toContain('President');
  });

  it('a glossary deleted while requests are under way is recreated once, and the refused requests are re-sent', async () => {
    // Hold the first translate request until the glossary is gone, so DeepL answers it with 404.
    server.faults.enqueue({ kind: 'delay', ms: 300, path: '/v2/translate' });
    const running = deepl(['--to', 'en']);
    const deadline = Date.now() + 10_000;
    while (translateRequests().length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    const lost = onlyGlossary();
    server.glossaries.delete(lost.id);

    const r = await running;
    expect(r.stderr).toMatch(/vanished/);
    expect(r.code).toBe(0);
    expect(server.requestsTo('/v3/glossaries', 'POST')).toHaveLength(2);
    const recreated = onlyGlossary();
    expect(recreated.name).toBe(lost.name);
    const requests = translateRequests();
    expect(requests.filter((q) => q.status === 404).length).toBeGreaterThanOrEqual(1);
    for (const q of requests.filter((x) => x.status === 200)) expect([lost.id, recreated.id]).toContain(q.glossaryId);
    const billed = billedTexts(requests);
    expect(new Set(billed).size).toBe(billed.length);
    expect([...billed].sort()).toEqual(await uniqueSentences());
    expect((await bilingualSegments()).every((s) => s.status === 'machine')).toBe(true);
  });
});

describe('costs before sending', () => {
  it('--dry-run contacts the server not at all and predicts exactly what a real run bills', async () => {
    const dry = await deepl(['--to', 'en', '--dry-run']);
    expect(dry.code).toBe(0);
    expect(server.requests).toHaveLength(0);
    const total = /Total: (\d+) segments, (\d+) characters would be sent and billed\./.exec(dry.stdout);
    expect(total, dry.stdout).not.toBeNull();
    const [segments, characters] = [Number(total![1]), Number(total![2])];
    expect(dry.stdout).toContain(`en: ${segments} segments, ${characters} characters to send`);

    // The prediction is also the exact budget: --max-characters at the predicted count lets the run start.
    const real = await deepl(['--to', 'en', '--max-characters', String(characters)]);
    expect(real.code).toBe(0);
    expect(server.usage.characterCount).toBe(characters);
    expect(billedReported(real.stdout)).toMatchObject({ segments, billed: characters });
  });

  it('--max-characters below the need: exit 10 and no request of any kind', async () => {
    const r = await deepl(['--to', 'en', '--max-characters', '1000']);
    expect(r.code).toBe(10);
    expect(r.stderr).toMatch(/more than --max-characters 1000/);
    expect(server.requests).toHaveLength(0);
    await expect(readdir(join(dir, 'translations', 'en'))).rejects.toThrow();
  });
});
