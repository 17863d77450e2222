import fc from 'fast-check';
import { isScalar, parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { BitextError } from '../../src/core/errors.js';
import {
  readSourceFrontMatter,
  replaceFrontMatterValues,
  setFrontMatterKeys,
  type FrontMatterValue,
  type SourceFrontMatter,
} from '../../src/sources/front-matter.js';

// Every kind of scalar and layout a hand-written front matter has: comments (own line, end of line, at the
// end), all quoting styles, odd indentation, flow collections, blank lines, a multi-line plain value.
const RAW = [
  '# Kopf-Kommentar',
  'title: Bundestag beschließt Haushalt   # Überschrift',
  "subtitle: 'Einzel ''zitiert'''",
  'description: "Doppelt \\"zitiert\\" mit \\u00e4"',
  '',
  'image:',
  '    caption: Verschachtelt, vier Leerzeichen',
  '    alt: "Alt-Text"   ',
  '    src: /img/x.jpg',
  'tags: [eins, zwei]',
  "flow: {caption: im Fluss, alt: 'auch'}",
  'summary:',
  '- erste',
  '-   zweite # c',
  'multi: eine',
  '  Zeile weiter',
  'date: 2024-05-01',
  'draft: false',
  '',
  '# Schluss',
  '',
].join('\n');
const FILE = `---\n${RAW}---\nText.\n`;
const POLICY = { translate: ['title', 'subtitle', 'description', 'image.caption', 'image.alt', 'image.src', 'tags', 'flow.caption', 'flow.alt', 'summary', 'multi', 'date'] };

function read(text: string, policy = POLICY): SourceFrontMatter {
  const result = readSourceFrontMatter(text, policy);
  if (result === undefined) throw new Error('expected front matter');
  return result;
}

/** The file with its front matter replaced: what the publisher will write. */
function withRaw(text: string, fm: SourceFrontMatter, raw: string): string {
  return text.slice(0, fm.yamlOffset) + raw + text.slice(fm.yamlOffset + fm.raw.length);
}

function pathOf(key: string): (string | number)[] {
  return key.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/** Source ranges (in `raw`) of the values at `keys`, in document order, read with yaml itself. */
function rangesIn(raw: string, keys: readonly string[]): Array<[number, number]> {
  const doc = parseDocument(raw);
  return keys
    .map((key): [number, number] => {
      const node = doc.getIn(pathOf(key), true);
      if (!isScalar(node) || !node.range) throw new Error(`no scalar at ${key}`);
      return [node.range[0], node.range[1]];
    })
    .sort((a, b) => a[0] - b[0]);
}

/** The text outside the given ranges. */
function outside(text: string, ranges: ReadonlyArray<readonly [number, number]>): string[] {
  const parts: string[] = [];
  let at = 0;
  for (const [start, end] of ranges) {
    parts.push(text.slice(at, start));
    at = end;
  }
  parts.push(text.slice(at));
  return parts;
}

// Strings that are hard for YAML: indicators, line breaks, controls, lone surrogates, look-alikes of other types.
const TRICKY = [': ', ' #', '#', '- ', '-', '"', "'", '\\', '\n', '\r\n', '\r', '\t', '---', '...', '*a', '&a', '!x', '%', '@', '`', '{', '}', '[', ']', ',', '?', '|', '>', ' ', '\u0085', '\u2028', '\ufeff', '\u0000', '\u007f', '\ud800', '\udc00', '😀', 'true', 'null', '~', '2024-05-01', '0x1f', '1e3', 'ä'];
const anyText = fc
  .array(fc.oneof(fc.constantFrom(...TRICKY), fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)) }), fc.string()), { maxLength: 8 })
  .map((parts) => parts.join(''));

describe('replaceFrontMatterValues', () => {
  const fm = read(FILE);
  const keys = fm.fields.map((field) => field.key);

  it('finds the fields it is given', () => {
    expect(keys).toEqual(['title', 'subtitle', 'description', 'image.caption', 'image.alt', 'image.src', 'tags.0', 'tags.1', 'flow.caption', 'flow.alt', 'summary.0', 'summary.1', 'multi', 'date']);
  });

  it('changes only the values: every other byte stays (golden)', () => {
    const out = replaceFrontMatterValues(
      fm.raw,
      new Map([
        ['title', 'Bundestag passes budget'],
        ['image.alt', 'Alt text: "quoted" # not a comment'],
        ['flow.caption', 'in the flow, with a comma'],
        ['summary.1', '- second'],
        ['multi', 'one\nline further'],
      ]),
    );
    expect(out).toBe(
      [
        '# Kopf-Kommentar',
        'title: "Bundestag passes budget"   # Überschrift',
        "subtitle: 'Einzel ''zitiert'''",
        'description: "Doppelt \\"zitiert\\" mit \\u00e4"',
        '',
        'image:',
        '    caption: Verschachtelt, vier Leerzeichen',
        '    alt: "Alt text: \\"quoted\\" # not a comment"   ',
        '    src: /img/x.jpg',
        'tags: [eins, zwei]',
        "flow: {caption: \"in the flow, with a comma\", alt: 'auch'}",
        'summary:',
        '- erste',
        '-   "- second" # c',
        'multi: "one\\nline further"',
        'date: 2024-05-01',
        'draft: false',
        '',
        '# Schluss',
        '',
      ].join('\n'),
    );
  });

  it('round-trips any string at any field, leaving the text outside the replaced values identical', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.constantFrom(...keys), { minLength: 1, maxLength: keys.length }), fc.array(anyText, { minLength: keys.length, maxLength: keys.length }), (chosen, texts) => {
        const values = new Map(chosen.map((key, i) => [key, texts[i] ?? '']));
        const out = replaceFrontMatterValues(fm.raw, values);

        const doc = parseDocument(out, { schema: 'core' });
        expect(doc.errors).toEqual([]);
        const before = parseDocument(fm.raw, { schema: 'core' }).toJS() as Record<string, unknown>;
        for (const key of keys) {
          const expected = values.has(key) ? values.get(key) : parseDocument(fm.raw).getIn(pathOf(key));
          expect(doc.getIn(pathOf(key))).toBe(expected);
        }
        expect((doc.toJS() as Record<string, unknown>)['draft']).toBe(before['draft']);
        expect(outside(out, rangesIn(out, chosen))).toEqual(outside(fm.raw, rangesIn(fm.raw, chosen)));
        // A replaced value never puts a fence or document marker at the start of a line.
        expect(out.split('\n').filter((line) => /^(?:---|\.\.\.)/.test(line))).toEqual([]);

        // And the file the publisher writes reads back with the new values.
        const reread = read(withRaw(FILE, fm, out));
        for (const [key, value] of values) {
          const field = reread.fields.find((candidate) => candidate.key === key);
          if (value.trim() === '') expect(field).toBeUndefined();
          else expect(field?.value).toBe(value);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('turns a block scalar into one quoted line, keeping its header comment and what follows', () => {
    const raw = 'description: >- # gefaltet\n  Zeile eins\n  Zeile zwei\n\nexcerpt: |\n  wörtlich\nslug: x\n';
    const out = replaceFrontMatterValues(raw, new Map([['description', 'Line one line two'], ['excerpt', 'literal\n']]));
    expect(out).toBe('description: "Line one line two" # gefaltet\n\nexcerpt: "literal\\n"\nslug: x\n');
  });

  it('keeps CRLF line ends and an anchor on the value', () => {
    const raw = 'title: &t Hallo\r\nog: *t\r\nslug: x\r\n';
    const out = replaceFrontMatterValues(raw, new Map([['title', 'Hello']]));
    expect(out).toBe('title: &t "Hello"\r\nog: *t\r\nslug: x\r\n');
    expect(parseDocument(out).toJS()).toEqual({ title: 'Hello', og: 'Hello', slug: 'x' });
  });

  it('refuses keys that name nothing to replace', () => {
    const raw = 'title: x\nempty:\nog: &a y\nalias: *a\nimage: {alt: z}\n';
    const cases: Array<[string, string]> = [
      ['missing', 'front matter has no value at "missing"; only text values can be replaced'],
      ['image.caption', 'front matter has no value at "image.caption"; only text values can be replaced'],
      ['title.0', 'front matter has no value at "title.0"; only text values can be replaced'],
      ['empty', 'front matter has an empty value at "empty"; only text values can be replaced'],
      ['alias', 'front matter has an alias (*name), not a value at "alias"; only text values can be replaced'],
      ['image', 'front matter has a list or mapping, not a value at "image"; only text values can be replaced'],
    ];
    for (const [key, message] of cases) {
      expect(() => replaceFrontMatterValues(raw, new Map([[key, 'neu']]))).toThrow(new BitextError('input', message));
    }
  });
});

describe('setFrontMatterKeys', () => {
  it('appends new top-level keys after everything, comments included', () => {
    const out = setFrontMatterKeys(RAW, { lang: 'en', bitext: { source: 'artikel.md', sourceHash: 'ab12', translatedBy: ['deepl', 'review'], reviewed: true, words: 120, note: null, extra: {} } });
    expect(out).toBe(
      `${RAW}lang: "en"\nbitext:\n  source: "artikel.md"\n  sourceHash: "ab12"\n  translatedBy:\n    - "deepl"\n    - "review"\n  reviewed: true\n  words: 120\n  note: null\n  extra: {}\n`,
    );
  });

  it('replaces an existing lang in place, keeping its comment', () => {
    expect(setFrontMatterKeys('title: x\nlang: de   # Sprache\nslug: y\n', { lang: 'en' })).toBe('title: x\nlang: "en"   # Sprache\nslug: y\n');
    expect(setFrontMatterKeys('lang:\n# leer\nslug: y\n', { lang: 'en' })).toBe('lang: "en"\n# leer\nslug: y\n');
  });

  it('replaces an existing bitext mapping in place, keeping the comments and blank lines after it', () => {
    const raw = 'title: x\nbitext:\n  source: alt.md\n  stale: 1\n  # innen\n# danach\n\nslug: y\n';
    expect(setFrontMatterKeys(raw, { bitext: { source: 'neu.md' } })).toBe('title: x\nbitext:\n  source: "neu.md"\n  # innen\n# danach\n\nslug: y\n');
    expect(setFrontMatterKeys(raw, { bitext: 'kurz' })).toBe('title: x\nbitext: "kurz"\n  # innen\n# danach\n\nslug: y\n');
    expect(setFrontMatterKeys('a: 1\nbitext: alt\nb: 2\n', { bitext: { v: 1 } })).toBe('a: 1\nbitext:\n  v: 1\nb: 2\n');
  });

  it('writes into an empty or comment-only front matter, keeps CRLF, and follows an indented root', () => {
    expect(setFrontMatterKeys('', { lang: 'en' })).toBe('lang: "en"\n');
    expect(setFrontMatterKeys('# nur Kommentar', { lang: 'en' })).toBe('# nur Kommentar\nlang: "en"\n');
    expect(setFrontMatterKeys('title: x\r\n', { lang: 'en', bitext: { a: 'b' } })).toBe('title: x\r\nlang: "en"\r\nbitext:\r\n  a: "b"\r\n');
    expect(setFrontMatterKeys('  title: x\n  slug: y\n', { lang: 'en' })).toBe('  title: x\n  slug: y\n  lang: "en"\n');
  });

  it('quotes keys that would not read back as the same text', () => {
    expect(setFrontMatterKeys('', { true: 1, 'a b': 2, '#': 3, '': 4, '1': 5 })).toBe('"1": 5\n"true": 1\n"a b": 2\n"#": 3\n"": 4\n');
  });

  it('refuses a flow-style root and values it cannot write', () => {
    expect(() => setFrontMatterKeys('{title: x}\n', { lang: 'en' })).toThrow(
      new BitextError('input', 'front matter is not a block of `key: value` lines, so keys cannot be added to it; rewrite it as one'),
    );
    expect(() => setFrontMatterKeys('', { n: Number.NaN })).toThrow(new TypeError('front matter value at "n" is NaN; only finite numbers can be written'));
    expect(() => setFrontMatterKeys('', { d: new Date() as unknown as FrontMatterValue })).toThrow(TypeError);
  });

  const value: fc.Arbitrary<FrontMatterValue> = fc.letrec<{ value: FrontMatterValue }>((tie) => ({
    value: fc.oneof(
      { depthSize: 'small' },
      anyText,
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
      fc.array(tie('value'), { maxLength: 3 }),
      fc.dictionary(anyText, tie('value'), { maxKeys: 3 }),
    ),
  })).value;

  it('writes any value under any key so that it reads back equal, without touching what was there', () => {
    const before = parseDocument(RAW, { schema: 'core' }).toJS() as Record<string, unknown>;
    fc.assert(
      fc.property(fc.dictionary(fc.oneof(anyText, fc.constantFrom('lang', 'bitext', 'title', 'tags', '__proto__')), value, { minKeys: 1, maxKeys: 4 }), (entries) => {
        const out = setFrontMatterKeys(RAW, entries);
        const doc = parseDocument(out, { schema: 'core', uniqueKeys: true });
        expect(doc.errors).toEqual([]);
        const data = doc.toJS() as Record<string, unknown>;
        const expected: Record<string, unknown> = JSON.parse(JSON.stringify(before)) as Record<string, unknown>;
        for (const [key, item] of Object.entries(entries)) Object.defineProperty(expected, key, { value: item, enumerable: true, writable: true, configurable: true });
        expect(JSON.stringify(data)).toBe(JSON.stringify(expected));
        if (Object.keys(entries).every((key) => !(key in before))) expect(out.startsWith(RAW)).toBe(true);
        expect(out.split('\n').filter((line) => /^(?:---|\.\.\.)/.test(line))).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});
