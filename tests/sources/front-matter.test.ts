import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import matter from 'gray-matter';
import { afterAll, describe, expect, it } from 'vitest';
import { BitextError } from '../../src/core/errors.js';
import {
  DEFAULT_FRONT_MATTER_POLICY,
  MAX_ALIAS_COUNT,
  readSourceFrontMatter,
  type SourceFrontMatter,
} from '../../src/sources/front-matter.js';

function read(text: string): SourceFrontMatter {
  const result = readSourceFrontMatter(text);
  if (result === undefined) throw new Error(`expected front matter in ${JSON.stringify(text)}`);
  return result;
}

function errorOf(text: string): BitextError {
  try {
    readSourceFrontMatter(text);
  } catch (error) {
    if (error instanceof BitextError) return error;
    throw error;
  }
  throw new Error(`expected readSourceFrontMatter to throw for ${JSON.stringify(text)}`);
}

const scratch = mkdtempSync(join(tmpdir(), 'bitext-front-matter-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('readSourceFrontMatter: never runs code', () => {
  const globals = globalThis as Record<string, unknown>;
  // What a `---js` front matter could do if it ran: set a global and write a file (gray-matter's eval runs
  // in its CommonJS module, where `require` exists).
  const payload = (marker: string): string =>
    `({ title: (globalThis.__bitextFrontMatterRan = ${JSON.stringify(marker)}, require('node:fs').writeFileSync(${JSON.stringify(join(scratch, marker))}, 'ran'), 'pwned') })`;

  it('the payload does run through gray-matter with its defaults (so the tests below prove something)', () => {
    const marker = 'control';
    const result = matter(`---js\n${payload(marker)}\n---\nBody\n`, {});
    expect(result.data).toEqual({ title: 'pwned' });
    expect(globals['__bitextFrontMatterRan']).toBe(marker);
    expect(existsSync(join(scratch, marker))).toBe(true);
    delete globals['__bitextFrontMatterRan'];
  });

  const spellings = ['js', 'javascript', 'JS', 'JavaScript', ' js ', 'js ', '\tjavascript', 'coffee', 'coffeescript', 'cson', 'json', 'JSON', 'toml', 'markdown', 'constructor', '__proto__', 'toString', 'yaml!'];
  it.each(spellings)('refuses ---%s on line 1 and runs nothing', (language) => {
    const marker = `marker-${spellings.indexOf(language)}`;
    for (const eol of ['\n', '\r\n']) {
      const text = `---${language}${eol}${payload(marker)}${eol}---${eol}Body${eol}`;
      const error = errorOf(text);
      expect(error.code).toBe('input');
      expect(error.line).toBe(1);
      expect(error.file).toBeUndefined();
      expect(error.message).toBe(
        `front matter marked as ${JSON.stringify(language.trim())} is not read: only YAML front matter is (a line of just \`---\`); bitext never runs code from a source file`,
      );
    }
    expect(globals['__bitextFrontMatterRan']).toBeUndefined();
    expect(existsSync(join(scratch, marker))).toBe(false);
  });

  it('accepts ---yaml and ---yml in any case, and trailing spaces after ---', () => {
    for (const fence of ['---yaml', '---YAML', '--- yml ', '---Yml', '---   ', '---\t']) {
      const fm = read(`${fence}\ntitle: Hallo\n---\nBody\n`);
      expect(fm.data).toEqual({ title: 'Hallo' });
      expect(fm.fields[0]?.line).toBe(2);
    }
  });

  it('ignores gray-matter’s cache: a result cached for the same text elsewhere never leaks in', () => {
    // Not in gray-matter's typings, but public: `matter.cache`, keyed by the file's content.
    const cached = matter as unknown as { cache: Record<string, { data: unknown }>; clearCache(): void };
    const text = '---\ntitle: Echt\n---\nBody\n';
    matter(text); // without options gray-matter caches by content…
    cached.cache[text] = { ...cached.cache[text], data: { title: 'vergiftet' } }; // …so poison that entry
    expect(matter(text).data).toEqual({ title: 'vergiftet' });
    expect(read(text).data).toEqual({ title: 'Echt' });
    expect(read(text).fields.map((field) => field.value)).toEqual(['Echt']);
    cached.clearCache();
  });

  it('keeps gray-matter’s excerpt step away from the data (a mapping as excerpt_separator made it throw)', () => {
    const text = '---\nexcerpt_separator: {toString: x}\n---\nBody\n<!--more-->\n';
    expect(() => matter(text, {})).toThrow(TypeError);
    expect(read(text).data).toEqual({ excerpt_separator: { toString: 'x' } });
  });

  it('reads YAML tags as refusals, not as code or guesses', () => {
    expect(errorOf('---\ntitle: Hallo\nrun: !!js/function "function () { return 1 }"\n---\n')).toMatchObject({
      line: 3,
      message: 'front matter uses the YAML tag !!js/function, which bitext does not read; remove the tag (only plain text, numbers, true/false, lists and mappings are read)',
    });
    expect(errorOf('---\na: !foo bar\n---\n').message).toContain('YAML tag !foo');
    expect(errorOf('---\nbin: !!binary aGk=\n---\n').message).toContain('YAML tag !!binary');
    expect(read('---\ncode: !!str 0042\n---\n').data).toEqual({ code: '0042' });
  });
});

describe('readSourceFrontMatter: where front matter is, and where it is not', () => {
  it.each([
    ['no front matter', '# Titel\n\nText.\n'],
    ['empty text', ''],
    ['a thematic break later in the body', 'Absatz.\n\n---\n\ntitle: kein YAML\n---\n'],
    ['a blank line before the ---', '\n---\ntitle: x\n---\n'],
    ['a longer thematic break on line 1', '----\ntitle: x\n----\n'],
    ['a longer thematic break with a trailing space', '---- \n'],
  ])('%s: undefined', (_name, text) => {
    expect(readSourceFrontMatter(text)).toBeUndefined();
  });

  it('gives the YAML text, its offset, and where the body starts', () => {
    const text = '---\ntitle: Hallo\n\n# Kommentar\nslug: hallo\n---\n# Überschrift\n';
    const fm = read(text);
    expect(fm.raw).toBe('title: Hallo\n\n# Kommentar\nslug: hallo\n');
    expect(text.slice(fm.yamlOffset, fm.yamlOffset + fm.raw.length)).toBe(fm.raw);
    expect(text.slice(fm.bodyOffset)).toBe('# Überschrift\n');
    expect(fm.bodyLine).toBe(7);
  });

  it('reads an empty front matter, and one of comments only, as no data', () => {
    for (const text of ['---\n---\nBody', '---\n---', '---\n# nur ein Kommentar\n\n---\nBody', '---\n#\n---\n']) {
      const fm = read(text);
      expect(fm.data).toEqual({});
      expect(fm.fields).toEqual([]);
    }
    expect(read('---\n---\nBody')).toMatchObject({ raw: '', yamlOffset: 4, bodyOffset: 8, bodyLine: 3 });
    expect(read('---\n---')).toMatchObject({ raw: '', bodyOffset: 7, bodyLine: 3 });
  });

  it('handles a byte-order mark and CRLF line ends (offsets and lines in the text as given)', () => {
    const text = '\uFEFF---\r\n# c\r\ntitle: "Hallo"\r\nimage:\r\n  caption: |\r\n    Zeile 1\r\n    Zeile 2\r\nempty:\r\n---\r\nBody\r\n';
    const fm = read(text);
    expect(fm.raw).toBe('# c\r\ntitle: "Hallo"\r\nimage:\r\n  caption: |\r\n    Zeile 1\r\n    Zeile 2\r\nempty:\r\n');
    expect(text.slice(fm.yamlOffset, fm.yamlOffset + fm.raw.length)).toBe(fm.raw);
    expect(text.slice(fm.bodyOffset)).toBe('Body\r\n');
    expect(fm.bodyLine).toBe(10);
    expect(fm.data).toEqual({ title: 'Hallo', image: { caption: 'Zeile 1\nZeile 2\n' }, empty: null });
    expect(fm.fields.map((field) => [field.key, field.line, text.slice(...field.range)])).toEqual([
      ['title', 3, '"Hallo"'],
      ['image.caption', 5, '|\r\n    Zeile 1\r\n    Zeile 2\r\n'],
    ]);
  });

  it('refuses a front matter that is never closed instead of losing the body', () => {
    for (const text of ['---\ntitle: Hallo\n\nDer ganze Artikel …\n', '---\n', '---', '---\r\ntitle: x\r\n']) {
      expect(errorOf(text)).toMatchObject({
        code: 'input',
        line: 1,
        message: 'front matter opened on line 1 is never closed; add a `---` line after it (or, if the `---` is a thematic break, put a blank line before it)',
      });
    }
  });

  it('refuses a line starting with --- or ... inside, which gray-matter or YAML would cut the block at', () => {
    expect(errorOf('---\ntitle: x\n---- \nslug: y\n---\n')).toMatchObject({
      line: 3,
      message: 'a line starting with `---` inside the front matter; the front matter ends at a line of just `---` — remove or indent this one',
    });
    expect(errorOf('---\ntitle: x\n--- slug: y\n---\n').line).toBe(3);
    expect(errorOf('---\ntitle: x\n...\nslug: y\n---\n')).toMatchObject({
      line: 3,
      message: '`...` ends the YAML document early, so what follows it would be lost; remove the line',
    });
  });
});

describe('readSourceFrontMatter: YAML as data', () => {
  it('uses the YAML 1.2 core schema: dates stay text, booleans and numbers are typed, yes/no are text', () => {
    const fm = read('---\ndate: 2024-05-01\nupdated: 2024-05-01T10:00:00Z\ndraft: false\nweight: 3\nratio: 1.5\nanswer: no\nnothing: ~\n---\n');
    expect(fm.data).toEqual({ date: '2024-05-01', updated: '2024-05-01T10:00:00Z', draft: false, weight: 3, ratio: 1.5, answer: 'no', nothing: null });
  });

  it('keeps __proto__ as a plain key and pollutes no prototype', () => {
    const fm = read('---\n__proto__:\n  polluted: yes\ntitle: x\nconstructor: y\n---\n');
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.getPrototypeOf(fm.data)).toBe(Object.prototype);
    expect(Object.keys(fm.data)).toEqual(['__proto__', 'title', 'constructor']);
    expect(Object.getOwnPropertyDescriptor(fm.data, '__proto__')?.value).toEqual({ polluted: 'yes' });
  });

  it(`stops a "billion laughs" alias bomb (more than ${MAX_ALIAS_COUNT} expansions) quickly, with a clear error`, () => {
    const levels = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]'];
    for (let i = 1; i < 10; i++) {
      const name = String.fromCharCode(97 + i);
      const previous = String.fromCharCode(96 + i);
      levels.push(`${name}: &${name} [${Array.from({ length: 9 }, () => `*${previous}`).join(', ')}]`);
    }
    const text = `---\ntitle: Lachen\n${levels.join('\n')}\n---\nBody\n`;
    const start = performance.now();
    const error = errorOf(text);
    const ms = performance.now() - start;
    expect(ms).toBeLessThan(1000);
    expect(error).toMatchObject({
      code: 'input',
      line: 4, // the first alias
      message: `front matter aliases (*name) expand to more than ${MAX_ALIAS_COUNT} copies, which looks like a "billion laughs" attack; write the values out`,
    });
  });

  it('refuses absurd nesting with a clear error instead of a stack overflow', () => {
    for (const text of [`---\ntitle: x\ndeep: ${'['.repeat(20_000)}${']'.repeat(20_000)}\n---\n`, `---\ntitle: x\n${Array.from({ length: 3000 }, (_, i) => `${' '.repeat(i)}k:`).join('\n')} v\n---\n`]) {
      // yaml reports the collection it ran out of stack in, somewhere inside the nesting.
      const error = errorOf(text);
      expect(error).toMatchObject({ code: 'input', message: 'front matter is nested too deeply to read; flatten it' });
      expect(error.line).toBeGreaterThanOrEqual(3);
    }
    expect(read(`---\ndeep: ${'['.repeat(100)}${']'.repeat(100)}\n---\n`).data).toHaveProperty('deep');
  });

  it('still reads a few aliases', () => {
    expect(read('---\nperson: &p {name: Anna}\nauthor: *p\n---\n').data).toEqual({ person: { name: 'Anna' }, author: { name: 'Anna' } });
  });

  it('reports malformed YAML at its line in the file, not in the block', () => {
    const cases: Array<[string, number, string]> = [
      ['---\ntitle: Hallo\nslug: hallo\nsummary: Er sagte: Nein\n---\n', 4, 'front matter is not valid YAML: Nested mappings are not allowed in compact mappings; a value containing ": " must be quoted'],
      ['---\ntitle: "Hallo\nslug: x\n---\n', 2, 'front matter is not valid YAML: Missing closing "quote (the value starting on this line is never closed)'],
      ['---\ntitle: x\n\tslug: y\n---\n', 3, 'front matter is not valid YAML: Tabs are not allowed as indentation; indent with spaces'],
      ['---\r\ntitle: x\r\ntags: [a, b\r\nslug: y\r\n---\r\n', 4, 'front matter is not valid YAML'],
      // The plain value of line 2 runs on into line 3, so the problem is the value on line 2.
      ['\uFEFF---\ntitle: x\n  bad: y\n---\n', 2, 'a value containing ": " must be quoted'],
    ];
    for (const [text, line, message] of cases) {
      const error = errorOf(text);
      expect([error.code, error.line]).toEqual(['input', line]);
      expect(error.message).toContain(message);
    }
  });

  it('refuses duplicate keys, naming both lines, also when they differ only in quoting or type', () => {
    expect(errorOf('---\ntitle: A\nslug: a\ntitle: B\n---\n')).toMatchObject({ line: 4, message: 'duplicate front matter key "title" (first on line 2); keep one' });
    expect(errorOf('---\n"title": A\ntitle: B\n---\n').line).toBe(3);
    expect(errorOf('---\nimage:\n  alt: A\n  alt: B\n---\n')).toMatchObject({ line: 4, message: 'duplicate front matter key "alt" (first on line 3); keep one' });
    expect(errorOf('---\n1: eins\n"1": one\n---\n')).toMatchObject({ line: 3, message: 'duplicate front matter key "1" (first on line 2); keep one' });
  });

  it('refuses a front matter that is not a mapping', () => {
    expect(errorOf('---\n- eins\n- zwei\n---\n')).toMatchObject({
      line: 2,
      message: 'front matter must be `key: value` lines (a YAML mapping), not a list; if the `---` on line 1 is a thematic break, put a blank line before it',
    });
    expect(errorOf('---\n\nNur ein Satz.\n---\n')).toMatchObject({ line: 3, message: expect.stringContaining('not a single value') as unknown });
  });

  it('refuses keys that are not plain names', () => {
    expect(errorOf('---\n? [a, b]\n: x\n---\n')).toMatchObject({ line: 2, message: 'front matter keys must be plain names; this one is a list, mapping, alias or empty' });
    expect(errorOf('---\n~: x\n---\n').line).toBe(2);
  });

  it('does not merge <<: it is an ordinary key', () => {
    expect(read('---\nbase: &b {a: 1}\n<<: *b\n---\n').data).toEqual({ base: { a: 1 }, '<<': { a: 1 } });
  });
});

describe('readSourceFrontMatter: fields to translate', () => {
  const text = [
    '---', //                                                   1
    'title: "Bundestag beschließt Haushalt"', //              2
    'slug: bundestag-haushalt', //                            3
    'date: 2024-05-01', //                                    4
    'description: >', //                                      5
    '  Nach langer Debatte', //                               6
    '  stimmt das Parlament zu.', //                          7
    'tags: [Politik, Haushalt]', //                           8
    'author: Anna Muster', //                                 9
    'image:', //                                              10
    '  src: /img/bundestag.jpg', //                           11
    '  caption: Der Plenarsaal', //                           12
    "  alt: 'Abgeordnete im Plenarsaal'", //                  13
    'summary:', //                                            14
    '  - Erster Punkt', //                                    15
    '  - 42', //                                              16
    '  - [verschachtelt]', //                                 17
    '  - Zweiter Punkt', //                                   18
    'excerpt: ""', //                                         19
    'subtitle: 2024', //                                      20
    'caption: &c Bildunterschrift', //                        21
    'alt: *c', //                                             22
    '---',
    'Text.',
    '',
  ].join('\n');

  it('takes the default policy’s string values in document order, with their lines and source ranges', () => {
    const fm = read(text);
    expect(fm.fields.map((field) => [field.key, field.path, field.value, field.line, text.slice(...field.range)])).toEqual([
      ['title', ['title'], 'Bundestag beschließt Haushalt', 2, '"Bundestag beschließt Haushalt"'],
      ['description', ['description'], 'Nach langer Debatte stimmt das Parlament zu.\n', 5, '>\n  Nach langer Debatte\n  stimmt das Parlament zu.\n'],
      ['image.caption', ['image', 'caption'], 'Der Plenarsaal', 12, 'Der Plenarsaal'],
      ['image.alt', ['image', 'alt'], 'Abgeordnete im Plenarsaal', 13, "'Abgeordnete im Plenarsaal'"],
      ['summary.0', ['summary', 0], 'Erster Punkt', 15, 'Erster Punkt'],
      ['summary.3', ['summary', 3], 'Zweiter Punkt', 18, 'Zweiter Punkt'],
      ['caption', ['caption'], 'Bildunterschrift', 21, 'Bildunterschrift'],
    ]);
    // Copied untouched: slug, date, tags, author, image.src, a number and a nested list in summary, an
    // empty excerpt, a numeric subtitle, and an alias (its anchor is translated where it is written).
    expect(fm.data['subtitle']).toBe(2024);
  });

  it('takes a policy of its own', () => {
    const fm = readSourceFrontMatter(text, { translate: ['author', 'tags', 'image.src', 'image'] });
    expect(fm?.fields.map((field) => field.key)).toEqual(['tags.0', 'tags.1', 'author', 'image.src']);
  });

  it('pins the default policy', () => {
    expect(DEFAULT_FRONT_MATTER_POLICY.translate).toEqual(['title', 'subtitle', 'description', 'summary', 'excerpt', 'caption', 'alt', 'image.caption', 'image.alt']);
    expect(Object.isFrozen(DEFAULT_FRONT_MATTER_POLICY.translate)).toBe(true);
  });
});
