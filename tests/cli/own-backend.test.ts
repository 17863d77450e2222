// The README's "A backend of your own": the example module in docs/examples, loaded by the built CLI from
// a path, as a user would write one. It shows that the contract the README describes is the one bitext
// calls: placeholders come back in place, settings are checked before anything is sent, billing is summed.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ROOT, runCli, tempProject } from '../helpers/cli.js';
import { fromBilingualMarkdown } from '../../src/bilingual/index.js';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ dir, cleanup } = await tempProject({ seeds: false }));
  await mkdir(join(dir, 'docs/examples'), { recursive: true });
  await cp(join(ROOT, 'docs/examples/glossary-only-backend.mjs'), join(dir, 'docs/examples/glossary-only-backend.mjs'));
  await mkdir(join(dir, 'articles'));
  await writeFile(join(dir, 'articles/a.md'), 'Russland hält am **Ein-China-Prinzip** fest, sagte [die Shanghaier Kooperationsorganisation](https://example.org/x).\n');
});
afterEach(async () => cleanup());

const MODULE = './docs/examples/glossary-only-backend.mjs';

describe('a backend module of ones own (docs/examples/glossary-only-backend.mjs)', () => {
  it('translates through the built CLI, with placeholders back in place and the glossary applied', async () => {
    const r = await runCli(['translate', 'articles', '--backend', MODULE, '--to', 'en'], { cwd: dir });
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain('0 billed');
    const text = await readFile(join(dir, 'translations/en/a.md'), 'utf8');
    const [segment] = fromBilingualMarkdown(text, 'a.md').paragraphs.flatMap((p) => p.segments);
    expect(segment?.target).toBe('Russland hält am **one-China principle** fest, sagte [die Shanghai Cooperation Organisation](https://example.org/x).');
    // The file names the backend as the config or the flag does: the same on every reviewer's machine.
    expect(text).toContain(`backend=${MODULE}`);
  });

  it('is named in the config as a module, and its settings reach it', async () => {
    await writeFile(join(dir, 'bitext.config.json'), JSON.stringify({ version: 1, sources: ['articles'], targetLanguages: ['en'], backend: { name: MODULE, settings: { prefix: 'EN:' } } }));
    const r = await runCli(['translate'], { cwd: dir });
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(await readFile(join(dir, 'translations/en/a.md'), 'utf8')).toContain('\nEN: Russland hält am **one-China principle** fest');
  });

  it('refuses a wrong setting as a configuration error before anything is sent, also under --dry-run', async () => {
    for (const extra of [[], ['--dry-run']]) {
      const r = await runCli(['translate', 'articles', '--backend', MODULE, '--to', 'en', '--set', 'formality=more', ...extra], { cwd: dir });
      expect(r.code).toBe(3);
      expect(r.stderr).toContain('unknown setting "formality" for the glossary-only backend');
    }
  });

  it('a module that throws a plain error fails that request as a backend failure (exit 7); what it answered before is kept', async () => {
    await writeFile(join(dir, 'articles/b.md'), 'Zweiter Artikel.\n');
    await writeFile(
      join(dir, 'flaky.mjs'),
      `let calls = 0;
export async function createBackend() {
  return { name: 'flaky', limits: { maxSegments: 50, maxBytes: 65536 }, concurrency: 1,
    async translate(request) {
      if (++calls > 1) throw new Error('socket hang up');
      return request.segments.map((s) => ({ parts: [{ type: 'text', text: 'EN ' + s.text }], billedCharacters: s.text.length }));
    } };
}
`,
    );
    const r = await runCli(['translate', 'articles', '--backend', './flaky.mjs', '--to', 'en'], { cwd: dir });
    expect(r.code, r.stderr).toBe(7);
    expect(r.stderr).toContain('flaky: socket hang up');
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace without --verbose
    const written = await readFile(join(dir, 'translations/en/a.md'), 'utf8');
    expect(written).toContain('\nEN Russland hält am');
  });
});
