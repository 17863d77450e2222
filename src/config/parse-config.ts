// Text of a config file -> ResolvedConfig, or every problem found, each with the key path and (where the
// parser can tell) the line. Pure: no file system, nothing runs, nothing is written back.
import { basename, dirname, isAbsolute } from 'node:path';
import { isMap, isNode, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node } from 'yaml';
import type * as z from 'zod';
import { BitextError } from '../core/errors.js';
import type { Diagnostic } from '../core/types.js';
import { configKeys, configSchema, objectIn } from './schema.js';
import { describeValue, didYouMean, suggest } from './suggest.js';
import type { ConfigFormat, ConfigResult, ValueOrigin } from './types.js';
import { formatOf } from './constants.js';
import { resolveConfig, type Path, type Problem } from './resolve-config.js';

export interface ParseConfigOptions {
  /** Default: from the file's extension (`.json`, else YAML). */
  readonly format?: ConfigFormat;
  /** How messages name the file; default its base name (it sits in the project folder). */
  readonly displayFile?: string;
  /**
   * JSON reader. TODO(strict-json): the lead swaps in `parseStrictJson` from `src/io/strict-json.ts`, which
   * refuses duplicate keys naming both lines; `JSON.parse` silently keeps the last one.
   */
  readonly parseJson?: (text: string) => unknown;
  /** QA rule ids this bitext has; when given, `qa.rules` naming another id gets a warning. */
  readonly knownQaRules?: readonly string[];
}

const YAML_OPTIONS = { schema: 'core', merge: false, uniqueKeys: true, strict: true, prettyErrors: false } as const;
/** Aliases a YAML file may expand: plenty for a config, far too few for a "billion laughs" bomb. */
const MAX_ALIASES = 100;

/**
 * Parses, validates and resolves one config file. `file` is its absolute path: relative paths in it are
 * resolved against its folder. Never throws for a problem in the text; returns `{ errors, warnings }`.
 */
export function parseConfig(text: string, file: string, options: ParseConfigOptions = {}): ConfigResult {
  if (!isAbsolute(file)) throw new TypeError(`parseConfig needs an absolute file path, got ${file}`);
  const shown = options.displayFile ?? basename(file);
  const format = options.format ?? formatOf(file);
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const located = new Locator(body);
  // In the order of the file, so the first error (the one `loadConfig` leads with) is the first in it.
  const toErrors = (problems: readonly Problem[]): BitextError[] =>
    inFileOrder(problems, located).map(({ problem, line }) => new BitextError('config', withPath(problem), { file: shown, ...lineOption(line) }));
  const toWarnings = (problems: readonly Problem[]): Diagnostic[] =>
    inFileOrder(problems, located).map(({ problem, line }) => ({
      severity: 'warning',
      rule: problem.rule ?? 'config-unknown-key',
      message: withPath(problem),
      file: shown,
      ...lineOption(line),
    }));

  const read = format === 'json' ? readJson(body, options.parseJson ?? JSON.parse) : readYaml(body);
  if ('error' in read) return { errors: [new BitextError('config', read.error, { file: shown, ...lineOption(read.line) })], warnings: [] };

  const warnings = unknownKeys(read.value, configSchema, []);
  const parsed = configSchema.safeParse(read.value, { error: (issue) => `expected a valid value, got ${describeValue(issue.input)}` });
  if (!parsed.success) {
    const problems = flattenIssues(parsed.error.issues, []).map((problem) => explainMissing(problem, warnings));
    return { errors: toErrors(dedupe(problems)), warnings: toWarnings(warnings) };
  }
  const resolved = resolveConfig(parsed.data, { root: dirname(file), file, from: originsIn(read.value), knownQaRules: options.knownQaRules });
  const allWarnings = toWarnings([...warnings, ...resolved.warnings]);
  if (resolved.errors.length > 0) return { errors: toErrors(resolved.errors), warnings: allWarnings };
  return { config: resolved.config, warnings: allWarnings };
}

export { defaultConfig } from './resolve-config.js';
export { CONFIG_FILE_NAMES, formatOf } from './constants.js';

// ---- reading -------------------------------------------------------------------------------------------

type Read = { readonly value: unknown } | { readonly error: string; readonly line?: number };

function readJson(text: string, parseJson: (text: string) => unknown): Read {
  if (text.trim() === '') return { error: 'the file is empty; expected an object such as {"version": 1}' };
  try {
    return { value: parseJson(text) };
  } catch (error) {
    // A reader that knows the line (strict-json's BitextError) says so; JSON.parse gives a position.
    if (error instanceof BitextError) return { error: error.message, ...lineOption(error.line) };
    const message = error instanceof Error ? error.message : String(error);
    const position = /at position (\d+)/.exec(message)?.[1];
    // V8 appends the text around the error (`, "…" is not valid JSON`): noise in a one-line message.
    const reason = message
      .replace(/\s*in JSON at position \d+.*$/s, '')
      .replace(/\s*\(line \d+ column \d+\)$/, '')
      .replace(/, (?:\.\.\.)?".*" is not valid JSON$/s, '');
    if (position === undefined) return { error: `invalid JSON: ${reason}` };
    const before = text.slice(0, Number(position));
    const column = Number(position) - before.lastIndexOf('\n');
    return { error: `invalid JSON: ${reason} (column ${column})`, line: before.split('\n').length };
  }
}

function readYaml(text: string): Read {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { ...YAML_OPTIONS, lineCounter });
  const first = doc.errors[0] ?? doc.warnings.find((w) => w.code === 'TAG_RESOLVE_FAILED');
  if (first !== undefined) {
    const line = lineCounter.linePos(first.pos[0]).line;
    const reason = first.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    if (first.code === 'DUPLICATE_KEY') return { error: `invalid YAML: ${duplicateKeyMessage(doc, lineCounter, first.pos[0]) ?? reason}`, ...lineOption(line) };
    if (first.code === 'TAG_RESOLVE_FAILED') return { error: `invalid YAML: tags such as ${reason.replace(/^Unresolved tag: /, '')} are not supported`, ...lineOption(line) };
    if (first.code === 'MULTIPLE_DOCS') return { error: 'invalid YAML: more than one document (---); a config file holds one', ...lineOption(line) };
    return { error: `invalid YAML: ${reason}`, ...lineOption(line) };
  }
  if (doc.contents === null) return { error: 'the file is empty; expected a mapping such as "version: 1"' };
  try {
    return { value: doc.toJS({ maxAliasCount: MAX_ALIASES }) };
  } catch (error) {
    if (error instanceof ReferenceError && /alias/i.test(error.message)) {
      return { error: `invalid YAML: aliases expand to too many values (more than ${MAX_ALIASES}); write the values out` };
    }
    throw error;
  }
}

/** `duplicate key "version" (first at line 1)`: the error carries the second line, the message the first. */
function duplicateKeyMessage(doc: Document, lineCounter: LineCounter, offset: number): string | undefined {
  let message: string | undefined;
  visit(doc, {
    Map(_, map) {
      const seen = new Map<unknown, Node>();
      for (const pair of map.items) {
        const key = isScalar(pair.key) ? pair.key.value : pair.key;
        const earlier = seen.get(key);
        if (earlier !== undefined && isScalar(pair.key) && pair.key.range?.[0] === offset && earlier.range) {
          message = `duplicate key ${JSON.stringify(key)} (first at line ${lineCounter.linePos(earlier.range[0]).line}); keep one`;
          return visit.BREAK;
        }
        if (isScalar(pair.key)) seen.set(key, pair.key);
      }
      return undefined;
    },
  });
  return message;
}

/** Finds the line of a key path. JSON is YAML's flow syntax, so one YAML parse locates both formats. */
class Locator {
  private doc: Document | undefined;
  private readonly lineCounter = new LineCounter();
  constructor(private readonly text: string) {}

  line(problem: Problem): number | undefined {
    try {
      this.doc ??= parseDocument(this.text, { ...YAML_OPTIONS, uniqueKeys: false, lineCounter: this.lineCounter });
    } catch {
      return undefined;
    }
    // Walk down as far as the path exists; a missing key points at the object that lacks it.
    let node: unknown = this.doc.contents;
    let found: number | undefined;
    for (const [index, part] of problem.path.entries()) {
      const last = index === problem.path.length - 1;
      if (isMap(node)) {
        const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(part));
        if (pair === undefined) return found;
        const keyLine = this.lineOf(pair.key);
        if (last) return problem.at === 'key' ? keyLine : (this.lineOf(pair.value) ?? keyLine);
        found = keyLine;
        node = pair.value;
      } else if (isSeq(node) && typeof part === 'number') {
        const item = node.items[part];
        if (item === undefined) return found;
        if (last) return this.lineOf(item);
        found = this.lineOf(item);
        node = item;
      } else return found;
    }
    return undefined;
  }

  private lineOf(node: unknown): number | undefined {
    const start = isNode(node) ? node.range?.[0] : undefined;
    return start === undefined ? undefined : this.lineCounter.linePos(start).line;
  }
}

// ---- validation ----------------------------------------------------------------------------------------

/** Zod issues -> problems. A union reports the branch the value was meant for (a string, or an object). */
function flattenIssues(issues: readonly z.core.$ZodIssue[], prefix: Path): Problem[] {
  const problems: Problem[] = [];
  for (const issue of issues) {
    const path = [...prefix, ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))];
    if (issue.code === 'invalid_union') {
      const branch = issue.errors.find((errors) => !errors.every((e) => e.path.length === 0 && e.code === 'invalid_type'));
      if (branch !== undefined) {
        problems.push(...flattenIssues(branch, path));
        continue;
      }
    }
    problems.push({ path, message: issue.message });
  }
  return problems;
}

/** `version: missing …` next to an unknown key `verison`: say that the one is probably the other. */
function explainMissing(problem: Problem, unknown: readonly Problem[]): Problem {
  if (!problem.message.startsWith('missing;')) return problem;
  const parent = problem.path.slice(0, -1).join('.');
  const name = String(problem.path[problem.path.length - 1]);
  const typo = unknown.find((u) => u.path.slice(0, -1).join('.') === parent && suggest(String(u.path[u.path.length - 1]), [name]) === name);
  return typo === undefined ? problem : { ...problem, message: `${problem.message} ("${String(typo.path[typo.path.length - 1])}" looks like a misspelling of it)` };
}

function unknownKeys(value: unknown, schema: z.ZodType, path: Path): Problem[] {
  const object = objectIn(schema);
  if (object === undefined || !isPlainObject(value)) return [];
  const known = Object.keys(object.shape);
  const problems: Problem[] = [];
  for (const key of Object.keys(value)) {
    if (Object.hasOwn(object.shape, key)) {
      problems.push(...unknownKeys(value[key], object.shape[key] as z.ZodType, [...path, key]));
    } else {
      problems.push({ path: [...path, key], at: 'key', message: `unknown key, ignored${didYouMean(key, known)}` });
    }
  }
  return problems;
}

/** Keys the file sets (dotted, as in `configKeys()`), so flags and docs can tell them from defaults. */
function originsIn(value: unknown): Record<string, ValueOrigin> {
  const from: Record<string, ValueOrigin> = {};
  for (const key of configKeys()) {
    let node: unknown = value;
    for (const part of key.split('.')) node = isPlainObject(node) && Object.hasOwn(node, part) ? node[part] : undefined;
    if (node !== undefined) from[key] = 'file';
  }
  return from;
}

// ---- resolution ----------------------------------------------------------------------------------------

// ---- helpers -------------------------------------------------------------------------------------------

function dedupe(problems: readonly Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.path.join('\0')}\0${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** `backend.settings.formality`, `targetLanguages[1]`, `qa.rules["odd key"]`. */
export function formatPath(path: Path): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(part)) out += out === '' ? part : `.${part}`;
    else out += `[${JSON.stringify(part)}]`;
  }
  return out;
}

function inFileOrder(problems: readonly Problem[], located: Locator): { problem: Problem; line: number | undefined }[] {
  return problems.map((problem) => ({ problem, line: located.line(problem) })).sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
}

function withPath(problem: Problem): string {
  return problem.path.length === 0 ? problem.message : `${formatPath(problem.path)}: ${problem.message}`;
}

function lineOption(line: number | undefined): { line?: number } {
  return line === undefined ? {} : { line };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
