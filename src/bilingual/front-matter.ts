// The YAML front matter of a bilingual file: written with a fixed key order, read with the failsafe
// schema (every scalar is a string, no tags resolve to code) so `no`, `1e10` or `null` stay text.
import { Document, LineCounter, Scalar, isMap, isScalar, parseDocument } from 'yaml';
import { BitextError } from '../core/errors.js';
import { SEGMENT_STATUSES, type SegmentStatus } from '../core/types.js';
import { FORMAT_VERSION } from './syntax.js';

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

const STRING_KEYS = [
  'source',
  'sourceHash',
  'sourceLanguage',
  'targetLanguage',
  'backend',
  'glossaryHash',
] as const satisfies readonly (keyof FrontMatterFields)[];

/** Characters that make a value leave plain style: line breaks, controls, invisible or unpaired code units. */
const NEEDS_ESCAPE =
  /[\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const RAW_IN_JSON = /[\u007f-\u009f\u2028\u2029\ufeff]/g;

/** YAML lines (without the `---` fences) for the given fields; `counts` is derived and never read back. */
export function writeFrontMatter(fields: FrontMatterFields, counts: Readonly<Record<SegmentStatus, number>>): string[] {
  const data: Record<string, unknown> = { bitext: FORMAT_VERSION };
  for (const key of STRING_KEYS) {
    data[key] = fields[key];
    if (key === 'source' && fields.format !== undefined) data['format'] = fields.format;
  }
  const orderedCounts: Record<string, number> = {};
  for (const status of SEGMENT_STATUSES) orderedCounts[status] = counts[status];
  data['counts'] = orderedCounts;
  const doc = new Document(data);
  const countsNode = doc.get('counts', true);
  if (isMap(countsNode)) countsNode.flow = true;
  for (const key of STRING_KEYS) {
    const node = doc.get(key, true);
    // yaml would pick a multi-line single-quoted form for some of these; one escaped line is safer.
    if (isScalar(node) && NEEDS_ESCAPE.test(fields[key])) node.type = Scalar.QUOTE_DOUBLE;
  }
  const text = doc.toString({
    lineWidth: 0, // never fold: a folded path is harder to read and to grep
    blockQuote: false, // multi-line strings as one escaped double-quoted line, never a block scalar
    doubleQuotedAsJSON: true,
    flowCollectionPadding: false,
  });
  // JSON-style double quoting escapes C0 controls and lone surrogates but leaves these raw; `\uXXXX` is a
  // valid YAML escape, and every such character sits inside a double-quoted scalar (see above).
  const escaped = text.replace(RAW_IN_JSON, (ch) => `\\u${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);
  return escaped.replace(/\n$/, '').split('\n');
}

/**
 * Reads the front matter from `yamlLines` (the lines between the fences); `firstLine` is the 1-based line
 * of the first of them, so errors point into the user's file.
 */
export function readFrontMatter(
  yamlLines: readonly string[],
  firstLine: number,
  file: string,
): FrontMatterFields {
  const fenceLine = firstLine - 1;
  const lineCounter = new LineCounter();
  const doc = parseDocument(yamlLines.join('\n'), { schema: 'failsafe', lineCounter, uniqueKeys: true });
  const lineOf = (offset: number | undefined): number =>
    offset === undefined ? fenceLine : firstLine - 1 + lineCounter.linePos(offset).line;

  const yamlError = doc.errors[0];
  if (yamlError !== undefined) {
    const firstMessageLine = yamlError.message.split('\n')[0] ?? yamlError.message;
    const message = firstMessageLine.replace(/ at line \d+, column \d+:?$/, '');
    throw new BitextError('input', `front matter is not valid YAML: ${message}`, {
      file,
      line: lineOf(yamlError.pos[0]),
      cause: yamlError,
    });
  }
  const root = doc.contents;
  if (!isMap(root)) {
    throw new BitextError('input', 'front matter must be a list of `key: value` lines (bitext, source, sourceHash, …)', {
      file,
      line: fenceLine,
    });
  }

  const values = new Map<string, { value: unknown; line: number }>();
  for (const pair of root.items) {
    if (!isScalar(pair.key)) continue;
    const value = isScalar(pair.value) ? pair.value.value : pair.value === null ? '' : pair.value;
    values.set(String(pair.key.value), { value, line: lineOf(pair.key.range?.[0]) });
  }

  const version = values.get('bitext');
  if (version === undefined) {
    throw new BitextError('input', `front matter has no \`bitext:\` version line; expected \`bitext: ${FORMAT_VERSION}\``, {
      file,
      line: fenceLine,
    });
  }
  if (version.value !== String(FORMAT_VERSION)) {
    throw new BitextError(
      'input',
      `unsupported bilingual format version ${JSON.stringify(version.value)}; this bitext reads version ${FORMAT_VERSION}`,
      { file, line: version.line },
    );
  }

  const read = (key: (typeof STRING_KEYS)[number]): string => {
    const entry = values.get(key);
    if (entry === undefined) {
      throw new BitextError('input', `front matter is missing \`${key}:\``, { file, line: fenceLine });
    }
    if (typeof entry.value !== 'string') {
      throw new BitextError('input', `front matter \`${key}:\` must be a single text value`, { file, line: entry.line });
    }
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
    source: read('source'),
    ...(format === undefined ? {} : { format: 'markdown' as const }),
    sourceHash: read('sourceHash'),
    sourceLanguage: read('sourceLanguage'),
    targetLanguage: read('targetLanguage'),
    backend: read('backend'),
    glossaryHash: read('glossaryHash'),
  };
}
