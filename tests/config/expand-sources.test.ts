// expandSources on a real folder tree: globs, folders, exclusions, order, and the errors for entries that
// find nothing.
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultConfig, expandSources, mergeFlags, parseConfig, type ResolvedConfig } from '../../src/config/index.js';
import { rejection } from '../helpers/rejection.js';

let root: string;
const files = [
  'seeds/b.txt',
  'seeds/A.TXT',
  'seeds/sub/c.md',
  'seeds/sub/d.markdown',
  'seeds/.hidden.txt',
  'seeds/.drafts/e.txt',
  'seeds/image.png',
  'seeds/notes.html',
  'articles/2024/f.md',
  'articles/2024/drafts/g.md',
  'articles/h.md',
  'translations/en/b.md',
  'published/en/b.md',
  'node_modules/pkg/readme.md',
  'README.md',
  'empty/.gitkeep',
];

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'bitext-sources-'));
  for (const file of files) {
    await mkdir(dirname(join(root, file)), { recursive: true });
    await writeFile(join(root, file), 'Ein Satz.\n');
  }
  await symlink(join(root, 'articles'), join(root, 'seeds', 'linked'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const withConfig = (json: string): ResolvedConfig => {
  const result = parseConfig(json, join(root, 'bitext.config.json'));
  if (!result.config) throw new Error(result.errors.map((e) => e.message).join('\n'));
  return result.config;
};
const expand = async (config: ResolvedConfig): Promise<string[]> => (await expandSources(config)).map((file) => relative(root, file));

describe('expandSources', () => {
  it('default: every .txt/.md/.markdown under seeds/, sorted, no dot-files, no symbolic links', async () => {
    expect(await expand(defaultConfig(root))).toEqual(['seeds/A.TXT', 'seeds/b.txt', 'seeds/sub/c.md', 'seeds/sub/d.markdown']);
  });

  it.each<[string, string[]]>([
    ['["seeds/**/*.txt"]', ['seeds/b.txt']],
    ['["articles/**/*.md"]', ['articles/2024/drafts/g.md', 'articles/2024/f.md', 'articles/h.md']],
    ['["articles", "seeds/sub"]', ['articles/2024/drafts/g.md', 'articles/2024/f.md', 'articles/h.md', 'seeds/sub/c.md', 'seeds/sub/d.markdown']],
    ['["seeds/sub/c.md", "seeds/sub/*", "seeds/sub/"]', ['seeds/sub/c.md', 'seeds/sub/d.markdown']],
    ['["seeds/.hidden.txt"]', ['seeds/.hidden.txt']],
    ['["seeds/*"]', ['seeds/A.TXT', 'seeds/b.txt']],
  ])('sources %s', async (sources, expected) => {
    expect(await expand(withConfig(`{"version": 1, "sources": ${sources}}`))).toEqual(expected);
  });

  it('leaves out exclude globs and plain folders', async () => {
    expect(await expand(withConfig('{"version": 1, "sources": ["articles"], "exclude": ["**/drafts/**"]}'))).toEqual(['articles/2024/f.md', 'articles/h.md']);
    expect(await expand(withConfig('{"version": 1, "sources": ["articles"], "exclude": ["articles/2024"]}'))).toEqual(['articles/h.md']);
  });

  it('never reads the output folders or node_modules as sources', async () => {
    expect(await expand(withConfig('{"version": 1, "sources": ["**/*.md"]}'))).toEqual([
      'README.md',
      'articles/2024/drafts/g.md',
      'articles/2024/f.md',
      'articles/h.md',
      'seeds/sub/c.md',
    ]);
  });

  it('command-line paths are relative to where the command runs', async () => {
    const config = mergeFlags(defaultConfig(root), { cwd: join(root, 'articles'), sources: ['h.md', '2024'] });
    expect(await expand(config)).toEqual(['articles/2024/drafts/g.md', 'articles/2024/f.md', 'articles/h.md']);
  });

  it.each<[string, string]>([
    ['["seeds", "artciles"]', 'sources[1]: "artciles": no such file or directory'],
    ['["artciles/**/*.md"]', 'sources[0]: "artciles/**/*.md": folder "artciles" does not exist'],
    ['["seeds/**/*.rst"]', 'sources[0]: "seeds/**/*.rst": matches no source file (.txt, .md, .markdown)'],
    ['["empty"]', 'sources[0]: "empty": the folder has no source files (.txt, .md, .markdown)'],
    ['["seeds/notes.html"]', 'sources[0]: "seeds/notes.html": is not a source file; expected .txt, .md, .markdown'],
  ])('an entry in the config that finds nothing is a config error: %s', async (sources, message) => {
    const error = await rejection(expandSources(withConfig(`{"version": 1, "sources": ${sources}}`)));
    expect(error).toMatchObject({ code: 'config', file: 'bitext.config.json', message });
  });

  it('a missing default folder or command-line path is an input error naming the path', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'bitext-sources-empty-'));
    try {
      expect(await rejection(expandSources(defaultConfig(empty)))).toMatchObject({
        code: 'input',
        file: 'seeds',
        message: 'no such file or directory; put the articles to translate there, or name them in "sources" in bitext.config.json',
      });
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
    const flagged = mergeFlags(defaultConfig(root), { cwd: root, sources: ['nope.txt'] });
    expect(await rejection(expandSources(flagged))).toMatchObject({ code: 'input', file: 'nope.txt', message: 'no such file or directory' });
  });
});
