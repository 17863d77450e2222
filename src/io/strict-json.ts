// JSON for files people edit by hand. `JSON.parse` takes the last of two equal keys without a word, so a
// second `"terms": []` in glossary.json empties the glossary and the run still exits 0; and its errors
// point at the end of the file for a trailing comma. This parser accepts exactly RFC 8259 JSON (the same
// values `JSON.parse` returns, `__proto__` included as an own data property) and refuses duplicate keys.
//
// It is written by hand because the libraries that report positions (jsonc-parser and friends) do not
// report duplicates. It never recurses: containers live on an explicit stack, so nesting costs heap, not
// call stack. `maxDepth` (default 1000) is a policy limit that protects the recursive code downstream
// (validators, `toEqual`, `JSON.stringify`), not a limit of the parser.
//
// Positions are 1-based; a column counts UTF-16 code units from the start of the line (as VS Code does),
// lines end at "\n" (a "\r" before it is plain whitespace).

import { BitextError, type BitextErrorCode } from '../core/errors.js';

export interface StrictJsonOptions {
  /** Error code of the thrown `StrictJsonError`: `'config'` (default) for settings, `'input'` for data files. */
  readonly code?: BitextErrorCode;
  /** Deepest allowed nesting of arrays and objects (default 1000; the top-level value is depth 1). */
  readonly maxDepth?: number;
}

export const DEFAULT_MAX_JSON_DEPTH = 1000;

export type StrictJsonErrorKind = 'syntax' | 'duplicate-key' | 'too-deep';

/**
 * A position-carrying `BitextError`. `message` never names the file (the caller knows it): it is
 * `column C: <reason>; <hint>` for a syntax error and `<path>: duplicate key "k" at line L (first at line F); keep one`
 * for a duplicate. `reason` and `hint` are there separately for callers that format their own prefix.
 */
export class StrictJsonError extends BitextError {
  override name = 'StrictJsonError';
  readonly kind: StrictJsonErrorKind;
  /** 1-based line of the problem (also in `line`, which the CLI prints). */
  declare readonly line: number;
  declare readonly column: number;
  /** Offset in the text given to `parseStrictJson` (a BOM counts as one code unit). */
  readonly offset: number;
  /** JSON path of the object or array the problem is in, e.g. `terms[3].targets`; `''` at the top level. */
  readonly path: string;
  readonly reason: string;
  readonly hint: string;
  /** The key that appears twice (`duplicate-key` only), and the 1-based column of its first occurrence. */
  readonly key: string | undefined;
  readonly firstColumn: number | undefined;

  constructor(
    code: BitextErrorCode,
    details: {
      kind: StrictJsonErrorKind;
      line: number;
      column: number;
      offset: number;
      path: string;
      reason: string;
      hint: string;
      message: string;
      key?: string;
      firstColumn?: number;
    },
  ) {
    super(code, details.message, { line: details.line, column: details.column });
    this.kind = details.kind;
    this.offset = details.offset;
    this.path = details.path;
    this.reason = details.reason;
    this.hint = details.hint;
    this.key = details.key;
    this.firstColumn = details.firstColumn;
  }
}

/**
 * Parses JSON text (a leading BOM is skipped) into the value `JSON.parse` would return, and throws a
 * `StrictJsonError` for what `JSON.parse` refuses (with the line and column of the offending character and a
 * hint) and for a key that appears twice in one object (naming both lines and the object's JSON path).
 */
export function parseStrictJson(text: string, options: StrictJsonOptions = {}): unknown {
  return new JsonReader(text, options.code ?? 'config', options.maxDepth ?? DEFAULT_MAX_JSON_DEPTH).read();
}

// ---------------------------------------------------------------------------------------------------------

const enum Ch {
  Tab = 0x09,
  Newline = 0x0a,
  Return = 0x0d,
  Space = 0x20,
  Quote = 0x22,
  Plus = 0x2b,
  Comma = 0x2c,
  Minus = 0x2d,
  Dot = 0x2e,
  Slash = 0x2f,
  Zero = 0x30,
  Nine = 0x39,
  Colon = 0x3a,
  UpperE = 0x45,
  OpenBracket = 0x5b,
  Backslash = 0x5c,
  CloseBracket = 0x5d,
  LowerE = 0x65,
  OpenBrace = 0x7b,
  CloseBrace = 0x7d,
}

interface Frame {
  readonly isArray: boolean;
  readonly container: unknown[] | Record<string, unknown>;
  /** Offset of the `{` or `[`: named when it is never closed, and where a duplicate's first key is looked up. */
  readonly start: number;
  /** Key (object) or index (array) under which this container sits in its parent; a path segment. */
  readonly slot: string | number | undefined;
  /** Key of the member whose value is being read (objects only). */
  key: string;
}

const ESCAPES: Readonly<Record<string, string>> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
const LITERALS: ReadonlyArray<readonly [string, unknown]> = [
  ['true', true],
  ['false', false],
  ['null', null],
];

// A class rather than closures: the parse state is a handful of fields read in hot loops.
class JsonReader {
  private pos: number;
  private readonly stack: Frame[] = [];

  constructor(
    private readonly text: string,
    private readonly code: BitextErrorCode,
    private readonly maxDepth: number,
  ) {
    this.pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  }

  read(): unknown {
    const { text, stack } = this;
    this.skipSpace();
    if (this.pos >= text.length) {
      this.fail(this.pos, 'the text is empty', 'expected one JSON value such as {…}');
    }
    let value: unknown;
    descend: for (;;) {
      // Read one value at `pos`; containers push a frame and go back to read their first member.
      this.skipSpace();
      const c = text.charCodeAt(this.pos);
      if (c === Ch.OpenBrace || c === Ch.OpenBracket) {
        const isArray = c === Ch.OpenBracket;
        const parent = stack[stack.length - 1];
        if (stack.length >= this.maxDepth) {
          this.fail(this.pos, `nesting deeper than ${this.maxDepth} levels`, 'flatten the data', 'too-deep');
        }
        const frame: Frame = {
          isArray,
          container: isArray ? [] : {},
          start: this.pos,
          slot: parent === undefined ? undefined : parent.isArray ? (parent.container as unknown[]).length : parent.key,
          key: '',
        };
        stack.push(frame);
        this.pos++;
        this.skipSpace();
        const next = text.charCodeAt(this.pos);
        if (next === (isArray ? Ch.CloseBracket : Ch.CloseBrace)) {
          this.pos++;
          stack.pop();
          value = frame.container;
        } else {
          if (!isArray) this.readMemberKey(frame);
          continue descend;
        }
      } else if (c === Ch.Quote) {
        value = this.readString();
      } else if (c === Ch.Minus || (c >= Ch.Zero && c <= Ch.Nine)) {
        value = this.readNumber();
      } else {
        value = this.readLiteral();
      }

      // Hand the finished value to its container; a closed container is itself a finished value.
      for (;;) {
        const frame = stack[stack.length - 1];
        if (frame === undefined) break descend;
        if (frame.isArray) {
          (frame.container as unknown[]).push(value);
        } else {
          setMember(frame.container as Record<string, unknown>, frame.key, value);
        }
        this.skipSpace();
        const c2 = text.charCodeAt(this.pos);
        const close = frame.isArray ? Ch.CloseBracket : Ch.CloseBrace;
        if (c2 === Ch.Comma) {
          const comma = this.pos;
          this.pos++;
          this.skipSpace();
          const after = text.charCodeAt(this.pos);
          if (after === Ch.CloseBracket || after === Ch.CloseBrace) {
            this.fail(comma, `trailing comma before "${String.fromCharCode(after)}"`, 'remove the comma; JSON allows none after the last item');
          }
          if (!frame.isArray) this.readMemberKey(frame);
          continue descend;
        }
        if (c2 === close) {
          this.pos++;
          stack.pop();
          value = frame.container;
          continue;
        }
        this.failAfterMember(frame);
      }
    }
    this.skipSpace();
    if (this.pos < text.length) {
      this.fail(this.pos, `${this.describe(this.pos)} after the end of the JSON value`, 'a JSON file holds one value; is a comma or an opening bracket missing, or is something pasted twice?');
    }
    return value;
  }

  private skipSpace(): void {
    const { text } = this;
    let i = this.pos;
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === Ch.Space || c === Ch.Newline || c === Ch.Return || c === Ch.Tab) i++;
      else break;
    }
    this.pos = i;
  }

  /** At `pos`: a key in double quotes, `:`. Leaves `pos` at the value. */
  private readMemberKey(frame: Frame): void {
    const { text } = this;
    this.skipSpace();
    const keyStart = this.pos;
    if (text.charCodeAt(keyStart) !== Ch.Quote) {
      const word = /^[A-Za-z_$][\w$-]*/.exec(text.slice(keyStart, keyStart + 64))?.[0];
      if (word !== undefined) this.fail(keyStart, `key ${word} is not in double quotes`, `write "${word}"`);
      if (text.charCodeAt(keyStart) === 0x27) this.fail(keyStart, 'key in single quotes', 'JSON keys need double quotes');
      if (keyStart >= text.length) this.failUnclosed(frame);
      this.fail(keyStart, `expected a key in double quotes, found ${this.describe(keyStart)}`, 'members are written "key": value');
    }
    const key = this.readString();
    const container = frame.container as Record<string, unknown>;
    if (Object.prototype.hasOwnProperty.call(container, key)) this.failDuplicate(frame, key, keyStart);
    this.skipSpace();
    if (text.charCodeAt(this.pos) !== Ch.Colon) {
      if (this.pos >= text.length) this.failUnclosed(frame);
      this.fail(this.pos, `expected ":" after the key ${JSON.stringify(key)}, found ${this.describe(this.pos)}`, 'members are written "key": value');
    }
    this.pos++;
    this.skipSpace();
    if (this.pos >= text.length) this.failUnclosed(frame);
    frame.key = key;
  }

  /** At `pos`: `"`. Returns the decoded string; `pos` ends after the closing quote. */
  private readString(): string {
    const { text } = this;
    const start = this.pos;
    let i = start + 1;
    let chunkStart = i;
    let out = '';
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === Ch.Quote) {
        this.pos = i + 1;
        return out + text.slice(chunkStart, i);
      }
      if (c === Ch.Backslash) {
        out += text.slice(chunkStart, i);
        const e = text.charAt(i + 1);
        const simple = ESCAPES[e];
        if (simple !== undefined && e.length === 1) {
          out += simple;
          i += 2;
        } else if (e === 'u') {
          const hex = text.slice(i + 2, i + 6);
          if (!/^[0-9A-Fa-f]{4}$/.test(hex)) {
            this.fail(i, '\\u is not followed by four hex digits', 'write e.g. \\u00e4 for ä');
          }
          out += String.fromCharCode(parseInt(hex, 16));
          i += 6;
        } else if (i + 1 >= text.length) {
          this.failUnclosedString(start);
        } else {
          this.fail(
            i,
            `invalid escape \\${e}`,
            'valid escapes are \\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX; to write a backslash, double it (\\\\)',
          );
        }
        chunkStart = i;
        continue;
      }
      if (c < Ch.Space || Number.isNaN(c)) {
        if (Number.isNaN(c)) this.failUnclosedString(start);
        if (c === Ch.Newline || c === Ch.Return) {
          this.fail(i, `line break inside the string that starts at ${this.where(start)}`, 'close the string on its line, or write the line break as \\n');
        }
        const escape = c === Ch.Tab ? '\\t' : `\\u${c.toString(16).padStart(4, '0')}`;
        this.fail(i, `control character U+${c.toString(16).toUpperCase().padStart(4, '0')} inside a string`, `write it as ${escape}`);
      }
      i++;
    }
  }

  /** At `pos`: `-` or a digit. Validates the RFC 8259 grammar, then lets `Number` convert as JSON.parse does. */
  private readNumber(): number {
    const { text } = this;
    const start = this.pos;
    let i = start;
    if (text.charCodeAt(i) === Ch.Minus) i++;
    const first = text.charCodeAt(i);
    if (first === Ch.Zero) {
      i++;
      if (isDigit(text.charCodeAt(i))) this.fail(start, `number ${this.numberText(start)} has a leading zero`, 'write it without the leading zero, or as a string if it is a code');
    } else if (isDigit(first)) {
      while (isDigit(text.charCodeAt(i))) i++;
    } else {
      this.fail(i, `expected a digit after "-", found ${this.describe(i)}`, 'write a number such as -1');
    }
    if (text.charCodeAt(i) === Ch.Dot) {
      i++;
      if (!isDigit(text.charCodeAt(i))) this.fail(i, `expected a digit after the decimal point in ${this.numberText(start)}`, 'write e.g. 1.0 rather than 1.');
      while (isDigit(text.charCodeAt(i))) i++;
    }
    const e = text.charCodeAt(i);
    if (e === Ch.LowerE || e === Ch.UpperE) {
      i++;
      const sign = text.charCodeAt(i);
      if (sign === Ch.Plus || sign === Ch.Minus) i++;
      if (!isDigit(text.charCodeAt(i))) this.fail(i, `expected a digit in the exponent of ${this.numberText(start)}`, 'write e.g. 1e5 or 1e-5');
      while (isDigit(text.charCodeAt(i))) i++;
    }
    this.pos = i;
    return Number(text.slice(start, i));
  }

  /** At `pos`: anything that is not `{ [ " - 0-9`; only `true`, `false` and `null` are values. */
  private readLiteral(): unknown {
    const { text } = this;
    const at = this.pos;
    for (const [word, value] of LITERALS) {
      if (text.startsWith(word, at)) {
        this.pos = at + word.length;
        return value;
      }
    }
    const frame = this.stack[this.stack.length - 1];
    if (at >= text.length) {
      if (frame !== undefined) this.failUnclosed(frame);
      this.fail(at, 'unexpected end of the text, expected a value', 'complete the value');
    }
    const c = text.charCodeAt(at);
    const word = /^[A-Za-z_$][\w$]*/.exec(text.slice(at, at + 64))?.[0];
    if (word !== undefined) {
      const lower = word.toLowerCase();
      if (lower === 'true' || lower === 'false' || lower === 'null') this.fail(at, `${word} is not a JSON value`, `JSON literals are lower case: ${lower}`);
      if (word === 'NaN' || word === 'Infinity' || word === 'undefined') this.fail(at, `${word} is not a JSON value`, 'use null, a number, or a string');
      this.fail(at, `${word} is not a JSON value`, `strings need double quotes: "${word}"`);
    }
    if (c === 0x27) this.fail(at, 'string in single quotes', 'JSON strings need double quotes');
    if (c === Ch.Slash && (text.charCodeAt(at + 1) === Ch.Slash || text.charCodeAt(at + 1) === 0x2a)) {
      this.fail(at, 'comment', 'JSON has no comments; remove it (or move the text into a "note")');
    }
    if (c === Ch.Plus) this.fail(at, 'number with a "+" sign', 'write it without the "+"');
    if (c === Ch.Dot) this.fail(at, 'number starting with "."', 'write a 0 before the decimal point');
    if (c === Ch.Comma) this.fail(at, 'missing value before ","', 'remove the extra comma, or write the value');
    if (c === Ch.CloseBracket || c === Ch.CloseBrace) {
      this.fail(at, `expected a value before "${String.fromCharCode(c)}"`, frame !== undefined && !frame.isArray ? `write a value after the ":"` : 'write a value');
    }
    return this.fail(at, `expected a value, found ${this.describe(at)}`, 'a value is a string, number, object, array, true, false or null');
  }

  private failAfterMember(frame: Frame): never {
    const at = this.pos;
    const close = frame.isArray ? ']' : '}';
    if (at >= this.text.length) this.failUnclosed(frame);
    const c = this.text.charCodeAt(at);
    const what = frame.isArray ? 'an item of the array' : 'a member of the object';
    const hint =
      c === Ch.Quote || c === Ch.OpenBrace || c === Ch.OpenBracket || isDigit(c) || c === Ch.Minus
        ? `add a comma after the previous ${frame.isArray ? 'item' : 'value'}`
        : (frame.isArray ? c === Ch.CloseBrace : c === Ch.CloseBracket)
          ? `the ${frame.isArray ? '[' : '{'} at ${this.where(frame.start)} is closed with "${close}"`
          : `separate with "," or close with "${close}"`;
    return this.fail(at, `expected "," or "${close}" after ${what}, found ${this.describe(at)}`, hint);
  }

  private failUnclosed(frame: Frame): never {
    const open = frame.isArray ? '[' : '{';
    return this.fail(
      this.text.length,
      `unexpected end of the text: the ${open} at ${this.where(frame.start)} is never closed`,
      `complete it and add the missing ${frame.isArray ? ']' : '}'}`,
    );
  }

  private failUnclosedString(start: number): never {
    return this.fail(start, 'string is never closed', 'add the closing double quote');
  }

  private failDuplicate(frame: Frame, key: string, keyStart: number): never {
    const first = findFirstKey(this.text, frame.start, key);
    const { line, column } = positionOf(this.text, keyStart);
    const firstAt = positionOf(this.text, first);
    const firstLine = firstAt.line;
    const path = this.path();
    const reason = `duplicate key ${JSON.stringify(key)} at line ${line} (first at line ${firstLine})`;
    const hint = 'keep one';
    throw new StrictJsonError(this.code, {
      kind: 'duplicate-key',
      line,
      column,
      offset: keyStart,
      path,
      reason,
      hint,
      message: `${path === '' ? '' : `${path}: `}${reason}; ${hint}`,
      key,
      firstColumn: firstAt.column,
    });
  }

  private fail(offset: number, reason: string, hint: string, kind: StrictJsonErrorKind = 'syntax'): never {
    const { line, column } = positionOf(this.text, offset);
    throw new StrictJsonError(this.code, {
      kind,
      line,
      column,
      offset,
      path: this.path(),
      reason,
      hint,
      message: `${reason}; ${hint}`,
    });
  }

  /** JSON path of the innermost open container: `terms[3].targets`. */
  private path(): string {
    let out = '';
    for (const frame of this.stack) {
      const slot = frame.slot;
      if (slot === undefined) continue;
      if (typeof slot === 'number') out += `[${slot}]`;
      else if (/^[A-Za-z_$][\w$]*$/.test(slot)) out += out === '' ? slot : `.${slot}`;
      else out += `[${JSON.stringify(slot)}]`;
    }
    return out;
  }

  private where(offset: number): string {
    const { line, column } = positionOf(this.text, offset);
    return `line ${line}, column ${column}`;
  }

  private describe(offset: number): string {
    const { text } = this;
    if (offset >= text.length) return 'the end of the text';
    const word = /^[A-Za-z_$][\w$]*/.exec(text.slice(offset, offset + 40))?.[0];
    if (word !== undefined) return word;
    const c = text.codePointAt(offset) ?? 0;
    if (c === Ch.Quote) return 'a string';
    if (c < Ch.Space || c === 0x7f || c === 0xfeff || (c >= 0x80 && c <= 0x9f) || (c >= 0xd800 && c <= 0xdfff)) {
      return `U+${c.toString(16).toUpperCase().padStart(4, '0')}`;
    }
    return `"${String.fromCodePoint(c)}"`;
  }

  private numberText(start: number): string {
    return /^-?[0-9.eE+-]*/.exec(this.text.slice(start, start + 40))?.[0] ?? '';
  }
}

function isDigit(c: number): boolean {
  return c >= Ch.Zero && c <= Ch.Nine;
}

/** Like `JSON.parse`, a `__proto__` key becomes an own data property: assigning it would set the prototype. */
function setMember(object: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(object, key, { value, writable: true, enumerable: true, configurable: true });
  else object[key] = value;
}

/** 1-based line and column of `offset` (error path only, so a scan from the start is fine). */
function positionOf(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

/**
 * Offset of the first member key equal to `key` in the object that opens at `start`. Only called for a
 * duplicate, when the text up to the duplicate has already parsed, so it can skip values without checking them.
 */
function findFirstKey(text: string, start: number, key: string): number {
  let i = start + 1;
  let depth = 0;
  let expectKey = true;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === Ch.Quote) {
      const stringStart = i;
      i++;
      while (text.charCodeAt(i) !== Ch.Quote) i += text.charCodeAt(i) === Ch.Backslash ? 2 : 1;
      i++;
      if (depth === 0 && expectKey) {
        if ((JSON.parse(text.slice(stringStart, i)) as string) === key) return stringStart;
        expectKey = false;
      }
      continue;
    }
    if (c === Ch.OpenBrace || c === Ch.OpenBracket) depth++;
    else if (c === Ch.CloseBrace || c === Ch.CloseBracket) depth--;
    else if (c === Ch.Comma && depth === 0) expectKey = true;
    i++;
  }
  return start;
}
