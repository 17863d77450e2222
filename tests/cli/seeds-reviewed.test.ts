import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { ROOT, copyTracked, runCli, tempProject, trackedFiles } from '../helpers/cli.js';
import { fromBilingualMarkdown } from '../../src/bilingual/index.js';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ dir, cleanup } = await tempProject());
  await copyTracked(['translations'], dir);
});
afterEach(async () => cleanup());

async function snapshot(): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const sub of ['en', 'memory']) {
    for (const name of await readdir(join(dir, 'translations', sub))) {
      files.set(`${sub}/${name}`, await readFile(join(dir, 'translations', sub, name), 'utf8'));
    }
  }
  return files;
}

describe('the committed English translations of the seeds', () => {
  it('are complete, human and approved', async () => {
    for (const name of trackedFiles(['translations/en']).map((file) => basename(file))) {
      const doc = fromBilingualMarkdown(await readFile(join(ROOT, 'translations', 'en', name), 'utf8'), name);
      for (const s of doc.paragraphs.flatMap((p) => p.segments)) {
        expect(s.status, s.source).toBe('approved');
        expect(s.target, s.source).not.toBe('');
        expect(s.target, s.source).not.toMatch(/MOCK/);
      }
    }
  });

  for (const backend of ['mock', 'deepl']) {
    it(`a re-run with --backend ${backend} sends nothing and leaves them untouched`, async () => {
      const log = join(dir, 'requests.jsonl');
      const before = await snapshot();
      // No DeepL key and an unreachable server: any request would fail the run.
      const r = await runCli(['translate', '--backend', backend, '--to', 'en'], {
        cwd: dir,
        env: { BITEXT_MOCK_LOG: log, DEEPL_SERVER_URL: 'http://127.0.0.1:9' },
      });
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/Sent 0 segments in 0 requests/);
      expect(await readFile(log, 'utf8').catch(() => '')).toBe('');
      expect(await snapshot()).toEqual(before);
    });
  }

  it('glossary QA flags a reviewed target that lost a required term, in the report and in the file', async () => {
    const path = join(dir, 'translations/en/000_559d78c4b1b37f76.md');
    const text = await readFile(path, 'utf8');
    await writeFile(path, text.replace('Russia firmly adhered to the one-China principle', 'Russia firmly adhered to the One China policy'));
    const r = await runCli(['translate', '--backend', 'mock', '--to', 'en'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/translations\/en\/000_559d78c4b1b37f76\.md:\d+: error: .*One China policy.*\(glossary-forbidden\)/);
    expect(r.stdout).toMatch(/warning: .*one-China principle.*\(glossary-missing-target\)/);
    expect(await readFile(path, 'utf8')).toMatch(/status: approved · glossary: .* · ✖ .*One China policy.* \(glossary-forbidden\) · ⚠ .*\(glossary-missing-target\)/);
  });
});
