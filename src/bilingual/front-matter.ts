// The head of a bilingual file. Version 2 keeps what a reader of the rendered file wants in the YAML front
// matter (format version, source, languages: short values, so GitHub's table fits the page) and what only
// bitext needs (hashes, the backend) in one HTML comment line right after it, which GitHub does not show.
// Keys a person adds to the front matter (`reviewer: Anna`) are kept as written. Derived data (the counts
// by status) is not stored at all: it would change on every status edit and make parallel reviews collide.
//
// The YAML is written with a fixed key order and read with the failsafe schema (every scalar is a string, no
// tag resolves to code) so `no`, `1e10` or `null` stay text. Version 1 files (all keys in the YAML, with
// `counts`) are read as well and upgraded by the next write.
import { BitextError } from '../core/errors.js';
import { lazyRequire } from '../core/lazy.js';
import { FORMAT_VERSION } from './syntax.js';
import { decodeToken, encodeToken } from './text-encoding.js';

/** The YAML library loads when a head needs it (reading a file, or a value plain style cannot hold). */
const yaml = lazyRequire<typeof import('yaml')>('yaml');

export interface FrontMatterFields {
  readonly source: string;
  /** `markdown` for Markdown sources; plain-text files have no such line. */
  readonly format?: 'markdown';
  readonly sourceHash: string;
  readonly sourceLanguage: string;
  readonly targetLanguage: string;
  readonly backend: string;
  readonly glossaryHash: string;
}

/** What a file's head holds: bitext's fields, and front-matter lines a person added. */
export interface FileHead {
  readonly fields: FrontMatterFields;
  readonly version: 1 | 2;
  /** Raw YAML lines of keys bitext does not know, in their order. */
  readonly extra: readonly string[];
}

/** Keys of version 2's YAML, in order. */
const YAML_KEYS = ['source', 'sourceLanguage', 'targetLanguage'] as const satisfies readonly (keyof FrontMatterFields)[];
/** Keys of version 2's comment line, in order. */
const META_KEYS = ['sourceHash', 'glossaryHash', 'backend'] as const satisfies readonly (keyof FrontMatterFields)[];
/** Every key bitext writes or wrote (version 1 had them all in the YAML, and `counts`). */
const KNOWN_KEYS: ReadonlySet<string> = new Set(['bitext', 'format', 'counts', ...YAML_KEYS, ...META_KEYS]);

export const META_LINE_START = '<!-- bitext-file';
const META_LINE = /^<!--[ \t]*bitext-file((?:[ \t]+[A-Za-z]+=\S*)*)[ \t]*-->$/;

/** Characters that make a value leave plain style: line breaks, controls, invisible or unpaired code units. */
const NEEDS_ESCAPE =
  /[\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const RAW_IN_JSON = /[\u007f-\u009f\u2028\u2029\ufeff]/g;

/** The head of a file: `---`, the YAML, `---`, the comment line with the hashes. */
export function writeHead(fields: FrontMatterFields, extra: readonly string[] = []): string[] {
  const data: Record<string, unknown> = { bitext: FORMAT_VERSION };
  for (const key of YAML_KEYS) {
    data[key] = fields[key];
    if (key === 'source' && fields.format !== undefined) data['format'] = fields.format;
  }
  const lines = plainYaml(data) ?? yamlLines(data);
  const meta = META_KEYS.map((key) => `${key}=${encodeToken(fields[key])}`).join(' ');
  return ['---', ...lines, ...extra, '---', `${META_LINE_START} ${meta} -->`];
}

/**
 * A value the YAML library writes as it stands, unquoted: a letter first, then letters, digits and `_ . / -`
 * only, and not a word the core schema reads as something else. Anything else goes through the library.
 */
const PLAIN_VALUE = /^[A-Za-z][A-Za-z0-9_./-]*$/;
const NOT_TEXT = /^(?:true|false|null)$/i;

/** The head's YAML lines written directly, when every value is plain (the usual case); else undefined. */
export function plainYaml(data: Readonly<Record<string, unknown>>): string[] | undefined {
  const lines: string[] = [];
  for (const [key, value] of Object.entries(data)) {
    if (typeof value === 'number' && Number.isInteger(value) && value >= 0) lines.push(`${key}: ${value}`);
    else if (typeof value === 'string' && PLAIN_VALUE.test(value) && !NOT_TEXT.test(value)) lines.push(`${key}: ${value}`);
    else return undefined;
  }
  return lines;
}

/** The head's YAML lines as the YAML library writes them. */
export function yamlLines(data: Readonly<Record<string, unknown>>): string[] {
  const doc = new (yaml().Document)(data);
  for (const key of YAML_KEYS) {
    const node = doc.get(key, true);
    const value = data[key];
    // yaml would pick a multi-line single-quoted form for some of these; one escaped line is safer.
    if (yaml().isScalar(node) && typeof value === 'string' && NEEDS_ESCAPE.test(value)) node.type = yaml().Scalar.QUOTE_DOUBLE;
  }
  const text = doc.toString({ lineWidth: 0, blockQuote: false, doubleQuotedAsJSON: true, flowCollectionPadding: false });
  // JSON-style double quoting escapes C0 controls and lone surrogates but leaves these raw; `\uXXXX` is a
  // valid YAML escape, and every such character sits inside a double-quoted scalar (see above).
  const escaped = text.replace(RAW_IN_JSON, (ch) => `\\u${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);
  return escaped.replace(/\n$/, '').split('\n');
}

/**
 * Reads the front matter from `yamlLines` (the lines between the fences); `firstLine` is the 1-based line
 * of the first of them, so errors point into the user's file. `metaLine` is the line after the closing
 * fence (version 2's comment with the hashes) and its number.
 */
export function readHead(
  yamlLines: readonly string[],
  firstLine: number,
  meta: { readonly text: string | undefined; readonly line: number },
  file: string,
): FileHead {
  const fenceLine = firstLine - 1;
  const lineCounter = new (yaml().LineCounter)();
  const source = yamlLines.join('\n');
  const doc = yaml().parseDocument(source, { schema: 'failsafe', lineCounter, uniqueKeys: true });
  const lineOf = (offset: number | undefined): number => (offset === undefined ? fenceLine : firstLine - 1 + lineCounter.linePos(offset).line);

  const yamlError = doc.errors[0];
  if (yamlError !== undefined) {
    const firstMessageLine = yamlError.message.split('\n')[0] ?? yamlError.message;
    const message = firstMessageLine.replace(/ at line \d+, column \d+:?$/, '');
    throw new BitextError('input', `front matter is not valid YAML: ${message}`, { file, line: lineOf(yamlError.pos[0]), cause: yamlError });
  }
  const root = doc.contents;
  if (!yaml().isMap(root)) {
    throw new BitextError('input', 'front matter must be a list of `key: value` lines (bitext, source, …)', { file, line: fenceLine });
  }

  const values = new Map<string, { value: unknown; line: number }>();
  const extra: string[] = [];
  root.items.forEach((pair, index) => {
    if (!yaml().isScalar(pair.key)) return;
    const key = String(pair.key.value);
    const value = yaml().isScalar(pair.value) ? pair.value.value : pair.value === null ? '' : pair.value;
    const line = lineOf(pair.key.range?.[0]);
    values.set(key, { value, line });
    if (KNOWN_KEYS.has(key)) return;
    // A key of a person's own: its lines as written, up to the next key.
    const from = line - firstLine;
    const nextKey = root.items[index + 1]?.key;
    const to = yaml().isScalar(nextKey) ? lineOf(nextKey.range?.[0]) - firstLine : yamlLines.length;
    const lines = yamlLines.slice(from, to);
    while (lines.length > 0 && lines[lines.length - 1]?.trim() === '') lines.pop();
    extra.push(...lines.map((l) => l.replace(/[ \t]+$/, '')));
  });

  const version = values.get('bitext');
  if (version === undefined) {
    throw new BitextError('input', `front matter has no \`bitext:\` version line; expected \`bitext: ${FORMAT_VERSION}\``, { file, line: fenceLine });
  }
  if (version.value !== '1' && version.value !== '2') {
    throw new BitextError(
      'input',
      `unsupported bilingual format version ${JSON.stringify(version.value)}; this bitext reads versions 1 and 2 (a newer bitext wrote this file: update bitext)`,
      { file, line: version.line },
    );
  }
  const v = version.value === '1' ? 1 : 2;

  const metaValues = new Map<string, string>();
  if (v === 2) {
    const match = meta.text === undefined ? null : META_LINE.exec(meta.text.trim());
    if (match === null) {
      throw new BitextError('input', `expected the line \`${META_LINE_START} sourceHash=… glossaryHash=… backend=… -->\` right after the front matter (keep it as bitext wrote it)`, {
        file,
        line: meta.line,
      });
    }
    for (const token of (match[1] ?? '').trim().split(/[ \t]+/).filter(Boolean)) {
      const at = token.indexOf('=');
      const decoded = decodeToken(token.slice(at + 1));
      if (decoded === undefined) throw new BitextError('input', `damaged value of ${token.slice(0, at)} in the \`${META_LINE_START}\` line`, { file, line: meta.line });
      metaValues.set(token.slice(0, at), decoded);
    }
  }

  const read = (key: keyof FrontMatterFields): string => {
    if (v === 2 && (META_KEYS as readonly string[]).includes(key)) {
      const value = metaValues.get(key);
      if (value === undefined) throw new BitextError('input', `the \`${META_LINE_START}\` line has no ${key}=`, { file, line: meta.line });
      return value;
    }
    const entry = values.get(key);
    if (entry === undefined) throw new BitextError('input', `front matter is missing \`${key}:\``, { file, line: fenceLine });
    if (typeof entry.value !== 'string') throw new BitextError('input', `front matter \`${key}:\` must be a single text value`, { file, line: entry.line });
    return entry.value;
  };
  const format = values.get('format');
  if (format !== undefined && format.value !== 'markdown') {
    throw new BitextError('input', `front matter \`format:\` must be \`markdown\` (or absent for plain-text sources), got ${JSON.stringify(format.value)}`, {
      file,
      line: format.line,
    });
  }
  return {
    version: v,
    extra,
    fields: {
      source: read('source'),
      ...(format === undefined ? {} : { format: 'markdown' as const }),
      sourceHash: read('sourceHash'),
      sourceLanguage: read('sourceLanguage'),
      targetLanguage: read('targetLanguage'),
      backend: read('backend'),
      glossaryHash: read('glossaryHash'),
    },
  };
}
