// `bitext check` on the built CLI: the committed reviewed seeds are clean; each defect kind a reviewer can
// let through fails the check with its rule named, file and line; severities follow the project config; a
// stale segment resolved without changing its target keeps being reported until it is fixed.
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { copyTracked, runCli, tempProject, type CliResult } from '../helpers/cli.js';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ dir, cleanup } = await tempProject());
  await copyTracked(['translations'], dir);
});
afterEach(async () => cleanup());

const check = (...args: string[]): Promise<CliResult> => runCli(['check', ...args], { cwd: dir });
const REVIEW = 'translations/en/001_1ec20ad4081501bd.md';

async function edit(path: string, from: string | RegExp, to: string): Promise<void> {
  const text = await readFile(join(dir, path), 'utf8');
  const next = text.replace(from, to);
  expect(next, `${String(from)} not found`).not.toBe(text);
  await writeFile(join(dir, path), next);
}

describe('bitext check', () => {
  it('the committed, approved English seeds pass clean', async () => {
    const r = await check();
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('Checked 2 review files: 0 errors, 0 warnings.\n');
    expect(r.code).toBe(0);
  });

  it.each([
    ['a changed number', /\$220 billion to \$245 billion/, '$220 billion to $254 billion', /numbers-(missing|changed)/, /245/],
    ['a missing glossary term', 'Chinese President Xi Jinping', 'the head of state', /glossary-missing-target/, /Xi Jinping/],
    ['a pseudo-translation left in an approved target', /^Russian President Vladimir Putin and Chinese President Xi Jinping.*$/m, '(MOCK en) Der russische Präsident Wladimir Putin und der chinesische Präsident Xi Jinping haben …', /untranslated-mock/, /pseudo-translation/],
  ])('%s fails with the rule named, at the file and line of the segment', async (_, from, to, rule, text) => {
    await edit(REVIEW, from, to);
    const r = await check('--to', 'en');
    expect(r.code, r.stdout).toBe(r.stdout.includes(': error: ') ? 1 : 0);
    const line = r.stdout.split('\n').find((l) => rule.test(l));
    expect(line, r.stdout).toMatch(new RegExp(`^${REVIEW.replace(/[./]/g, '\\$&')}:\\d+: (error|warning): `));
    expect(line).toMatch(text);
    // The line number is the segment's marker in the file as it is now.
    const at = Number(/:(\d+):/.exec(line!)![1]);
    expect((await readFile(join(dir, REVIEW), 'utf8')).split('\n')[at - 1]).toMatch(/^<!-- bitext s[0-9a-f]{8}/);
    expect(r.stdout).toMatch(/\n {2}hint: /);
  });

  it('a changed number and a pseudo-translation are errors: exit 1; --json parses and names the rule', async () => {
    await edit(REVIEW, /\$220 billion to \$245 billion/, '$220 billion to $254 billion');
    const r = await check();
    expect(r.code).toBe(1);
    const json = JSON.parse((await check('--json')).stdout) as { bitext: string; version: number; findings: { rule: string; severity: string; line: number; hint: string }[] };
    expect(json).toMatchObject({ bitext: 'check', version: 1 });
    expect(json.findings.some((f) => /^numbers-/.test(f.rule) && f.severity === 'error' && f.line > 0 && f.hint !== '')).toBe(true);
  });

  it('a lost link in a Markdown review file fails with markup-missing', async () => {
    await mkdir(join(dir, 'articles'));
    await writeFile(join(dir, 'articles/a.md'), 'Laut [Reuters](https://reuters.example/a) gab es eine Einigung.\n');
    await runCli(['translate', 'articles', '--backend', 'mock', '--to', 'en'], { cwd: dir });
    await edit('translations/en/a.md', /^\(MOCK en\) .*$/m, 'According to Reuters, there was an agreement.');
    await edit('translations/en/a.md', 'status: machine', 'status: approved');
    const r = await check('articles', '--to', 'en');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/translations\/en\/a\.md:\d+: error: link to https:\/\/reuters\.example\/a of the source is missing \[s[0-9a-f]{8}\] \(markup-missing\)/);
  });

  it('a review file older than its source fails the check (publish would refuse it), until translate has run', async () => {
    const seed = join(dir, 'seeds/001_1ec20ad4081501bd.txt');
    await writeFile(seed, (await readFile(seed, 'utf8')).replace('Xi Jinping', 'Xi Jinping (Staatspräsident)'));
    const r = await check('--to', 'en');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^translations\/en\/001_1ec20ad4081501bd\.md:1: error: written for an older version of seeds\/001_1ec20ad4081501bd\.txt: the source changed since \(review-outdated\)$/m);
    expect(r.stdout).toContain('hint: run bitext translate --to en, then review what changed');
    await runCli(['translate', '--backend', 'mock', '--to', 'en'], { cwd: dir });
    expect((await check('--to', 'en')).stdout).not.toContain('review-outdated');
  });

  it('says what reading the project found, as translate does: a source with a bidi override', async () => {
    await mkdir(join(dir, 'articles'));
    await writeFile(join(dir, 'articles/a.txt'), 'Der Preis stieg um 10\u202E% am Montag.\n');
    await runCli(['translate', 'articles', '--backend', 'mock', '--to', 'en'], { cwd: dir });
    const r = await check('articles', '--to', 'en');
    expect(r.stdout).toMatch(/^articles\/a\.txt:1:\d+: warning: invisible characters? U\+202E .*\(source-invisible-character\)$/m);
    expect(r.stdout).toContain('0 errors, 1 warning.');
    expect((await check('articles', '--to', 'en', '--quiet')).stdout).not.toContain('source-invisible-character');
  });

  it('severities are the project\'s: a rule set to warning or off in the config no longer fails the check', async () => {
    await edit(REVIEW, /\$220 billion to \$245 billion/, '$220 billion to $254 billion');
    await writeFile(join(dir, 'bitext.config.json'), JSON.stringify({ version: 1, qa: { rules: { 'numbers-missing': 'warning', 'numbers-changed': 'warning', 'numbers-extra': 'off' } } }));
    const r = await check('--to', 'en');
    expect(r.stdout).not.toMatch(/: error: /);
    expect(r.stdout).toMatch(/: warning: .*\(numbers-(missing|changed)\)/);
    expect(r.code).toBe(0);
  });
});

describe('check after a translate run (the run state)', () => {
  const STATE = 'translations/.bitext-state.json';

  it('reports what a full check reports, reads a settled file\'s findings from the state, and sees a reviewer\'s save', async () => {
    await edit(REVIEW, /\$220 billion to \$245 billion/, '$220 billion to $254 billion');
    const run = await runCli(['translate', '--backend', 'mock', '--to', 'en'], { cwd: dir });
    expect(run.code, run.stderr).toBe(0);
    const withState = await check('--to', 'en', '--json');
    await rm(join(dir, STATE));
    const full = await check('--to', 'en', '--json');
    expect(full.stdout).toMatch(/numbers-/);
    expect(withState.stdout).toBe(full.stdout);
    expect(withState.code).toBe(1);

    // The state is what a settled document's findings are read from: a finding recorded there (and nowhere
    // else) is reported, so the file was not checked again.
    await runCli(['translate', '--backend', 'mock', '--to', 'en'], { cwd: dir });
    const state = JSON.parse(await readFile(join(dir, STATE), 'utf8')) as { documents: Record<string, { files: Record<string, { diagnostics: unknown[] }> }> };
    expect(Object.keys(state.documents)).toHaveLength(2);
    const entry = Object.entries(state.documents).find(([path]) => path.includes('001_1ec20ad4081501bd'))![1];
    entry.files.en!.diagnostics.push({ severity: 'warning', rule: 'doubled-words', message: 'recorded in the state', file: 'x.md', line: 1 });
    await writeFile(join(dir, STATE), JSON.stringify(state));
    expect((await check('--to', 'en')).stdout).toMatch(/recorded in the state/);

    // A reviewer's save changes the file's bytes: it is checked again, and the new defect is found.
    await edit(REVIEW, 'Chinese President Xi Jinping', 'the head of state');
    const after = await check('--to', 'en');
    expect(after.stdout).toMatch(/glossary-missing-target/);
    expect(after.stdout).not.toMatch(/recorded in the state/);
  });
});

describe('check after a translate run that rewrote what a person typed', () => {
  it('a target written back in canonical form (`5. …` as `5\\. …`) has the findings of the file as written, with or without the state', async () => {
    await mkdir(join(dir, 'md'));
    await writeFile(join(dir, 'md', 'a.md'), 'Ein Satz mit 3 Äpfeln.\n');
    const translate = (): Promise<CliResult> => runCli(['translate', 'md', '--backend', 'mock', '--to', 'en'], { cwd: dir });
    expect((await translate()).code).toBe(0);
    await edit('translations/en/a.md', /^\(MOCK en\).*$/m, '5. A sentence with 3 apples.');
    await edit('translations/en/a.md', /status: machine/, 'status: approved');
    expect((await translate()).code).toBe(0);
    expect(await readFile(join(dir, 'translations/en/a.md'), 'utf8')).toContain('\n5\\. A sentence with 3 apples.\n');
    const withState = await check('md', '--to', 'en', '--json');
    await rm(join(dir, 'translations/.bitext-state.json'));
    const full = await check('md', '--to', 'en', '--json');
    expect(full.stdout).toMatch(/numbers-extra/);
    expect(withState.stdout).toBe(full.stdout);
    expect(withState.code).toBe(full.code);
  });
});

describe('a stale segment resolved without changing its target', () => {
  it('is an error when the source change touched a number; it stays until the target is fixed, and blocks publishing', async () => {
    const source = join(dir, 'seeds/001_1ec20ad4081501bd.txt');
    await writeFile(source, (await readFile(source, 'utf8')).replace('220 bis 245 Milliarden', '220 bis 250 Milliarden'));
    const translate = (): Promise<CliResult> => runCli(['translate', '--backend', 'mock', '--to', 'en'], { cwd: dir });
    expect((await translate()).code).toBe(0);
    const text = await readFile(join(dir, REVIEW), 'utf8');
    expect(text).toMatch(/status: stale/);
    // The reviewer sets the status back without touching the target.
    await writeFile(join(dir, REVIEW), text.replace('status: stale', 'status: approved'));
    const resolved = await translate();
    expect(resolved.stdout).toMatch(/error: .*\(stale-resolved-number\)/);
    const kept = await readFile(join(dir, REVIEW), 'utf8');
    expect(kept).toMatch(/status: approved · .*✖ .*\(stale-resolved-number\)\n- previous source: /);
    expect((await check()).code).toBe(1);
    const again = await translate();
    expect(again.stdout).toMatch(/\(stale-resolved-number\)/);
    const publish = await runCli(['publish'], { cwd: dir });
    expect(publish.code).toBe(1);
    expect(publish.stdout).toMatch(/still has its "previous source:" line/);
    // Fixing the target resolves it for good.
    await writeFile(join(dir, REVIEW), (await readFile(join(dir, REVIEW), 'utf8')).replace('$220 billion to $245 billion', '$220 billion to $250 billion'));
    const fixed = await translate();
    expect(fixed.stdout).not.toMatch(/stale-resolved/);
    expect(await readFile(join(dir, REVIEW), 'utf8')).not.toMatch(/previous source:/);
    expect((await check()).code).toBe(0);
  });
});
