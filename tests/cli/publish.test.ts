// `bitext publish` on the built CLI: the gate, the target documents (structure rebuilt from the source,
// code, URLs and untouched front matter intact), the i18next bundles (loaded in i18next itself), --check,
// and files edited by hand.
import { cp, mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import i18next from 'i18next';
import type { Nodes, Root } from 'mdast';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fromBilingualMarkdown } from '../../src/bilingual/index.js';
import { I18NEXT_OPTIONS } from '../../src/publish/bundle.js';
import { readSourceFrontMatter } from '../../src/sources/front-matter.js';
import { parseMarkdown } from '../../src/sources/markdown/parse.js';
import { ROOT, copyTracked, runCli, trackedFiles, tempProject, type CliResult } from '../helpers/cli.js';
import { startFakeDeepl } from '../helpers/fake-deepl-server.js';
import { ARTICLE } from '../helpers/article.js';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ dir, cleanup } = await tempProject({ seeds: false }));
  await mkdir(join(dir, 'articles'));
  // These tests approve the backends' stand-in output as if a person had translated it; QA would rightly
  // refuse to publish pseudo-translations, so the project turns those rules off (config, as a newsroom would).
  await writeFile(join(dir, 'bitext.config.json'), JSON.stringify({ version: 1, qa: { rules: Object.fromEntries(STAND_IN_RULES.map((r) => [r, 'off'])) } }));
});

const STAND_IN_RULES = [
  'untranslated-mock', 'untranslated-german', 'untranslated-german-words', 'untranslated-identical',
  // German numbers in an "English" stand-in read as wrong English numbers.
  'numbers-missing', 'numbers-changed', 'numbers-extra', 'numbers-ambiguous', 'numbers-format',
];
afterEach(async () => cleanup());

const cli = (args: readonly string[], env: Record<string, string> = {}): Promise<CliResult> => runCli(args, { cwd: dir, env });
const translate = (...args: string[]): Promise<CliResult> => cli(['translate', 'articles', '--backend', 'mock', '--to', 'en', ...args]);
const publishCmd = (...args: string[]): Promise<CliResult> => cli(['publish', 'articles', '--to', 'en', ...args]);
const read = (path: string): Promise<string> => readFile(join(dir, path), 'utf8');

/** Sets every segment of a review file to `approved` (as a reviewer would, line by line). */
async function approveAll(path: string, except: (line: string) => boolean = () => false): Promise<void> {
  const text = await read(path);
  await writeFile(join(dir, path), text.replace(/^(?:\S+ )?status: \w+/gmu, (line) => (except(line) ? line : 'status: approved')));
}

/** The mdast tree without text: what a translation may change is only text (and image alt text). */
function skeleton(root: Root): unknown {
  const strip = (node: Nodes): unknown => {
    const { position: _p, ...rest } = node as Nodes & { position?: unknown };
    const out: Record<string, unknown> = { ...rest };
    if (node.type === 'image' || node.type === 'imageReference') delete out['alt'];
    // `[Text][]` and `[Text]` are published as `[Translated][Text]` on purpose: the label must not change.
    if (node.type === 'linkReference' || node.type === 'imageReference') delete out['referenceType'];
    if ('children' in node) out['children'] = (node.children as Nodes[]).filter((c) => c.type !== 'text').map(strip);
    return out;
  };
  return strip(root);
}

function body(text: string): string {
  const clean = text.replace(/^\uFEFF/, '').replace(/\r\n/g, '\n');
  const front = readSourceFrontMatter(clean);
  return front === undefined ? clean : clean.slice(front.bodyOffset);
}

describe('publish: the gate', () => {
  it('refuses a document with one unapproved segment, naming file, line, id and status; --include-unreviewed publishes and records it', async () => {
    await writeFile(join(dir, 'articles/gipfel.md'), ARTICLE);
    expect((await translate()).code).toBe(0);
    await approveAll('translations/en/gipfel.md');
    // Put one segment back to machine.
    const review = await read('translations/en/gipfel.md');
    const lines = review.split('\n');
    const at = lines.findIndex((l) => l.startsWith('> Ein Zitat aus der Pressekonferenz.'));
    const statusAt = lines.findIndex((l, i) => i > at && l.startsWith('status:'));
    lines[statusAt] = 'status: reviewed';
    await writeFile(join(dir, 'translations/en/gipfel.md'), lines.join('\n'));
    const id = /<!-- bitext (\S+)/.exec(lines[at - 1]!)![1]!;

    const refused = await publishCmd();
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain(`articles/gipfel.md → en: not published: 1 segment not ready`);
    expect(refused.stdout).toContain(`translations/en/gipfel.md:${at}: ${id} is reviewed, not approved`);
    await expect(readdir(join(dir, 'published'))).rejects.toThrow(/ENOENT/);

    const anyway = await publishCmd('--include-unreviewed');
    expect(anyway.code, anyway.stderr).toBe(0);
    expect(anyway.stdout).toContain('includes 1 unreviewed segment (recorded in the front matter)');
    const published = await read('published/en/gipfel.md');
    expect(published).toMatch(/\nbitext:\n {2}source: "articles\/gipfel\.md"\n {2}sourceHash: "[0-9a-f]{64}"\n {2}counts:\n {4}reviewed: 1\n {4}approved: \d+\n {2}unreviewed:\n {4}- "s[0-9a-f]{8}"\n---\n/);
    expect(published).toContain(`- "${id}"`);
  });

  it('never publishes a document half-empty: an untranslated segment blocks it even with --include-unreviewed', async () => {
    await writeFile(join(dir, 'articles/a.md'), '# Titel\n\nErster Satz. Zweiter Satz.\n');
    const r = await translate('--max-characters', '0');
    expect(r.code).toBe(10); // nothing was sent, so no review file either
    await translate();
    const path = 'translations/en/a.md';
    const text = await read(path);
    await writeFile(join(dir, path), text.replace(/^\(MOCK en\) Zweiter Satz\.$/m, '_(no translation yet: replace this line with the translation)_').replace(/^🟠 status: machine$/gm, 'status: approved').replace(/(Zweiter Satz\.\n\n_\(no translation yet[^\n]*\n\n)status: approved/, '$1status: new'));
    const refused = await publishCmd('--include-unreviewed');
    expect(refused.code).toBe(1);
    expect(refused.stdout).toMatch(/translations\/en\/a\.md:\d+: s[0-9a-f]{8} has no translation/);
    expect(refused.stdout).toContain('Translate every segment first');
  });

  it('a review file older than its source is not published; the message says to run translate', async () => {
    await writeFile(join(dir, 'articles/a.md'), 'Ein Satz.\n');
    await translate();
    await approveAll('translations/en/a.md');
    await writeFile(join(dir, 'articles/a.md'), 'Ein anderer Satz.\n');
    const r = await publishCmd();
    expect(r.code).toBe(4);
    expect(r.stderr).toContain('bitext: translations/en/a.md: is older than articles/a.md (the source changed since); run bitext translate --to en first');
  });
});

describe('publish: the documents', () => {
  it('rebuilds every construct of the Markdown corpus from the source: same tree but for text, code and URLs byte for byte', async () => {
    const corpus = join(ROOT, 'tests/fixtures/markdown');
    const names = (await readdir(corpus)).filter((n) => n.endsWith('.md') && n !== 'README.md');
    for (const name of names) await cp(join(corpus, name), join(dir, 'articles', name));
    expect((await translate()).code).toBe(0);
    const r = await publishCmd('--include-unreviewed');
    expect(r.code, r.stderr).toBe(0);
    for (const name of names) {
      const source = await readFile(join(corpus, name), 'utf8');
      const published = await read(`published/en/${name}`);
      // Same line ends and BOM as the source.
      expect(published.startsWith('\uFEFF'), name).toBe(source.startsWith('\uFEFF'));
      expect(published.includes('\r\n'), name).toBe(source.includes('\r\n'));
      expect(skeleton(parseMarkdown(body(published))), name).toEqual(skeleton(parseMarkdown(body(source))));
      // Code blocks, HTML blocks and definitions are byte for byte the source's.
      const sourceBody = body(source);
      for (const node of parseMarkdown(sourceBody).children) {
        if (node.type !== 'code' && node.type !== 'html' && node.type !== 'definition') continue;
        expect(body(published), name).toContain(sourceBody.slice(node.position!.start.offset, node.position!.end.offset));
      }
    }
  });

  it('keeps untouched front matter byte for byte (quoting, comments, key order) and adds lang and provenance', async () => {
    const source = await readFile(join(ROOT, 'tests/fixtures/markdown/frontmatter-full.md'), 'utf8');
    await writeFile(join(dir, 'articles/fm.md'), source);
    await translate();
    await approveAll('translations/en/fm.md');
    const r = await publishCmd();
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const published = await read('published/en/fm.md');
    const before = readSourceFrontMatter(source)!;
    const after = readSourceFrontMatter(published)!;
    // Every line of the source front matter that holds no translated value is still there, in order.
    const untouched: string[] = [];
    let offset = before.yamlOffset;
    for (const line of before.raw.split('\n')) {
      const end = offset + line.length;
      if (!before.fields.some((f) => f.range[0] <= end && offset <= f.range[1]) && line.trim() !== '') untouched.push(line);
      offset = end + 1;
    }
    expect(untouched.length).toBeGreaterThan(10);
    let from = 0;
    for (const line of untouched) {
      const at = after.raw.indexOf(line, from);
      expect(at, line).toBeGreaterThanOrEqual(0);
      from = at + line.length;
    }
    expect(after.data['lang']).toBe('en');
    expect((after.data['bitext'] as Record<string, unknown>)['unreviewed']).toBe(false);
    expect(after.data['title']).toMatch(/^\(MOCK en\) /);
    expect(after.data['slug']).toBe(before.data['slug']);
  });

  it('the committed, reviewed English seeds publish as text and bundles with no flag', async () => {
    await rm(join(dir, 'bitext.config.json'));
    await copyTracked(['seeds', 'translations'], dir);
    const r = await cli(['publish']);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    for (const name of trackedFiles(['translations/en']).map((file) => basename(file))) {
      const base = name.replace(/\.md$/, '');
      const doc = fromBilingualMarkdown(await readFile(join(ROOT, 'translations/en', name), 'utf8'), name);
      const expected = doc.paragraphs.map((p) => p.segments.map((s) => s.target).join(' '));
      const published = await read(`published/en/${base}.txt`);
      expect(published.split('\n').filter((l) => l.trim() !== '')).toEqual(expected);
      const bundle = JSON.parse(await read(`published/locales/en/${base}.json`)) as Record<string, string>;
      expect(Object.values(bundle)).toEqual(expected);
      expect(Object.keys(bundle)).toEqual(doc.paragraphs.map((p) => p.segments[0]!.id));
    }
  });

  it('with DeepL too: translate → review → publish keeps structure, code and URLs', async () => {
    const server = await startFakeDeepl({ authKey: 'k:fx' });
    try {
      await writeFile(join(dir, 'articles/gipfel.md'), ARTICLE);
      const t = await cli(['translate', 'articles', '--backend', 'deepl', '--to', 'en'], { DEEPL_AUTH_KEY: 'k:fx', DEEPL_SERVER_URL: server.url });
      expect(t.code, t.stderr).toBe(0);
      await approveAll('translations/en/gipfel.md');
      const r = await publishCmd();
      expect(r.code, r.stdout).toBe(0);
      const published = await read('published/en/gipfel.md');
      expect(skeleton(parseMarkdown(body(published)))).toEqual(skeleton(parseMarkdown(body(ARTICLE))));
      expect(published).toContain('```js\nconst geheim = "Quelltext nie senden";\n```');
      expect(published).toContain('[Reuters](https://reuters.example/gipfel "Bericht")');
      expect(published).toContain('<div class="hinweis">Rohes HTML bleibt</div>');
    } finally {
      await server.close();
    }
  });
});

describe('publish: i18next bundles', () => {
  it('load in i18next and give back every block as published, also values i18next would interpret', async () => {
    await writeFile(join(dir, 'articles/ui.md'), '---\ntitle: Hallo\n---\n# Überschrift\n\nEin Satz.\n\n- Ein Punkt.\n');
    await translate();
    const path = 'translations/en/ui.md';
    const tricky = ['Hello {{name}} and $t(other)', 'A heading: with.dots', 'Say {{count}} $t(x, {"a": 1}) ns:key', 'One point.'];
    let n = 0;
    const text = (await read(path)).replace(/^\(MOCK en\) .*$/gm, () => tricky[n++] ?? 'x');
    await writeFile(join(dir, path), text.replace(/^(?:\S+ )?status: \w+/gmu, 'status: approved'));
    const r = await publishCmd();
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const bundle = JSON.parse(await read('published/locales/en/ui.json')) as Record<string, string>;
    const instance = i18next.createInstance();
    await instance.init({ ...I18NEXT_OPTIONS, lng: 'en', ns: ['ui'], defaultNS: 'ui', resources: { en: { ui: bundle } } });
    const published = await read('published/en/ui.md');
    expect(Object.keys(bundle)[0]).toBe('fm.title');
    for (const [key, value] of Object.entries(bundle)) {
      expect(instance.t(key), key).toBe(value);
      if (!key.startsWith('fm.')) expect(published, key).toContain(value);
    }
    expect(instance.t('fm.title')).toBe('Hello {{name}} and $t(other)');
    expect(readSourceFrontMatter(published)!.data['title']).toBe('Hello {{name}} and $t(other)');
  });

  it('keys survive edits elsewhere in the document', async () => {
    await writeFile(join(dir, 'articles/a.md'), 'Erster Absatz.\n\nZweiter Absatz.\n\nDritter Absatz.\n');
    await translate();
    await approveAll('translations/en/a.md');
    await publishCmd();
    const before = Object.keys(JSON.parse(await read('published/locales/en/a.json')) as object);
    await writeFile(join(dir, 'articles/a.md'), 'Ein neuer Absatz davor.\n\nErster Absatz.\n\nZweiter Absatz, geändert.\n\nDritter Absatz.\n');
    await translate();
    await approveAll('translations/en/a.md');
    await publishCmd('--include-unreviewed');
    const after = Object.keys(JSON.parse(await read('published/locales/en/a.json')) as object);
    expect(after).toHaveLength(4);
    expect(after.slice(1)).toEqual(before); // the edited paragraph kept its key; the new one got its own
  });
});

describe('publish --check and files edited by hand', () => {
  it('--check writes nothing and exits 9 while a published file is missing or out of date', async () => {
    await writeFile(join(dir, 'articles/a.md'), 'Ein Satz.\n');
    await translate();
    await approveAll('translations/en/a.md');
    const missing = await publishCmd('--check');
    expect(missing.code).toBe(9);
    expect(missing.stdout).toContain('articles/a.md → en: out of date');
    await expect(readdir(join(dir, 'published'))).rejects.toThrow(/ENOENT/);
    expect((await publishCmd()).code).toBe(0);
    expect((await publishCmd('--check')).code).toBe(0);
    const review = await read('translations/en/a.md');
    await writeFile(join(dir, 'translations/en/a.md'), review.replace('(MOCK en) Ein Satz.', 'One sentence.'));
    expect((await publishCmd('--check')).code).toBe(9);
  });

  it('a published file edited by hand is named and left alone; --force overwrites it', async () => {
    await writeFile(join(dir, 'articles/a.md'), 'Ein Satz.\n');
    await translate();
    await approveAll('translations/en/a.md');
    await publishCmd();
    await writeFile(join(dir, 'published/en/a.md'), '---\nlang: en\n---\nA hand-made fix.\n');
    const review = await read('translations/en/a.md');
    await writeFile(join(dir, 'translations/en/a.md'), review.replace('(MOCK en) Ein Satz.', 'One sentence.'));
    const refused = await publishCmd();
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain('not published: edited by hand since bitext wrote it: published/en/a.md');
    expect(refused.stdout).toContain('Put the changes into translations/en/a.md');
    expect(await read('published/en/a.md')).toContain('A hand-made fix.');
    const forced = await publishCmd('--force');
    expect(forced.code).toBe(0);
    expect(await read('published/en/a.md')).toContain('One sentence.');
  });

  it('--out names the folder to publish to, --translations the folder of the review files', async () => {
    await writeFile(join(dir, 'articles/a.md'), 'Ein Satz.\n');
    expect((await translate('--out', 'review')).code).toBe(0);
    await approveAll('review/en/a.md');
    const r = await publishCmd('--translations', 'review', '--out', 'site/content');
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(await read('site/content/en/a.md')).toContain('(MOCK en) Ein Satz.');
    expect(Object.values(JSON.parse(await read('site/content/locales/en/a.json')) as Record<string, string>)).toEqual(['(MOCK en) Ein Satz.']);
    await expect(readdir(join(dir, 'published'))).rejects.toThrow(/ENOENT/);
    expect((await publishCmd('--translations', 'review', '--out', 'site/content', '--check')).code).toBe(0);
  });
});
