import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdir, mkdtemp, readFile, readdir, realpath, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, tempProject } from '../helpers/cli.js';
import { fromBilingualMarkdown } from '../../src/bilingual/index.js';

const SEEDS = ['000_559d78c4b1b37f76', '001_1ec20ad4081501bd'];

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ dir, cleanup } = await tempProject());
});
afterEach(async () => cleanup());

async function requestLog(file: string): Promise<{ target: string; context: string | null; texts: string[] }[]> {
  const text = await readFile(file, 'utf8').catch(() => '');
  return text
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));
}

async function sentences(file: string): Promise<string[]> {
  const r = await runCli(['segment', file, '--format', 'jsonl'], { cwd: dir });
  expect(r.code).toBe(0);
  return r.stdout
    .trim()
    .split('\n')
    .map((l) => (JSON.parse(l) as { text: string }).text);
}

async function readDoc(lang: string, name: string) {
  const path = join(dir, 'translations', lang, `${name}.md`);
  return fromBilingualMarkdown(await readFile(path, 'utf8'), path);
}

describe('bitext translate --backend mock', () => {
  it('writes one bilingual file per seed with every sentence and the glossary terms in place', async () => {
    const r = await runCli(['translate', '--backend', 'mock', '--to', 'en'], { cwd: dir });
    expect(r.stderr).not.toMatch(/error/i);
    expect(r.code).toBe(0);
    expect((await readdir(join(dir, 'translations', 'en'))).sort()).toEqual(SEEDS.map((s) => `${s}.md`));
    for (const name of SEEDS) {
      const doc = await readDoc('en', name);
      const segments = doc.paragraphs.flatMap((p) => p.segments);
      expect(segments.map((s) => s.source)).toEqual(await sentences(join('seeds', `${name}.txt`)));
      for (const s of segments) {
        expect(s.status).toBe('machine');
        expect(s.target).toMatch(/^\(MOCK en\) /);
      }
    }
    const doc = await readDoc('en', SEEDS[0]!);
    const putin = doc.paragraphs.flatMap((p) => p.segments).find((s) => s.source.includes('Ein-China-Prinzip'))!;
    expect(putin.target).toContain('one-China principle');
    expect(putin.target).not.toContain('Ein-China-Prinzip');
    const sco = doc.paragraphs.flatMap((p) => p.segments).find((s) => s.source.includes('Shanghaier Kooperationsorganisation'))!;
    expect(sco.target).toContain('Shanghai Cooperation Organisation');
  });

  it('sends nothing on an unchanged re-run and leaves the files byte-identical', async () => {
    const log = join(dir, 'requests.jsonl');
    await runCli(['translate', '--backend', 'mock', '--to', 'en'], { cwd: dir, env: { BITEXT_MOCK_LOG: log } });
    const first = await requestLog(log);
    expect(first.length).toBeGreaterThan(0);
    const before = await Promise.all(SEEDS.map((s) => readFile(join(dir, 'translations/en', `${s}.md`))));
    const mtimes = await Promise.all(SEEDS.map(async (s) => (await stat(join(dir, 'translations/en', `${s}.md`))).mtimeMs));
    const r = await runCli(['translate', '--backend', 'mock', '--to', 'en'], { cwd: dir, env: { BITEXT_MOCK_LOG: log } });
    expect(r.code).toBe(0);
    expect(await requestLog(log)).toHaveLength(first.length);
    expect(r.stdout).toMatch(/Sent 0 segments in 0 requests/);
    const after = await Promise.all(SEEDS.map((s) => readFile(join(dir, 'translations/en', `${s}.md`))));
    expect(after).toEqual(before);
    const mtimesAfter = await Promise.all(SEEDS.map(async (s) => (await stat(join(dir, 'translations/en', `${s}.md`))).mtimeMs));
    expect(mtimesAfter).toEqual(mtimes);
  });

  it('sends each paragraph with its context, identical sentences once, within the batch limit', async () => {
    const log = join(dir, 'requests.jsonl');
    await writeFile(join(dir, 'seeds', 'dup.txt'), 'Foto von VCG\nEin Satz. Noch ein Satz.\n');
    await runCli(['translate', '--backend', 'mock', '--to', 'en,fr'], { cwd: dir, env: { BITEXT_MOCK_LOG: log } });
    const requests = await requestLog(log);
    for (const lang of ['en', 'fr']) {
      const texts = requests.filter((r) => r.target === lang).flatMap((r) => r.texts);
      expect(new Set(texts).size).toBe(texts.length);
      expect(texts.filter((t) => t === 'Foto von VCG')).toHaveLength(1);
    }
    const multi = requests.find((r) => r.texts.includes('Ein Satz.'))!;
    expect(multi.context).toBe('Ein Satz. Noch ein Satz.');
    for (const r of requests) expect(r.texts.length).toBeLessThanOrEqual(50);
  });

  it('--dry-run prints segments and characters per language and writes nothing', async () => {
    const r = await runCli(['translate', '--backend', 'mock', '--to', 'en,fr', '--dry-run'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Foto von VCG');
    const en = /en: (\d+) segments, (\d+) characters to send/.exec(r.stdout);
    expect(en).not.toBeNull();
    const all = [...(await sentences('seeds/000_559d78c4b1b37f76.txt')), ...(await sentences('seeds/001_1ec20ad4081501bd.txt'))];
    expect(Number(en![1])).toBe(new Set(all).size);
    expect(Number(en![2])).toBe([...new Set(all)].reduce((n, t) => n + [...t].length, 0));
    expect(r.stdout).toMatch(/fr: \d+ segments/);
    await expect(stat(join(dir, 'translations'))).rejects.toThrow();
  });

  it('--max-characters refuses a run that would bill more, before sending anything', async () => {
    const log = join(dir, 'requests.jsonl');
    const r = await runCli(['translate', '--backend', 'mock', '--to', 'en', '--max-characters', '100'], {
      cwd: dir,
      env: { BITEXT_MOCK_LOG: log },
    });
    expect(r.code).toBe(10);
    expect(r.stderr).toMatch(/more than --max-characters 100/);
    expect(await requestLog(log)).toHaveLength(0);
    // --dry-run succeeds (exit 0) but says the real run would refuse; within the budget it says nothing.
    const dry = await runCli(['translate', '--backend', 'mock', '--to', 'en', '--max-characters', '100', '--dry-run'], { cwd: dir });
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toMatch(/^The real run would refuse: \d+ characters is more than --max-characters 100 \(exit 10\); nothing would be sent\.$/m);
    const json = await runCli(['translate', '--backend', 'mock', '--to', 'en', '--max-characters', '100', '--dry-run', '--json'], { cwd: dir });
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ mode: 'dry-run', overBudget: { characters: expect.any(Number), maxCharacters: 100 } });
    const within = await runCli(['translate', '--backend', 'mock', '--to', 'en', '--max-characters', '1000000', '--dry-run'], { cwd: dir });
    expect(within.code).toBe(0);
    expect(within.stdout).not.toMatch(/would refuse/);
    expect(await requestLog(log)).toHaveLength(0);
  });

  it('--frozen fails while work is pending and passes once translations are up to date', async () => {
    const pending = await runCli(['translate', '--backend', 'mock', '--to', 'en', '--frozen'], { cwd: dir });
    expect(pending.code).toBe(9);
    expect(pending.stderr).toMatch(/out of date/);
    await runCli(['translate', '--backend', 'mock', '--to', 'en'], { cwd: dir });
    const clean = await runCli(['translate', '--backend', 'mock', '--to', 'en', '--frozen'], { cwd: dir });
    expect(clean.code).toBe(0);
    // One sentence and one file: singular, not "1 segments", "1 files".
    await writeFile(join(dir, 'seeds', 'zz.txt'), 'Neu.\n');
    const one = await runCli(['translate', '--backend', 'mock', '--to', 'en', '--frozen'], { cwd: dir });
    expect(one.code).toBe(9);
    expect(one.stderr).toBe('bitext: --frozen: translations are out of date: 1 segment (4 characters) to send, 1 file to update (translations/en/zz.md)\n');
  });
});

describe('quota exceeded', () => {
  it('stops, keeps every translated segment, exits 6, and the next run sends only what is missing', async () => {
    const log = join(dir, 'requests.jsonl');
    const first = await runCli(['translate', '--backend', 'mock', '--to', 'en', '--concurrency', '1'], {
      cwd: dir,
      env: { BITEXT_MOCK_LOG: log, BITEXT_MOCK_QUOTA: '1500' },
    });
    expect(first.code).toBe(6);
    expect(first.stderr).toMatch(/quota/);
    const sentFirst = (await requestLog(log)).flatMap((r) => r.texts);
    expect(sentFirst.length).toBeGreaterThan(0);
    const docs = await Promise.all(SEEDS.map((s) => readDoc('en', s)));
    const machine = docs.flatMap((d) => d.paragraphs.flatMap((p) => p.segments)).filter((s) => s.status === 'machine');
    expect(machine.map((s) => s.source).sort()).toEqual([...sentFirst].sort());

    const second = await runCli(['translate', '--backend', 'mock', '--to', 'en'], { cwd: dir, env: { BITEXT_MOCK_LOG: log } });
    expect(second.code).toBe(0);
    const sentAll = (await requestLog(log)).flatMap((r) => r.texts);
    expect(new Set(sentAll).size).toBe(sentAll.length); // no text billed twice
    const all = [...(await sentences('seeds/000_559d78c4b1b37f76.txt')), ...(await sentences('seeds/001_1ec20ad4081501bd.txt'))];
    expect([...sentAll].sort()).toEqual([...new Set(all)].sort());
  });

  it('a backend that fails before translating anything creates no empty files', async () => {
    const r = await runCli(['translate', '--backend', 'mock', '--to', 'en', '--concurrency', '1'], {
      cwd: dir,
      env: { BITEXT_MOCK_FAIL: 'auth@1' },
    });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/auth error: mock: injected auth failure/);
    expect(r.stdout).toMatch(/not created \(nothing translated\)/);
    expect(await readdir(join(dir, 'translations', 'en')).catch(() => [])).toEqual([]);
  });

  it('retries rate limits and finishes', async () => {
    const r = await runCli(['translate', '--backend', 'mock', '--to', 'en'], {
      cwd: dir,
      env: { BITEXT_MOCK_FAIL: 'rate-limit@1,network@2' },
    });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/\(2 failed attempts, 2 retried\)/);
  });
});

describe('bad input gets a clear error and a non-zero exit', () => {
  const cases: { name: string; setup: (dir: string) => Promise<string[]>; code: number; message: RegExp }[] = [
    { name: 'missing path', setup: async () => ['nope.txt'], code: 4, message: /nope\.txt: no such file/ },
    {
      name: 'folder without sources',
      setup: async (d) => {
        await mkdir(join(d, 'empty'));
        return ['empty'];
      },
      code: 4,
      message: /empty: the folder has no source files \(\.txt, \.md, \.markdown\)/,
    },
    {
      name: 'binary file',
      setup: async (d) => {
        await writeFile(join(d, 'bin.txt'), Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x01]));
        return ['bin.txt'];
      },
      code: 4,
      message: /bin\.txt.*binary/,
    },
    {
      name: 'invalid UTF-8',
      setup: async (d) => {
        await writeFile(join(d, 'latin1.txt'), Buffer.from('Erste Zeile.\nGr\xfc\xdfe aus K\xf6ln.\n', 'latin1'));
        return ['latin1.txt'];
      },
      code: 4,
      message: /latin1\.txt:2: invalid UTF-8/,
    },
    {
      name: 'empty file',
      setup: async (d) => {
        await writeFile(join(d, 'leer.txt'), '\n  \n');
        return ['leer.txt'];
      },
      code: 4,
      message: /leer\.txt: the file is empty/,
    },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const args = await c.setup(dir);
      const r = await runCli(['translate', ...args, '--backend', 'mock', '--to', 'en'], { cwd: dir });
      expect(r.code).toBe(c.code);
      expect(r.stderr).toMatch(c.message);
      expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
      await expect(stat(join(dir, 'translations'))).rejects.toThrow();
    });
  }

  it('handles a BOM and CRLF line ends instead of refusing them', async () => {
    await writeFile(join(dir, 'win.txt'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('Erster Satz. Zweiter Satz.\r\nDritter Satz.\r\n')]));
    const r = await runCli(['translate', 'win.txt', '--backend', 'mock', '--to', 'en'], { cwd: dir });
    expect(r.code).toBe(0);
    const doc = await readDoc('en', 'win');
    expect(doc.paragraphs.map((p) => p.segments.map((s) => s.source))).toEqual([['Erster Satz.', 'Zweiter Satz.'], ['Dritter Satz.']]);
  });

  it('unknown backend lists the known ones', async () => {
    const r = await runCli(['translate', '--backend', 'google', '--to', 'en'], { cwd: dir });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/--backend: expected one of "mock", "deepl" or a module path like "\.\/backend\.js", got "google"/);
  });

  it('unknown language and the source language are refused', async () => {
    const unknown = await runCli(['translate', '--backend', 'mock', '--to', 'english'], { cwd: dir });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/--to: expected a language code such as "en", "en-GB", "pt-BR" or "zh-Hans", got "english"/);
    const same = await runCli(['translate', '--backend', 'mock', '--to', 'de'], { cwd: dir });
    expect(same.code).toBe(2);
  });

  it('an output folder that is a file is refused', async () => {
    await writeFile(join(dir, 'out'), 'not a folder');
    const r = await runCli(['translate', '--backend', 'mock', '--to', 'en', '--out', 'out'], { cwd: dir });
    expect(r.code).toBe(5);
    expect(r.stderr).toMatch(/out: the output folder is a file/);
    expect(await readFile(join(dir, 'out'), 'utf8')).toBe('not a folder');
  });

  it('--out moves the bilingual files, the memory and the lock together; ./translations is never touched', async () => {
    const review = await mkdtemp(join(tmpdir(), 'bitext-review-'));
    try {
      const first = await runCli(['translate', '--backend', 'mock', '--to', 'en', '--out', review], { cwd: dir });
      expect(first.code, first.stderr).toBe(0);
      // Make a person's edit, so the memory has something to keep.
      const file = join(review, 'en', '000_559d78c4b1b37f76.md');
      const text = await readFile(file, 'utf8');
      await writeFile(file, text.replace(/^\(MOCK en\) Foto von VCG$/m, 'Photo by VCG'));
      const second = await runCli(['translate', '--backend', 'mock', '--to', 'en', '--out', review], { cwd: dir });
      expect(second.code, second.stderr).toBe(0);
      // The run state (the no-op fast path's record) moves with them.
      expect((await readdir(review)).sort()).toEqual(['.bitext-state.json', '.gitignore', 'en', 'memory']);
      expect(await readFile(join(review, 'memory', 'de-en.jsonl'), 'utf8')).toContain('"target":"Photo by VCG"');
      await expect(stat(join(dir, 'translations'))).rejects.toThrow(/ENOENT/);
    } finally {
      await rm(review, { recursive: true, force: true });
    }
  });

  it('never writes through a symbolic link that leads outside the output folder', async () => {
    const outside = join(dir, 'outside');
    await mkdir(outside);
    await mkdir(join(dir, 'translations'));
    await symlink(outside, join(dir, 'translations', 'en'));
    const r = await runCli(['translate', '--backend', 'mock', '--to', 'en'], { cwd: dir });
    expect(r.code).toBe(5);
    expect(r.stderr).toMatch(/symbolic link/);
    expect(await readdir(outside)).toEqual([]);
  });

  it('a folder scan reads a symbolic link to a file inside the project, and names one that leads outside instead of skipping it', async () => {
    const outside = await mkdtemp(join(tmpdir(), 'bitext-outside-'));
    try {
      await mkdir(join(dir, 'articles'));
      await writeFile(join(dir, 'articles', 'innen.txt'), 'Der Hund schläft.\n');
      await writeFile(join(outside, 'aussen.txt'), 'Die Katze wacht.\n');
      await symlink(join('..', 'articles', 'innen.txt'), join(dir, 'seeds', 'verlinkt.txt'));
      await symlink(join(outside, 'aussen.txt'), join(dir, 'seeds', 'fremd.txt'));
      const r = await runCli(['translate', '--backend', 'mock', '--to', 'en'], { cwd: dir });
      expect(r.code, r.stderr).toBe(0);
      expect((await readdir(join(dir, 'translations', 'en'))).sort()).toEqual([...SEEDS.map((s) => `${s}.md`), 'verlinkt.md'].sort());
      const linked = fromBilingualMarkdown(await readFile(join(dir, 'translations', 'en', 'verlinkt.md'), 'utf8'), 'verlinkt.md');
      expect(linked.paragraphs.flatMap((p) => p.segments).map((s) => s.source)).toEqual(['Der Hund schläft.']);
      expect(r.stderr).toContain(`bitext: seeds/fremd.txt: warning: leads through a symbolic link to ${await realpath(join(outside, 'aussen.txt'))}, outside the project; not read (source-symlink)`);
      expect(r.stdout + r.stderr).not.toContain('Die Katze');
      // --quiet keeps warnings quiet, as for every other warning; the outside file is still not read.
      const quiet = await runCli(['translate', '--backend', 'mock', '--to', 'en', '--quiet', '--dry-run'], { cwd: dir });
      expect(quiet.code).toBe(0);
      expect(quiet.stderr).toBe('');
    } finally {
      await rm(outside, { recursive: true, force: true });
    }
  });

  it('a malformed glossary names the file and the JSON path', async () => {
    await writeFile(join(dir, 'glossary.json'), JSON.stringify({ version: 1, sourceLanguage: 'de', terms: [{ source: 'X', targets: { en: 42 } }] }));
    const r = await runCli(['translate', '--backend', 'mock', '--to', 'en'], { cwd: dir });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/glossary\.json.*terms\[0\]\.targets\.en/);
  });

  it('a damaged bilingual file is reported with its line and left exactly as it is', async () => {
    await runCli(['translate', '--backend', 'mock', '--to', 'en'], { cwd: dir });
    const path = join(dir, 'translations/en', `${SEEDS[0]}.md`);
    const damaged = (await readFile(path, 'utf8')).replace(/^🟠 status: machine/m, 'status: fertig');
    await writeFile(path, damaged);
    const line = damaged.split('\n').findIndex((l) => l.startsWith('status: fertig')) + 1;
    const r = await runCli(['translate', '--backend', 'mock', '--to', 'en'], { cwd: dir });
    expect(r.code).toBe(4);
    expect(r.stderr).toContain(`translations/en/${SEEDS[0]}.md:${line}:`);
    expect(await readFile(path, 'utf8')).toBe(damaged);
  });

  it('two runs cannot interleave: a held lock names its holder', async () => {
    await mkdir(join(dir, 'translations'));
    await writeFile(
      join(dir, 'translations', '.bitext.lock'),
      JSON.stringify({ pid: process.pid, host: (await import('node:os')).hostname(), command: 'bitext translate --to en', started: '2026-01-01T00:00:00.000Z' }),
    );
    const r = await runCli(['translate', '--backend', 'mock', '--to', 'en'], { cwd: dir });
    expect(r.code).toBe(8);
    expect(r.stderr).toContain(`process ${process.pid}`);
    expect(await readdir(join(dir, 'translations'))).toEqual(['.bitext.lock']);
  });

  it('a lock left by a dead process is taken over', async () => {
    await mkdir(join(dir, 'translations'));
    await writeFile(
      join(dir, 'translations', '.bitext.lock'),
      JSON.stringify({ pid: 2 ** 22 + 12345, host: (await import('node:os')).hostname(), command: 'x', started: 'y' }),
    );
    const r = await runCli(['translate', '--backend', 'mock', '--to', 'en'], { cwd: dir });
    expect(r.code).toBe(0);
    await expect(stat(join(dir, 'translations', '.bitext.lock'))).rejects.toThrow();
  });
});

describe('bitext segment', () => {
  it('reads standard input and prints one sentence per line', async () => {
    const r = await runCli(['segment', '-', '--format', 'text'], { cwd: dir, input: 'Der 75. Jahrestag ist am 3. Oktober. Er kam z. B. um 14.30 Uhr.\nFoto von VCG' });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('Der 75. Jahrestag ist am 3. Oktober.\nEr kam z. B. um 14.30 Uhr.\nFoto von VCG\n');
  });

  it('prints JSON lines with stable ids', async () => {
    const a = await runCli(['segment', '-'], { cwd: dir, input: 'Eins ist hier. Zwei ist da. Drei ist dort.' });
    const b = await runCli(['segment', '-'], { cwd: dir, input: 'Eins ist hier. Neu ist das. Zwei ist da. Drei ist dort.' });
    const ids = (out: string) => new Map(out.trim().split('\n').map((l) => JSON.parse(l) as { id: string; text: string }).map((s) => [s.text, s.id]));
    const before = ids(a.stdout);
    const after = ids(b.stdout);
    for (const [text, id] of before) expect(after.get(text)).toBe(id);
  });
});
