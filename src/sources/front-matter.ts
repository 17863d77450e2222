// The YAML front matter of a Markdown source: an untrusted file from a newsroom, so it is data only.
//
// Reading goes through gray-matter (the house reader for front matter) with every code engine replaced:
// gray-matter evaluates `---js` / `---javascript` (any case: it matches the name case-insensitively) with
// `eval`, and looks engines up in a plain object, so a name like `constructor` reaches Object.prototype.
// We therefore decide the language ourselves before gray-matter sees the text (only a bare `---`, or
// `---yaml` / `---yml`, is accepted) and also hand gray-matter engines that refuse JavaScript, JSON,
// CoffeeScript and TOML, in case that check is ever bypassed. Options are always passed, which is what
// keeps gray-matter's content-keyed cache out of the way: it only reads and fills the cache for calls
// without options, so a result cached by some other caller can never leak in here.
//
// gray-matter also decides the fences loosely (an unclosed front matter swallows the whole body; the block
// ends at any line that merely starts with `---`), so the fences are found here, strictly, and gray-matter
// is given exactly the front matter we found.
//
// YAML is parsed by the `yaml` package (not gray-matter's js-yaml) with the YAML 1.2 core schema:
// - core rather than failsafe, so `draft: false` is a boolean and `weight: 3` a number in `data`, and a
//   `title: null` or `title: 2024` is not offered for translation as the text "null" or "2024";
// - 1.2 core has no timestamp type, so `date: 2024-05-01` stays the text "2024-05-01";
// - no custom tags: an unknown tag (`!!js/function`, `!foo`, `!!binary`) is refused, not guessed at;
// - no `<<` merge keys, unique keys (also after conversion to text: `1:` and `"1":` clash), at most
//   `MAX_ALIAS_COUNT` alias expansions (a "billion laughs" fails in milliseconds).
// `data` is what `yaml` builds; `__proto__` is an own data property there (yaml defines rather than assigns).
//
// Writing never re-serialises the data: `replaceFrontMatterValues` and `setFrontMatterKeys` edit the token
// stream of the `yaml` CST and print it back, so every byte outside the replaced values stays as it was.

import matter from 'gray-matter';
import {
  CST,
  Composer,
  Parser,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  parseDocument,
  visit,
  type Document,
  type DocumentOptions,
  type Node as YamlNode,
  type ParseOptions,
  type SchemaOptions,
  type YAMLMap,
} from 'yaml';
import { BitextError } from '../core/errors.js';
import { DEFAULT_FRONT_MATTER_KEYS } from '../core/front-matter-keys.js';

/** Which front-matter values are text to translate, as dotted key paths (`image.caption`). */
export interface FrontMatterPolicy {
  /**
   * Key paths whose string values are translated. A path names mapping keys from the top (`image.caption`
   * is `caption` inside `image`); a key that itself contains a dot cannot be named. When the value at a path
   * is a list, each string item of it is translated (`summary.0`, `summary.1`); anything else there —
   * numbers, booleans, null, mappings, lists inside the list, aliases — is copied untouched.
   */
  readonly translate: readonly string[];
}

/** The default policy: translate `DEFAULT_FRONT_MATTER_KEYS`, copy everything else untouched. */
export const DEFAULT_FRONT_MATTER_POLICY: FrontMatterPolicy = Object.freeze({ translate: DEFAULT_FRONT_MATTER_KEYS });

/** One translatable string of the front matter. */
export interface FrontMatterField {
  /** Keys and list indexes from the top: `['image', 'caption']`, `['summary', 0]`. */
  readonly path: readonly (string | number)[];
  /** `path` joined with dots: the key `replaceFrontMatterValues` takes. */
  readonly key: string;
  readonly value: string;
  /** 1-based line of the value's first character in the whole file. */
  readonly line: number;
  /** Offsets of the value's source text (quotes and block-scalar header included) in the whole file. */
  readonly range: readonly [number, number];
}

export interface SourceFrontMatter {
  /** The YAML text between the fences, exactly: whole lines, each with its line break (`''` when empty). */
  readonly raw: string;
  /** Offset of `raw` in the file text: `text.slice(yamlOffset, yamlOffset + raw.length) === raw`. */
  readonly yamlOffset: number;
  /** Offset where the Markdown body starts (after the closing fence's line break). */
  readonly bodyOffset: number;
  /** 1-based line where the body starts. */
  readonly bodyLine: number;
  /** The front matter as plain data (YAML 1.2 core schema), never executed. */
  readonly data: Readonly<Record<string, unknown>>;
  /** The translatable non-blank string values the policy selects, in document order. */
  readonly fields: readonly FrontMatterField[];
}

/** A value `setFrontMatterKeys` can write. */
export type FrontMatterValue = string | number | boolean | null | readonly FrontMatterValue[] | { readonly [key: string]: FrontMatterValue };

/** Alias expansions allowed while building `data` (the `yaml` package's own default, made explicit). */
export const MAX_ALIAS_COUNT = 100;

const YAML_OPTIONS: ParseOptions & DocumentOptions & SchemaOptions = {
  version: '1.2',
  schema: 'core',
  customTags: [],
  resolveKnownTags: false, // otherwise !!binary, !!timestamp (a Date), !!set… would be resolved
  merge: false,
  uniqueKeys: true,
  strict: true,
  prettyErrors: false,
  // 'silent' would also drop the "multiple documents" error; 'error' only mutes console warnings.
  logLevel: 'error',
};

/** Languages gray-matter knows (or aliases) besides YAML; each gets an engine that refuses. */
const REFUSED_ENGINES = ['javascript', 'js', 'json', 'coffee', 'coffeescript', 'cson', 'toml'] as const;

const FENCE = /^---[ \t]*\r?$/;

/**
 * Reads the front matter at the start of `text` (a Markdown file, BOM allowed, LF or CRLF). It opens with
 * a first line of `---` (trailing spaces allowed; `---yaml` and `---yml` too) and closes at the next line
 * of just `---`. Returns `undefined` when the first line is not such a fence (a `---` further down is a
 * thematic break, and so is `----`). Throws `BitextError('input')` with the 1-based `line` in `text` — the
 * caller adds `file` — when the front matter names another language than YAML, is never closed, holds a
 * `---…` or `...` line, is not valid YAML (unknown tags and duplicate keys included), expands too many
 * aliases, or is not a mapping of plain keys.
 */
export function readSourceFrontMatter(text: string, policy: FrontMatterPolicy = DEFAULT_FRONT_MATTER_POLICY): SourceFrontMatter | undefined {
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  if (!text.startsWith('---', bom) || text.charAt(bom + 3) === '-') return undefined;
  const firstBreak = text.indexOf('\n', bom);
  const firstLine = text.slice(bom, firstBreak === -1 ? text.length : firstBreak).replace(/\r$/, '');
  const language = firstLine.slice(3).trim();
  if (language !== '' && !/^ya?ml$/i.test(language)) {
    throw new BitextError(
      'input',
      `front matter marked as ${JSON.stringify(language)} is not read: only YAML front matter is (a line of just \`---\`); bitext never runs code from a source file`,
      { line: 1 },
    );
  }

  const lines = new LineIndex(text);
  const unclosed = (): never => {
    throw new BitextError('input', 'front matter opened on line 1 is never closed; add a `---` line after it (or, if the `---` is a thematic break, put a blank line before it)', { line: 1 });
  };
  if (firstBreak === -1) return unclosed();
  const yamlOffset = firstBreak + 1;
  let closeOffset = -1;
  for (let start = yamlOffset; start < text.length; ) {
    const end = text.indexOf('\n', start);
    const line = text.slice(start, end === -1 ? text.length : end);
    if (FENCE.test(line)) {
      closeOffset = start;
      break;
    }
    if (line.startsWith('---')) {
      throw new BitextError('input', 'a line starting with `---` inside the front matter; the front matter ends at a line of just `---` — remove or indent this one', { line: lines.lineAt(start) });
    }
    if (/^\.\.\.(?:[ \t]|\r?$)/.test(line)) {
      throw new BitextError('input', '`...` ends the YAML document early, so what follows it would be lost; remove the line', { line: lines.lineAt(start) });
    }
    if (end === -1) break;
    start = end + 1;
  }
  if (closeOffset === -1) return unclosed();
  const closeBreak = text.indexOf('\n', closeOffset);
  const bodyOffset = closeBreak === -1 ? text.length : closeBreak + 1;
  const raw = text.slice(yamlOffset, closeOffset);

  // gray-matter hands its engine the text after the opening `---` (and the language name, if any) up to
  // the line break before the closing fence; we parse exactly that string, so its offsets start here.
  const matterOffset = bom + 3 + (language === '' ? 0 : firstLine.length - 3);
  let parsed: Document.Parsed | undefined;
  const yaml = {
    parse(source: string): Record<string, unknown> {
      if (!text.startsWith(source, matterOffset) || matterOffset + source.length !== closeOffset - 1) {
        throw new Error('bitext bug: gray-matter handed over a different front matter than the one found');
      }
      // gray-matter drops the line break before the closing fence; without it a CRLF file's last value
      // would end in "\r". Parsing the block with it is parsing exactly the lines of `raw`.
      parsed = parseYamlMapping(text.slice(matterOffset, closeOffset), (offset) => lines.lineAt(matterOffset + offset));
      return toData(parsed, (offset) => lines.lineAt(matterOffset + offset));
    },
  };
  const refuse = {
    parse(): never {
      throw new BitextError('input', 'only YAML front matter is read', { line: 1 });
    },
  };
  const engines: Record<string, { parse: (source: string) => object }> = { yaml };
  for (const name of REFUSED_ENGINES) engines[name] = refuse;
  // A function `excerpt` is gray-matter's only way to skip its excerpt step, which reads the untrusted
  // `excerpt_separator` from the data and converts it to text (a mapping there threw a TypeError).
  const file = matter(text.slice(0, bodyOffset), { language: 'yaml', engines, excerpt: () => '' });
  // gray-matter does not call the engine for a block of only blank and comment lines: no data, no fields.
  const data = parsed === undefined ? {} : (file.data as Record<string, unknown>);
  const fields = parsed === undefined ? [] : collectFields(parsed, policy, matterOffset, lines);
  return { raw, yamlOffset, bodyOffset, bodyLine: lines.lineAt(closeOffset) + 1, data, fields };
}

/**
 * Returns `raw` (front-matter YAML, as `readSourceFrontMatter` gives it) with the values at the given keys
 * (`FrontMatterField.key`: `title`, `image.caption`, `summary.0`) replaced by the given strings. Only those
 * values' source text changes: quoting, comments, key order, indentation and blank lines stay byte for
 * byte. New values are written double-quoted with JSON-style escapes, the one YAML style that holds any
 * string on one line (`: `, `#`, a leading `-` or `*`, quotes, line breaks, controls, `true`, `2024`…).
 * A block scalar (`|`, `>`) becomes such a double-quoted line; comments on its header line stay.
 */
export function replaceFrontMatterValues(raw: string, values: ReadonlyMap<string, string>): string {
  const { tokens, doc, data } = parseEditable(raw);
  const expected = cloneData(data);
  for (const [key, value] of values) {
    const path = splitKey(key);
    const node = findNode(doc.contents, path);
    if (!isScalar(node) || node.srcToken === undefined || node.source === undefined) {
      const what = node === undefined ? 'no value' : isAlias(node) ? 'an alias (*name), not a value' : isScalar(node) ? 'an empty value' : 'a list or mapping, not a value';
      throw new BitextError('input', `front matter has ${what} at "${key}"; only text values can be replaced`);
    }
    setScalarSource(node.srcToken, quoteString(value), 'double-quoted-scalar');
    setPath(expected, path, value);
  }
  const out = tokens.map((token) => CST.stringify(token)).join('');
  verifyEdit(out, hasAliases(doc) ? undefined : expected, [...values].map(([key, value]) => [splitKey(key), value]));
  return out;
}

/**
 * Returns `raw` with top-level keys set: a key that exists gets the new value in place (its key, position
 * and the comments around it stay; a text value keeps the comment on its line), a new key is appended at
 * the end, in the order given. For the publisher's `lang:` and its `bitext:` provenance mapping. Strings are
 * written double-quoted as in `replaceFrontMatterValues`; mappings and lists as indented blocks.
 */
export function setFrontMatterKeys(raw: string, entries: Readonly<Record<string, FrontMatterValue>>): string {
  for (const [key, value] of Object.entries(entries)) checkValue(value, key);
  const { tokens, doc, data } = parseEditable(raw);
  const root = doc.contents;
  const rootToken = isMap(root) ? root.srcToken : undefined;
  if (root !== null && (rootToken === undefined || rootToken.type !== 'block-map')) {
    throw new BitextError('input', 'front matter is not a block of `key: value` lines, so keys cannot be added to it; rewrite it as one');
  }
  const indent = rootToken?.type === 'block-map' ? rootToken.indent : 0;
  const eol = raw.includes('\r\n') ? '\r\n' : '\n';
  const expected = (cloneData(data) ?? {}) as Record<string, unknown>;
  const appended: string[] = [];

  for (const [key, value] of Object.entries(entries)) {
    setPath(expected, [key], value);
    const pair = isMap(root) ? root.items.find((item) => keyName(item.key) === key) : undefined;
    if (pair === undefined) {
      appended.push(emitPair(key, value, indent, eol));
      continue;
    }
    const valueNode = pair.value as YamlNode | null;
    if (!isCollectionValue(value) && isScalar(valueNode) && valueNode.srcToken !== undefined && valueNode.source !== undefined) {
      const isText = typeof value === 'string';
      setScalarSource(valueNode.srcToken, isText ? quoteString(value) : String(value), isText ? 'double-quoted-scalar' : 'scalar');
      continue;
    }
    const item = rootToken?.type === 'block-map' ? rootToken.items.find((candidate) => candidate.key === (pair.key as YamlNode).srcToken) : undefined;
    if (item === undefined || item.sep === undefined) throw new Error(`bitext bug: no CST item for the front-matter key "${key}"`);
    replaceItemValue(item, emitPair(key, value, indent, eol));
  }

  let out = tokens.map((token) => CST.stringify(token)).join('');
  if (appended.length > 0) out += (out === '' || out.endsWith('\n') ? '' : eol) + appended.join('');
  verifyEdit(out, hasAliases(doc) ? undefined : expected, Object.entries(entries).map(([key, value]) => [[key], value]));
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Reading

/** Parses front-matter YAML and refuses anything but a mapping of plain keys; `lineOf` maps offsets to file lines. */
function parseYamlMapping(source: string, lineOf: (offset: number) => number): Document.Parsed {
  const doc = parseDocument(source, YAML_OPTIONS);
  // Duplicates are reported below, with both lines; everything else the parser found comes first.
  const problem = [...doc.errors.filter((error) => error.code !== 'DUPLICATE_KEY'), ...doc.warnings][0];
  if (problem !== undefined) {
    // yaml reports an unclosed quote where the text ends; the line to fix is the one the quote opens on.
    const at = problem.code === 'MISSING_CHAR' && /quote/.test(problem.message) ? quoteStart(source, problem.pos[0]) : problem.pos[0];
    throw new BitextError('input', yamlProblem(problem.code, problem.message, source.slice(problem.pos[0], problem.pos[1])), {
      line: lineOf(at),
      cause: problem,
    });
  }
  const root = doc.contents;
  if (root !== null && !isMap(root)) {
    const what = isSeq(root) ? 'a list' : 'a single value';
    throw new BitextError(
      'input',
      `front matter must be \`key: value\` lines (a YAML mapping), not ${what}; if the \`---\` on line 1 is a thematic break, put a blank line before it`,
      { line: lineOf(root.range[0]) },
    );
  }
  visit(doc, {
    Map(_, map) {
      const seen = new Map<string, YamlNode>();
      for (const pair of map.items) {
        const key = pair.key as YamlNode | null;
        if (!isScalar(key) || key.value === null || typeof key.value === 'object') {
          const at = key?.range?.[0] ?? map.range?.[0] ?? 0;
          throw new BitextError('input', 'front matter keys must be plain names; this one is a list, mapping, alias or empty', { line: lineOf(at) });
        }
        const name = String(key.value);
        const first = seen.get(name);
        if (first !== undefined) {
          throw new BitextError(
            'input',
            `duplicate front matter key ${JSON.stringify(name)} (first on line ${lineOf(first.range?.[0] ?? 0)}); keep one`,
            { line: lineOf(key.range?.[0] ?? 0) },
          );
        }
        seen.set(name, key);
      }
    },
  });
  const duplicate = doc.errors[0];
  if (duplicate !== undefined) {
    // yaml found a duplicate the check above did not (it compares nodes, we compare text): still refuse.
    throw new BitextError('input', `front matter is not valid YAML: ${duplicate.message}`, { line: lineOf(duplicate.pos[0]), cause: duplicate });
  }
  return doc;
}

/** Offset of the quoted scalar that runs up to `end` (where yaml reports its missing closing quote). */
function quoteStart(source: string, end: number): number {
  let start = end;
  const check = (token: CST.Token | null | undefined): void => {
    if ((token?.type === 'double-quoted-scalar' || token?.type === 'single-quoted-scalar') && token.offset + token.source.length === end) start = token.offset;
  };
  try {
    for (const token of new Parser().parse(source)) {
      if (token.type !== 'document') continue;
      check(token.value);
      CST.visit(token, (item) => {
        check(item.key);
        check(item.value);
      });
    }
  } catch {
    // CST.visit recurses; on absurd nesting, report where yaml did.
  }
  return start;
}

function toData(doc: Document.Parsed, lineOf: (offset: number) => number | undefined): Record<string, unknown> {
  try {
    return (doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) ?? {}) as Record<string, unknown>;
  } catch (error) {
    if (!(error instanceof ReferenceError)) throw error;
    let firstAlias = 0;
    visit(doc, {
      Alias(_, alias) {
        firstAlias = alias.range?.[0] ?? 0;
        return visit.BREAK;
      },
    });
    throw new BitextError(
      'input',
      `front matter aliases (*name) expand to more than ${MAX_ALIAS_COUNT} copies, which looks like a "billion laughs" attack; write the values out`,
      { line: lineOf(firstAlias), cause: error },
    );
  }
}

function yamlProblem(code: string, message: string, at: string): string {
  switch (code) {
    case 'TAG_RESOLVE_FAILED':
      return `front matter uses the YAML tag ${at.trim() || '(unknown)'}, which bitext does not read; remove the tag (only plain text, numbers, true/false, lists and mappings are read)`;
    case 'BLOCK_AS_IMPLICIT_KEY':
      return `front matter is not valid YAML: ${message}; a value containing ": " must be quoted`;
    case 'MISSING_CHAR':
      return `front matter is not valid YAML: ${message}${/quote/.test(message) ? ' (the value starting on this line is never closed)' : ''}`;
    case 'TAB_AS_INDENT':
      return `front matter is not valid YAML: ${message}; indent with spaces`;
    case 'RESOURCE_EXHAUSTION': // yaml's name for running out of stack on deep nesting
      return 'front matter is nested too deeply to read; flatten it';
    case 'MULTIPLE_DOCS':
      return 'front matter holds more than one YAML document; keep one';
    default:
      return `front matter is not valid YAML: ${message}`;
  }
}

function collectFields(doc: Document.Parsed, policy: FrontMatterPolicy, base: number, lines: LineIndex): FrontMatterField[] {
  const wanted = new Set(policy.translate);
  const prefixes = new Set(policy.translate.flatMap((key) => key.split('.').slice(0, -1).map((_, i, parts) => parts.slice(0, i + 1).join('.'))));
  const fields: FrontMatterField[] = [];
  const add = (node: unknown, path: readonly (string | number)[]): void => {
    if (!isScalar(node) || typeof node.value !== 'string' || node.value.trim() === '' || node.range === undefined || node.range === null) return;
    const range: [number, number] = [base + node.range[0], base + node.range[1]];
    fields.push({ path, key: path.join('.'), value: node.value, line: lines.lineAt(range[0]), range });
  };
  const walk = (map: YAMLMap, path: readonly string[]): void => {
    for (const pair of map.items) {
      const name = keyName(pair.key);
      if (name === undefined) continue;
      const here = [...path, name];
      const dotted = here.join('.');
      if (wanted.has(dotted)) {
        if (isSeq(pair.value)) pair.value.items.forEach((item, index) => add(item, [...here, index]));
        else add(pair.value, here);
      }
      if (prefixes.has(dotted) && isMap(pair.value)) walk(pair.value, here);
    }
  };
  if (isMap(doc.contents)) walk(doc.contents, []);
  return fields;
}

/** 1-based line numbers of offsets, by binary search over the line starts. */
class LineIndex {
  private readonly starts: number[] = [0];

  constructor(text: string) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  lineAt(offset: number): number {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((this.starts[mid] ?? 0) <= offset) low = mid;
      else high = mid - 1;
    }
    return low + 1;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Writing

interface Editable {
  /** The CST: edited in place, then printed back. */
  readonly tokens: CST.Token[];
  /** The composed document; its nodes point into `tokens` (`srcToken`). */
  readonly doc: Document.Parsed;
  /** The data before the edit, to check that the edit changed nothing else. */
  readonly data: unknown;
}

function parseEditable(raw: string): Editable {
  const tokens = [...new Parser().parse(raw)];
  const docs = [...new Composer({ ...YAML_OPTIONS, keepSourceTokens: true }).compose(tokens, true, raw.length)];
  const doc = docs[0];
  const problem = doc?.errors[0] ?? docs[1]?.errors[0];
  if (doc === undefined || docs.length > 1 || problem !== undefined) {
    throw new BitextError('input', `front matter to edit is not valid YAML${problem === undefined ? ' (more than one document)' : `: ${problem.message}`}; read it with readSourceFrontMatter first`);
  }
  if (doc.contents !== null && !isMap(doc.contents)) {
    throw new BitextError('input', 'front matter to edit is not `key: value` lines (a YAML mapping)');
  }
  return { tokens, doc, data: toData(doc, () => undefined) };
}

/** Rewrites a scalar token's source (flow or block) into a one-line scalar of the given type. */
function setScalarSource(token: CST.Token, source: string, type: 'double-quoted-scalar' | 'scalar'): void {
  // setScalarValue does the structural part (a block scalar keeps the comment of its header line as the
  // new scalar's line end); the text is ours, because its own quoting may fold long values over lines.
  CST.setScalarValue(token, 'x', { type: type === 'scalar' ? 'PLAIN' : 'QUOTE_DOUBLE' });
  if (token.type !== type) throw new Error(`bitext bug: expected a ${type} token, got ${token.type}`);
  token.source = source;
}

/** A YAML double-quoted scalar: JSON's escapes (all valid YAML), plus escapes for what YAML wants escaped. */
function quoteString(value: string): string {
  return JSON.stringify(value).replace(
    /[\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/g,
    (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

function emitPair(key: string, value: FrontMatterValue, indent: number, eol: string): string {
  return emitLines(key, value, indent).map((line) => line + eol).join('');
}

function emitLines(key: string | undefined, value: FrontMatterValue, indent: number): string[] {
  const pad = ' '.repeat(indent);
  const head = key === undefined ? `${pad}-` : `${pad}${emitKey(key)}:`;
  if (!isCollectionValue(value) || (Array.isArray(value) ? value.length === 0 : Object.keys(value).length === 0)) {
    return [`${head} ${emitScalar(value)}`];
  }
  const children = Array.isArray(value)
    ? (value as readonly FrontMatterValue[]).flatMap((item) => emitLines(undefined, item, indent + 2))
    : Object.entries(value).flatMap(([childKey, child]) => emitLines(childKey, child, indent + 2));
  return [head, ...children];
}

function emitKey(key: string): string {
  return /^[A-Za-z_][A-Za-z0-9_-]*$/.test(key) && !/^(?:true|false|null|yes|no|on|off|y|n)$/i.test(key) ? key : quoteString(key);
}

function emitScalar(value: FrontMatterValue): string {
  if (typeof value === 'string') return quoteString(value);
  if (value === null) return 'null';
  if (Array.isArray(value)) return '[]';
  if (typeof value === 'object') return '{}';
  return String(value);
}

function isCollectionValue(value: FrontMatterValue): value is readonly FrontMatterValue[] | { readonly [key: string]: FrontMatterValue } {
  return typeof value === 'object' && value !== null;
}

function checkValue(value: unknown, at: string): void {
  if (typeof value === 'string' || typeof value === 'boolean' || value === null) return;
  if (typeof value === 'number') {
    if (Number.isFinite(value)) return;
    throw new TypeError(`front matter value at "${at}" is ${value}; only finite numbers can be written`);
  }
  if (Array.isArray(value)) {
    value.forEach((item: unknown, index) => checkValue(item, `${at}.${index}`));
    return;
  }
  const prototype: unknown = typeof value === 'object' ? Object.getPrototypeOf(value) : undefined;
  if (prototype === Object.prototype || prototype === null) {
    for (const [key, item] of Object.entries(value as object)) checkValue(item, `${at}.${key}`);
    return;
  }
  throw new TypeError(`front matter value at "${at}" is not text, a number, true/false, null, a list or a plain object`);
}

type CstItem = CST.BlockMap['items'][number];

/**
 * Gives a block-map item the value of `snippet` (a `key: value` text at the same indent), keeping the
 * comment and blank lines that trail the old value: yaml files them inside the old mapping or list.
 */
function replaceItemValue(item: CstItem, snippet: string): void {
  const parsed = [...new Parser().parse(snippet)].find((token): token is CST.Document => token.type === 'document');
  const fresh = parsed?.value?.type === 'block-map' ? parsed.value.items[0] : undefined;
  if (fresh === undefined || fresh.sep === undefined) throw new Error('bitext bug: could not parse a generated front-matter line');
  const trailing: CST.SourceToken[] = item.value === undefined ? afterFirstNewline(item.sep ?? []) : takeTrailingTrivia(item.value);
  Object.assign(item, { sep: fresh.sep, value: fresh.value });
  const value = fresh.value;
  if (trailing.length === 0 || value === undefined) return;
  if (value.type === 'block-map' || value.type === 'block-seq') (value.items as Array<{ start: CST.SourceToken[] }>).push({ start: trailing });
  else if ('end' in value) value.end = [...(value.end ?? []), ...trailing];
  else throw new Error('bitext bug: generated front-matter value has no end to keep comments at');
}

/** Removes and returns the comment/blank-line tokens at the end of a block collection (innermost first). */
function takeTrailingTrivia(token: CST.Token): CST.SourceToken[] {
  if (token.type !== 'block-map' && token.type !== 'block-seq') return [];
  const items = token.items as Array<{ start: CST.SourceToken[]; key?: unknown; sep?: unknown; value?: CST.Token }>;
  const last = items[items.length - 1];
  let own: CST.SourceToken[] = [];
  if (last !== undefined && last.key === undefined && last.sep === undefined && last.value === undefined) {
    own = last.start;
    items.pop();
  }
  const inner = items[items.length - 1]?.value;
  return [...(inner === undefined ? [] : takeTrailingTrivia(inner)), ...own];
}

function afterFirstNewline(tokens: readonly CST.SourceToken[]): CST.SourceToken[] {
  const index = tokens.findIndex((token) => token.type === 'newline');
  return index === -1 ? [] : tokens.slice(index + 1);
}

/**
 * Re-reads the edited text: it must be valid, hold the values just written, and — when no alias could
 * have carried a change elsewhere — equal the old data with exactly those values changed.
 */
function verifyEdit(out: string, expected: unknown, written: ReadonlyArray<readonly [readonly (string | number)[], unknown]>): void {
  const doc = parseDocument(out, YAML_OPTIONS);
  const problem = doc.errors[0] ?? doc.warnings[0];
  if (problem !== undefined) throw new Error(`bitext bug: edited front matter is not valid YAML (${problem.message})`);
  const data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) as unknown;
  for (const [path, value] of written) {
    const node = findNode(doc.contents, path);
    const actual = isScalar(node) || isMap(node) || isSeq(node) ? (node.toJS(doc) as unknown) : undefined;
    if (JSON.stringify(actual) !== JSON.stringify(value)) throw new Error(`bitext bug: front matter "${path.join('.')}" did not read back as written`);
  }
  if (expected !== undefined && JSON.stringify(data) !== JSON.stringify(expected)) {
    throw new Error('bitext bug: editing the front matter changed values it should not have touched');
  }
}

// ---------------------------------------------------------------------------------------------------------
// Paths

function keyName(key: unknown): string | undefined {
  return isScalar(key) && key.value !== null && typeof key.value !== 'object' ? String(key.value) : undefined;
}

function splitKey(key: string): (string | number)[] {
  return key.split('.').map((part) => (/^(?:0|[1-9][0-9]*)$/.test(part) ? Number(part) : part));
}

/** The node at a path: a number indexes a list, and names a mapping key written as that number. */
function findNode(root: unknown, path: readonly (string | number)[]): YamlNode | undefined {
  let node: unknown = root;
  for (const part of path) {
    if (isMap(node)) {
      node = (node.items.find((pair) => keyName(pair.key) === String(part))?.value ?? undefined) as unknown;
    } else if (isSeq(node) && typeof part === 'number') {
      node = node.items[part];
    } else {
      return undefined;
    }
  }
  return isScalar(node) || isMap(node) || isSeq(node) || isAlias(node) ? node : undefined;
}

function hasAliases(doc: Document.Parsed): boolean {
  let found = false;
  visit(doc, {
    Alias() {
      found = true;
      return visit.BREAK;
    },
  });
  return found;
}

function cloneData(value: unknown): unknown {
  return value === undefined ? undefined : (JSON.parse(JSON.stringify(value)) as unknown);
}

function setPath(target: unknown, path: readonly (string | number)[], value: unknown): void {
  let node = target as Record<string | number, unknown>;
  path.forEach((part, i) => {
    if (i === path.length - 1) Object.defineProperty(node, part, { value, writable: true, enumerable: true, configurable: true });
    else node = node[part] as Record<string | number, unknown>;
  });
}
