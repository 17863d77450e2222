// The no-op fast path (src/workflow/run-state.ts), through the built CLI on temporary projects: an unchanged
// re-run writes nothing and reports what a full run reports; a reviewer's save, a glossary change or a lost
// state file always lead back to the full path.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { runCli } from '../helpers/cli.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bitext-fast-'));
  await mkdir(join(dir, 'src'));
  await writeFile(join(dir, 'src', 'a.txt'), 'Der Rat tagte am Montag in Berlin. Die Sitzung dauerte drei Stunden.\n\nDas Wetter war schlecht.\n');
  await writeFile(join(dir, 'src', 'b.txt'), 'Die Bahn fuhr pünktlich ab. Niemand beschwerte sich.\n');
  await writeFile(
    join(dir, 'glossary.json'),
    JSON.stringify({ version: 1, sourceLanguage: 'de', terms: [{ id: 'rat', source: 'Rat', targets: { en: 'council' } }] }, null, 2),
  );
});
afterEach(async () => rm(dir, { recursive: true, force: true }));

const STATE = (): string => join(dir, 'translations', '.bitext-state.json');
const TRANSLATE = ['translate', 'src', '--to', 'en,fr', '--backend', 'mock', '--json'];

async function translate(extra: string[] = [], env: Record<string, string> = {}) {
  const r = await runCli([...TRANSLATE, ...extra], { cwd: dir, env });
  return { ...r, report: r.stdout ? JSON.parse(r.stdout) : undefined };
}

/** Every file of the project with its bytes and modification time. */
async function files(): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const walk = async (folder: string): Promise<void> => {
    for (const entry of await readdir(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) await walk(path);
      else out.set(relative(dir, path), `${(await stat(path)).mtimeMs} ${await readFile(path, 'utf8')}`);
    }
  };
  await walk(dir);
  return out;
}

/** Puts a made-up segment count into the state for a.txt: shown only while the state is believed. */
async function doctorState(): Promise<void> {
  const state = JSON.parse(await readFile(STATE(), 'utf8'));
  state.documents['src/a.txt'].files.en.counts.approved = 99;
  await writeFile(STATE(), JSON.stringify(state));
}

const doctored = (report: { documents: { source: string; lang: string; counts: { approved: number } }[] }): boolean =>
  report.documents.some((d) => d.source === 'src/a.txt' && d.lang === 'en' && d.counts.approved === 99);

describe('the no-op fast path', () => {
  it('an unchanged re-run reports what a full run reports, and writes nothing', async () => {
    const first = await translate();
    expect(first.code, first.stderr).toBe(0);
    const before = await files();
    expect(before.has('translations/.bitext-state.json')).toBe(true);

    const again = await translate();
    expect(again.code, again.stderr).toBe(0);
    expect(await files()).toEqual(before);
    expect(again.report.stats.segments).toBe(0);
    expect(again.report.documents.map((d: { outcome: string }) => d.outcome)).toEqual(['unchanged', 'unchanged', 'unchanged', 'unchanged']);
    // The same report as the full path (no state at all) gives.
    const state = await readFile(STATE());
    await rm(STATE());
    const full = await translate();
    expect(full.code, full.stderr).toBe(0);
    expect(full.stdout).toBe(again.stdout);
    expect(await readFile(STATE())).toEqual(state);
    const after = await files();
    // The plain-text report too, and --dry-run and --frozen agree.
    const text = await runCli(TRANSLATE.filter((a) => a !== '--json'), { cwd: dir });
    expect(text.stdout).toMatch(/4 documents \(0 written\)/);
    expect((await translate(['--dry-run'])).report.documents).toEqual(again.report.documents);
    expect((await translate(['--frozen'])).code).toBe(0);
    expect(await files()).toEqual(after);

    // The state is believed while the bytes match: the documents were not read again.
    await doctorState();
    expect(doctored((await translate()).report)).toBe(true);
  });

  it('a reviewer edit made between two runs is seen: the memory learns it, --frozen says so', async () => {
    expect((await translate()).code).toBe(0);
    const path = join(dir, 'translations', 'en', 'a.md');
    const file = await readFile(path, 'utf8');
    const edited = file
      .replace('(MOCK en) Das Wetter war schlecht.', 'The weather was bad.')
      .replace(/(> Das Wetter war schlecht\.\n\nThe weather was bad\.\n\n)🟠 status: machine/, '$1status: approved');
    expect(edited).not.toBe(file);
    await writeFile(path, edited);
    await doctorState();

    const frozen = await translate(['--frozen']);
    expect(frozen.code).toBe(9);
    expect(frozen.stderr).toMatch(/memory/);

    const run = await translate();
    expect(run.code, run.stderr).toBe(0);
    expect(doctored(run.report)).toBe(false);
    const a = run.report.documents.find((d: { source: string; lang: string }) => d.source === 'src/a.txt' && d.lang === 'en');
    expect(a.counts.approved).toBe(1);
    expect(await readFile(join(dir, 'translations', 'memory', 'de-en.jsonl'), 'utf8')).toMatch(/The weather was bad\./);
    expect(await readFile(path, 'utf8')).toMatch(/The weather was bad\.\n\n.*status: approved/);
  });

  it('a changed glossary plans every document again', async () => {
    expect((await translate()).code).toBe(0);
    await doctorState();
    const glossary = JSON.parse(await readFile(join(dir, 'glossary.json'), 'utf8'));
    glossary.terms.push({ id: 'bahn', source: 'Bahn', targets: { en: 'railway' } });
    await writeFile(join(dir, 'glossary.json'), JSON.stringify(glossary));
    const run = await translate();
    expect(run.code, run.stderr).toBe(0);
    expect(doctored(run.report)).toBe(false);
    // The glossary's hash is in every review file's header: all four are written again.
    expect(run.report.documents.filter((d: { outcome: string }) => d.outcome === 'written')).toHaveLength(4);
  });

  it('a deleted, damaged or foreign state file is harmless', async () => {
    const first = await translate();
    expect(first.code).toBe(0);
    const reference = (await translate()).stdout;
    for (const damage of ['', '{"bitext-state":1', 'null', '{"bitext-state":999,"key":"x","languages":{},"documents":{}}', '[1,2]']) {
      await writeFile(STATE(), damage);
      const run = await translate();
      expect(run.code, `${JSON.stringify(damage)}: ${run.stderr}`).toBe(0);
      expect(run.stdout).toBe(reference);
      expect(JSON.parse(await readFile(STATE(), 'utf8'))['bitext-state']).toBe(1);
    }
    await rm(STATE());
    expect((await translate()).stdout).toBe(reference);
  });

  it('a run that changes one document and the memory keeps the others settled: the next run skips them, and says what a full run says', async () => {
    expect((await translate()).code).toBe(0);
    // A new sentence in b.txt: sent, and its answer added to the memory, whose bytes (the state's key of
    // the language) change in this run.
    await writeFile(join(dir, 'src', 'b.txt'), 'Die Bahn fuhr pünktlich ab. Niemand beschwerte sich. Ein Zug fiel aus.\n');
    const memoryBefore = await readFile(join(dir, 'translations/memory/de-en.jsonl'), 'utf8');
    expect((await translate()).code).toBe(0);
    expect(await readFile(join(dir, 'translations/memory/de-en.jsonl'), 'utf8')).not.toBe(memoryBefore);
    const state = JSON.parse(await readFile(STATE(), 'utf8')) as { documents: Record<string, unknown> };
    expect(Object.keys(state.documents).sort()).toEqual(['src/a.txt', 'src/b.txt']);
    // a.txt is still believed from the state (the doctored count shows), and the report is a full run's.
    await doctorState();
    const skipped = await translate();
    expect(doctored(skipped.report)).toBe(true);
    await rm(STATE());
    const full = await translate();
    expect(doctored(full.report)).toBe(false);
    const undoctor = (report: { documents: { counts: { approved: number } }[] }) => report.documents.map((d) => ({ ...d, counts: { ...d.counts, approved: 0 } }));
    expect(undoctor(skipped.report)).toEqual(undoctor(full.report));
  });

  it('a changed document still takes the machine output of a skipped one: nothing is paid twice', async () => {
    const log = join(dir, 'requests.jsonl');
    expect((await translate([], { BITEXT_MOCK_LOG: log })).code).toBe(0);
    const sentFirst = (await readFile(log, 'utf8')).trim().split('\n').length;
    await writeFile(join(dir, 'src', 'b.txt'), 'Die Bahn fuhr pünktlich ab. Das Wetter war schlecht.\n');
    const run = await translate([], { BITEXT_MOCK_LOG: log });
    expect(run.code, run.stderr).toBe(0);
    expect((await readFile(log, 'utf8')).trim().split('\n').length).toBe(sentFirst);
    const b = run.report.documents.filter((d: { source: string }) => d.source === 'src/b.txt');
    // From the memory, which keeps every answer, or from the skipped document's file.
    expect(b.map((d: { reused: number; memoryHits: number }) => d.reused + d.memoryHits)).toEqual([1, 1]);
    expect(run.report.documents.filter((d: { source: string }) => d.source === 'src/a.txt').map((d: { outcome: string }) => d.outcome)).toEqual(['unchanged', 'unchanged']);
  });
});
