// The review file v2 as a person uses it in a text editor: comments, accepted findings, one-word actions,
// join and split, a mistaken edit of the German, merge-conflict markers, `status --todo` — through the
// built CLI on a temporary project.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runCli, tempProject, type CliResult } from '../helpers/cli.js';
import { addUnderStatus, setSourceLine, setStatus, setTarget, statusOf, targetOf } from '../helpers/review-file.js';
import { mockLog, type MockLog } from '../helpers/mock-log.js';

let dir: string;
let cleanup: () => Promise<void>;
let log: string;
let requests: MockLog;
beforeEach(async () => {
  ({ dir, cleanup } = await tempProject({ seeds: false, glossary: false }));
  await mkdir(join(dir, 'articles'));
  log = join(dir, 'requests.jsonl');
  requests = mockLog(log);
});
afterEach(async () => cleanup());

const FILE = 'translations/en/a.md';
const P1 = ['Der Präsident sprach am Montag in Berlin.', 'Er lobte die Zusammenarbeit.'];
const P2 = ['Die Gespräche dauerten 3 Stunden.', 'Beide Seiten unterzeichneten ein Abkommen.'];

const cli = (args: readonly string[]): Promise<CliResult> => runCli(args, { cwd: dir, env: { BITEXT_MOCK_LOG: log } });
async function translate(langs = 'en'): Promise<CliResult> {
  const r = await cli(['translate', 'articles', '--backend', 'mock', '--to', langs]);
  if (r.code !== 0) throw new Error(`translate failed (${r.code}): ${r.stderr}${r.stdout}`);
  return r;
}
const sentSinceLastCall = (): Promise<string[]> => requests.sentSinceLastCall();
const write = (path: string, text: string): Promise<void> => writeFile(join(dir, path), text);
const read = (path: string): Promise<string> => readFile(join(dir, path), 'utf8');
async function editFile(path: string, change: (text: string) => string): Promise<void> {
  await write(path, change(await read(path)));
}
const source = (name: string, paragraphs: readonly (readonly string[])[]): Promise<void> =>
  write(`articles/${name}`, `${paragraphs.map((p) => p.join(' ')).join('\n')}\n`);

describe('comments and accepted findings', () => {
  it('a comment stays with its segment across runs and source changes, and reaches the memory and TMX', async () => {
    await source('a.txt', [P1, P2]);
    await translate();
    await editFile(FILE, (t) => addUnderStatus(setStatus(setTarget(t, P1[1]!, 'He praised the cooperation.'), P1[1]!, 'approved'), P1[1]!, '- comment: Anna: the desk prefers "cooperation"'));
    await translate();
    // Sentences inserted before it: the comment moves with it.
    await source('a.txt', [['Ein neuer Satz steht vorn.', ...P1], P2]);
    await translate();
    let text = await read(FILE);
    expect(text).toMatch(/> Er lobte die Zusammenarbeit\.\n\nHe praised the cooperation\.\n\n🟢 status: approved\n- comment: Anna: the desk prefers "cooperation"\n/);
    const tmx = await cli(['tm', 'export', '--to', 'en']);
    expect(tmx.code).toBe(0);
    expect(tmx.stdout).toMatch(/<note>Anna: the desk prefers (&quot;|")cooperation(&quot;|")<\/note>/);
    // Exported and imported into another project, the note comes back as the segment's comment.
    await write('memory-en.tmx', tmx.stdout);
    const other = join(dir, 'other');
    await mkdir(join(other, 'articles'), { recursive: true });
    await writeFile(join(other, 'articles/z.txt'), `${P1[1]}\n`);
    const imported = await runCli(['tm', 'import', join(dir, 'memory-en.tmx'), '--to', 'en'], { cwd: other });
    expect(imported.code, imported.stderr).toBe(0);
    expect((await runCli(['translate', 'articles', '--backend', 'mock', '--to', 'en'], { cwd: other })).code).toBe(0);
    expect(await readFile(join(other, 'translations/en/z.md'), 'utf8')).toMatch(/He praised the cooperation\.\n\n🟡 status: edited\n- comment: Anna: the desk prefers "cooperation"\n/);
    // The source of the commented sentence changes: stale, comment kept.
    await source('a.txt', [['Ein neuer Satz steht vorn.', P1[0]!, 'Er lobte die gute Zusammenarbeit.'], P2]);
    await translate();
    text = await read(FILE);
    expect(text).toMatch(/🟣 status: stale\n- comment: Anna: the desk prefers "cooperation"\n/);
  });

  it('a comment on machine output survives a change of its source, and one on a new segment the arrival of its translation', async () => {
    await source('a.txt', [P1, P2]);
    await translate('en');
    await editFile(FILE, (t) => addUnderStatus(t, P1[1]!, '- comment: check the tone'));
    await source('a.txt', [[P1[0]!, 'Er lobte die enge Zusammenarbeit.'], P2]);
    await translate();
    expect(await read(FILE)).toMatch(/> Er lobte die enge Zusammenarbeit\.\n\n\(MOCK en\) [^\n]+\n\n🟠 status: machine\n- comment: check the tone\n/);
    // A segment set to `new` (asking for a fresh translation) with a comment: the translation arrives, the
    // comment stays.
    await editFile(FILE, (t) => addUnderStatus(setStatus(t, P2[1]!, 'new'), P2[1]!, '- comment: the desk wants a fresh one'));
    await sentSinceLastCall();
    await translate();
    expect(await sentSinceLastCall()).toEqual([P2[1]]);
    expect(await read(FILE)).toMatch(/🟠 status: machine\n- comment: the desk wants a fresh one\n/);
  });

  it('a deleted sentence is said: a person\'s translation stays in the memory, a comment on machine output is shown', async () => {
    await source('a.txt', [P1, P2]);
    await translate();
    await editFile(FILE, (t) => setStatus(setTarget(t, P1[1]!, 'He praised the cooperation.'), P1[1]!, 'approved'));
    await editFile(FILE, (t) => addUnderStatus(t, P2[1]!, '- comment: ask the desk about "Abkommen"'));
    await translate();
    await source('a.txt', [[P1[0]!], [P2[0]!]]);
    const r = await translate();
    expect(r.stdout).toMatch(/^translations\/en\/a\.md:\d+: info: the sentence of this segment \(approved\) was deleted from the source; its translation stays in the memory .*\(review-sentence-deleted\)$/m);
    expect(r.stdout).toMatch(/^translations\/en\/a\.md:\d+: warning: the sentence of this segment was deleted from the source, and with it the segment's comment: "ask the desk about \\"Abkommen\\"" .*\(review-sentence-deleted\)$/m);
    // Nothing is said on the next run: the file no longer has them.
    expect((await translate()).stdout).not.toContain('review-sentence-deleted');
  });

  it('front-matter lines a reviewer adds are kept, run after run', async () => {
    await source('a.txt', [P1]);
    await translate();
    await editFile(FILE, (t) => t.replace('\ntargetLanguage: en\n', '\ntargetLanguage: en\nreviewer: Anna\n'));
    await source('a.txt', [[P1[0]!, 'Er lobte die enge Zusammenarbeit.']]);
    await translate();
    expect(await read(FILE)).toMatch(/\ntargetLanguage: en\nreviewer: Anna\n---\n/);
  });

  it('an accepted finding is silenced in the file, the report and check, run after run; an unknown rule id is reported', async () => {
    await source('a.txt', [P2]);
    await translate();
    await editFile(FILE, (t) => setStatus(setTarget(t, P2[0]!, 'The talks lasted for hours.'), P2[0]!, 'approved'));
    let r = await translate();
    expect(r.stdout).toMatch(/translations\/en\/a\.md:\d+: error: .*\(numbers-missing\)/);
    expect((await cli(['check', 'articles', '--to', 'en'])).code).toBe(1);

    await editFile(FILE, (t) => addUnderStatus(t, P2[0]!, '- accept numbers-missing: the desk spells it out'));
    for (let i = 0; i < 2; i++) {
      r = await translate();
      expect(r.stdout).not.toMatch(/numbers-missing/);
      expect(await read(FILE)).toMatch(/🟢 status: approved\n- accept numbers-missing: the desk spells it out\n/);
    }
    expect((await cli(['check', 'articles', '--to', 'en'])).code).toBe(0);

    await editFile(FILE, (t) => t.replace('- accept numbers-missing:', '- accept number-missing:'));
    r = await translate();
    expect(r.stdout).toMatch(/warning: `accept number-missing`: no check has this rule id.*\(review-accept-unknown\)/);
    expect(r.stdout).toMatch(/\(numbers-missing\)/);
  });
});

describe('words typed after ` · ` on a status line', () => {
  /** Appends `text` to the status line of the segment with this source. */
  const appendToStatus = (t: string, sentence: string, text: string): string => {
    const lines = t.split('\n');
    const at = lines.findIndex((line, i) => i > lines.indexOf(`> ${sentence}`) && /status:/u.test(line));
    lines[at] = `${lines[at]}${text}`;
    return lines.join('\n');
  };
  const statusLineOf = (t: string, sentence: string): number => {
    const lines = t.split('\n');
    return lines.findIndex((line, i) => i > lines.indexOf(`> ${sentence}`) && /status:/u.test(line)) + 1;
  };

  it('a reviewer\'s own note there becomes the comment (after an existing one), with a warning naming file and line; bitext\'s notes stay its own', async () => {
    await source('a.txt', [P2]);
    await translate();
    await editFile(FILE, (t) => setStatus(setTarget(t, P2[0]!, 'The talks lasted for hours.'), P2[0]!, 'approved'));
    await translate();
    expect(await read(FILE)).toMatch(/🟢 status: approved · ✖ .*\(numbers-missing\)\n/);
    await editFile(FILE, (t) => appendToStatus(t, P2[0]!, ' · my note here'));
    await editFile(FILE, (t) => addUnderStatus(appendToStatus(setStatus(t, P2[1]!, 'reviewed'), P2[1]!, ' · Anna agrees'), P2[1]!, '- comment: first'));
    const edited = await read(FILE);
    const r = await translate();
    expect(r.stdout).toContain(`${FILE}:${statusLineOf(edited, P2[0]!)}: warning: text after \` · \` on the status line is not a note bitext writes; moved it to \`- comment:\`: "my note here"`);
    expect(r.stdout).toContain(`${FILE}:${statusLineOf(edited, P2[1]!)}: warning: text after \` · \` on the status line is not a note bitext writes; moved it to \`- comment:\`: "Anna agrees"`);
    const text = await read(FILE);
    expect(text).toMatch(/🟢 status: approved · ✖ [^\n]*\(numbers-missing\)\n- comment: my note here\n/);
    expect(text).toMatch(/status: reviewed[^\n]*\n- comment: first · Anna agrees\n/);
    // The next run finds only its own notes there: nothing moves, nothing is said.
    const again = await translate();
    expect(again.stdout).not.toMatch(/review-note-moved/);
    expect(await read(FILE)).toBe(text);
  });
});

describe('one-word actions', () => {
  /** An approved segment whose source then changes: stale, with a fresh draft. Returns the new source. */
  async function staleAfterApproval(): Promise<string> {
    await source('a.txt', [P1]);
    await translate();
    await editFile(FILE, (t) => setStatus(setTarget(t, P1[0]!, 'The president spoke in Berlin on Monday.'), P1[0]!, 'approved'));
    await translate();
    const changed = 'Der Präsident sprach am Dienstag in Berlin.';
    await source('a.txt', [[changed, P1[1]!]]);
    await translate();
    return changed;
  }

  it('use-draft takes the draft of a stale segment; nothing is sent', async () => {
    const changed = await staleAfterApproval();
    expect(await sentSinceLastCall()).toContain(changed);
    let text = await read(FILE);
    expect(text).toMatch(/- draft: \(MOCK en\) Der Präsident sprach am Dienstag in Berlin\./);
    await write(FILE, setStatus(text, changed, 'use-draft'));
    await translate();
    expect(await sentSinceLastCall()).toEqual([]);
    text = await read(FILE);
    expect(targetOf(text, changed)).toBe('(MOCK en) Der Präsident sprach am Dienstag in Berlin.');
    expect(statusOf(text, changed)).toBe('edited');
    expect(text).not.toMatch(/- draft:|- previous source:/);
  });

  it('use-draft over a correction typed into the stale segment keeps the typed text in the memory and says so', async () => {
    const changed = await staleAfterApproval();
    await editFile(FILE, (t) => setStatus(setTarget(t, changed, 'The president spoke in Berlin on Tuesday.'), changed, 'use-draft'));
    const r = await translate();
    expect(r.stdout).toMatch(/^translations\/en\/a\.md:\d+: warning: `use-draft` replaced the translation typed into this stale segment; the typed text is kept in the memory .*\(review-typed-kept\)$/m);
    const memory = (await read('translations/memory/de-en.jsonl')).split('\n').slice(1).filter(Boolean).map((l) => JSON.parse(l) as Record<string, string>);
    expect(memory).toContainEqual(expect.objectContaining({ source: changed, target: 'The president spoke in Berlin on Tuesday.', origin: 'human', status: 'stale' }));
    expect(statusOf(await read(FILE), changed)).toBe('edited');
  });

  it('use-memory on a segment without suggestions: the report warns with file and line, the segment is unchanged', async () => {
    await source('a.txt', [P1]);
    await translate();
    await editFile(FILE, (t) => setStatus(t, P1[1]!, 'use-memory'));
    const r = await translate();
    expect(r.stdout).toMatch(/translations\/en\/a\.md:\d+: warning: `use-memory`: the segment has no memory suggestion.*\(review-action\)/);
    expect(statusOf(await read(FILE), P1[1]!)).toBe('machine');
  });
});

describe('join and split', () => {
  it('join: one segment with both translations, a rule every document and language follows, nothing paid twice', async () => {
    await source('a.txt', [P1, P2]);
    await translate('en,fr');
    await sentSinceLastCall();
    await editFile(FILE, (t) => setStatus(setTarget(t, P1[1]!, 'He praised the cooperation.'), P1[1]!, 'approved'));
    await editFile(FILE, (t) => setStatus(t, P1[0]!, 'join'));
    await translate('en,fr');
    expect(await sentSinceLastCall()).toEqual([]);
    const text = await read(FILE);
    const joined = `${P1[0]} ${P1[1]}`;
    expect(targetOf(text, joined)).toBe('(MOCK en) Der Präsident sprach am Montag in Berlin. He praised the cooperation.');
    expect(statusOf(text, joined)).toBe('edited');
    // French followed, with its own translations.
    expect(targetOf(await read('translations/fr/a.md'), joined)).toBe(`(MOCK fr) ${P1[0]} (MOCK fr) ${P1[1]}`);
    const rules = await read('translations/memory/segmentation-de.jsonl');
    expect(rules.split('\n')[1]).toContain(JSON.stringify({ join: P1 }).slice(1, -1));
    expect(await read('translations/memory/.gitattributes')).toMatch(/^\*\.jsonl merge=union$/m);
    // A second document with the same two sentences is segmented the same way from its first run, and the
    // joined translation comes from the memory.
    await source('b.txt', [[...P1, 'Ganz neu.']]);
    await translate();
    expect(await sentSinceLastCall()).toEqual(['Ganz neu.']);
    expect(targetOf(await read('translations/en/b.md'), joined)).toBe('(MOCK en) Der Präsident sprach am Montag in Berlin. He praised the cooperation.');
    // And nothing changes after that.
    const before = await read(FILE);
    await translate();
    expect(await sentSinceLastCall()).toEqual([]);
    expect(await read(FILE)).toBe(before);
  });

  it('split: `||` in the source line (and the target line) cuts the segment; the German file is untouched', async () => {
    const long = 'Der Präsident sprach lange, die Gäste hörten zu.';
    await source('a.txt', [[long]]);
    await translate();
    await sentSinceLastCall();
    await editFile(FILE, (t) =>
      setSourceLine(setStatus(setTarget(t, long, 'The president spoke at length, || the guests listened.'), long, 'approved'), long, 'Der Präsident sprach lange, || die Gäste hörten zu.'),
    );
    await translate();
    expect(await sentSinceLastCall()).toEqual([]);
    const text = await read(FILE);
    expect(targetOf(text, 'Der Präsident sprach lange,')).toBe('The president spoke at length,');
    expect(targetOf(text, 'die Gäste hörten zu.')).toBe('the guests listened.');
    expect(statusOf(text, 'die Gäste hörten zu.')).toBe('approved');
    expect(await read('articles/a.txt')).toBe(`${long}\n`);
    expect(await read('translations/memory/segmentation-de.jsonl')).toMatch(/"split":\["Der Präsident sprach lange,","die Gäste hörten zu\."\]/);
  });

  it('join in a Markdown source with inline markup keeps the markup of both sentences', async () => {
    await write('articles/m.md', '# Titel\n\nEr sprach **lange**. Dann kam [der Gast](https://example.org/g).\n');
    await translate();
    await sentSinceLastCall();
    const file = 'translations/en/m.md';
    await editFile(file, (t) => setStatus(t, 'Er sprach **lange**.', 'join'));
    await translate();
    expect(await sentSinceLastCall()).toEqual([]);
    const text = await read(file);
    expect(text).toContain('> Er sprach **lange**. Dann kam [der Gast](https://example.org/g).');
    const published = await cli(['publish', 'articles', '--to', 'en', '--include-unreviewed']);
    expect(published.code, published.stderr).toBe(0);
    expect(await read('published/en/m.md')).toContain('(MOCK en) Er sprach **lange**. (MOCK en) Dann kam [der Gast](https://example.org/g).');
  });
});

describe('mistakes a person makes in the file', () => {
  it('the German source line typed over is put back, with a warning naming the source file; nothing is sent', async () => {
    await source('a.txt', [P1]);
    await translate();
    await sentSinceLastCall();
    await editFile(FILE, (t) => setSourceLine(setStatus(t, P1[1]!, 'approved'), P1[1]!, 'Er lobte die gute Zusammenarbeit.'));
    const r = await translate();
    expect(await sentSinceLastCall()).toEqual([]);
    expect(r.stdout).toMatch(/translations\/en\/a\.md:\d+: warning: the German source line was changed in the review file.*\(review-source-edited\)/);
    const text = await read(FILE);
    expect(text).toContain(`> ${P1[1]}`);
    expect(statusOf(text, P1[1]!)).toBe('approved');
  });

  it('a file with merge-conflict markers is refused with the line, left byte for byte, and the other documents still run', async () => {
    await source('a.txt', [P1]);
    await source('b.txt', [P2]);
    await translate();
    const conflicted = (await read(FILE)).replace('🟠 status: machine', '<<<<<<< HEAD\nstatus: approved\n=======\nstatus: reviewed\n>>>>>>> anna');
    await write(FILE, conflicted);
    await source('b.txt', [[...P2, 'Neu.']]);
    const r = await cli(['translate', 'articles', '--backend', 'mock', '--to', 'en']);
    expect(r.code).not.toBe(0);
    const line = conflicted.split('\n').indexOf('<<<<<<< HEAD') + 1;
    expect(r.stderr + r.stdout).toContain(`translations/en/a.md:${line}: unresolved merge conflict`);
    expect(await read(FILE)).toBe(conflicted);
    expect(await read('translations/en/b.md')).toContain('> Neu.');
  });
});

describe('status --todo', () => {
  it('lists what still needs a person, with file:line an editor jumps to; --json says the same', async () => {
    await source('a.txt', [P1, P2]);
    await translate();
    await editFile(FILE, (t) => setStatus(setTarget(t, P1[0]!, 'The president spoke in Berlin on Monday.'), P1[0]!, 'approved'));
    await editFile(FILE, (t) => setStatus(setTarget(t, P1[1]!, 'He praised the cooperation.'), P1[1]!, 'reviewed'));
    await editFile(FILE, (t) => setStatus(setTarget(t, P2[0]!, 'The talks lasted for hours.'), P2[0]!, 'approved'));
    const r = await cli(['status', 'articles', '--to', 'en', '--todo']);
    expect(r.code, r.stderr).toBe(0);
    const text = await read(FILE);
    const lineOf = (s: string): number => text.split('\n').indexOf(`> ${s}`); // the marker is the line above
    expect(r.stdout).toContain(`translations/en/a.md:${lineOf(P2[0]!)}: approved`);
    expect(r.stdout).toMatch(/error: .*\(numbers-missing\)/);
    expect(r.stdout).toContain(`translations/en/a.md:${lineOf(P2[1]!)}: machine`);
    expect(r.stdout).not.toContain(`:${lineOf(P1[0]!)}:`);
    expect(r.stdout).toMatch(/2 segments to do\./);
    const json = JSON.parse((await cli(['status', 'articles', '--to', 'en', '--todo', '--json'])).stdout) as { todo: { line: number; status: string }[] };
    expect(json.todo.map((t) => [t.line, t.status])).toEqual([
      [lineOf(P2[0]!), 'approved'],
      [lineOf(P2[1]!), 'machine'],
    ]);
  });
});
