import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BitextError } from '../../src/core/errors.js';
import { DEFAULT_MAX_JSON_DEPTH, StrictJsonError, parseStrictJson, type StrictJsonOptions } from '../../src/io/strict-json.js';

function errorOf(text: string, options?: StrictJsonOptions): StrictJsonError {
  try {
    parseStrictJson(text, options);
  } catch (error) {
    if (error instanceof StrictJsonError) return error;
    throw error;
  }
  throw new Error(`expected parseStrictJson to throw for ${JSON.stringify(text)}`);
}

/** Same value, same key order, same prototype: what `JSON.parse` returns. */
function expectSameAsJsonParse(text: string): void {
  const ours = parseStrictJson(text);
  const theirs: unknown = JSON.parse(text);
  expect(ours).toStrictEqual(theirs);
  expect(JSON.stringify(ours)).toBe(JSON.stringify(theirs));
}

describe('parseStrictJson: the values JSON.parse returns', () => {
  it('agrees with JSON.parse on generated JSON, compact and indented', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom(undefined, 2, '\t', ' \r\n '), (value, space) => {
        expectSameAsJsonParse(JSON.stringify(value, null, space));
      }),
      { numRuns: 500 },
    );
  });

  it('agrees with JSON.parse when white space sits at every possible place', () => {
    const ws = fc.stringMatching(/^[ \t\r\n]{0,3}$/);
    fc.assert(
      fc.property(fc.json(), fc.array(ws, { minLength: 1, maxLength: 50 }), (json, spaces) => {
        // Insert white space between tokens: after each structural character and around the text.
        let k = 0;
        const spaced = json.replace(/[{}[\],:]/g, (ch) => `${ch}${spaces[k++ % spaces.length]}`);
        // The replacement above also hits those characters inside strings; only compare when it did not.
        let inside: unknown;
        try {
          inside = JSON.parse(spaced);
        } catch {
          return;
        }
        expect(parseStrictJson(`${spaces[0]}${spaced}${spaces[spaces.length - 1]}`)).toStrictEqual(inside);
      }),
      { numRuns: 300 },
    );
  });

  it('decodes every escape, including lone surrogates written raw or as \\u', () => {
    const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));
    const written = fc.tuple(codeUnit, fc.constantFrom('raw', 'short', 'u', 'U')).map(([ch, how]) => {
      const c = ch.charCodeAt(0);
      const hex = c.toString(16).padStart(4, '0');
      if (how === 'u') return `\\u${hex}`;
      if (how === 'U') return `\\u${hex.toUpperCase()}`;
      if (how === 'short' && ch === '/') return '\\/';
      // JSON.stringify of one code unit writes the short escape or the raw character, and \uXXXX for the rest.
      return JSON.stringify(ch).slice(1, -1);
    });
    fc.assert(
      fc.property(fc.array(written, { maxLength: 30 }), (parts) => {
        expectSameAsJsonParse(`"${parts.join('')}"`);
        expectSameAsJsonParse(`{"${parts.join('')}": 1}`);
      }),
      { numRuns: 500 },
    );
  });

  it('reads numbers as JSON.parse does: signs, fractions, exponents, -0, overflow', () => {
    const digits = fc.stringMatching(/^[0-9]{1,25}$/);
    const number = fc
      .record({
        minus: fc.boolean(),
        int: fc.oneof(fc.constant('0'), digits.map((d) => `1${d}`.replace(/^1(0*)/, '1$1')), fc.stringMatching(/^[1-9][0-9]{0,3}$/)),
        frac: fc.option(digits, { nil: undefined }),
        exp: fc.option(fc.tuple(fc.constantFrom('e', 'E'), fc.constantFrom('', '+', '-'), fc.stringMatching(/^[0-9]{1,4}$/)), { nil: undefined }),
      })
      .map(({ minus, int, frac, exp }) => `${minus ? '-' : ''}${int}${frac === undefined ? '' : `.${frac}`}${exp === undefined ? '' : exp.join('')}`);
    fc.assert(
      fc.property(number, (text) => {
        expect(Object.is(parseStrictJson(text), JSON.parse(text))).toBe(true);
        expectSameAsJsonParse(`[${text}]`);
      }),
      { numRuns: 1000 },
    );
    fc.assert(fc.property(fc.double(), (d) => expectSameAsJsonParse(`[${JSON.stringify(d)}]`)));
    for (const text of ['-0', '0', '1e400', '-1e400', '1E-400', '0.1', '123.456e-7', '9007199254740993']) {
      expect(Object.is(parseStrictJson(text), JSON.parse(text))).toBe(true);
    }
  });

  it('refuses exactly what JSON.parse refuses (apart from duplicate keys), on mutated JSON', () => {
    const mutated = fc
      .tuple(fc.json(), fc.nat(), fc.constantFrom('delete', 'insert', 'replace'), fc.constantFrom(...'{}[],:"\\ 0-1.eE+tfnu\'/a\n\u0000'.split('')))
      .map(([json, at, how, ch]) => {
        const i = json.length === 0 ? 0 : at % json.length;
        if (how === 'delete') return json.slice(0, i) + json.slice(i + 1);
        if (how === 'insert') return json.slice(0, i) + ch + json.slice(i);
        return json.slice(0, i) + ch + json.slice(i + 1);
      });
    // A text can hold a duplicate key before a syntax error; we report the first problem in the text, so
    // each reported duplicate is renamed to a fresh key and the comparison repeated on the renamed text.
    const compare = (text: string, renamed: number): void => {
      let theirs: { ok: true; value: unknown } | { ok: false };
      try {
        theirs = { ok: true, value: JSON.parse(text) };
      } catch {
        theirs = { ok: false };
      }
      let ours: unknown;
      try {
        ours = parseStrictJson(text);
      } catch (error) {
        if (!(error instanceof StrictJsonError)) throw error;
        if (error.kind === 'duplicate-key') {
          let end = error.offset + 1;
          while (text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
          compare(`${text.slice(0, error.offset)}"\\u0001renamed${renamed}"${text.slice(end + 1)}`, renamed + 1);
          return;
        }
        expect(theirs.ok, `JSON.parse accepts ${JSON.stringify(text)} but we said: ${error.message}`).toBe(false);
        return;
      }
      expect(theirs.ok, `JSON.parse refuses ${JSON.stringify(text)} but we accepted it`).toBe(true);
      if (theirs.ok) expect(ours).toStrictEqual(theirs.value);
    };
    fc.assert(
      fc.property(mutated, (text) => compare(text, 0)),
      { numRuns: 3000 },
    );
  });

  it('skips a byte-order mark at the start only', () => {
    expect(parseStrictJson('\uFEFF{"a": 1}')).toEqual({ a: 1 });
    expect(errorOf('{"a": 1}\uFEFF').message).toBe('U+FEFF after the end of the JSON value; a JSON file holds one value; is a comma or an opening bracket missing, or is something pasted twice?');
  });

  it('keeps __proto__ as an own data property and pollutes no prototype', () => {
    const value = parseStrictJson('{"__proto__": {"polluted": true}, "a": {"__proto__": []}}') as Record<string, unknown>;
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.keys(value)).toEqual(['__proto__', 'a']);
    expect(Object.getOwnPropertyDescriptor(value, '__proto__')?.value).toEqual({ polluted: true });
    expect(value).toStrictEqual(JSON.parse('{"__proto__": {"polluted": true}, "a": {"__proto__": []}}'));
    expect(errorOf('{"__proto__": 1, "__proto__": 2}').kind).toBe('duplicate-key');
    // Keys named like Object.prototype members are ordinary keys, not duplicates of the prototype's.
    expect(parseStrictJson('{"toString": 1, "constructor": 2, "hasOwnProperty": 3}')).toEqual({ toString: 1, constructor: 2, hasOwnProperty: 3 });
  });

  it(`nests to ${DEFAULT_MAX_JSON_DEPTH} levels by default and refuses deeper, without recursion`, () => {
    const nested = (depth: number): string => '['.repeat(depth) + ']'.repeat(depth);
    expect(parseStrictJson(nested(DEFAULT_MAX_JSON_DEPTH))).toStrictEqual(JSON.parse(nested(DEFAULT_MAX_JSON_DEPTH)));
    const tooDeep = errorOf(nested(DEFAULT_MAX_JSON_DEPTH + 1));
    expect([tooDeep.kind, tooDeep.line, tooDeep.column]).toEqual(['too-deep', 1, DEFAULT_MAX_JSON_DEPTH + 1]);
    expect(tooDeep.message).toBe(`nesting deeper than ${DEFAULT_MAX_JSON_DEPTH} levels; flatten the data`);

    // A million levels of objects: no stack overflow (the stack is an array), checked without recursion.
    const depth = 1_000_000;
    let value = parseStrictJson('{"a":'.repeat(depth) + '1' + '}'.repeat(depth), { maxDepth: depth });
    for (let i = 0; i < depth; i++) value = (value as { a: unknown }).a;
    expect(value).toBe(1);
  });

  it('is linear: 10 MB of glossary-like JSON parse in well under the time a quadratic parser would need', () => {
    const term = { source: 'Bundesverfassungsgericht', forms: ['Bundesverfassungsgerichts', 'Bundesverfassungsgerichten'], targets: { en: 'Federal Constitutional Court', fr: { term: 'Cour constitutionnelle fédérale', forms: [] } }, note: 'Karlsruhe, \u201eBVerfG\u201c', caseSensitive: false, weight: 1.5e3 };
    const text = JSON.stringify({ version: 1, terms: Array.from({ length: 40_000 }, (_, i) => ({ id: `t${i}`, ...term })) }, null, 2);
    expect(text.length).toBeGreaterThan(10_000_000);
    const start = performance.now();
    const value = parseStrictJson(text);
    const ms = performance.now() - start;
    expect(value).toStrictEqual(JSON.parse(text));
    // Machines differ and cores are shared: this only catches a quadratic regression (minutes, not seconds).
    expect(ms).toBeLessThan(10_000);
  });
});

describe('parseStrictJson: duplicate keys', () => {
  it('names both lines and the JSON path', () => {
    const text = [
      '{', //                                   1
      '  "version": 1,', //                     2
      '  "terms": [', //                        3
      '    {"source": "A"},', //                4
      '    {"source": "B"},', //                5
      '    {"source": "C"},', //                6
      '    {', //                                7
      '      "source": "Rat",', //              8
      '      "targets": {', //                  9
      '        "fr": "conseil",', //           10
      '        "en": "council",', //           11
      '        "en": "board"', //              12
      '      }', //                             13
      '    }', //                               14
      '  ]', //                                 15
      '}', //                                   16
    ].join('\n');
    const error = errorOf(text);
    expect(error).toBeInstanceOf(BitextError);
    expect([error.code, error.kind, error.line, error.column, error.path]).toEqual(['config', 'duplicate-key', 12, 9, 'terms[3].targets']);
    expect(error.message).toBe('terms[3].targets: duplicate key "en" at line 12 (first at line 11); keep one');
    expect(error.file).toBeUndefined();
  });

  it('finds a second top-level key (which JSON.parse would let empty the first)', () => {
    const error = errorOf('{\n  "terms": [{"source": "Rat"}],\n  "version": 1,\n  "terms": []\n}');
    expect(error.message).toBe('duplicate key "terms" at line 4 (first at line 2); keep one');
  });

  it('compares keys after decoding escapes, and skips nested values and strings when finding the first', () => {
    expect(errorOf('{"a": {"b": 1, "b\\"": [{"b": 2}]}, "x": "b", "\\u0061": 3}').message).toBe('duplicate key "a" at line 1 (first at line 1); keep one');
    expect(errorOf('{"list": [{"k": 1}, {"k": 1, "k": 2}]}').message).toBe('list[1]: duplicate key "k" at line 1 (first at line 1); keep one');
    expect(errorOf('{"odd key": {"x": 1,\n"x": 2}}').message).toBe('["odd key"]: duplicate key "x" at line 2 (first at line 1); keep one');
  });

  it('reports the first problem in the text: a duplicate before a later syntax error', () => {
    expect(errorOf('{"a": 1, "a": 2, }').kind).toBe('duplicate-key');
    expect(errorOf('{"a": 1,, "a": 2}').kind).toBe('syntax');
  });

  it('takes its error code as an option', () => {
    expect(errorOf('{"a":1,"a":2}', { code: 'input' }).code).toBe('input');
  });
});

describe('parseStrictJson: syntax errors at their own line and column, with a reason and a hint', () => {
  const cases: Array<[string, string, number, number, string]> = [
    ['empty', '', 1, 1, 'the text is empty; expected one JSON value such as {…}'],
    ['white space only', '\n  \n', 3, 1, 'the text is empty; expected one JSON value such as {…}'],
    ['trailing comma in an object', '{\n  "version": 1,\n  "terms": [],\n}', 3, 14, 'trailing comma before "}"; remove the comma; JSON allows none after the last item'],
    ['trailing comma in an array', '[\n  1,\n  2,\n\n]', 3, 4, 'trailing comma before "]"; remove the comma; JSON allows none after the last item'],
    ['missing comma', '{\n  "version": 1\n  "terms": []\n}', 3, 3, 'expected "," or "}" after a member of the object, found a string; add a comma after the previous value'],
    ['missing comma in an array', '[1 2]', 1, 4, 'expected "," or "]" after an item of the array, found "2"; add a comma after the previous item'],
    ['wrong closing bracket', '{"a": [1}', 1, 9, 'expected "," or "]" after an item of the array, found "}"; the [ at line 1, column 7 is closed with "]"'],
    ['truncated', '{\n  "version": 1,', 2, 16, 'unexpected end of the text: the { at line 1, column 1 is never closed; complete it and add the missing }'],
    ['truncated after a colon', '{"a":', 1, 6, 'unexpected end of the text: the { at line 1, column 1 is never closed; complete it and add the missing }'],
    ['truncated array', '[1, [2', 1, 7, 'unexpected end of the text: the [ at line 1, column 5 is never closed; complete it and add the missing ]'],
    ['unquoted key', '{version: 1}', 1, 2, 'key version is not in double quotes; write "version"'],
    ['single-quoted key', "{'a': 1}", 1, 2, 'key in single quotes; JSON keys need double quotes'],
    ['single-quoted string', "{\"a\": 'x'}", 1, 7, 'string in single quotes; JSON strings need double quotes'],
    ['missing colon', '{"a" 1}', 1, 6, 'expected ":" after the key "a", found "1"; members are written "key": value'],
    ['missing value', '{"a": }', 1, 7, 'expected a value before "}"; write a value after the ":"'],
    ['double comma', '[1,,2]', 1, 4, 'missing value before ","; remove the extra comma, or write the value'],
    ['unquoted word', '{"a": council}', 1, 7, 'council is not a JSON value; strings need double quotes: "council"'],
    ['capitalised literal', '[True]', 1, 2, 'True is not a JSON value; JSON literals are lower case: true'],
    ['NaN', '[NaN]', 1, 2, 'NaN is not a JSON value; use null, a number, or a string'],
    ['line comment', '{\n  // terms\n  "a": 1}', 2, 3, 'expected a key in double quotes, found "/"; members are written "key": value'],
    ['block comment as a value', '[/* x */ 1]', 1, 2, 'comment; JSON has no comments; remove it (or move the text into a "note")'],
    ['leading zero', '[012]', 1, 2, 'number 012 has a leading zero; write it without the leading zero, or as a string if it is a code'],
    ['plus sign', '[+1]', 1, 2, 'number with a "+" sign; write it without the "+"'],
    ['leading dot', '[.5]', 1, 2, 'number starting with "."; write a 0 before the decimal point'],
    ['trailing dot', '[1.]', 1, 4, 'expected a digit after the decimal point in 1.; write e.g. 1.0 rather than 1.'],
    ['bare minus', '[-]', 1, 3, 'expected a digit after "-", found "]"; write a number such as -1'],
    ['empty exponent', '[1e]', 1, 4, 'expected a digit in the exponent of 1e; write e.g. 1e5 or 1e-5'],
    ['line break in a string', '{"a": "eins\nzwei"}', 1, 12, 'line break inside the string that starts at line 1, column 7; close the string on its line, or write the line break as \\n'],
    ['tab in a string', '["a\tb"]', 1, 4, 'control character U+0009 inside a string; write it as \\t'],
    ['unclosed string', '{"a": "eins', 1, 7, 'string is never closed; add the closing double quote'],
    ['bad escape', '["C:\\Users"]', 1, 5, 'invalid escape \\U; valid escapes are \\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX; to write a backslash, double it (\\\\)'],
    ['short \\u', '["\\u00e"]', 1, 3, '\\u is not followed by four hex digits; write e.g. \\u00e4 for ä'],
    ['two values', '{"a": 1}\n{"b": 2}', 2, 1, '"{" after the end of the JSON value; a JSON file holds one value; is a comma or an opening bracket missing, or is something pasted twice?'],
    ['CRLF lines', '{\r\n  "a": 1,\r\n}', 2, 9, 'trailing comma before "}"; remove the comma; JSON allows none after the last item'],
  ];
  it.each(cases)('%s', (_name, text, line, column, problem) => {
    expect(() => JSON.parse(text)).toThrow();
    const error = errorOf(text);
    expect(error.kind).toBe('syntax');
    expect([error.line, error.column]).toEqual([line, column]);
    // The message says what and how; where is in line and column, which the CLI puts in front.
    expect(error.message).toBe(problem);
    expect(`${error.reason}; ${error.hint}`).toBe(problem);
    expect(error.code).toBe('config');
  });

  it('counts a BOM as column 1 of line 1 (the offset is into the text as given)', () => {
    const error = errorOf('\uFEFF[1,]');
    expect([error.line, error.column, error.offset]).toEqual([1, 4, 3]);
  });
});
