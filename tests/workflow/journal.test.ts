import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createJournal, journalFolder, newRunId, parseJournal, readJournals, removeJournals } from '../../src/workflow/journal.js';
import { createLayout } from '../../src/workflow/layout.js';

const HEADER = '{"bitext-journal":1,"run":"r","sourceLanguage":"de","started":"2026-01-01T00:00:00.000Z"}';
const line = (lang: string, source: string, target: string) => JSON.stringify({ lang, source, target, problems: [] });

describe('parseJournal', () => {
  it('reads the answers in order and ignores a torn last line (what a kill leaves)', () => {
    const text = `${HEADER}\n${line('en', 'A', 'a')}\n${line('fr', 'A', 'á')}\n{"lang":"en","source":"B","tar`;
    const read = parseJournal(text, 'j.jsonl', 'de');
    expect(read).toEqual({
      usable: true,
      entries: [
        { lang: 'en', source: 'A', target: 'a', problems: [] },
        { lang: 'fr', source: 'A', target: 'á', problems: [] },
      ],
      warnings: [],
    });
  });

  it('skips a damaged line in the middle with a warning at its line, and a line with a key twice', () => {
    const text = `${HEADER}\n${line('en', 'A', 'a')}\nnot json\n{"lang":"en","source":"B","target":"b","problems":[],"target":"c"}\n${line('en', 'C', 'c')}\n`;
    const read = parseJournal(text, 'j.jsonl', 'de');
    expect(read.entries.map((e) => e.source)).toEqual(['A', 'C']);
    expect(read.warnings.map((w) => [w.line, w.rule])).toEqual([
      [3, 'journal-damaged'],
      [4, 'journal-damaged'],
    ]);
  });

  it('a torn header holds nothing; another source language or another file is left alone', () => {
    expect(parseJournal('{"bitext-jour', 'j.jsonl', 'de')).toEqual({ usable: true, entries: [], warnings: [] });
    expect(parseJournal(`${HEADER}\n${line('en', 'A', 'a')}\n`, 'j.jsonl', 'fr').usable).toBe(false);
    expect(parseJournal('{"something":"else"}\n', 'j.jsonl', 'de')).toMatchObject({ usable: false, warnings: [{ line: 1 }] });
  });
});

describe('createJournal and readJournals', () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'bitext-journal-'));
  });
  afterEach(async () => rm(root, { recursive: true, force: true }));

  it('creates the file with the first answer, writes every answer once, and the next reader gets the last answer per sentence', async () => {
    const layout = createLayout({ root });
    const journal = createJournal(layout, { runId: newRunId(new Date('2026-12-01T12:00:00.000Z'), 4242), now: new Date('2026-12-01T12:00:00.000Z') });
    expect(journal.file).toBeUndefined();
    await journal.append('en', []);
    expect(journal.file).toBeUndefined();
    // Answers arriving together go to the disk in one flush; each promise waits for its own.
    await Promise.all([
      journal.append('en', [{ text: 'A', received: { target: 'a', problems: [] } }]),
      journal.append('en', [{ text: 'B', received: { target: 'b', problems: ['missing <1>'] } }]),
      journal.append('en', [{ text: 'A', received: { target: 'a2', problems: [] } }]),
    ]);
    await journal.close();
    expect(journal.file).toMatch(/\/translations\/\.bitext\/journal\/20261201T120000Z-4242-[0-9a-f]{4}\.jsonl$/);
    const lines = (await readFile(journal.file!, 'utf8')).split('\n');
    expect(lines).toHaveLength(5);
    expect(JSON.parse(lines[0]!)).toMatchObject({ 'bitext-journal': 1, sourceLanguage: 'de' });

    const read = await readJournals(layout);
    expect(read.files).toEqual([journal.file]);
    expect(read.answers.get('en')).toEqual(
      new Map([
        ['A', { target: 'a2', problems: [] }],
        ['B', { target: 'b', problems: ['missing <1>'] }],
      ]),
    );
    await removeJournals(layout, read.files);
    expect(await readdir(layout.translations)).toEqual([]);
  });

  it('nothing to read is nothing: no folder, an empty folder', async () => {
    const layout = createLayout({ root });
    expect((await readJournals(layout)).files).toEqual([]);
    await writeFile(join(root, 'x'), '');
    expect((await readJournals(createLayout({ root, translations: 'x' }))).files).toEqual([]);
    expect(journalFolder(layout)).toBe(join(root, 'translations', '.bitext', 'journal'));
  });
});
