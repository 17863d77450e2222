// TMX import (1.1–1.4b). The XML parser runs with entity processing off; the five predefined entities and
// numeric character references are checked and decoded here, and any DTD with declarations is refused.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { BitextError } from '../core/errors.js';
import { SEGMENT_STATUSES, type Diagnostic, type LanguagePair, type SegmentStatus } from '../core/types.js';
import { normalizeSegmentText } from './normalize.js';
import {
  TMX_PROP_CHANGED,
  TMX_PROP_DOCUMENT,
  TMX_PROP_ORIGIN,
  TMX_PROP_STATUS,
  XML_FORBIDDEN,
} from './tmx-export.js';
import { MEMORY_ORIGINS, type MemoryEntry, type MemoryOrigin } from './types.js';

export interface TmxImportOptions {
  /** Language of the source side; `de` also accepts `de-DE`, `DE-CH`, … (case-insensitive). */
  readonly sourceLanguage: string;
  /** Target language to read; without it every other language found is read, one pair each. */
  readonly targetLanguage?: string;
  /** Date for units that carry none (injected clock). Without it such units get 1970-01-01T00:00:00.000Z. */
  readonly now?: Date;
}

export interface TmxImportedPair {
  readonly pair: LanguagePair;
  readonly entries: MemoryEntry[];
}

export interface TmxImport {
  /**
   * Entries for `targetLanguage`; without it, the entries of the only target language found (empty, with
   * a `tmx-several-targets` warning, when the file holds several: pick one from `pairs`).
   */
  readonly entries: MemoryEntry[];
  /** Every pair read, in order of first appearance. */
  readonly pairs: TmxImportedPair[];
  readonly warnings: Diagnostic[];
}

/** Imported units without a bitext origin prop are taken as human work of unknown review state. */
export const TMX_DEFAULT_ORIGIN: MemoryOrigin = 'human';
export const TMX_DEFAULT_HUMAN_STATUS: SegmentStatus = 'edited';

// ---------------------------------------------------------------------------------------------------
// Positions

function lineFinder(text: string): (index: number) => number {
  const starts = [0];
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) starts.push(at + 1);
  return (index) => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >>> 1;
      if ((starts[mid] ?? 0) <= index) low = mid;
      else high = mid - 1;
    }
    return low + 1;
  };
}

// ---------------------------------------------------------------------------------------------------
// Lexical checks the parser does not make

const PREDEFINED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function isXmlChar(codePoint: number): boolean {
  return (
    codePoint === 0x9 ||
    codePoint === 0xa ||
    codePoint === 0xd ||
    (codePoint >= 0x20 && codePoint <= 0xd7ff) ||
    (codePoint >= 0xe000 && codePoint <= 0xfffd) ||
    (codePoint >= 0x10000 && codePoint <= 0x10ffff)
  );
}

function referencedCodePoint(body: string): number | undefined {
  if (/^#x[0-9a-fA-F]{1,6}$/.test(body)) return Number.parseInt(body.slice(2), 16);
  if (/^#[0-9]{1,7}$/.test(body)) return Number.parseInt(body.slice(1), 10);
  return undefined;
}

/**
 * Walks the markup that can hide a `&` or a declaration (comments, CDATA, processing instructions) and
 * checks every reference and declaration outside them. Refusing DTD declarations outright is what makes
 * the import safe from entity-expansion attacks ("billion laughs"), whatever the parser would do.
 */
function checkLexically(xml: string, file: string, lineAt: (index: number) => number): void {
  const forbidden = XML_FORBIDDEN.exec(xml);
  if (forbidden !== null) {
    const code = (forbidden[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0');
    throw new BitextError('input', `character U+${code} is not allowed in XML 1.0`, { file, line: lineAt(forbidden.index) });
  }
  const tokens = /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<\?[\s\S]*?\?>|<!(DOCTYPE|ENTITY)\b|&([^;\s<&"']*)(;?)/g;
  for (let match = tokens.exec(xml); match !== null; match = tokens.exec(xml)) {
    const [token, declaration, reference, semicolon] = match;
    const line = lineAt(match.index);
    if (declaration === 'ENTITY') {
      throw new BitextError('input', 'entity declarations (<!ENTITY) are refused: TMX files never need them', { file, line });
    }
    if (declaration === 'DOCTYPE') {
      if (hasInternalSubset(xml, match.index + token.length)) {
        throw new BitextError(
          'input',
          'a DOCTYPE with an internal subset ([…]) is refused, since it can declare entities; ' +
            'keep at most <!DOCTYPE tmx SYSTEM "tmx14.dtd">',
          { file, line },
        );
      }
      continue;
    }
    if (reference === undefined) continue;
    if (semicolon !== ';') {
      throw new BitextError('input', 'a bare "&" must be written &amp;', { file, line });
    }
    const codePoint = referencedCodePoint(reference);
    if (codePoint !== undefined) {
      if (!isXmlChar(codePoint)) {
        throw new BitextError('input', `&${reference}; refers to a character XML 1.0 does not allow`, { file, line });
      }
    } else if (PREDEFINED[reference] === undefined) {
      throw new BitextError(
        'input',
        `undefined entity &${reference};: only &amp; &lt; &gt; &quot; &apos; and numeric references (&#160;) are accepted`,
        { file, line },
      );
    }
  }
}

/** From just after `<!DOCTYPE`: true when a `[` opens before the declaration's closing `>`. */
function hasInternalSubset(xml: string, from: number): boolean {
  let quote: string | undefined;
  for (let at = from; at < xml.length; at += 1) {
    const char = xml[at];
    if (quote !== undefined) {
      if (char === quote) quote = undefined;
    } else if (char === '"' || char === "'") quote = char;
    else if (char === '[') return true;
    else if (char === '>') return false;
  }
  return false;
}

/** Single pass, so `&amp;lt;` becomes the text `&lt;`, never `<`. Inputs were checked by checkLexically. */
function decodeReferences(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);/g, (whole, body: string) => {
    const codePoint = referencedCodePoint(body);
    return codePoint !== undefined ? String.fromCodePoint(codePoint) : (PREDEFINED[body] ?? whole);
  });
}

/** XML attribute-value normalisation: literal tab and line feed become spaces; references survive. */
function decodeAttribute(value: string): string {
  return decodeReferences(value.replace(/[\t\n]/g, ' '));
}

// ---------------------------------------------------------------------------------------------------
// The parsed tree (fast-xml-parser, preserveOrder)

type XmlNode = Record<string, unknown>;

const TEXT = '#text';
const CDATA = '#cdata';
const ATTRIBUTES = ':@';
const META = XMLParser.getMetaDataSymbol() as unknown as symbol;

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  allowBooleanAttributes: false,
  trimValues: false,
  parseTagValue: false,
  parseAttributeValue: false,
  processEntities: false,
  htmlEntities: false,
  cdataPropName: CDATA,
  ignoreDeclaration: true,
  ignorePiTags: true,
  removeNSPrefix: false,
  captureMetaData: true,
});

function isNode(value: unknown): value is XmlNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function nodeName(node: XmlNode): string | undefined {
  return Object.keys(node).find((key) => key !== ATTRIBUTES);
}

function children(node: XmlNode, name: string): XmlNode[] {
  const value = node[name];
  return Array.isArray(value) ? value.filter(isNode) : [];
}

function elements(nodes: readonly XmlNode[], name: string): { node: XmlNode; children: XmlNode[] }[] {
  return nodes.filter((node) => nodeName(node) === name).map((node) => ({ node, children: children(node, name) }));
}

function attribute(node: XmlNode, name: string): string | undefined {
  const attributes = node[ATTRIBUTES];
  if (!isNode(attributes)) return undefined;
  const value = attributes[name];
  return typeof value === 'string' ? decodeAttribute(value) : undefined;
}

function startIndex(node: XmlNode): number | undefined {
  const meta = (node as Record<symbol, unknown>)[META];
  return isNode(meta) && typeof meta.startIndex === 'number' ? meta.startIndex : undefined;
}

/**
 * The text of a <seg> in document order. Inline elements (bpt, ept, ph, it, ut, hi, sub) contribute their
 * content where they stand: the native code inside bpt/ept/ph (`&lt;b&gt;`) becomes literal text (`<b>`).
 */
function flattenText(nodes: readonly XmlNode[]): string {
  let text = '';
  for (const node of nodes) {
    const name = nodeName(node);
    if (name === undefined) continue;
    const value = node[name];
    if (name === TEXT) text += typeof value === 'string' ? decodeReferences(value) : '';
    else if (name === CDATA) text += Array.isArray(value) ? rawText(value.filter(isNode)) : '';
    else text += flattenText(children(node, name));
  }
  return text;
}

/** CDATA content is literal: no reference decoding. */
function rawText(nodes: readonly XmlNode[]): string {
  return nodes.map((node) => (typeof node[TEXT] === 'string' ? node[TEXT] : '')).join('');
}

// ---------------------------------------------------------------------------------------------------
// Languages and dates

/** `en_gb`, `EN-GB` -> `en-GB` (BCP 47 casing), so codes compare and print alike. */
function canonicalLanguage(code: string): string {
  return code
    .trim()
    .replace(/_/g, '-')
    .split('-')
    .map((part, index) => {
      if (index === 0) return part.toLowerCase();
      if (part.length === 2) return part.toUpperCase();
      if (part.length === 4) return part.charAt(0).toUpperCase() + part.slice(1).toLowerCase();
      return part.toLowerCase();
    })
    .join('-');
}

/** A unit's language matches a wanted one when equal or a regional variant of it (`en-GB` for `en`). */
function languageMatches(found: string, wanted: string): boolean {
  const a = found.toLowerCase();
  const b = wanted.toLowerCase();
  return a === b || a.startsWith(`${b}-`);
}

const TMX_DATE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

function parseTmxDate(value: string): string | undefined {
  const match = TMX_DATE.exec(value.trim());
  if (match === null) return undefined;
  const [, year, month, day, hour, minute, second] = match.map(Number);
  const time = Date.UTC(year ?? 0, (month ?? 1) - 1, day, hour, minute, second);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

// ---------------------------------------------------------------------------------------------------
// Units

interface Variant {
  readonly language: string;
  readonly text: string;
  readonly node: XmlNode;
}

function readVariants(unit: readonly XmlNode[]): Variant[] {
  return elements(unit, 'tuv').flatMap(({ node, children: content }) => {
    // TMX 1.4 uses xml:lang; TMX 1.1 (OmegaT level 1, older tools) used lang.
    const language = attribute(node, 'xml:lang') ?? attribute(node, 'lang');
    if (language === undefined) return [];
    const segment = elements(content, 'seg')[0];
    return [{ language: canonicalLanguage(language), text: segment === undefined ? '' : flattenText(segment.children), node }];
  });
}

function pickVariant(variants: readonly Variant[], wanted: string): Variant | undefined {
  const exact = variants.find((variant) => variant.language.toLowerCase() === wanted.toLowerCase());
  return exact ?? variants.find((variant) => languageMatches(variant.language, wanted));
}

function readProps(unit: readonly XmlNode[]): Map<string, string> {
  const props = new Map<string, string>();
  for (const { node, children: content } of elements(unit, 'prop')) {
    const type = attribute(node, 'type');
    if (type !== undefined && !props.has(type)) props.set(type, flattenText(content));
  }
  return props;
}

interface UnitContext {
  readonly file: string;
  readonly line: number | undefined;
  readonly warnings: Diagnostic[];
  readonly fallbackDate: string;
}

function warn(context: UnitContext, rule: string, message: string): void {
  context.warnings.push({ severity: 'warning', rule, message, file: context.file, line: context.line });
}

function unitDate(unit: XmlNode, props: ReadonlyMap<string, string>, target: Variant, context: UnitContext): string {
  const exact = props.get(TMX_PROP_CHANGED);
  if (exact !== undefined && ISO_DATE.test(exact) && !Number.isNaN(Date.parse(exact))) return exact;
  // OmegaT dates the variants, most other tools date the unit.
  for (const [node, name] of [
    [unit, 'changedate'],
    [unit, 'creationdate'],
    [target.node, 'changedate'],
    [target.node, 'creationdate'],
  ] as const) {
    const value = attribute(node, name);
    if (value === undefined) continue;
    const parsed = parseTmxDate(value);
    if (parsed !== undefined) return parsed;
    warn(context, 'tmx-invalid-date', `${name}="${value}" is not a TMX date (YYYYMMDDThhmmssZ); ignored`);
  }
  return context.fallbackDate;
}

function buildEntry(
  unit: XmlNode,
  props: ReadonlyMap<string, string>,
  source: Variant,
  target: Variant,
  context: UnitContext,
): MemoryEntry | undefined {
  if (normalizeSegmentText(source.text) === '' || normalizeSegmentText(target.text) === '') {
    warn(context, 'tmx-empty-segment', `translation unit with an empty ${source.text.trim() === '' ? 'source' : 'target'} segment skipped`);
    return undefined;
  }
  const originProp = props.get(TMX_PROP_ORIGIN);
  let origin = TMX_DEFAULT_ORIGIN;
  if (originProp !== undefined) {
    if ((MEMORY_ORIGINS as readonly string[]).includes(originProp)) origin = originProp as MemoryOrigin;
    else warn(context, 'tmx-invalid-prop', `${TMX_PROP_ORIGIN} "${originProp}" is not one of ${MEMORY_ORIGINS.join(', ')}; using ${origin}`);
  }
  const statusProp = props.get(TMX_PROP_STATUS);
  let status: SegmentStatus = origin === 'machine' ? 'machine' : TMX_DEFAULT_HUMAN_STATUS;
  if (statusProp !== undefined) {
    if ((SEGMENT_STATUSES as readonly string[]).includes(statusProp)) status = statusProp as SegmentStatus;
    else warn(context, 'tmx-invalid-prop', `${TMX_PROP_STATUS} "${statusProp}" is not one of ${SEGMENT_STATUSES.join(', ')}; using ${status}`);
  }
  const document = props.get(TMX_PROP_DOCUMENT);
  const changed = unitDate(unit, props, target, context);
  const base = { source: source.text, target: target.text, origin, status };
  return document === undefined ? { ...base, changed } : { ...base, document, changed };
}

// ---------------------------------------------------------------------------------------------------

function parseDocument(xml: string, file: string, lineAt: (index: number) => number): XmlNode[] {
  const validation = XMLValidator.validate(xml);
  if (validation !== true) {
    throw new BitextError('input', `malformed XML: ${validation.err.msg}`, { file, line: validation.err.line });
  }
  checkLexically(xml, file, lineAt);
  let parsed: unknown;
  try {
    parsed = parser.parse(xml);
  } catch (error) {
    throw new BitextError('input', `malformed XML: ${(error as Error).message}`, { file, cause: error });
  }
  return Array.isArray(parsed) ? parsed.filter(isNode) : [];
}

/** Reads translation units from TMX text (already decoded; see `decodeTmx` for bytes). */
export function fromTmx(xml: string, file: string, options: TmxImportOptions): TmxImport {
  const text = xml.replace(/^\uFEFF/, '');
  const lineAt = lineFinder(text);
  const top = parseDocument(text, file, lineAt).filter((node) => {
    const name = nodeName(node);
    return name !== undefined && name !== TEXT;
  });
  const root = top[0];
  if (top.length !== 1 || root === undefined || nodeName(root) !== 'tmx') {
    const names = top.map((node) => `<${nodeName(node) ?? '?'}>`).join(', ');
    throw new BitextError('input', `not a TMX document: expected one root element <tmx>, found ${names || 'none'}`, { file });
  }
  const warnings: Diagnostic[] = [];
  const fallbackDate = (options.now ?? new Date(0)).toISOString();
  const sourceLanguage = canonicalLanguage(options.sourceLanguage);
  const wantedTarget = options.targetLanguage === undefined ? undefined : canonicalLanguage(options.targetLanguage);
  const byTarget = new Map<string, TmxImportedPair>();
  const pairFor = (target: string): TmxImportedPair => {
    const key = target.toLowerCase();
    let pair = byTarget.get(key);
    if (pair === undefined) {
      // A requested target keeps the caller's spelling; discovered ones are canonicalised (en-GB).
      pair = { pair: { source: options.sourceLanguage, target: options.targetLanguage ?? target }, entries: [] };
      byTarget.set(key, pair);
    }
    return pair;
  };
  if (wantedTarget !== undefined) pairFor(wantedTarget);

  const body = elements(children(root, 'tmx'), 'body')[0];
  if (body === undefined) {
    warnings.push({ severity: 'warning', rule: 'tmx-no-body', message: 'the TMX document has no <body>; nothing imported', file });
  }
  for (const { node: unit, children: content } of elements(body?.children ?? [], 'tu')) {
    const start = startIndex(unit);
    const context: UnitContext = { file, line: start === undefined ? undefined : lineAt(start), warnings, fallbackDate };
    const variants = readVariants(content);
    const source = pickVariant(variants, sourceLanguage);
    const targets =
      wantedTarget !== undefined
        ? [pickVariant(variants, wantedTarget)].filter((variant): variant is Variant => variant !== undefined)
        : variants.filter((variant) => !languageMatches(variant.language, sourceLanguage));
    if (source === undefined || targets.length === 0) {
      const missing = source === undefined ? sourceLanguage : (wantedTarget ?? 'a target language');
      warn(context, 'tmx-missing-language', `translation unit without a ${missing} variant skipped (found: ${variants.map((v) => v.language).join(', ') || 'none'})`);
      continue;
    }
    const props = readProps(content);
    const seen = new Set<string>();
    for (const target of targets) {
      const key = target.language.toLowerCase();
      // Without a wanted target, several variants of one language in a unit: the first one counts.
      if (seen.has(key)) continue;
      seen.add(key);
      const entry = buildEntry(unit, props, source, target, context);
      if (entry !== undefined) pairFor(wantedTarget ?? target.language).entries.push(entry);
    }
  }

  const pairs = [...byTarget.values()];
  let entries: MemoryEntry[] = pairs[0]?.entries ?? [];
  if (pairs.length > 1) {
    entries = [];
    warnings.push({
      severity: 'warning',
      rule: 'tmx-several-targets',
      message: `the TMX holds several target languages (${pairs.map((p) => p.pair.target).join(', ')}); pass the target language to import one`,
      file,
    });
  }
  return { entries, pairs, warnings };
}

/**
 * Decodes TMX bytes: UTF-8 or UTF-16 (LE/BE, as Trados writes), detected by byte-order mark or by the
 * first `<`. Invalid UTF-8 is an input error rather than replacement characters in the memory.
 */
export function decodeTmx(bytes: Uint8Array, file: string): string {
  const [b0, b1] = bytes;
  let encoding = 'utf-8';
  if ((b0 === 0xff && b1 === 0xfe) || (b0 === 0x3c && b1 === 0x00)) encoding = 'utf-16le';
  else if ((b0 === 0xfe && b1 === 0xff) || (b0 === 0x00 && b1 === 0x3c)) encoding = 'utf-16be';
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch (error) {
    throw new BitextError('input', `not valid ${encoding.toUpperCase()} text`, { file, cause: error });
  }
}
