// Every shell command in the README, run as written, in order, on a copy of the clone's project files:
// `npx bitext` is the built CLI, DeepL is the tests' local server. A command "works" when it does not end
// in a usage, configuration, input, output or internal error (exit 2, 3, 4, 5, 70) and prints no stack;
// 1 (content not ready) and 9 (out of date) are answers, not failures, and the walkthrough expects them.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, ROOT, copyTracked } from '../helpers/cli.js';
import { startFakeDeepl, type FakeDeepl } from '../helpers/fake-deepl-server.js';

/** Lines that set up or test the clone itself, or write outside the project: not run here. */
const NOT_HERE = [/^npm (ci|test)\b/, /completion (zsh|fish) >/];
const BROKEN = new Set([2, 3, 4, 5, 70]);

interface Command {
  readonly line: number;
  readonly text: string;
}

/** The README's ```sh blocks, as commands (a heredoc is part of its command). */
function readmeCommands(readme: string): Command[][] {
  const blocks: Command[][] = [];
  const lines = readme.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (lines[i] !== '```sh') continue;
    const block: Command[] = [];
    for (i++; lines[i] !== '```'; i++) {
      const text = lines[i]!;
      if (text.trim() === '' || NOT_HERE.some((re) => re.test(text))) continue;
      const heredoc = /<<'(\w+)'/.exec(text);
      if (heredoc) {
        const start = i;
        while (lines[i] !== heredoc[1]) i++;
        block.push({ line: start + 1, text: lines.slice(start, i + 1).join('\n') });
      } else {
        block.push({ line: i + 1, text });
      }
    }
    blocks.push(block);
  }
  return blocks;
}

let dir: string;
let deepl: FakeDeepl;
let local: FakeDeepl;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bitext-readme-'));
  await copyTracked(['seeds', 'translations', 'glossary.json', 'docs/examples'], dir);
  deepl = await startFakeDeepl({ authKey: 'your-key:fx' });
  local = await startFakeDeepl({ authKey: 'test-key:fx' });
});
afterAll(async () => {
  await Promise.all([deepl.close(), local.close()]);
  await rm(dir, { recursive: true, force: true });
});

describe('README commands', () => {
  it('each works as written, in order', async () => {
    const blocks = readmeCommands(await readFile(join(ROOT, 'README.md'), 'utf8'));
    expect(blocks.flat().length).toBeGreaterThan(30);
    // One bash for the whole README, so `cd demo` and `export` carry over as for a reader; after each
    // command a marker line with its exit code. The README's local server address is the test's.
    const script = [
      `npx() { if [ "$1" = bitext ]; then shift; "${process.execPath}" "${CLI}" "$@"; else echo "npx $1: not run here" >&2; return 127; fi; }`,
      ...blocks.flat().map((c) => `${c.text.replaceAll('http://127.0.0.1:3000', local.url)}\necho "@@ ${c.line} $?" >&2`),
    ].join('\n');
    await writeFile(join(dir, 'readme.sh'), script);
    const { stderr } = await new Promise<{ stderr: string }>((resolve, reject) => {
      const child = spawn('bash', ['readme.sh'], {
        cwd: dir,
        env: { PATH: process.env.PATH ?? '', HOME: dir, DEEPL_SERVER_URL: deepl.url, NO_COLOR: '1' },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let err = '';
      child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
      child.on('error', reject);
      child.on('close', () => resolve({ stderr: err }));
    });
    const results = [...stderr.matchAll(/^@@ (\d+) (\d+)$/gm)].map((m) => ({ line: Number(m[1]), code: Number(m[2]) }));
    expect(results.map((r) => r.line)).toEqual(blocks.flat().map((c) => c.line));
    const broken = results.filter((r) => BROKEN.has(r.code) || r.code > 100).map((r) => `README.md:${r.line}: exit ${r.code}`);
    expect(broken, stderr).toEqual([]);
    expect(stderr).not.toMatch(/\n\s+at .+:\d+:\d+\)?\n/);
  }, 180_000);
});
