// The command-line conventions the README promises, on the built CLI: streams, --json on every command,
// --quiet/--verbose, progress only on a terminal, NO_COLOR, the UI language, help, completion.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CLI, ROOT, runCli, tempProject } from '../helpers/cli.js';
import { buildProgram } from '../../src/cli/program.js';

const ESC = '\u001b';
let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ dir, cleanup } = await tempProject());
});
afterEach(async () => cleanup());

const mock = ['--backend', 'mock', '--to', 'en'];

/** Every command path of the commander tree: `init`, …, `tm export`, `tm import`, `completion`. */
function commandPaths(): string[] {
  const program = buildProgram({});
  return program.commands.flatMap((c) => (c.commands.length > 0 ? [c.name(), ...c.commands.map((s) => `${c.name()} ${s.name()}`)] : [c.name()]));
}

describe('--json on every command', () => {
  it('prints one versioned JSON document per command, on stdout only', async () => {
    const empty = await tempProject({ seeds: false, glossary: false });
    try {
      const cwd = empty.dir;
      const json = async (args: string[], code = 0) => {
        const r = await runCli([...args, '--json'], { cwd });
        expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(code);
        const parsed = JSON.parse(r.stdout) as { bitext: string; version: number };
        expect(parsed, args.join(' ')).toMatchObject({ version: 1 });
        return { ...r, parsed };
      };
      expect((await json(['init'])).parsed).toMatchObject({ bitext: 'init', written: expect.arrayContaining(['bitext.config.json']) });
      expect((await json(['translate'])).parsed).toMatchObject({ bitext: 'translate', mode: 'run', backend: 'mock' });
      expect((await json(['translate', '--dry-run'])).parsed).toMatchObject({ bitext: 'translate', mode: 'dry-run' });
      expect((await json(['status'])).parsed).toMatchObject({ bitext: 'status', documents: [expect.objectContaining({ lang: 'en' })] });
      expect((await json(['check'])).parsed).toMatchObject({ bitext: 'check', documents: 1 });
      // Refused (nothing approved): exit 1, and the report says why.
      expect((await json(['publish'], 1)).parsed).toMatchObject({ bitext: 'publish', documents: [expect.objectContaining({ outcome: 'refused' })] });
      await copyFile(join(ROOT, 'tests/fixtures/tmx/omegat.tmx'), join(cwd, 'omegat.tmx'));
      expect((await json(['tm', 'import', 'omegat.tmx'])).parsed).toMatchObject({ bitext: 'tm import', pairs: [expect.objectContaining({ target: 'en' })] });
      const exported = await json(['tm', 'export', '--to', 'en', '--out', 'memory.tmx']);
      expect(exported.parsed).toMatchObject({ bitext: 'tm export', target: 'en', file: 'memory.tmx', entries: expect.any(Number) });
      expect(exported.stderr).toBe('');
      expect(await readFile(join(cwd, 'memory.tmx'), 'utf8')).toContain('<tmx version="1.4">');

      // segment --json is JSON Lines: one object per sentence.
      const segment = await runCli(['segment', '-', '--json'], { cwd, input: 'Erster Satz. Zweiter Satz.' });
      const lines = segment.stdout.trim().split('\n').map((l) => JSON.parse(l) as { text: string });
      expect(lines.map((l) => l.text)).toEqual(['Erster Satz.', 'Zweiter Satz.']);
    } finally {
      await empty.cleanup();
    }
  });

  it('a command that fails still prints one JSON document, with the exit code and the message', async () => {
    const r = await runCli(['tm', 'export', '--to', 'en', '--json'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout)).toEqual({ bitext: 'tm export', version: 1, error: { exitCode: 2, code: 'usage', message: expect.stringContaining('--json needs --out') } });
    const missing = await runCli(['translate', 'nope.txt', ...mock, '--json'], { cwd: dir });
    expect(missing.code).toBe(4);
    expect(JSON.parse(missing.stdout)).toMatchObject({ bitext: 'translate', error: { exitCode: 4, code: 'input', message: expect.stringMatching(/nope\.txt: no such file/) } });
    expect(missing.stderr).toMatch(/^bitext: nope\.txt: no such file/);
  });

  it('JSON is the same in every UI language', async () => {
    await runCli(['translate', ...mock], { cwd: dir });
    const english = await runCli(['status', '--json'], { cwd: dir });
    const german = await runCli(['status', '--json'], { cwd: dir, env: { BITEXT_LANG: 'de' } });
    expect(german.stdout).toBe(english.stdout);
  });
});

describe('UI language', () => {
  it('BITEXT_LANG=de: reports, help and the CLI framing in German, library messages as they are', async () => {
    const env = { BITEXT_LANG: 'de' };
    await runCli(['translate', ...mock], { cwd: dir });
    const status = await runCli(['status'], { cwd: dir, env });
    expect(status.code).toBe(0);
    expect(status.stdout).toMatch(/^translations\/en\/000_559d78c4b1b37f76\.md: 10 machine; aktuell$/m);
    expect(status.stdout).toMatch(/^Zusammenfassung: 2 Dokumente in 1 Sprache; Segmente: 27 machine; nichts zu senden, nichts veraltet\.$/m);

    const check = await runCli(['check'], { cwd: dir, env });
    expect(check.stdout).toBe('2 Prüfdateien geprüft: 0 Fehler, 0 Warnungen.\n');

    const help = await runCli(['translate', '--help'], { cwd: dir, env });
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Aufruf: bitext translate /);
    expect(help.stdout).toContain('Optionen:');
    expect(help.stdout).toContain('Globale Optionen:');
    expect(help.stdout).toContain('Beispiele:');
    expect(help.stdout).toContain('zeigen, was gesendet und berechnet würde');
    expect(help.stdout).not.toContain('show what would be sent');

    // The CLI's own error, in German; a library error stays English inside the German framing.
    const noBackend = await runCli(['translate', '--to', 'en'], { cwd: dir, env });
    expect(noBackend.code).toBe(2);
    expect(noBackend.stderr).toMatch(/^bitext: kein Backend: --backend mock \(offline\) oder --backend deepl angeben/);
    const auth = await runCli(['translate', '--backend', 'mock', '--to', 'fr'], { cwd: dir, env: { ...env, BITEXT_MOCK_FAIL: 'auth@1' } });
    expect(auth.code).toBe(3);
    expect(auth.stderr).toMatch(/^bitext: auth-Fehler: mock: injected auth failure/m);
    expect(auth.stdout).toContain('nicht angelegt (nichts übersetzt)');
  });

  it('--ui-lang wins over BITEXT_LANG and the locale; the locale counts without BITEXT_LANG', async () => {
    const english = await runCli(['status', '--help', '--ui-lang', 'en'], { cwd: dir, env: { BITEXT_LANG: 'de', LANG: 'de_DE.UTF-8' } });
    expect(english.stdout).toMatch(/^Usage: bitext status/);
    const german = await runCli(['--ui-lang=de', 'status', '--help'], { cwd: dir, env: { BITEXT_LANG: 'en' } });
    expect(german.stdout).toMatch(/^Aufruf: bitext status/);
    const locale = await runCli(['--help'], { cwd: dir, env: { LANG: 'de_DE.UTF-8' } });
    expect(locale.stdout).toMatch(/^Aufruf: bitext /);
    const overridden = await runCli(['--help'], { cwd: dir, env: { LC_ALL: 'C', LANG: 'de_DE.UTF-8' } });
    expect(overridden.stdout).toMatch(/^Usage: bitext /);
  });

  it('German plurals', async () => {
    await writeFile(join(dir, 'seeds', 'eins.txt'), 'Nur ein Satz.\n');
    const r = await runCli(['translate', 'seeds/eins.txt', ...mock, '--dry-run'], { cwd: dir, env: { BITEXT_LANG: 'de' } });
    expect(r.stdout).toContain('en: 1 Segment, 13 Zeichen zu senden');
    expect(r.stdout).toContain('Gesamt: 1 Segment, 13 Zeichen würden gesendet.');
    const two = await runCli(['translate', ...mock, '--dry-run'], { cwd: dir, env: { BITEXT_LANG: 'de' } });
    expect(two.stdout).toMatch(/en: \d+ Segmente, \d+ Zeichen zu senden/);
  });
});

describe('init says what it did', () => {
  it('an example it did not write because seeds/ has sources is not reported as kept', async () => {
    const project = await tempProject({ glossary: false });
    try {
      const r = await runCli(['init', '--quiet'], { cwd: project.dir });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toBe('wrote glossary.json\nwrote bitext.config.json\ndid not write seeds/beispiel.txt: seeds/ already has sources, and init adds no document to them\n');
      await writeFile(join(project.dir, 'seeds', 'beispiel.txt'), 'Schon da.\n');
      const again = await runCli(['init', '--keep-existing', '--quiet'], { cwd: project.dir });
      expect(again.stdout).toContain('kept seeds/beispiel.txt (already there)\n');
    } finally {
      await project.cleanup();
    }
  });
});

describe('--quiet and --verbose', () => {
  it('--quiet prints only the summary; retries and warnings are not shown', async () => {
    const r = await runCli(['translate', ...mock, '--quiet'], { cwd: dir, env: { BITEXT_MOCK_FAIL: 'rate-limit@1' } });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^Sent \d+ segments in \d+ requests \(1 failed attempt, 1 retried\): \d+ characters, \d+ billed\.\nSummary: 2 documents \(2 written\); .*\n$/);
    const status = await runCli(['status', '-q'], { cwd: dir });
    expect(status.stdout).toBe('Summary: 2 documents in 1 language; segments: 27 machine; nothing to send, nothing stale.\n');
    const check = await runCli(['check', '--quiet'], { cwd: dir });
    expect(check.stdout).toBe('Checked 2 review files: 0 errors, 0 warnings.\n');
    const publish = await runCli(['publish', '--quiet'], { cwd: dir });
    expect(publish.code).toBe(1);
    expect(publish.stdout).toBe('Summary: 2 documents: 0 published, 0 unchanged, 2 not published.\n');
  });

  it('errors are printed under --quiet', async () => {
    const r = await runCli(['translate', 'nope.txt', ...mock, '--quiet'], { cwd: dir });
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/^bitext: nope\.txt: no such file/);
  });

  it('status: a damaged review file is an error on stderr with the prefix (exit 4); the summary counts what it lists', async () => {
    expect((await runCli(['translate', ...mock], { cwd: dir })).code).toBe(0);
    const file = 'translations/en/000_559d78c4b1b37f76.md';
    const text = await readFile(join(dir, file), 'utf8');
    const damaged = text.replace(/^(🟠 )?status: machine$/m, '$1status: aproved');
    expect(damaged).not.toBe(text);
    await writeFile(join(dir, file), damaged);
    const line = damaged.split('\n').findIndex((l) => l.endsWith('status: aproved')) + 1;
    for (const args of [['status'], ['status', '--todo'], ['status', '--quiet']]) {
      const r = await runCli(args, { cwd: dir });
      expect(r.code, args.join(' ')).toBe(4);
      expect(r.stderr, args.join(' ')).toMatch(new RegExp(`^bitext: ${file}:${line}: unknown status "aproved"`));
      expect(r.stdout, args.join(' ')).not.toMatch(/aproved|^error:/m);
      expect(r.stdout, args.join(' ')).toContain('Not counted: 1 file that could not be read (see the error).\n');
    }
    const r = await runCli(['status'], { cwd: dir });
    expect(r.stdout).toMatch(/^Summary: 1 document in 1 language; segments: 17 machine; /m);
  });

  it('--quiet and --verbose together are a usage error', async () => {
    const r = await runCli(['status', '--quiet', '--verbose'], { cwd: dir });
    expect(r.code).toBe(2);
    // Under --json, the usage error is the one JSON document on stdout, as for any failure.
    const json = await runCli(['status', '--quiet', '--verbose', '--json'], { cwd: dir });
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout)).toEqual({
      bitext: 'status',
      version: 1,
      error: { exitCode: 2, code: 'usage', message: "option '-q, --quiet' cannot be used with option '--verbose'" },
    });
    const sub = await runCli(['tm', 'export', '--json'], { cwd: dir });
    expect(sub.code).toBe(2);
    expect(JSON.parse(sub.stdout)).toMatchObject({ bitext: 'tm export', error: { exitCode: 2, code: 'usage' } });
    // Without --json, stdout stays empty.
    expect(r.stdout).toBe('');
  });

  it('not a terminal: no bars, but a line per retry; --verbose adds a line per request', async () => {
    const r = await runCli(['translate', ...mock], { cwd: dir, env: { BITEXT_MOCK_FAIL: 'rate-limit@1' } });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^ {2}retry 1 in 500 ms: mock: injected rate-limit failure on request 1\n$/);
    expect(r.stderr).not.toContain(ESC);
    expect(r.stderr).not.toContain('█');

    await writeFile(join(dir, 'seeds', 'neu.txt'), 'Ein neuer Satz.\n');
    const verbose = await runCli(['translate', 'seeds/neu.txt', ...mock, '--verbose'], { cwd: dir });
    expect(verbose.stderr).toBe('  → en: sending 1 segment (15 characters)\n  sent 1 segment (15 characters) → en\n');
  });

});

describe('colour', () => {
  it('FORCE_COLOR colours a pipe; NO_COLOR wins over it, in reports, messages and help', async () => {
    await runCli(['translate', ...mock], { cwd: dir });
    const forced = await runCli(['check'], { cwd: dir, env: { FORCE_COLOR: '1' } });
    expect(forced.stdout).toContain(`${ESC}[1mChecked 2 review files`);
    const forcedHelp = await runCli(['--help'], { cwd: dir, env: { FORCE_COLOR: '1' } });
    expect(forcedHelp.stdout).toContain(`${ESC}[1mUsage:`);

    for (const env of [{ NO_COLOR: '1', FORCE_COLOR: '1' }, { NO_COLOR: '1', CLICOLOR_FORCE: '1', FORCE_COLOR: '3' }, { FORCE_COLOR: '0' }] as Record<string, string>[]) {
      for (const args of [['check'], ['--help'], ['translate', 'nope.txt', ...mock], ['translate', ...mock, '--to', 'fr']]) {
        const r = await runCli(args, { cwd: dir, env: { ...env, BITEXT_MOCK_FAIL: 'rate-limit@1' } });
        expect(`${r.stdout}${r.stderr}`, `${JSON.stringify(env)} ${args.join(' ')}`).not.toContain(ESC);
      }
    }
  });

  it('--json is never coloured', async () => {
    const r = await runCli(['status', '--to', 'en', '--json'], { cwd: dir, env: { FORCE_COLOR: '1' } });
    expect(r.stdout).not.toContain(ESC);
    JSON.parse(r.stdout);
  });
});

describe('help, version, completion', () => {
  it('every command has --help with an example of itself', async () => {
    const paths = commandPaths();
    expect(paths).toEqual(expect.arrayContaining(['init', 'translate', 'segment', 'status', 'check', 'publish', 'tm', 'tm export', 'tm import', 'completion']));
    for (const path of paths) {
      const r = await runCli([...path.split(' '), '--help'], { cwd: dir });
      expect(r.code, path).toBe(0);
      expect(r.stdout, path).toMatch(new RegExp(`^Usage: bitext ${path} `));
      const examples = r.stdout.slice(r.stdout.indexOf('\nExamples:\n'));
      expect(examples, path).toMatch(new RegExp(`^  \\$ .*\\bbitext ${path}\\b`, 'm'));
    }
  });

  it('--version prints the version of package.json', async () => {
    const { version } = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    const r = await runCli(['--version'], { cwd: dir });
    expect(r.stdout).toBe(`${version}\n`);
  });

  it('completion scripts name every command and subcommand; bash completes them', async () => {
    const paths = commandPaths();
    for (const shell of ['bash', 'zsh', 'fish']) {
      const r = await runCli(['completion', shell], { cwd: dir });
      expect(r.code, shell).toBe(0);
      for (const path of paths) expect(r.stdout, `${shell}: ${path}`).toContain(path.split(' ').at(-1));
    }
    const bash = (await runCli(['completion', 'bash'], { cwd: dir })).stdout;
    await writeFile(join(dir, 'completion.bash'), bash);
    const complete = (...words: string[]) =>
      execFileSync(
        'bash',
        ['-c', `source ./completion.bash; COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _bitext; echo "\${COMPREPLY[*]}"`],
        { cwd: dir, encoding: 'utf8' },
      ).trim();
    expect(complete('bitext', '').split(' ')).toEqual(paths.filter((p) => !p.includes(' ')));
    expect(complete('bitext', 'tm', '')).toBe('export import');
    expect(complete('bitext', 'segment', '--format', '')).toBe('jsonl text');
    expect(complete('bitext', 'check', '--ui')).toBe('--ui-lang');
    expect(complete('bitext', 'translate', 'se')).toBe('seeds');
  });

  it('completion in German describes commands in German', async () => {
    const r = await runCli(['completion', 'fish'], { cwd: dir, env: { BITEXT_LANG: 'de' } });
    expect(r.stdout).toContain("-a status -d 'je Dokument und Sprache");
  });
});

// `script` (util-linux) runs the CLI on a pseudo-terminal, as a person would see it.
const script = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;
describe.skipIf(!script)('on a terminal', () => {
  const rmTranslations = () => spawnSync('rm', ['-rf', join(dir, 'translations')]);
  const onTerminal = (args: string[], env: Record<string, string>) => {
    const command = `stty cols 100; exec ${process.execPath} ${CLI} ${args.join(' ')}`;
    const r = spawnSync('script', ['-qefc', command, '/dev/null'], {
      cwd: dir,
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '', HOME: dir, TERM: 'xterm-256color', ...env },
    });
    return { code: r.status, screen: r.stdout, text: r.stdout.replace(/\u001b\[\d+m/g, '') };
  };

  it('draws a bar per language, keeps the retry line, and clears the bars before the report', () => {
    const r = onTerminal(['translate', '--backend', 'mock', '--to', 'en,fr', '--concurrency', '1'], { BITEXT_MOCK_LATENCY_MS: '60', BITEXT_MOCK_FAIL: 'rate-limit@2' });
    expect(r.code, r.screen).toBe(0);
    expect(r.text).toMatch(/en █*░* +\d+% {2}\d+\/27 segments · [\d,]+\/[\d,]+ characters/);
    expect(r.text).toMatch(/fr █*░* +\d+% {2}\d+\/27 segments/);
    expect(r.screen).toContain(`${ESC}[32m█`); // a colour terminal: the bar is green
    expect(r.screen).toContain('retry 1 in 500 ms');
    expect(r.screen).toContain(`${ESC}[2A\r${ESC}[J`); // two bars taken away
    const report = r.screen.slice(r.screen.lastIndexOf(`${ESC}[J`));
    expect(report).toMatch(/Summary: 4 documents \(4 written\)/);
    expect(report).not.toContain('█');
  });

  it('no bars in CI or under --quiet, even on a terminal; NO_COLOR leaves no colour', () => {
    for (const [args, env] of [
      [[], { CI: 'true' }],
      [['--quiet'], {}],
    ] as const) {
      const r = onTerminal(['translate', '--backend', 'mock', '--to', 'en', ...args], { BITEXT_MOCK_LATENCY_MS: '60', ...env });
      expect(r.code, r.screen).toBe(0);
      expect(r.screen).not.toContain('█');
      rmTranslations();
    }
    const plain = onTerminal(['translate', '--backend', 'mock', '--to', 'en'], { BITEXT_MOCK_LATENCY_MS: '60', NO_COLOR: '1' });
    expect(plain.screen).toContain('█');
    expect(plain.screen).not.toMatch(/\u001b\[\d+m/);
  });

});
