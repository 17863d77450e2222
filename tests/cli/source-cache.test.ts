// The cache of read Markdown sources (src/workflow/source-cache.ts), on the built CLI: a command reads a
// Markdown source from the cache only when the cache entry is for the source's bytes; an edited source,
// a damaged entry or one of another source is read again, and every command gives what it gives without
// the cache.
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli, tempProject } from '../helpers/cli.js';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ dir, cleanup } = await tempProject({ seeds: false }));
  await mkdir(join(dir, 'seeds'));
  await writeFile(join(dir, 'seeds', 'a.md'), '---\ntitle: Der Gipfel\n---\n# Der Gipfel\n\nDer *Kanzler* reiste nach [Paris](https://paris.fr). Er kam am Montag an.\n');
  await writeFile(join(dir, 'seeds', 'b.txt'), 'Ein Satz ohne Markdown.\n');
});
afterEach(async () => cleanup());

const CACHE = 'translations/.bitext/sources';
const translate = () => runCli(['translate', '--backend', 'mock', '--to', 'en'], { cwd: dir });
const cacheFiles = async (): Promise<string[]> => (await readdir(join(dir, CACHE)).catch(() => [])).filter((f) => f.endsWith('.json'));

describe('the cache of read Markdown sources', () => {
  it('holds the Markdown sources (not the plain-text ones) and is read only for the bytes it was made from', async () => {
    expect((await translate()).code).toBe(0);
    const files = await cacheFiles();
    expect(files).toHaveLength(1);
    const entry = join(dir, CACHE, files[0]!);
    const cached = JSON.parse(await readFile(entry, 'utf8')) as { key: string; doc: { path: string; blocks: { segments: { text: string }[] }[] } };
    expect(cached.doc.path).toBe('seeds/a.md');

    // The cached document is what a command works with while the source's bytes are unchanged: a sentence
    // changed in the cache (and nowhere else) is one the review file does not have, so a dry run would
    // send it. Read from the source, everything is translated and nothing would be sent.
    const edited = structuredClone(cached);
    edited.doc.blocks[1]!.segments[0]!.text = 'Im Cache geändert.';
    await writeFile(entry, JSON.stringify(edited));
    await rm(join(dir, 'translations/.bitext-state.json')); // else the settled document is not read at all
    const fromCache = await runCli(['translate', '--backend', 'mock', '--to', 'en', '--dry-run', '--json'], { cwd: dir });
    expect(fromCache.code, fromCache.stderr).toBe(0);
    expect((JSON.parse(fromCache.stdout) as { cost: { segments: number }[] }).cost[0]!.segments).toBeGreaterThan(0);

    // The source edited: its bytes are not the cached ones, so it is read again (the tampered entry is
    // ignored and replaced).
    await writeFile(join(dir, 'seeds', 'a.md'), '---\ntitle: Der Gipfel\n---\n# Der Gipfel\n\nDer *Kanzler* reiste nach [Paris](https://paris.fr). Er kam am Dienstag an.\n');
    const run = await translate();
    expect(run.code, run.stderr).toBe(0);
    const review = await readFile(join(dir, 'translations/en/a.md'), 'utf8');
    expect(review).toContain('Er kam am Dienstag an.');
    expect(review).not.toContain('Im Cache geändert.');
    expect(await readFile(entry, 'utf8')).not.toContain('Im Cache geändert.');
  });

  it('commands that write nothing keep nothing: check, status, --dry-run, --frozen and publish --check leave no cache behind', async () => {
    expect((await translate()).code).toBe(0);
    await rm(join(dir, CACHE), { recursive: true });
    await rm(join(dir, 'translations/.bitext-state.json')); // so every command reads the source
    for (const args of [['check'], ['status'], ['translate', '--backend', 'mock', '--to', 'en', '--dry-run'], ['translate', '--backend', 'mock', '--to', 'en', '--frozen'], ['publish', '--include-unreviewed', '--check']]) {
      const r = await runCli(args, { cwd: dir });
      expect(r.stderr, args.join(' ')).not.toMatch(/internal error/);
      expect(await cacheFiles(), args.join(' ')).toEqual([]);
    }
    expect((await translate()).code).toBe(0);
    expect(await cacheFiles()).toHaveLength(1);
  });

  it('a damaged or missing cache changes nothing: check and publish give the same output as from the sources', async () => {
    expect((await translate()).code).toBe(0);
    const withCache = await runCli(['publish', '--include-unreviewed', '--check', '--json'], { cwd: dir });
    const checked = await runCli(['check', '--json'], { cwd: dir });
    for (const file of await cacheFiles()) await writeFile(join(dir, CACHE, file), '{"key": "x", "doc": {"blocks": [');
    expect(await runCli(['publish', '--include-unreviewed', '--check', '--json'], { cwd: dir })).toEqual(withCache);
    await rm(join(dir, CACHE), { recursive: true });
    expect(await runCli(['check', '--json'], { cwd: dir })).toEqual(checked);
    const published = await runCli(['publish', '--include-unreviewed'], { cwd: dir });
    expect(published.code, published.stderr).toBe(0);
    expect(await readFile(join(dir, 'published/en/a.md'), 'utf8')).toMatch(/\[.*\]\(https:\/\/paris\.fr\)/);
  });
});
