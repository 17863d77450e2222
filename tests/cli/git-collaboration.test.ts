// Two reviewers work on branches with real git; each runs translate (which writes the review file and the
// memory). The merge is clean — review files by line, the memory and the segmentation rules by the
// `merge=union` bitext puts in the memory folder's .gitattributes — and the next run keeps the work of both.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { runCli, tempProject } from '../helpers/cli.js';
import { addUnderStatus, setStatus, setTarget, statusOf, targetOf } from '../helpers/review-file.js';

const exec = promisify(execFile);
let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ dir, cleanup } = await tempProject({ seeds: false, glossary: false }));
});
afterEach(async () => cleanup());

const git = async (...args: string[]): Promise<string> =>
  (
    await exec('git', args, {
      cwd: dir,
      env: { PATH: process.env.PATH ?? '', HOME: dir, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@x', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@x' },
    })
  ).stdout;
const translate = async (): Promise<void> => {
  const r = await runCli(['translate', 'articles', '--backend', 'mock', '--to', 'en'], { cwd: dir });
  if (r.code !== 0) throw new Error(r.stderr);
};
const FILE = 'translations/en/a.md';
const read = (path: string): Promise<string> => readFile(join(dir, path), 'utf8');
const edit = async (change: (text: string) => string): Promise<void> => writeFile(join(dir, FILE), change(await read(FILE)));

const S = ['Der Präsident sprach am Montag in Berlin.', 'Er lobte die Zusammenarbeit.', 'Die Gespräche dauerten drei Stunden.', 'Beide Seiten unterzeichneten ein Abkommen.', 'Details wurden nicht genannt.', 'Am Abend reiste er ab.'];

describe('reviewers on two git branches', () => {
  it('merge without conflicts, and the next run keeps both people\'s work, comments and a join', async () => {
    await mkdir(join(dir, 'articles'));
    await writeFile(join(dir, 'articles/a.txt'), `${S.slice(0, 3).join(' ')}\n${S.slice(3).join(' ')}\n`);
    await git('init', '-q', '-b', 'main');
    await translate();
    await git('add', '-A');
    await git('commit', '-qm', 'first run');

    await git('checkout', '-qb', 'anna');
    await edit((t) => addUnderStatus(setStatus(setTarget(t, S[0]!, 'The president spoke in Berlin on Monday.'), S[0]!, 'approved'), S[0]!, '- comment: Anna'));
    await edit((t) => setStatus(t, S[1]!, 'join'));
    await translate();
    await git('add', '-A');
    await git('commit', '-qm', 'anna reviews the first paragraph');
    expect(await git('ls-files', 'translations/memory')).toMatch(/de-en\.jsonl[\s\S]*segmentation-de\.jsonl/);
    // A run's own files (the state cache, journal, lock) stay out of git: two branches' states would conflict.
    expect(await git('ls-files', 'translations')).not.toMatch(/\.bitext-state\.json|\.bitext\/|\.bitext\.lock/);
    expect(await git('ls-files', 'translations/.gitignore')).toContain('translations/.gitignore');

    await git('checkout', '-q', 'main');
    expect(await git('status', '--porcelain', '--untracked-files=all')).toBe('');
    await git('checkout', '-qb', 'ben');
    await edit((t) => setStatus(setTarget(t, S[5]!, 'In the evening he left.'), S[5]!, 'reviewed'));
    await edit((t) => setStatus(setTarget(t, S[3]!, 'Both sides signed an agreement.'), S[3]!, 'approved'));
    await translate();
    await git('add', '-A');
    await git('commit', '-qm', 'ben reviews the second paragraph');

    await git('checkout', '-q', 'main');
    await git('merge', '-q', '--no-edit', 'anna');
    // Both branches changed the memory (and only anna the rules): union keeps every line, no conflict.
    await git('merge', '-q', '--no-edit', 'ben');
    expect(await git('status', '--porcelain')).toBe('');
    expect(await read(FILE)).not.toMatch(/^(<<<<<<<|=======|>>>>>>>)/m);
    expect(await read('translations/memory/.gitattributes')).toMatch(/merge=union/);

    await translate();
    const text = await read(FILE);
    expect(targetOf(text, S[0]!)).toBe('The president spoke in Berlin on Monday.');
    expect(text).toMatch(/🟢 status: approved\n- comment: Anna\n/);
    expect(statusOf(text, `${S[1]} ${S[2]}`)).toBe('machine');
    expect(targetOf(text, S[3]!)).toBe('Both sides signed an agreement.');
    expect(statusOf(text, S[5]!)).toBe('reviewed');
    const memory = await read('translations/memory/de-en.jsonl');
    expect(memory).toContain('The president spoke in Berlin on Monday.');
    expect(memory).toContain('In the evening he left.');
  });
});
