// TMX import (1.1–1.4b). A lexical pass refuses any DTD with declarations and checks every reference
// before the XML parser runs; the parser (saxes) then expands nothing but the five predefined entities and
// numeric character references.
import { SaxesParser } from 'saxes';
import { BitextError } from '../core/errors.js';
import { SEGMENT_STATUSES, type Diagnostic, type LanguageCode, type LanguagePair, type SegmentStatus } from '../core/types.js';
import { canonicalLanguage, importTargetFor } from './language.js';
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
  /**
   * Target language to read, with its variants (`fr` reads `fr-FR` and `fr-CA` too; see
   * `importTargetFor`); without it every other language found is read, one pair each.
   */
  readonly targetLanguage?: string;
  /** Date for units that carry none (injected clock). Without it such units get 1970-01-01T00:00:00.000Z. */
  readonly now?: Date;
}

/** One xml:lang code of a file: how many units (or, in a pair, entries) it has, and its first <tuv>. */
export interface TmxLanguageCount {
  /** As `canonicalLanguage` spells it: `de_de` and `DE-de` are both `de-DE`. */
  readonly language: LanguageCode;
  units: number;
  readonly line: number;
}

export interface TmxImportedPair {
  readonly pair: LanguagePair;
  readonly entries: MemoryEntry[];
  /** The xml:lang codes read into `entries`, in order of first appearance (several for `fr` + `fr-CA`). */
  readonly languages: TmxLanguageCount[];
}

export interface TmxImport {
  /**
   * Entries for `targetLanguage`; without it, the entries of the only target language found (empty, with
   * a `tmx-several-targets` warning, when the file holds several: pick one from `pairs`).
   */
  readonly entries: MemoryEntry[];
  /** Every pair read, in order of first appearance. */
  readonly pairs: TmxImportedPair[];
  /** Every xml:lang code in the file, with the number of units holding it: for "the file has en, fr". */
  readonly languages: TmxLanguageCount[];
  readonly warnings: Diagnostic[];
}

/** Imported units without a bitext origin prop are taken as human work of unknown review state. */
export const TMX_DEFAULT_ORIGIN: MemoryOrigin = 'human';
export const TMX_DEFAULT_HUMAN_STATUS: SegmentStatus = 'edited';

// ---------------------------------------------------------------------------------------------------
// Positions

/** 1-based line of a position; counted only when an error needs it, so a valid file costs nothing. */
function lineAt(text: string, index: number): number {
  let line = 1;
  for (let at = text.indexOf('\n'); at !== -1 && at < index; at = text.indexOf('\n', at + 1)) line += 1;
  return line;
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
function checkLexically(xml: string, file: string): void {
  const forbidden = XML_FORBIDDEN.exec(xml);
  if (forbidden !== null) {
    const code = (forbidden[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0');
    throw new BitextError('input', `character U+${code} is not allowed in XML 1.0`, { file, line: lineAt(xml, forbidden.index) });
  }
  const tokens = /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<\?[\s\S]*?\?>|<!(DOCTYPE|ENTITY)\b|&([^;\s<&"']*)(;?)/g;
  for (let match = tokens.exec(xml); match !== null; match = tokens.exec(xml)) {
    const [token, declaration, reference, semicolon] = match;
    const at = match.index;
    const fail = (message: string): never => {
      throw new BitextError('input', message, { file, line: lineAt(xml, at) });
    };
    if (declaration === 'ENTITY') {
      fail('entity declarations (<!ENTITY) are refused: TMX files never need them');
    }
    if (declaration === 'DOCTYPE') {
      if (hasInternalSubset(xml, match.index + token.length)) {
        fail(
          'a DOCTYPE with an internal subset ([…]) is refused, since it can declare entities; ' +
            'keep at most <!DOCTYPE tmx SYSTEM "tmx14.dtd">',
        );
      }
      continue;
    }
    if (reference === undefined) continue;
    if (semicolon !== ';') {
      fail('a bare "&" must be written &amp;');
    }
    const codePoint = referencedCodePoint(reference);
    if (codePoint !== undefined) {
      if (!isXmlChar(codePoint)) {
        fail(`&${reference}; refers to a character XML 1.0 does not allow`);
      }
    } else if (PREDEFINED[reference] === undefined) {
      fail(`undefined entity &${reference};: only &amp; &lt; &gt; &quot; &apos; and numeric references (&#160;) are accepted`);
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

// ---------------------------------------------------------------------------------------------------
// Streaming read (saxes: strict XML 1.0 well-formedness, no DTD processing, predefined entities and
// character references decoded once). No tree is built: each <tu> becomes a small record and is handed
// on as soon as it closes, so memory stays proportional to the units read, not to the XML.

interface RawVariant {
  readonly language: string;
  /** Text of the first <seg>, inline elements flattened in document order. */
  text: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly line: number;
}

interface RawUnit {
  readonly line: number;
  readonly attributes: Readonly<Record<string, string>>;
  /** First value per prop type. */
  readonly props: Map<string, string>;
  readonly variants: RawVariant[];
}

interface RawDocument {
  readonly header: { readonly attributes: Readonly<Record<string, string>>; readonly line: number } | undefined;
  readonly hasBody: boolean;
}

/** Where the text being read goes, and the element depth at which it ends. */
interface Capture {
  readonly depth: number;
  readonly done: (text: string) => void;
  parts: string[];
}

function readDocument(
  xml: string,
  file: string,
  onUnit: (unit: RawUnit) => void,
  onHeader: (header: NonNullable<RawDocument['header']>) => void,
): RawDocument {
  const parser = new SaxesParser({ position: true });
  let depth = 0;
  /** Element names of the path to the current element (index = depth − 1). */
  const path: string[] = [];
  let rootSeen = false;
  let header: RawDocument['header'];
  let hasBody = false;
  let unit: RawUnit | undefined;
  let variant: RawVariant | undefined;
  let variantHasSeg = false;
  let capture: Capture | undefined;
  let tagLine = 1;

  parser.on('opentagstart', () => {
    tagLine = parser.line;
  });
  parser.on('opentag', (tag) => {
    const name = tag.name;
    const attributes = tag.attributes as Record<string, string>;
    depth += 1;
    path.push(name);
    if (depth === 1) {
      rootSeen = true;
      if (name !== 'tmx') {
        throw new BitextError('input', `not a TMX document: expected one root element <tmx>, found <${name}>`, { file, line: tagLine });
      }
    } else if (capture !== undefined) {
      // Inline elements inside <seg>, <prop>: only their text counts.
    } else if (depth === 2) {
      if (name === 'header' && header === undefined) {
        header = { attributes, line: tagLine };
        onHeader(header);
      }
      else if (name === 'body') hasBody = true;
    } else if (depth === 3 && name === 'tu' && path[1] === 'body') {
      unit = { line: tagLine, attributes, props: new Map(), variants: [] };
    } else if (depth === 4 && unit !== undefined) {
      const current = unit;
      if (name === 'tuv') {
        // TMX 1.4 uses xml:lang; TMX 1.1 (OmegaT level 1, older tools) used lang.
        const language = attributes['xml:lang'] ?? attributes.lang;
        variant = language === undefined ? undefined : { language: canonicalLanguage(language), text: '', attributes, line: tagLine };
        variantHasSeg = false;
        if (variant !== undefined) current.variants.push(variant);
      } else if (name === 'prop') {
        const type = attributes.type;
        capture = {
          depth,
          parts: [],
          done: (text) => {
            if (type !== undefined && !current.props.has(type)) current.props.set(type, text);
          },
        };
      }
    } else if (depth === 5 && name === 'seg' && variant !== undefined && !variantHasSeg) {
      const current = variant;
      variantHasSeg = true;
      capture = { depth, parts: [], done: (text) => (current.text = text) };
    }
    if (tag.isSelfClosing) close();
  });
  const close = (): void => {
    if (capture !== undefined && capture.depth === depth) {
      capture.done(capture.parts.join(''));
      capture = undefined;
    }
    if (depth === 4) variant = undefined;
    if (depth === 3 && unit !== undefined) {
      onUnit(unit);
      unit = undefined;
    }
    path.pop();
    depth -= 1;
  };
  parser.on('closetag', (tag) => {
    if (!tag.isSelfClosing) close();
  });
  // Text (references already decoded) and CDATA (literal) both count where they stand.
  parser.on('text', (text) => capture?.parts.push(text));
  parser.on('cdata', (text) => capture?.parts.push(text));

  try {
    parser.write(xml).close();
  } catch (error) {
    if (error instanceof BitextError) throw error;
    const message = (error as Error).message.replace(/^\d+:\d+: /, '').replace(/\.$/, '');
    if (!rootSeen) {
      throw new BitextError('input', `not a TMX document: expected one root element <tmx>, found none (${message})`, { file, line: parser.line, cause: error });
    }
    throw new BitextError('input', `malformed XML: ${message}`, { file, line: parser.line, cause: error });
  }
  return { header, hasBody };
}

// ---------------------------------------------------------------------------------------------------
// Languages and dates

/** The source side matches any variant of its language (`de-AT`, `de-CH` for `de`). */
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

function pickVariant(variants: readonly RawVariant[], wanted: string): RawVariant | undefined {
  const exact = variants.find((variant) => variant.language.toLowerCase() === wanted.toLowerCase());
  return exact ?? variants.find((variant) => languageMatches(variant.language, wanted));
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

function unitDate(unit: RawUnit, target: RawVariant, context: UnitContext): string {
  const exact = unit.props.get(TMX_PROP_CHANGED);
  if (exact !== undefined && ISO_DATE.test(exact) && !Number.isNaN(Date.parse(exact))) return exact;
  // OmegaT dates the variants, most other tools date the unit.
  for (const [attributes, name] of [
    [unit.attributes, 'changedate'],
    [unit.attributes, 'creationdate'],
    [target.attributes, 'changedate'],
    [target.attributes, 'creationdate'],
  ] as const) {
    const value = attributes[name];
    if (value === undefined) continue;
    const parsed = parseTmxDate(value);
    if (parsed !== undefined) return parsed;
    warn(context, 'tmx-invalid-date', `${name}="${value}" is not a TMX date (YYYYMMDDThhmmssZ); ignored`);
  }
  return context.fallbackDate;
}

const NOT_SPACE = /\S/;

function buildEntry(unit: RawUnit, source: RawVariant, target: RawVariant, context: UnitContext): MemoryEntry | undefined {
  // Same as "normalises to ''" (trim and \s remove the same characters), without building the key.
  if (!NOT_SPACE.test(source.text) || !NOT_SPACE.test(target.text)) {
    warn(context, 'tmx-empty-segment', `translation unit with an empty ${NOT_SPACE.test(source.text) ? 'target' : 'source'} segment skipped`);
    return undefined;
  }
  const originProp = unit.props.get(TMX_PROP_ORIGIN);
  let origin = TMX_DEFAULT_ORIGIN;
  if (originProp !== undefined) {
    if ((MEMORY_ORIGINS as readonly string[]).includes(originProp)) origin = originProp as MemoryOrigin;
    else warn(context, 'tmx-invalid-prop', `${TMX_PROP_ORIGIN} "${originProp}" is not one of ${MEMORY_ORIGINS.join(', ')}; using ${origin}`);
  }
  const statusProp = unit.props.get(TMX_PROP_STATUS);
  let status: SegmentStatus = origin === 'machine' ? 'machine' : TMX_DEFAULT_HUMAN_STATUS;
  if (statusProp !== undefined) {
    if ((SEGMENT_STATUSES as readonly string[]).includes(statusProp)) status = statusProp as SegmentStatus;
    else warn(context, 'tmx-invalid-prop', `${TMX_PROP_STATUS} "${statusProp}" is not one of ${SEGMENT_STATUSES.join(', ')}; using ${status}`);
  }
  const document = unit.props.get(TMX_PROP_DOCUMENT);
  const changed = unitDate(unit, target, context);
  const base = { source: source.text, target: target.text, origin, status };
  return document === undefined ? { ...base, changed } : { ...base, document, changed };
}

// ---------------------------------------------------------------------------------------------------

/** Counts a language in a list of `TmxLanguageCount`s, keyed by the code (already canonical). */
function countLanguage(counts: Map<string, TmxLanguageCount>, language: string, line: number): void {
  const count = counts.get(language);
  if (count === undefined) counts.set(language, { language, units: 1, line });
  else count.units += 1;
}

/** `*all*` (TMX: any variant may be the source) or absent says nothing about the direction. */
function declaredSource(unit: RawUnit, header: RawDocument['header']): { language: string; line: number } | undefined {
  const own = unit.attributes.srclang;
  if (own !== undefined) return own.trim().toLowerCase() === '*all*' ? undefined : { language: own, line: unit.line };
  const declared = header?.attributes.srclang;
  if (declared === undefined || declared.trim().toLowerCase() === '*all*') return undefined;
  return { language: declared, line: header?.line ?? unit.line };
}

/** Reads translation units from TMX text (already decoded; see `decodeTmx` for bytes). */
export function fromTmx(xml: string, file: string, options: TmxImportOptions): TmxImport {
  const text = xml.replace(/^\uFEFF/, '');
  checkLexically(text, file);
  const warnings: Diagnostic[] = [];
  const fallbackDate = (options.now ?? new Date(0)).toISOString();
  const sourceLanguage = canonicalLanguage(options.sourceLanguage);
  const wantedTarget = options.targetLanguage === undefined ? undefined : canonicalLanguage(options.targetLanguage);
  const byTarget = new Map<string, { pair: TmxImportedPair; counts: Map<string, TmxLanguageCount> }>();
  const pairFor = (target: string): { pair: TmxImportedPair; counts: Map<string, TmxLanguageCount> } => {
    let found = byTarget.get(target);
    if (found === undefined) {
      // A requested target keeps the caller's spelling; discovered ones are canonicalised (en-GB).
      const counts = new Map<string, TmxLanguageCount>();
      found = { pair: { pair: { source: options.sourceLanguage, target: options.targetLanguage ?? target }, entries: [], languages: [] }, counts };
      byTarget.set(target, found);
    }
    return found;
  };
  if (wantedTarget !== undefined) pairFor(wantedTarget);
  const languages = new Map<string, TmxLanguageCount>();
  /** Units whose srclang is not German, yet imported with their German variant as the source. */
  let reversed: { units: number; language: string; line: number } | undefined;
  /** Units with several variants of the wanted target and none exactly it (`en-GB` and `en-US` for `en`). */
  let ambiguous: { units: number; languages: Set<string>; line: number } | undefined;
  let header: RawDocument['header'];

  const readUnit = (unit: RawUnit): void => {
    const context: UnitContext = { file, line: unit.line, warnings, fallbackDate };
    const variants = unit.variants;
    const inUnit = new Set<string>();
    for (const variant of variants) {
      if (!inUnit.has(variant.language)) countLanguage(languages, variant.language, variant.line);
      inUnit.add(variant.language);
    }
    const source = pickVariant(variants, sourceLanguage);
    let targets: RawVariant[];
    if (wantedTarget === undefined) {
      targets = variants.filter((variant) => !languageMatches(variant.language, sourceLanguage));
    } else {
      const candidates = variants.filter((variant) => importTargetFor(variant.language, { requested: wantedTarget }) !== undefined);
      const exact = candidates.find((variant) => variant.language === wantedTarget);
      const first = exact ?? candidates[0];
      targets = first === undefined ? [] : [first];
      const distinct = new Set(candidates.map((variant) => variant.language));
      if (exact === undefined && distinct.size > 1) {
        ambiguous ??= { units: 0, languages: new Set(), line: unit.line };
        ambiguous.units += 1;
        for (const language of distinct) ambiguous.languages.add(language);
      }
    }
    if (source === undefined || targets.length === 0) {
      const missing = source === undefined ? sourceLanguage : (wantedTarget ?? 'a target language');
      warn(context, 'tmx-missing-language', `translation unit without a ${missing} variant skipped (found: ${variants.map((v) => v.language).join(', ') || 'none'})`);
      return;
    }
    const seen = new Set<string>();
    let read = false;
    for (const target of targets) {
      // Without a wanted target, several variants of one language in a unit: the first one counts.
      if (seen.has(target.language)) continue;
      seen.add(target.language);
      const entry = buildEntry(unit, source, target, context);
      if (entry === undefined) continue;
      const { pair, counts } = pairFor(wantedTarget ?? target.language);
      pair.entries.push(entry);
      countLanguage(counts, target.language, target.line);
      read = true;
    }
    const declared = read ? declaredSource(unit, header) : undefined;
    if (declared !== undefined && !languageMatches(canonicalLanguage(declared.language), sourceLanguage)) {
      reversed ??= { units: 0, language: declared.language, line: declared.line };
      reversed.units += 1;
    }
  };
  const document = readDocument(text, file, readUnit, (found) => (header = found));
  if (!document.hasBody) {
    warnings.push({ severity: 'warning', rule: 'tmx-no-body', message: 'the TMX document has no <body>; nothing imported', file });
  }
  if (reversed !== undefined) {
    // Why import rather than refuse: the pairs are still people's translations, and a match's German
    // side is German either way; the reviewer sees every suggestion. But say so: the German is itself a
    // translation, and the origin of these pairs is the other language.
    warnings.push({
      severity: 'warning',
      rule: 'tmx-reversed',
      message:
        `srclang="${reversed.language}" (${plural(reversed.units, 'unit')}): translated from ${reversed.language} into German; ` +
        'imported reversed, with the German text as the source',
      file,
      line: reversed.line,
    });
  }
  if (ambiguous !== undefined) {
    warnings.push({
      severity: 'warning',
      rule: 'tmx-several-variants',
      message:
        `several variants of ${wantedTarget ?? ''} (${[...ambiguous.languages].join(', ')}) and none exactly in ` +
        `${plural(ambiguous.units, 'unit')}; the first variant of each unit was imported`,
      file,
      line: ambiguous.line,
    });
  }

  const pairs = [...byTarget.values()].map(({ pair, counts }) => {
    pair.languages.push(...counts.values());
    return pair;
  });
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
  return { entries, pairs, languages: [...languages.values()], warnings };
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
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
