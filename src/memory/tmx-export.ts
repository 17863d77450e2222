// TMX 1.4b export. Written by hand rather than with an XML builder so that the exact whitespace inside
// <seg> and the escaping rules are under our control.
import { BitextError } from '../core/errors.js';
import type { MemoryEntry, TranslationMemory } from './types.js';

export const TMX_CREATION_TOOL = 'bitext';
export const TMX_ORIGINAL_FORMAT = 'bitext-jsonl';
export const TMX_PROP_STATUS = 'x-bitext-status';
export const TMX_PROP_ORIGIN = 'x-bitext-origin';
export const TMX_PROP_DOCUMENT = 'x-bitext-document';
/** Full-precision `changed` (TMX dates have whole seconds only), so export -> import is lossless. */
export const TMX_PROP_CHANGED = 'x-bitext-changed';

export interface TmxExportOptions {
  readonly toolVersion: string;
  /** Creation date written in the header (injected clock). */
  readonly now: Date;
}

/**
 * Characters XML 1.0 cannot carry at all, not even as character references: C0 controls other than
 * tab/LF/CR, U+FFFE/U+FFFF and unpaired surrogates. Such text is refused, not silently altered.
 */
// With the `u` flag a surrogate range matches only unpaired surrogates (a pair is one code point).
export const XML_FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF\uD800-\uDFFF]/u;

function checkRepresentable(text: string, what: string, entry: MemoryEntry): void {
  const found = XML_FORBIDDEN.exec(text);
  if (found === null) return;
  const code = (found[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0');
  throw new BitextError(
    'output',
    `cannot export to TMX: the ${what} of the memory entry ${JSON.stringify(entry.source.slice(0, 60))} contains ` +
      `U+${code}, which XML 1.0 cannot represent; remove it from the memory and export again`,
  );
}

/** Element content: `>` is escaped too (`]]>` is illegal in text); CR as a reference survives parsing. */
function escapeText(text: string): string {
  return text.replace(/[&<>\r]/g, (char) => (char === '&' ? '&amp;' : char === '<' ? '&lt;' : char === '>' ? '&gt;' : '&#xD;'));
}

const ATTRIBUTE_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  '\t': '&#x9;',
  '\n': '&#xA;',
  '\r': '&#xD;',
};

/** Attribute values: quotes escaped, and tab/LF/CR as references because parsers normalise them to spaces. */
function escapeAttribute(text: string): string {
  return text.replace(/[&<>"'\t\n\r]/g, (char) => ATTRIBUTE_ESCAPES[char] ?? char);
}

/** TMX date format YYYYMMDDThhmmssZ (UTC). */
export function formatTmxDate(date: Date): string {
  if (Number.isNaN(date.getTime())) throw new BitextError('output', 'cannot export to TMX: invalid date');
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
}

function attributes(pairs: readonly (readonly [string, string])[]): string {
  return pairs.map(([name, value]) => ` ${name}="${escapeAttribute(value)}"`).join('');
}

function writeUnit(entry: MemoryEntry, pair: TranslationMemory['pair']): string {
  for (const [what, text] of [
    ['source', entry.source],
    ['target', entry.target],
    ['document', entry.document ?? ''],
    ['note', entry.note ?? ''],
    ['changed date', entry.changed],
  ] as const) {
    checkRepresentable(text, what, entry);
  }
  const changed = new Date(entry.changed);
  if (Number.isNaN(changed.getTime())) {
    throw new BitextError('output', `cannot export to TMX: the memory entry ${JSON.stringify(entry.source.slice(0, 60))} has an invalid date ${JSON.stringify(entry.changed)}`);
  }
  const date = formatTmxDate(changed);
  const props = [
    [TMX_PROP_ORIGIN, entry.origin],
    [TMX_PROP_STATUS, entry.status],
    ...(entry.document === undefined ? [] : [[TMX_PROP_DOCUMENT, entry.document] as const]),
    [TMX_PROP_CHANGED, entry.changed],
  ];
  // The memory keeps one date per entry, so it is both the creation and the change date.
  const lines = [
    `    <tu${attributes([['creationdate', date], ['changedate', date]])}>`,
    ...props.map(([type, value]) => `      <prop type="${escapeAttribute(type)}">${escapeText(value)}</prop>`),
    // TMX 1.4b: notes and props come before the variants. The text is written exactly, line breaks too.
    ...(entry.note === undefined || entry.note === '' ? [] : [`      <note>${escapeText(entry.note)}</note>`]),
    `      <tuv xml:lang="${escapeAttribute(pair.source)}"><seg>${escapeText(entry.source)}</seg></tuv>`,
    `      <tuv xml:lang="${escapeAttribute(pair.target)}"><seg>${escapeText(entry.target)}</seg></tuv>`,
    '    </tu>',
  ];
  return lines.join('\n');
}

/** The memory as a TMX 1.4b document (UTF-8, plain text segments, one <tu> per entry in memory order). */
export function toTmx(memory: TranslationMemory, options: TmxExportOptions): string {
  const header = attributes([
    ['creationtool', TMX_CREATION_TOOL],
    ['creationtoolversion', options.toolVersion],
    ['segtype', 'sentence'],
    ['o-tmf', TMX_ORIGINAL_FORMAT],
    ['adminlang', 'en'],
    ['srclang', memory.pair.source],
    ['datatype', 'plaintext'],
    ['creationdate', formatTmxDate(options.now)],
  ]);
  const units = memory.entries.map((entry) => writeUnit(entry, memory.pair));
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<tmx version="1.4">',
    `  <header${header}/>`,
    units.length === 0 ? '  <body/>' : ['  <body>', ...units, '  </body>'].join('\n'),
    '</tmx>',
    '',
  ].join('\n');
}
