// Markdown sources end to end on the built CLI: what is sent (never code, URLs, HTML or untouched front
// matter), what comes back (markup restored, or flagged and kept), what a re-run sends (nothing), with the
// mock and with deepl-node against the fake DeepL server, in normal and in tag-stripping mode.
import { cp, mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Nodes } from 'mdast';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fromBilingualMarkdown, type BilingualSegment } from '../../src/bilingual/index.js';
import { readSourceFrontMatter } from '../../src/sources/front-matter.js';
import { parseMarkdown } from '../../src/sources/markdown/parse.js';
import { ROOT, runCli, tempProject, type CliResult } from '../helpers/cli.js';
import { startFakeDeepl, type FakeDeepl } from '../helpers/fake-deepl-server.js';
import { ARTICLE } from '../helpers/article.js';

const KEY = 'bitext-md-test:fx';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ dir, cleanup } = await tempProject({ seeds: false }));
  await mkdir(join(dir, 'articles'));
});
afterEach(async () => cleanup());

async function writeArticle(name: string, text: string): Promise<void> {
  await writeFile(join(dir, 'articles', name), text);
}

function mock(args: readonly string[], env: Record<string, string> = {}): Promise<CliResult> {
  return runCli(['translate', 'articles', '--backend', 'mock', ...args], { cwd: dir, env: { BITEXT_MOCK_LOG: join(dir, 'requests.jsonl'), ...env } });
}

interface LoggedRequest {
  readonly target: string;
  readonly context: string | null;
  readonly texts: readonly string[];
}

async function requests(): Promise<LoggedRequest[]> {
  const text = await readFile(join(dir, 'requests.jsonl'), 'utf8').catch(() => '');
  return text.split('\n').filter(Boolean).map((line) => JSON.parse(line) as LoggedRequest);
}

/** Everything of a Markdown source that must never leave the machine: code, URLs, HTML, untouched front matter. */
function secretsOf(text: string): string[] {
  const found = new Set<string>();
  const front = readSourceFrontMatter(text);
  const translated = new Set(front?.fields.map((f) => f.key));
  // Untouched values that could not occur in prose by chance: URLs, slugs, dates, paths, long strings.
  const telling = (value: string): boolean => /[/:@_.-]|\d/.test(value) ? value.length >= 6 : value.length >= 20;
  const walk = (value: unknown, path: string): void => {
    if (typeof value === 'string' && !translated.has(path) && telling(value)) found.add(value);
    else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, path === '' ? k : `${path}.${k}`);
  };
  walk(front?.data ?? {}, '');
  const visit = (node: Nodes): void => {
    if ((node.type === 'code' || node.type === 'inlineCode' || node.type === 'html' || node.type === 'math' || node.type === 'inlineMath') && node.value.trim().length >= 3) found.add(node.value.trim());
    if ((node.type === 'link' || node.type === 'image' || node.type === 'definition') && node.url.length >= 6) found.add(node.url);
    if ('children' in node) for (const child of node.children) visit(child as Nodes);
  };
  visit(parseMarkdown(text));
  return [...found];
}

async function segments(lang = 'en'): Promise<BilingualSegment[]> {
  const folder = join(dir, 'translations', lang);
  const all: BilingualSegment[] = [];
  for (const name of (await readdir(folder)).sort()) {
    all.push(...fromBilingualMarkdown(await readFile(join(folder, name), 'utf8'), name).paragraphs.flatMap((p) => p.segments));
  }
  return all;
}

describe('Markdown sources with the mock backend', () => {
  it('sends only text: no code, URL, HTML or untouched front matter in any request; a re-run sends nothing', async () => {
    await writeArticle('gipfel.md', ARTICLE);
    const first = await mock(['--to', 'en']);
    expect(first.stderr.replace(/^ {2}sent .*\n/gm, '')).toBe('');
    expect(first.code).toBe(0);
    const sent = JSON.stringify(await requests());
    for (const secret of secretsOf(ARTICLE)) expect(sent, secret).not.toContain(JSON.stringify(secret).slice(1, -1));
    // What is translated did go: front matter title and description, headings, cells, alt texts, footnotes.
    for (const text of ['Gipfel in Berlin: Einigung über Zölle', 'Details folgen.', 'Die Regierungschefs vor dem Kanzleramt', 'Das Kanzleramt bei Nacht', 'Frankreich', 'Nach Angaben der Nachrichtenagentur.']) {
      expect(sent).toContain(text);
    }
    // Every segment came back with its markup: no markup finding anywhere.
    expect(first.stdout).not.toMatch(/markup-/);
    const all = await segments();
    expect(all.find((s) => s.source.startsWith('Laut [Reuters]'))?.target).toBe(
      '(MOCK en) Laut [Reuters](https://reuters.example/gipfel "Bericht") gab es eine Einigung über `tarif_v2`-Zölle.[^1]',
    );
    const again = await mock(['--to', 'en']);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/Sent 0 segments in 0 requests/);
    expect((await requests()).length).toBe(JSON.parse(`[${sent.slice(1, -1)}]`).length);
  });

  it('--front-matter names the keys to translate; every other key is copied untouched', async () => {
    await writeArticle('gipfel.md', ARTICLE);
    const r = await mock(['--to', 'en', '--front-matter', 'author,image.alt']);
    expect(r.code, r.stderr).toBe(0);
    const fields = (await segments()).slice(0, 2).map((s) => s.source);
    expect(fields).toEqual(['Redaktion Politik', 'Die Regierungschefs vor dem Kanzleramt']);
    expect(JSON.stringify(await requests())).not.toContain('Einigung über Zölle"');
  });

  it('without --front-matter the documented default keys are translated, top-level caption and alt included', async () => {
    await writeArticle('bild.md', '---\ntitle: Gipfel in Berlin\ncaption: Die Regierungschefs vor dem Kanzleramt\nalt: Ein Foto vom Gipfel\nslug: gipfel-berlin\nimage:\n  alt: Blick auf das Kanzleramt\n---\n\nText des Artikels.\n');
    const r = await mock(['--to', 'en']);
    expect(r.code, r.stderr).toBe(0);
    const fields = (await segments()).slice(0, 4).map((s) => s.source);
    expect(fields).toEqual(['Gipfel in Berlin', 'Die Regierungschefs vor dem Kanzleramt', 'Ein Foto vom Gipfel', 'Blick auf das Kanzleramt']);
    expect(JSON.stringify(await requests())).not.toContain('gipfel-berlin');
  });

  it('a placeholder dropped once is recovered by sending that segment again on its own', async () => {
    await writeArticle('gipfel.md', ARTICLE);
    const r = await mock(['--to', 'en', '--concurrency', '1'], { BITEXT_MOCK_MARKUP: 'drop@1' });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).not.toMatch(/markup-missing/);
    const log = await requests();
    // Request 1 lost markup in every segment that had some; each of them went once more, alone.
    const alone = log.slice(1).filter((q) => q.texts.length === 1 && /<\d+\/?>/.test(q.texts[0]!));
    expect(alone.length).toBeGreaterThan(0);
    expect(log[0]!.texts).toEqual(expect.arrayContaining(alone.map((q) => q.texts[0])));
  });

  it('a duplicated placeholder is dropped: the answer is whole again, nothing is flagged', async () => {
    await writeArticle('gipfel.md', ARTICLE);
    const r = await mock(['--to', 'en'], { BITEXT_MOCK_MARKUP: 'duplicate' });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).not.toMatch(/markup-/);
    expect((await segments()).find((s) => s.source.startsWith('Der **Kanzler**'))?.target).toBe('(MOCK en) Der **Kanzler** traf am Montag die Regierungschefs.');
  });

  for (const mangle of ['strip', 'reorder'] as const) {
    it(`markup the engine keeps mangling (${mangle}) is kept as flagged machine output and never sent again`, async () => {
      await writeArticle('gipfel.md', ARTICLE);
      const r = await mock(['--to', 'en'], { BITEXT_MOCK_MARKUP: mangle });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/translations\/en\/gipfel\.md:\d+: error: strong of the source is missing \[s[0-9a-f]{8}\] \(markup-missing\)/);
      const flagged = (await segments()).find((s) => s.source.startsWith('Der **Kanzler**'))!;
      expect(flagged.status).toBe('machine');
      expect(flagged.target).toMatch(/^\(MOCK en\) Der/);
      const file = await readFile(join(dir, 'translations/en/gipfel.md'), 'utf8');
      expect(file).toMatch(/status: machine · ✖ strong of the source is missing \(markup-missing\)/);
      const before = (await requests()).length;
      const again = await mock(['--to', 'en']);
      expect(again.stdout).toMatch(/Sent 0 segments in 0 requests/);
      expect(again.stdout).toMatch(/markup-missing/); // still reported, run after run
      expect((await requests()).length).toBe(before);
    });
  }

  it('the spaces an engine eats next to placeholders are put back', async () => {
    await writeArticle('gipfel.md', ARTICLE);
    const r = await mock(['--to', 'en'], { BITEXT_MOCK_MARKUP: 'eat-space' });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).not.toMatch(/markup-/);
    expect((await segments()).find((s) => s.source.startsWith('Der **Kanzler**'))?.target).toBe('(MOCK en) Der **Kanzler** traf am Montag die Regierungschefs.');
  });

  it('a reviewer edits the target as inline Markdown; a changed link URL is kept as written and reported', async () => {
    await writeArticle('gipfel.md', ARTICLE);
    await mock(['--to', 'en']);
    const path = join(dir, 'translations/en/gipfel.md');
    const text = await readFile(path, 'utf8');
    const edited = text
      .replace(/^\(MOCK en\) Der \*\*Kanzler\*\* traf.*$/m, 'The **chancellor** met the heads of government on Monday.')
      .replace(/^\(MOCK en\) Laut \[Reuters\].*$/m, 'According to [Reuters](https://reuters.example/other), there was agreement on `tarif_v2` tariffs.[^1]');
    await writeFile(path, edited);
    const r = await mock(['--to', 'en']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/error: link to https:\/\/reuters\.example\/gipfel was changed to link to https:\/\/reuters\.example\/other/);
    const all = await segments();
    expect(all.find((s) => s.source.startsWith('Laut'))).toMatchObject({ status: 'edited', target: expect.stringContaining('https://reuters.example/other') });
    expect(all.find((s) => s.source.startsWith('Der **Kanzler**'))).toMatchObject({ status: 'edited', target: 'The **chancellor** met the heads of government on Monday.' });
    expect(r.stdout).not.toMatch(/Der \*\*Kanzler\*\*.*markup/);
  });

  it('the whole Markdown corpus: nothing secret is sent, every segment comes back with its markup, a re-run sends nothing', async () => {
    const corpus = join(ROOT, 'tests/fixtures/markdown');
    const names = (await readdir(corpus)).filter((n) => n.endsWith('.md') && n !== 'README.md');
    for (const name of names) await cp(join(corpus, name), join(dir, 'articles', name));
    const first = await mock(['--to', 'en']);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).not.toMatch(/markup-/);
    const sent = JSON.stringify(await requests());
    for (const name of names) {
      const text = (await readFile(join(corpus, name), 'utf8')).replace(/^\uFEFF/, '').replace(/\r\n/g, '\n');
      for (const secret of secretsOf(text)) expect(sent, `${name}: ${secret}`).not.toContain(JSON.stringify(secret).slice(1, -1));
    }
    const again = await mock(['--to', 'en']);
    expect(again.stdout).toMatch(/Sent 0 segments in 0 requests/);
  });
});

describe('Markdown sources with DeepL (deepl-node against the fake server)', () => {
  let server: FakeDeepl;
  beforeEach(async () => {
    server = await startFakeDeepl({ authKey: KEY });
  });
  afterEach(async () => server.close());

  const deepl = (): Promise<CliResult> =>
    runCli(['translate', 'articles', '--backend', 'deepl', '--to', 'en'], { cwd: dir, env: { DEEPL_AUTH_KEY: KEY, DEEPL_SERVER_URL: server.url } });

  it('markup goes as XML placeholders with tag handling v2; nothing secret reaches the server; a re-run sends nothing', async () => {
    await writeArticle('gipfel.md', ARTICLE);
    const r = await deepl();
    expect(r.code, r.stderr).toBe(0);
    const translate = server.requestsTo('/v2/translate', 'POST');
    const body = JSON.stringify(translate.map((q) => [q.texts, q.context]));
    for (const secret of secretsOf(ARTICLE)) expect(body, secret).not.toContain(JSON.stringify(secret).slice(1, -1));
    const xml = translate.filter((q) => q.tagHandling === 'xml');
    expect(xml.length).toBeGreaterThan(0);
    for (const q of xml) expect([q.tagHandlingVersion, q.ignoreTags]).toEqual(['v2', 'k']);
    expect(body).toContain('Der <g id=\\"1\\">Kanzler</g> traf am Montag die Regierungschefs.');
    expect(r.stdout).not.toMatch(/markup-/);
    expect((await segments()).find((s) => s.source.startsWith('Laut'))?.target).toBe(
      // The fake server's "[EN-GB]" mark is text: in Markdown its brackets are escaped.
      '\\[EN-GB\\] Laut [Reuters](https://reuters.example/gipfel "Bericht") gab es eine Einigung über `tarif_v2`-Zölle.[^1]',
    );
    const count = translate.length;
    const again = await deepl();
    expect(again.stdout).toMatch(/Sent 0 segments in 0 requests/);
    expect(server.requestsTo('/v2/translate', 'POST')).toHaveLength(count);
  });

  it('a server that ignores tag handling: the run completes, the other segments are saved, the flagged ones kept, a re-run bills nothing', async () => {
    await writeArticle('gipfel.md', ARTICLE);
    // The shipped glossary makes "WSJ" do-not-translate; a sentence with it must survive a stripping server too.
    await writeArticle('agentur.md', 'Die Meldung stammt vom WSJ und wurde am Montag veröffentlicht.\n\nDer **Bericht** nennt keine Quelle.\n');
    server.tags = 'strip';
    const r = await deepl();
    expect(r.stderr).not.toMatch(/error/i);
    expect(r.code).toBe(0);
    const all = await segments();
    expect(all.every((s) => s.status === 'machine' && s.target !== '')).toBe(true);
    expect(all.find((s) => s.source.startsWith('Die Meldung'))?.target).toBe('\\[EN-GB\\] Die Meldung stammt vom WSJ und wurde am Montag veröffentlicht.');
    // Segments with markup were sent once more alone, then kept with the markup finding.
    expect(r.stdout).toMatch(/strong of the source is missing.*\(markup-missing\)/);
    const billed = server.usage.characterCount;
    const again = await deepl();
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/Sent 0 segments in 0 requests: 0 characters, 0 billed/);
    expect(server.usage.characterCount).toBe(billed);
  });
});

describe('front matter is data: refused with file and line, never run', () => {
  const payload = (marker: string): string => `{ title: (function () { require('fs').writeFileSync(${JSON.stringify(marker)}, 'ran'); return 'x'; })() }`;

  for (const fence of ['---js', '---javascript', '---JS', '--- js ', '---coffee', '---json', '---toml', '---Yaml2']) {
    it(`${JSON.stringify(fence)} is refused and its code never runs`, async () => {
      const marker = join(dir, 'pwned');
      await writeArticle('a.md', `${fence}\n${payload(marker)}\n---\n# Titel\n\nText.\n`);
      const r = await mock(['--to', 'en']);
      expect(r.code).toBe(4);
      expect(r.stderr).toMatch(/^bitext: articles\/a\.md:1: front matter marked as ".*" is not read: only YAML front matter is/m);
      await expect(readFile(marker, 'utf8')).rejects.toThrow(/ENOENT/);
      await expect(readdir(join(dir, 'translations'))).rejects.toThrow(/ENOENT/);
    });
  }

  it.each([
    ['never closed', '---\ntitle: Eins\n\n# Titel\n\nText.\n', /articles\/a\.md:1: front matter opened on line 1 is never closed/],
    ['malformed YAML', '---\ntitle: Eins\n  falsch: [\n---\nText.\n', /articles\/a\.md:2: front matter is not valid YAML: .*; a value containing ": " must be quoted/],
    ['not a mapping', '---\n- eins\n- zwei\n---\nText.\n', /articles\/a\.md:2: front matter must be `key: value` lines/],
    ['an alias bomb', `---\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n---\nText.\n`, /front matter aliases \(\*name\) expand to more than 100 copies/],
  ])('%s: a clear error with the line, nothing written', async (_, text, message) => {
    await writeArticle('a.md', text);
    const started = Date.now();
    const r = await mock(['--to', 'en']);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(message);
    await expect(readdir(join(dir, 'translations'))).rejects.toThrow(/ENOENT/);
  });

  it('a __proto__ key is plain data, copied untouched', async () => {
    await writeArticle('a.md', '---\n__proto__:\n  polluted: ja\ntitle: Der Titel\n---\nText des Artikels.\n');
    const r = await mock(['--to', 'en']);
    expect(r.code, r.stderr).toBe(0);
    expect((await segments()).map((s) => s.source)).toEqual(['Der Titel', 'Text des Artikels.']);
  });
});
