// The last silent losses of issue #13, each on the built CLI: a person's work or a user's intent that used
// to vanish without a word.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, tempProject } from '../helpers/cli.js';
import { fromBilingualMarkdown } from '../../src/bilingual/index.js';
import { editReview } from '../helpers/review.js';
import type { BilingualSegment } from '../../src/bilingual/types.js';

let dir: string;
let cleanup: () => Promise<void>;
let log: string;
beforeEach(async () => {
  ({ dir, cleanup } = await tempProject({ seeds: false }));
  await mkdir(join(dir, 'src'));
  log = join(dir, 'requests.jsonl');
});
afterEach(async () => cleanup());

const FILE = join('translations', 'en', 'artikel.md');
const MEMORY = join('translations', 'memory', 'de-en.jsonl');

async function translate(extra: string[] = [], to = 'en') {
  const r = await runCli(['translate', 'src', '--backend', 'mock', '--to', to, ...extra], { cwd: dir, env: { BITEXT_MOCK_LOG: log } });
  if (r.code !== 0) throw new Error(`translate failed (${r.code}): ${r.stderr}`);
  return r;
}

async function sent(): Promise<string[]> {
  const text = await readFile(log, 'utf8').catch(() => '');
  return text.split('\n').filter(Boolean).flatMap((l) => (JSON.parse(l) as { texts: string[] }).texts);
}

/** Edits one segment of the review file as a reviewer would. */
async function review(file: string, source: string, change: (s: BilingualSegment) => BilingualSegment): Promise<void> {
  await editReview(join(dir, file), source, change);
}

async function memoryLines(file = MEMORY): Promise<Record<string, unknown>[]> {
  return (await readFile(join(dir, file), 'utf8')).split('\n').slice(1).filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe('a correction typed into a stale segment', () => {
  it('is kept in the memory as unresolved when its sentence is then deleted, and the report says so', async () => {
    await writeFile(join(dir, 'src', 'artikel.txt'), 'Der Präsident sprach am Montag. Er lobte die Zusammenarbeit.\n');
    await translate();
    await review(FILE, 'Der Präsident sprach am Montag.', (s) => ({ ...s, target: 'The president spoke on Monday.', status: 'approved' }));
    await translate();
    // The source changes: the approved segment goes stale, with a fresh draft.
    await writeFile(join(dir, 'src', 'artikel.txt'), 'Der Präsident sprach am Dienstag. Er lobte die Zusammenarbeit.\n');
    await translate();
    // The reviewer corrects the translation but leaves the status at stale ...
    await review(FILE, 'Der Präsident sprach am Dienstag.', (s) => ({ ...s, target: 'The president spoke on Tuesday.' }));
    // ... and then the sentence is deleted from the source.
    await writeFile(join(dir, 'src', 'artikel.txt'), 'Er lobte die Zusammenarbeit.\n');
    const r = await translate();

    expect(await memoryLines()).toContainEqual(
      expect.objectContaining({ source: 'Der Präsident sprach am Dienstag.', target: 'The president spoke on Tuesday.', origin: 'human', status: 'stale' }),
    );
    expect(r.stdout).toMatch(/^translations\/en\/artikel\.md:\d+: warning: .*correction typed into it is kept in translations\/memory\/de-en\.jsonl as unresolved.*\(stale-correction-kept\)$/m);

    // An unresolved entry never fills a segment as a finished translation: the sentence comes back, it is
    // filled with the machine output already paid for (the draft), and the correction is offered as a
    // suggestion beside it.
    await writeFile(join(dir, 'src', 'artikel.txt'), 'Der Präsident sprach am Dienstag. Er lobte die Zusammenarbeit.\n');
    const before = (await sent()).length;
    await translate();
    expect((await sent()).slice(before)).toEqual([]);
    const back = fromBilingualMarkdown(await readFile(join(dir, FILE), 'utf8'), FILE).paragraphs[0]!.segments[0]!;
    expect(back.status).toBe('machine');
    expect(back.target).toMatch(/^\(MOCK en\) /);
    expect(back.suggestions?.[0]).toMatchObject({ score: 100, target: 'The president spoke on Tuesday.' });
  });

  it('is not recorded while it is still the translation of the previous source', async () => {
    await writeFile(join(dir, 'src', 'artikel.txt'), 'Der Präsident sprach am Montag.\n');
    await translate();
    await review(FILE, 'Der Präsident sprach am Montag.', (s) => ({ ...s, target: 'The president spoke on Monday.', status: 'approved' }));
    await translate();
    await writeFile(join(dir, 'src', 'artikel.txt'), 'Der Präsident sprach am Dienstag.\n');
    await translate();
    // (the machine output of the sentences is kept beside it: paid for)
    expect((await memoryLines()).filter((e) => e.origin === 'human').map((e) => e.status)).toEqual(['approved']);
  });
});

describe('duplicate keys', () => {
  it('in a memory line stop the run before anything is sent, naming the line, the column and the key', async () => {
    await writeFile(join(dir, 'src', 'artikel.txt'), 'Er lobte die Zusammenarbeit.\n');
    const header = JSON.stringify({ 'bitext-memory': 1, sourceLanguage: 'de', targetLanguage: 'en' });
    const twice = '{"source":"Er lobte die Zusammenarbeit.","target":"He praised the cooperation.","origin":"human","status":"approved","changed":"2026-01-01T00:00:00.000Z","target":"He criticised it."}';
    await mkdir(join(dir, 'translations', 'memory'), { recursive: true });
    await writeFile(join(dir, MEMORY), `${header}\n${twice}\n`);
    const r = await runCli(['translate', 'src', '--backend', 'mock', '--to', 'en'], { cwd: dir, env: { BITEXT_MOCK_LOG: log } });
    expect(r.code).toBe(4);
    expect(r.stderr).toBe(`bitext: translations/memory/de-en.jsonl:2:${twice.lastIndexOf('"target"') + 1}: duplicate key "target" (columns ${twice.indexOf('"target"') + 1} and ${twice.lastIndexOf('"target"') + 1}): an entry has each field once; keep the right one\n`);
    expect(await sent()).toEqual([]);
  });
});

describe('language variants of the memory', () => {
  const tmx = (units: string[]) =>
    `<?xml version="1.0"?>\n<tmx version="1.4">\n<header srclang="de"/>\n<body>\n${units.join('\n')}\n</body>\n</tmx>\n`;
  const unit = (de: string, lang: string, text: string) => `<tu><tuv xml:lang="de"><seg>${de}</seg></tuv><tuv xml:lang="${lang}"><seg>${text}</seg></tuv></tu>`;

  it('a TMX of fr-FR units fills translate --to fr and --to fr-FR with 0 characters sent; new work goes to the exact memory', async () => {
    await writeFile(join(dir, 'src', 'artikel.txt'), 'Hallo Welt. Danke schön.\n');
    await writeFile(join(dir, 'fr.tmx'), tmx([unit('Hallo Welt.', 'fr-FR', 'Bonjour le monde.'), unit('Danke schön.', 'fr-FR', 'Merci beaucoup.')]));
    const imported = await runCli(['tm', 'import', 'fr.tmx'], { cwd: dir });
    expect(imported.code, imported.stderr).toBe(0);

    for (const to of ['fr', 'fr-FR']) {
      const r = await translate([], to);
      expect(r.stdout, to).toContain('Sent 0 segments in 0 requests: 0 characters, 0 billed.');
      expect(r.stdout, to).toContain('2 from memory');
      const doc = fromBilingualMarkdown(await readFile(join(dir, 'translations', to, 'artikel.md'), 'utf8'), to);
      expect(doc.paragraphs[0]!.segments.map((s) => s.target)).toEqual(['Bonjour le monde.', 'Merci beaucoup.']);
    }
    expect(await sent()).toEqual([]);

    // A person's work in fr-FR goes into the fr-FR memory, and wins there over the general one.
    await review(join('translations', 'fr-FR', 'artikel.md'), 'Hallo Welt.', (s) => ({ ...s, target: 'Salut le monde.', status: 'approved' }));
    await translate([], 'fr-FR');
    // (What the fr-FR files hold as edited goes there too, as with every memory fill.)
    expect(await memoryLines(join('translations', 'memory', 'de-fr-FR.jsonl'))).toContainEqual(expect.objectContaining({ source: 'Hallo Welt.', target: 'Salut le monde.', status: 'approved' }));
    await writeFile(join(dir, 'src', 'zweiter.txt'), 'Hallo Welt.\n');
    await translate([], 'fr-FR');
    const second = fromBilingualMarkdown(await readFile(join(dir, 'translations', 'fr-FR', 'zweiter.md'), 'utf8'), 'zweiter.md');
    expect(second.paragraphs[0]!.segments[0]!.target).toBe('Salut le monde.');
    // The general memory is only read.
    expect((await memoryLines(join('translations', 'memory', 'de-fr.jsonl'))).map((e) => e.target).sort()).toEqual(['Bonjour le monde.', 'Merci beaucoup.']);
    expect(await sent()).toEqual([]);
  });
});

describe('invisible and bidirectional control characters in a source', () => {
  const SOURCE = 'Der Preis stieg um 10\u202E% am Montag.\u001B Er lag\u0007 bei 5 Euro.\nZweite Zeile ohne.\nDritte\u2066 Zeile\u2069.\n';

  it('are reported with file, line and column, one warning per line', async () => {
    await writeFile(join(dir, 'src', 'artikel.txt'), SOURCE);
    const r = await translate();
    const warnings = r.stdout.split('\n').filter((l) => l.includes('(source-invisible-character)'));
    expect(warnings).toEqual([
      `src/artikel.txt:1:${SOURCE.indexOf('\u202E') + 1}: warning: invisible characters U+202E (RIGHT-TO-LEFT OVERRIDE), U+001B (ESCAPE), U+0007 (BELL) in the source, which can reorder how the text around it is shown: it is translated and published as it is (source-invisible-character)`,
      `src/artikel.txt:3:7: warning: invisible characters U+2066 (LEFT-TO-RIGHT ISOLATE), U+2069 (POP DIRECTIONAL ISOLATE) in the source, which can reorder how the text around it is shown: it is translated and published as it is (source-invisible-character)`,
    ]);
    // --dry-run says so too, before anything is sent.
    const dry = await runCli(['translate', 'src', '--backend', 'mock', '--to', 'fr', '--dry-run'], { cwd: dir });
    expect(dry.stdout).toContain(`src/artikel.txt:1:${SOURCE.indexOf('\u202E') + 1}: warning: invisible characters`);
  });

  it('reach the review file escaped, so a reviewer sees them: C0 controls', async () => {
    await writeFile(join(dir, 'src', 'artikel.txt'), SOURCE);
    await translate();
    const review = await readFile(join(dir, FILE), 'utf8');
    expect(review).not.toMatch(/[\u0007\u001b]/);
    expect(review).toContain('am Montag.\\u001B');
    expect(review).toContain('Er lag\\u0007 bei');
  });

  it('reach the review file of a Markdown source escaped as character references, bidi ones included', async () => {
    await writeFile(join(dir, 'src', 'artikel.md'), SOURCE);
    await translate();
    const review = await readFile(join(dir, FILE), 'utf8');
    expect(review).not.toMatch(/[\u0007\u001b\u202a-\u202e\u2066-\u2069]/);
    expect(review).toContain('10&#x202E;%');
    expect(review).toContain('am Montag.&#x1B;');
  });

  it('reach the review file escaped, so a reviewer sees them: bidirectional controls', async () => {
    await writeFile(join(dir, 'src', 'artikel.txt'), SOURCE);
    await translate();
    const review = await readFile(join(dir, FILE), 'utf8');
    expect(review).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/);
    expect(review).toContain('10\\u202E%');
  });
});

describe('folders of the layout behind a symbolic link', () => {
  const edit = async (file: string) => {
    const text = await readFile(join(dir, file), 'utf8');
    await writeFile(join(dir, file), text.replace(/^\(MOCK en\) Er lobte die Zusammenarbeit\.$/m, 'He praised the cooperation.'));
  };

  it('are followed while they stay inside the project: translations, memory and published', async () => {
    await writeFile(join(dir, 'src', 'artikel.txt'), 'Er lobte die Zusammenarbeit.\n');
    await mkdir(join(dir, 'build', 'review'), { recursive: true });
    await mkdir(join(dir, 'build', 'tm'), { recursive: true });
    await mkdir(join(dir, 'site', 'out'), { recursive: true });
    await symlink(join(dir, 'build', 'review'), join(dir, 'translations'));
    await symlink('build/tm', join(dir, 'tm'));
    await symlink('site/out', join(dir, 'published'));
    await writeFile(join(dir, 'bitext.config.json'), JSON.stringify({ version: 1, paths: { translations: 'translations', memory: 'tm', published: 'published' } }));
    await translate();
    await edit(FILE);
    // Every run keeps the memory: the second and third runs write, then leave it as it is.
    for (let run = 0; run < 2; run++) {
      const r = await runCli(['translate', 'src', '--backend', 'mock', '--to', 'en'], { cwd: dir });
      expect([r.code, r.stderr.replace(/^ {2}sent .*\n/gm, '')]).toEqual([0, '']);
    }
    expect(await readFile(join(dir, 'build', 'tm', 'de-en.jsonl'), 'utf8')).toContain('"target":"He praised the cooperation."');
    const published = await runCli(['publish', 'src', '--to', 'en', '--include-unreviewed'], { cwd: dir });
    expect(published.code, published.stderr).toBe(0);
    expect(await readdir(join(dir, 'site', 'out'))).toContain('en');
  });

  describe('are refused when they leave the project, before anything is written', () => {
    let outside: string;
    beforeEach(async () => {
      outside = await mkdtemp(join(tmpdir(), 'bitext-outside-'));
      await writeFile(join(dir, 'src', 'artikel.txt'), 'Er lobte die Zusammenarbeit.\n');
    });
    afterEach(async () => rm(outside, { recursive: true, force: true }));

    it.each([
      ['translations', {}],
      ['tm', { memory: 'tm' }],
    ])('%s', async (folder, paths) => {
      await symlink(outside, join(dir, folder));
      await writeFile(join(dir, 'bitext.config.json'), JSON.stringify({ version: 1, paths }));
      for (const args of [['translate', 'src', '--backend', 'mock', '--to', 'en'], ['translate', 'src', '--backend', 'mock', '--to', 'en', '--dry-run']]) {
        const r = await runCli(args, { cwd: dir, env: { BITEXT_MOCK_LOG: log } });
        expect(r.code, r.stderr).toBe(5);
        expect(r.stderr).toBe(
          `bitext: ${folder}: leads through a symbolic link to ${outside}, outside the project; bitext follows links only while they stay inside the project. ` +
            `Move that folder into the project, or name it in the config (paths.${folder === 'tm' ? 'memory' : 'translations'}) or with --out if it is meant to be elsewhere\n`,
        );
      }
      expect(await readdir(outside)).toEqual([]);
      expect(await sent()).toEqual([]);
    });

    it('published', async () => {
      await translate();
      await symlink(outside, join(dir, 'published'));
      const r = await runCli(['publish', 'src', '--to', 'en', '--include-unreviewed'], { cwd: dir });
      expect(r.code).toBe(5);
      expect(r.stderr).toMatch(/^bitext: published: leads through a symbolic link to .*, outside the project/);
      expect(await readdir(outside)).toEqual([]);
    });

    it('but a folder named outside the project on purpose is used as named', async () => {
      const r = await runCli(['translate', 'src', '--backend', 'mock', '--to', 'en', '--out', outside], { cwd: dir });
      expect(r.code, r.stderr).toBe(0);
      expect(await readdir(outside)).toContain('en');
    });
  });
});

describe('tm import of a TMX with one valid and one invalid target language', () => {
  const tmx = (units: string[]) => `<?xml version="1.0"?>\n<tmx version="1.4">\n<header srclang="de"/>\n<body>\n${units.join('\n')}\n</body>\n</tmx>\n`;

  it('imports nothing, names the file and line, and leaves an existing memory byte for byte', async () => {
    const header = JSON.stringify({ 'bitext-memory': 1, sourceLanguage: 'de', targetLanguage: 'en' });
    const existing = `${header}\n${JSON.stringify({ source: 'Alt.', target: 'Old.', origin: 'human', status: 'approved', changed: '2026-01-01T00:00:00.000Z' })}\n`;
    await mkdir(join(dir, 'translations', 'memory'), { recursive: true });
    await writeFile(join(dir, MEMORY), existing);
    for (const units of [
      // the invalid one first, then the valid one; and the other way round
      ['<tu><tuv xml:lang="de"><seg>Tschüss.</seg></tuv><tuv xml:lang="qq-bogus"><seg>Bye.</seg></tuv></tu>', '<tu><tuv xml:lang="de"><seg>Hallo.</seg></tuv><tuv xml:lang="en"><seg>Hello.</seg></tuv></tu>'],
      ['<tu><tuv xml:lang="de"><seg>Hallo.</seg></tuv><tuv xml:lang="en"><seg>Hello.</seg></tuv></tu>', '<tu><tuv xml:lang="de"><seg>Tschüss.</seg></tuv><tuv xml:lang="qq-bogus"><seg>Bye.</seg></tuv></tu>'],
    ]) {
      await writeFile(join(dir, 'mixed.tmx'), tmx(units));
      const line = units.findIndex((u) => u.includes('qq-bogus')) + 5;
      const r = await runCli(['tm', 'import', 'mixed.tmx'], { cwd: dir });
      expect(r.code).toBe(4);
      expect(r.stderr).toBe(`bitext: mixed.tmx:${line}: xml:lang "qq-bogus" is not a language bitext translates into, so nothing was imported; correct the code or import the others alone (--to en)\n`);
      expect(await readFile(join(dir, MEMORY), 'utf8')).toBe(existing);
      expect(await readdir(join(dir, 'translations', 'memory'))).toEqual(['de-en.jsonl']);
    }
  });

  it('skips a unit whose only other variant is German with a warning that reads right', async () => {
    await writeFile(join(dir, 'de.tmx'), tmx(['<tu><tuv xml:lang="de"><seg>Hallo.</seg></tuv><tuv xml:lang="en"><seg>Hello.</seg></tuv></tu>', '<tu><tuv xml:lang="de"><seg>Servus.</seg></tuv><tuv xml:lang="de-AT"><seg>Servus!</seg></tuv></tu>']));
    const r = await runCli(['tm', 'import', 'de.tmx'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('bitext: de.tmx:6: warning: translation unit without a target language variant skipped (found: de, de-AT) (tmx-missing-language)\n');
  });
});
