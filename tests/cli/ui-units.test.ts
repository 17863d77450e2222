// The CLI's decisions as plain functions: which UI language, whether to colour, what a bar looks like.
import { afterEach, describe, expect, it } from 'vitest';
import { detectUiLanguage, setUiLanguage, uiLanguageOf } from '../../src/cli/i18n.js';
import { colourWanted, PLAIN, styleFor } from '../../src/cli/style.js';
import { createProgress, inCi, renderBars, wantBars, type LanguageProgress } from '../../src/cli/progress.js';

afterEach(() => setUiLanguage('en'));

describe('UI language', () => {
  const intl = () => 'en-US';
  it.each([
    ['--ui-lang beats everything', ['status', '--ui-lang', 'en'], { BITEXT_LANG: 'de', LC_ALL: 'de_DE.UTF-8' }, 'en'],
    ['--ui-lang=de', ['--ui-lang=de', 'status'], { BITEXT_LANG: 'en' }, 'de'],
    ['an invalid --ui-lang is left to commander; the environment decides the language of its error', ['--ui-lang', 'fr'], { BITEXT_LANG: 'de' }, 'de'],
    ['after -- it is an argument', ['segment', '--', '--ui-lang', 'de'], {}, 'en'],
    ['BITEXT_LANG beats the locale', [], { BITEXT_LANG: 'de', LANG: 'en_US.UTF-8' }, 'de'],
    ['BITEXT_LANG without a catalogue is English, not the next variable', [], { BITEXT_LANG: 'fr', LANG: 'de_DE.UTF-8' }, 'en'],
    ['LC_ALL beats LC_MESSAGES and LANG', [], { LC_ALL: 'de_AT.UTF-8', LC_MESSAGES: 'en_GB', LANG: 'en_US' }, 'de'],
    ['LC_MESSAGES beats LANG', [], { LC_MESSAGES: 'de_CH', LANG: 'en_US' }, 'de'],
    ['LANG', [], { LANG: 'de_DE.UTF-8' }, 'de'],
    ['an empty variable counts as unset', [], { BITEXT_LANG: '', LC_ALL: '', LANG: 'de' }, 'de'],
    ['C means English', [], { LANG: 'C' }, 'en'],
  ] as const)('%s', (_, argv, env, expected) => {
    expect(detectUiLanguage(argv, env, intl)).toBe(expected);
  });

  it('without any variable, Intl decides', () => {
    expect(detectUiLanguage([], {}, () => 'de-DE')).toBe('de');
    expect(detectUiLanguage([], {}, () => 'ja-JP')).toBe('en');
  });

  it.each([
    ['de_DE.UTF-8', 'de'],
    ['de-AT', 'de'],
    ['DE', 'de'],
    ['de@euro', 'de'],
    ['POSIX', 'en'],
    ['fr_FR', 'en'],
  ] as const)('%s -> %s', (locale, lang) => expect(uiLanguageOf(locale)).toBe(lang));
});

describe('colour', () => {
  const tty = { isTTY: true, hasColors: (): boolean => true };
  const pipe = { isTTY: false };
  it.each([
    ['a colour terminal', tty, {}, true],
    ['a pipe', pipe, {}, false],
    ['a terminal without colours', { isTTY: true, hasColors: (): boolean => false }, {}, false],
    ['NO_COLOR on a terminal', tty, { NO_COLOR: '1' }, false],
    ['NO_COLOR beats FORCE_COLOR', pipe, { NO_COLOR: '1', FORCE_COLOR: '1' }, false],
    ['NO_COLOR beats FORCE_COLOR=3 and CLICOLOR_FORCE', tty, { NO_COLOR: 'yes', FORCE_COLOR: '3', CLICOLOR_FORCE: '1' }, false],
    ['an empty NO_COLOR counts as unset', pipe, { NO_COLOR: '', FORCE_COLOR: '1' }, true],
    ['FORCE_COLOR colours a pipe', pipe, { FORCE_COLOR: '1' }, true],
    ['FORCE_COLOR=0 turns a terminal off', tty, { FORCE_COLOR: '0' }, false],
    ['FORCE_COLOR=false turns a terminal off', tty, { FORCE_COLOR: 'false' }, false],
    ['CLICOLOR_FORCE colours a pipe', pipe, { CLICOLOR_FORCE: '1' }, true],
    ['CLICOLOR_FORCE=0 does not', pipe, { CLICOLOR_FORCE: '0' }, false],
    ['NODE_DISABLE_COLORS', tty, { NODE_DISABLE_COLORS: '1' }, false],
  ] as const)('%s', (_, stream, env, expected) => {
    expect(colourWanted(stream, env)).toBe(expected);
    expect(styleFor(stream, env).red('x') === 'x').toBe(!expected);
  });
});

describe('progress', () => {
  const bar = (over: Partial<LanguageProgress> = {}): LanguageProgress => ({
    lang: 'en',
    segments: 8,
    characters: 512,
    totalSegments: 20,
    totalCharacters: 1280,
    ...over,
  });

  it('draws a bar per language with segments and characters of the plan', () => {
    const [line] = renderBars([bar()], 100, PLAIN);
    expect(line).toMatch(/^en █+░+  40%  8\/20 segments · 512\/1,280 characters$/);
  });

  it('never draws a line as wide as the terminal, so nothing wraps', () => {
    for (const columns of [20, 30, 45, 60, 80, 200]) {
      for (const line of renderBars([bar({ lang: 'pt-BR' }), bar({ totalCharacters: 1_234_567, characters: 1 })], columns, PLAIN)) {
        expect([...line].length, `${columns}: ${line}`).toBeLessThan(Math.max(20, columns));
      }
    }
  });

  it('without a plan it counts what was sent', () => {
    const [line] = renderBars([bar({ totalSegments: undefined, totalCharacters: undefined })], 80, PLAIN);
    expect(line).toBe('en  8 segments · 512 characters');
  });

  it('speaks German', () => {
    setUiLanguage('de');
    const [line] = renderBars([bar({ segments: 1, totalSegments: 1, characters: 1280 })], 100, PLAIN);
    expect(line).toMatch(/ 100 %  1\/1 Segment · 1\.280\/1\.280 Zeichen$/);
  });

  it('bars only on a terminal, not in CI, not --quiet, not on a dumb terminal', () => {
    expect(wantBars({ write: () => true, isTTY: true }, {}, false)).toBe(true);
    expect(wantBars({ write: () => true, isTTY: false }, {}, false)).toBe(false);
    expect(wantBars({ write: () => true, isTTY: true }, { CI: 'true' }, false)).toBe(false);
    expect(wantBars({ write: () => true, isTTY: true }, {}, true)).toBe(false);
    expect(wantBars({ write: () => true, isTTY: true }, { TERM: 'dumb' }, false)).toBe(false);
    expect(inCi({ CI: 'false' })).toBe(false);
    expect(inCi({ CI: '1' })).toBe(true);
  });

  it('writes retry lines above the bars and clears the bars when stopped', () => {
    let screen = '';
    const stream = { write: (text: string) => (screen += text), isTTY: true, columns: 80 };
    const progress = createProgress({ stream, bars: true, quiet: false, verbose: false, style: PLAIN });
    progress.listener({ type: 'plan', lang: 'en', segments: 2, characters: 20 });
    progress.listener({ type: 'retry', attempt: 1, delayMs: 500, reason: 'mock: injected rate-limit failure' });
    expect(screen).toContain('  retry 1 in 500 ms: mock: injected rate-limit failure\nen ');
    const drawn = screen.length;
    progress.stop();
    // Up one line (the one bar), back to its start, clear to the end of the screen.
    expect(screen.slice(drawn)).toBe('\u001b[1A\r\u001b[J');
    progress.listener({ type: 'retry', attempt: 2, delayMs: 1000, reason: 'late' });
    expect(screen.endsWith('  retry 2 in 1000 ms: late\n')).toBe(true);
  });

  it('without bars: lines only, and nothing under --quiet', () => {
    let text = '';
    const stream = { write: (s: string) => (text += s) };
    const events = [
      { type: 'plan', lang: 'en', segments: 2, characters: 20 },
      { type: 'batch-start', lang: 'en', segments: 2, characters: 20 },
      { type: 'batch-done', lang: 'en', segments: 2, characters: 20 },
      { type: 'retry', attempt: 1, delayMs: 500, reason: 'r' },
      { type: 'message', text: 'deepl: reusing glossary g' },
    ] as const;
    for (const [quiet, verbose, expected] of [
      [false, false, '  retry 1 in 500 ms: r\n  deepl: reusing glossary g\n'],
      [false, true, '  → en: sending 2 segments (20 characters)\n  sent 2 segments (20 characters) → en\n  retry 1 in 500 ms: r\n  deepl: reusing glossary g\n'],
      [true, false, ''],
    ] as const) {
      text = '';
      const progress = createProgress({ stream, bars: false, quiet, verbose, style: PLAIN });
      for (const e of events) progress.listener(e);
      progress.stop();
      expect(text).toBe(expected);
    }
  });
});
