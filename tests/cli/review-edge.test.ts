// Edge cases of the review workflow on the built CLI (run `npm run build` first): hand-typed edits, saves
// during a run, unwritable outputs, reuse of machine output, --frozen/--dry-run side effects, and the lock.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { copyFile, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ROOT, runCli, tempProject, type CliResult } from '../helpers/cli.js';
import { fromBilingualMarkdown, toBilingualMarkdown } from '../../src/bilingual/index.js';
import type { BilingualDocument, BilingualSegment } from '../../src/bilingual/types.js';
import { mockLog, type MockLog } from '../helpers/mock-log.js';

let dir: string;
let cleanup: () => Promise<void>;
let log: string;
let requests: MockLog;
beforeEach(async () => {
  ({ dir, cleanup } = await tempProject({ seeds: false }));
  await mkdir(join(dir, 'src'));
  log = join(dir, 'requests.jsonl');
  requests = mockLog(log);
});
afterEach(async () => cleanup());

const P1 = ['Der Präsident sprach am Montag in Berlin.', 'Er lobte die Zusammenarbeit.'];
const P2 = ['Die Gespräche dauerten drei Stunden.', 'Beide Seiten unterzeichneten ein Abkommen.', 'Details wurden nicht genannt.'];
const LOCK = join('translations', '.bitext.lock');

const bilingual = (name: string) => join('translations', 'en', `${name}.md`);

function run(extra: string[] = [], env: Record<string, string> = {}): Promise<CliResult> {
  return runCli(['translate', 'src', '--backend', 'mock', '--to', 'en', ...extra], { cwd: dir, env: { BITEXT_MOCK_LOG: log, ...env } });
}

async function translate(extra: string[] = [], env: Record<string, string> = {}): Promise<CliResult> {
  const r = await run(extra, env);
  if (r.code !== 0) throw new Error(`translate failed (${r.code}): ${r.stderr}`);
  return r;
}

const sentSinceLastCall = (): Promise<string[]> => requests.sentSinceLastCall();

async function writeSource(name: string, paragraphs: string[][]): Promise<void> {
  await writeFile(join(dir, 'src', `${name}.txt`), `${paragraphs.map((p) => p.join(' ')).join('\n')}\n`);
}

async function readDoc(name = 'artikel'): Promise<BilingualDocument> {
  return fromBilingualMarkdown(await readFile(join(dir, bilingual(name)), 'utf8'), bilingual(name));
}

function segments(doc: BilingualDocument): BilingualSegment[] {
  return doc.paragraphs.flatMap((p) => p.segments);
}

function segmentOf(doc: BilingualDocument, source: string): BilingualSegment {
  const found = segments(doc).find((s) => s.source === source);
  if (!found) throw new Error(`no segment with source ${JSON.stringify(source)}`);
  return found;
}

async function exists(path: string): Promise<boolean> {
  return stat(join(dir, path)).then(
    () => true,
    () => false,
  );
}

/** Edits the file through the library, as an editor plugin would. */
async function review(name: string, source: string, change: (s: BilingualSegment) => BilingualSegment): Promise<void> {
  const doc = await readDoc(name);
  const paragraphs = doc.paragraphs.map((p) => ({ ...p, segments: p.segments.map((s) => (s.source === source ? change(s) : s)) }));
  expect(segments(doc).some((s) => s.source === source)).toBe(true);
  await writeFile(join(dir, bilingual(name)), toBilingualMarkdown({ ...doc, paragraphs }));
}

describe('hand-typed edits', () => {
  it('a target line and a status word typed in a text editor, saved with CRLF, are kept and the file stays CRLF', async () => {
    await writeSource('artikel', [P1, P2]);
    await translate();
    expect(await sentSinceLastCall()).toHaveLength(5);

    const lines = (await readFile(join(dir, bilingual('artikel')), 'utf8')).split('\n');
    // The target sits two lines under its `> source` line (a blank line between); the status two lines under that.
    const edited = lines.indexOf(`> ${P1[1]}`);
    expect(edited).toBeGreaterThan(0);
    expect(lines[edited + 2]).toBe(`(MOCK en) ${P1[1]}`);
    lines[edited + 2] = 'He praised the cooperation.';
    const approved = lines.indexOf(`> ${P2[0]}`);
    expect(lines[approved + 4]).toMatch(/^🟠 status: machine\b/);
    lines[approved + 4] = lines[approved + 4]!.replace(/^🟠 status: machine/, 'status: Approved');
    const saved = lines.join('\r\n');
    await writeFile(join(dir, bilingual('artikel')), saved);

    await translate();
    expect(await sentSinceLastCall()).toEqual([]);
    const bytes = await readFile(join(dir, bilingual('artikel')));
    const text = bytes.toString('utf8');
    expect(text).toContain('\r\n');
    expect(text).not.toMatch(/(?<!\r)\n/);
    const doc = fromBilingualMarkdown(text, bilingual('artikel'));
    expect(segmentOf(doc, P1[1]!)).toMatchObject({ status: 'edited', target: 'He praised the cooperation.' });
    expect(segmentOf(doc, P2[0]!)).toMatchObject({ status: 'approved', target: `(MOCK en) ${P2[0]}` });
    expect(segmentOf(doc, P2[1]!)).toMatchObject({ status: 'machine' });

    const frozen = await run(['--frozen']);
    expect(frozen.stderr + frozen.stdout).not.toMatch(/out of date/);
    expect(frozen.code).toBe(0);
    // A frozen check writes nothing: the reviewer's bytes stay exactly as the last run left them.
    expect((await readFile(join(dir, bilingual('artikel')))).equals(bytes)).toBe(true);
  });
});

/**
 * A translated file, then a new sentence and a run whose request takes 1.5 s. Returns once the run holds
 * the lock (it has read the reviewer's file) and is about 600 ms in, so the caller can save mid-request.
 */
async function startSlowRunWithNewSentence(): Promise<{ fresh: string; running: Promise<CliResult> }> {
  await writeSource('artikel', [P1, P2]);
  await translate();
  await sentSinceLastCall();
  const fresh = 'Ein Sprecher bestätigte das.';
  await writeSource('artikel', [P1, [...P2, fresh]]);
  const running = run([], { BITEXT_MOCK_LATENCY_MS: '1500' });
  const started = Date.now();
  while (!(await exists(LOCK)) && Date.now() - started < 5000) await sleep(20);
  expect(await exists(LOCK)).toBe(true);
  await sleep(Math.max(0, 600 - (Date.now() - started)));
  return { fresh, running };
}

describe('a reviewer saves the file during a run', () => {
  it("the save is planned again: the approval and new target survive and the new sentence is translated", async () => {
    const { fresh, running } = await startSlowRunWithNewSentence();
    await review('artikel', P1[0]!, (s) => ({ ...s, status: 'approved', target: 'The president spoke in Berlin on Monday.' }));
    const result = await running;
    expect(result.stderr).not.toMatch(/error/i);
    expect(result.code).toBe(0);

    expect(await sentSinceLastCall()).toEqual([fresh]);
    const doc = await readDoc();
    expect(segmentOf(doc, P1[0]!)).toMatchObject({ status: 'approved', target: 'The president spoke in Berlin on Monday.' });
    expect(segmentOf(doc, fresh)).toMatchObject({ status: 'machine', target: `(MOCK en) ${fresh}` });
    expect(segments(doc)).toHaveLength(6);
  }, 20_000);
});

describe('an output path that is a folder', () => {
  const FIRST = [['Der erste Artikel beginnt hier.', 'Er hat zwei Sätze.']];
  const SECOND = [['Der zweite Artikel ist anders.', 'Auch er hat zwei Sätze.']];

  it('fails that document with exit 5 naming the path, writes the other, and bills nothing twice', async () => {
    await writeSource('erster', FIRST);
    await writeSource('zweiter', SECOND);
    await mkdir(join(dir, bilingual('erster')), { recursive: true });

    const first = await run();
    expect(first.code).toBe(5);
    expect(first.stderr).toContain(bilingual('erster').split('\\').join('/'));
    expect(segments(await readDoc('zweiter')).map((s) => s.status)).toEqual(['machine', 'machine']);
    // Nothing is paid for a document that cannot be written.
    expect((await sentSinceLastCall()).sort()).toEqual(SECOND.flat().sort());

    await rm(join(dir, bilingual('erster')), { recursive: true });
    await translate();
    expect((await sentSinceLastCall()).sort()).toEqual(FIRST.flat().sort());
    expect(segments(await readDoc('erster')).map((s) => s.status)).toEqual(['machine', 'machine']);
    expect(await exists(LOCK)).toBe(false);
  });
});

describe('machine output the project already has', () => {
  it('a sentence repeated later in the document and added to a second document is not sent again', async () => {
    await writeSource('artikel', [P1, P2]);
    await translate();
    expect(await sentSinceLastCall()).toHaveLength(5);

    const fresh = 'Das ist ein ganz neuer Satz.';
    await writeSource('artikel', [P1, P2, [P1[1]!]]);
    await writeSource('zweiter', [[P1[1]!, fresh]]);
    const r = await translate();
    expect(await sentSinceLastCall()).toEqual([fresh]);
    // Filled from the machine output the memory keeps of every answer (or from the project's files).
    expect(r.stdout).toMatch(/artikel\.md: written \(.*1 (from memory|reused)\)/);
    expect(r.stdout).toMatch(/zweiter\.md: written \(.*1 (from memory|reused)\)/);

    const repeated = segments(await readDoc()).filter((s) => s.source === P1[1]);
    expect(repeated).toHaveLength(2);
    expect(new Set(repeated.map((s) => s.id)).size).toBe(2);
    for (const s of repeated) expect(s).toMatchObject({ status: 'machine', target: `(MOCK en) ${P1[1]}` });
    expect(segmentOf(await readDoc('zweiter'), P1[1]!)).toMatchObject({ status: 'machine', target: `(MOCK en) ${P1[1]}` });
  });
});

describe('an answer paid for is never bought again', () => {
  it('a source change undone, a document renamed, a segment deleted from its review file: 0 sent', async () => {
    await writeSource('artikel', [P1, P2]);
    await translate();
    expect(await sentSinceLastCall()).toHaveLength(5);
    const answers = new Map(segments(await readDoc()).map((s) => [s.source, s.target]));

    // Changed (the new sentence is sent), then changed back: the old answer comes from the memory.
    await writeSource('artikel', [[P1[0]!.replace('Montag', 'Dienstag'), P1[1]!], P2]);
    await translate();
    expect(await sentSinceLastCall()).toEqual([P1[0]!.replace('Montag', 'Dienstag')]);
    await writeSource('artikel', [P1, P2]);
    await translate();
    expect(await sentSinceLastCall()).toEqual([]);
    expect(segmentOf(await readDoc(), P1[0]!)).toMatchObject({ status: 'machine', target: answers.get(P1[0]!) });

    // A reviewer deletes a segment's block from the review file: it comes back from the memory.
    const text = await readFile(join(dir, bilingual('artikel')), 'utf8');
    const id = segmentOf(await readDoc(), P2[2]!).id;
    const start = text.indexOf(`<!-- bitext ${id} `);
    await writeFile(join(dir, bilingual('artikel')), text.slice(0, start) + text.slice(text.indexOf('status: machine', start) + 'status: machine'.length + 1));
    await translate();
    expect(await sentSinceLastCall()).toEqual([]);
    expect(segmentOf(await readDoc(), P2[2]!)).toMatchObject({ status: 'machine', target: answers.get(P2[2]!) });

    // The source is renamed: a new review file, filled from the memory.
    await rm(join(dir, 'src', 'artikel.txt'));
    await writeSource('meldung', [P1, P2]);
    await translate();
    expect(await sentSinceLastCall()).toEqual([]);
    expect(segments(await readDoc('meldung')).map((s) => s.target)).toEqual([...P1, ...P2].map((t) => answers.get(t)));
  });
});

describe('a person\'s work deleted from a review file', () => {
  it('comes back from the memory with its status in that document, as edited in another one', async () => {
    await writeSource('artikel', [P1]);
    await translate();
    const file = join(dir, bilingual('artikel'));
    await writeFile(file, (await readFile(file, 'utf8')).replace(/status: machine/g, 'status: approved'));
    await translate();
    const id = segmentOf(await readDoc(), P1[1]!).id;
    const text = await readFile(file, 'utf8');
    const start = text.indexOf(`<!-- bitext ${id}`);
    await writeFile(file, text.slice(0, start) + text.slice(text.indexOf('\n', text.indexOf('status: approved', start)) + 1));
    await writeSource('zweiter', [[P1[1]!]]);
    await sentSinceLastCall();
    await translate();
    expect(await sentSinceLastCall()).toEqual([]);
    expect(segmentOf(await readDoc(), P1[1]!).status).toBe('approved');
    expect(segmentOf(await readDoc('zweiter'), P1[1]!).status).toBe('edited');
  });
});

describe('machine output a reviewer rejected', () => {
  it('is not filled again from the memory: new over a deleted target line, and a source change undone', async () => {
    await writeSource('artikel', [P1, P2]);
    await translate();
    await sentSinceLastCall();
    const file = join(dir, bilingual('artikel'));
    const reject = async (source: string, keepTarget: boolean): Promise<void> => {
      const lines = (await readFile(file, 'utf8')).split('\n');
      const quote = lines.indexOf(`> ${source}`);
      if (!keepTarget) lines[quote + 2] = '';
      const status = lines.findIndex((l, i) => i > quote && l.includes('status:'));
      lines[status] = 'status: new';
      await writeFile(file, lines.join('\n'));
    };
    // The target line deleted and `new` set: a fresh translation is asked for.
    await reject(P1[0]!, false);
    await translate();
    expect(await sentSinceLastCall()).toEqual([P1[0]]);
    // `new` set and the source changed at once, then the change undone: the rejected answer stays rejected.
    await reject(P2[0]!, true);
    const changed = P2[0]!.replace('drei', 'vier');
    await writeSource('artikel', [P1, [changed, P2[1]!, P2[2]!]]);
    await translate();
    expect(await sentSinceLastCall()).toEqual([changed]);
    await writeSource('artikel', [P1, P2]);
    await translate();
    expect(await sentSinceLastCall()).toEqual([P2[0]]);
  });
});

describe('a renamed or moved source', () => {
  it('takes its review work with it: statuses and comments carried over, nothing sent, the old file named', async () => {
    await writeSource('artikel', [P1]);
    await translate();
    const text = await readFile(join(dir, bilingual('artikel')), 'utf8');
    await writeFile(join(dir, bilingual('artikel')), text.replace(/status: machine/g, 'status: approved').replace(/(status: approved[^\n]*)/, '$1\n- comment: checked by Anna'));
    await translate();
    await sentSinceLastCall();
    await rm(join(dir, 'src', 'artikel.txt'));
    await writeSource('meldung', [P1]);
    const r = await translate();
    expect(await sentSinceLastCall()).toEqual([]);
    expect(r.stdout).toContain('translations/en/meldung.md: info: src/meldung.txt has the text of src/artikel.txt, which is gone: its review work (statuses, comments) is carried over from translations/en/artikel.md');
    const moved = segments(await readDoc('meldung'));
    expect(moved.map((s) => s.status)).toEqual(['approved', 'approved']);
    expect(moved[0]!.comment).toBe('checked by Anna');
    // A second run says nothing more and changes nothing.
    expect((await translate()).stdout).not.toContain('review-file-moved');
  });

  it('renamed and edited at once: the unchanged sentences keep their status, the changed one goes stale', async () => {
    await writeSource('artikel', [P1, P2]);
    await translate();
    const text = await readFile(join(dir, bilingual('artikel')), 'utf8');
    await writeFile(join(dir, bilingual('artikel')), text.replace(/status: machine/g, 'status: approved'));
    await translate();
    await rm(join(dir, 'src', 'artikel.txt'));
    await writeSource('meldung', [P1, [P2[0]!.replace('drei', 'vier'), P2[1]!, P2[2]!]]);
    const r = await translate();
    expect(r.stdout).toContain('src/meldung.txt has most of the text of src/artikel.txt, which is gone');
    expect(segments(await readDoc('meldung')).map((s) => s.status)).toEqual(['approved', 'approved', 'stale', 'approved', 'approved']);
  });
});

describe('--frozen and --dry-run create nothing', () => {
  it('--frozen with pending work exits 9 and creates no folder and no lock', async () => {
    await writeSource('artikel', [P1]);
    const r = await run(['--frozen']);
    expect(r.code).toBe(9);
    expect(r.stderr).toMatch(/out of date/);
    expect(await exists('translations')).toBe(false);
    expect(await sentSinceLastCall()).toEqual([]);
  });

  it('--dry-run creates no folder and no lock', async () => {
    await writeSource('artikel', [P1]);
    const r = await run(['--dry-run']);
    expect(r.code).toBe(0);
    expect(await exists('translations')).toBe(false);
    expect(await sentSinceLastCall()).toEqual([]);
  });

  it('--frozen on an existing project with a changed source exits 9, leaves the file and takes no lock', async () => {
    await writeSource('artikel', [P1]);
    await translate();
    await sentSinceLastCall();
    const before = await readFile(join(dir, bilingual('artikel')));
    const memory = join(dir, 'translations', 'memory', 'de-en.jsonl');
    const memoryBefore = await readFile(memory);
    await writeSource('artikel', [P1, ['Ein neuer Absatz.']]);
    const r = await run(['--frozen']);
    expect(r.code).toBe(9);
    expect((await readFile(join(dir, bilingual('artikel')))).equals(before)).toBe(true);
    expect(await exists(LOCK)).toBe(false);
    expect((await readFile(memory)).equals(memoryBefore)).toBe(true);
    expect(await sentSinceLastCall()).toEqual([]);
  });
});

describe('the project lock', () => {
  it('of two concurrent runs on one folder, one works and the other exits 8 naming the holder', async () => {
    await writeSource('artikel', [P1, P2]);
    const env = { BITEXT_MOCK_LATENCY_MS: '800' };
    const results = await Promise.all([run([], env), run([], env)]);
    const codes = results.map((r) => r.code).sort();
    expect(codes, results.map((r) => r.stderr).join('\n')).toEqual([0, 8]);
    const loser = results.find((r) => r.code === 8)!;
    expect(loser.stderr).toMatch(/process \d+ on \S+ \("bitext translate"/);
    expect(loser.stderr).toContain('.bitext.lock');
    expect(await exists(LOCK)).toBe(false);
    // The winner's work is complete and sent once.
    expect((await sentSinceLastCall()).sort()).toEqual([...P1, ...P2].sort());
    expect(segments(await readDoc()).every((s) => s.status === 'machine')).toBe(true);
  }, 20_000);

  it('tm import waits for no one: a live lock holder makes it exit 8 and the memory is untouched', async () => {
    await copyFile(join(ROOT, 'tests/fixtures/tmx/omegat.tmx'), join(dir, 'memory.tmx'));
    await mkdir(join(dir, 'translations'), { recursive: true });
    const holder = { pid: process.pid, host: hostname(), command: 'bitext translate', started: new Date().toISOString() };
    await writeFile(join(dir, LOCK), `${JSON.stringify(holder)}\n`);

    const blocked = await runCli(['tm', 'import', 'memory.tmx'], { cwd: dir });
    expect(blocked.code).toBe(8);
    expect(blocked.stderr).toContain(`process ${process.pid}`);
    expect(await exists(join('translations', 'memory', 'de-en.jsonl'))).toBe(false);
    // Another process's lock is never removed.
    expect(JSON.parse(await readFile(join(dir, LOCK), 'utf8'))).toEqual(holder);

    // Once the holder is gone, the same import works (so the 8 above came from the lock).
    await rm(join(dir, LOCK));
    const imported = await runCli(['tm', 'import', 'memory.tmx'], { cwd: dir });
    expect(imported.code, imported.stderr).toBe(0);
    expect(await exists(join('translations', 'memory', 'de-en.jsonl'))).toBe(true);
  });
});

describe('second review', () => {
  it('a reviewer who damages the file during a run loses nothing paid for: the next run sends nothing again', async () => {
    const { fresh, running } = await startSlowRunWithNewSentence();
    const good = await readFile(join(dir, bilingual('artikel')), 'utf8');
    await writeFile(join(dir, bilingual('artikel')), good.replace(/^🟠 status: machine/m, 'status: bogus'));
    const result = await running;
    expect(result.code).toBe(4);
    expect(await sentSinceLastCall()).toEqual([fresh]);
    await writeFile(join(dir, bilingual('artikel')), good); // the reviewer fixes the file
    const again = await translate();
    expect(await sentSinceLastCall()).toEqual([]);
    expect(again.stdout).toMatch(/1 from memory/);
    expect(segmentOf(await readDoc(), fresh)).toMatchObject({ status: 'machine', target: `(MOCK en) ${fresh}` });
  }, 20_000);

  it('one CRLF line typed into an LF file does not convert the whole file', async () => {
    await writeSource('artikel', [P1, P2]);
    await translate();
    const path = join(dir, bilingual('artikel'));
    const lines = (await readFile(path, 'utf8')).split('\n');
    const at = lines.findIndex((l) => l === `> ${P1[1]}`) + 2;
    lines[at] = 'He praised the cooperation.\r';
    await writeFile(path, lines.join('\n'));
    await translate();
    const after = await readFile(path, 'utf8');
    expect(after).toContain('He praised the cooperation.');
    expect(after).not.toContain('\r\n');
  });

  it('a memory checked out with CRLF line ends (git autocrlf) is up to date for --frozen', async () => {
    await writeSource('artikel', [P1, P2]);
    await translate();
    await review('artikel', P1[1]!, (s) => ({ ...s, status: 'approved', target: 'He praised the cooperation.' }));
    await translate();
    const memory = join(dir, 'translations', 'memory', 'de-en.jsonl');
    await writeFile(memory, (await readFile(memory, 'utf8')).replace(/\n/g, '\r\n'));
    const frozen = await run(['--frozen']);
    expect(frozen.stderr).toBe('');
    expect(frozen.code).toBe(0);
  });

  it('`new` over untouched machine output is sent again even when another document has that sentence', async () => {
    await writeSource('artikel', [P1]);
    await writeSource('zweiter', [[P1[0]!, 'Ein ganz anderer Satz steht hier.']]);
    await translate();
    await sentSinceLastCall();
    await review('artikel', P1[0]!, (s) => ({ ...s, status: 'new' }));
    await translate();
    expect(await sentSinceLastCall()).toEqual([P1[0]]);
  });
});
