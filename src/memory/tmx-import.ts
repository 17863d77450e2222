// TMX import (1.1–1.4b). A lexical pass refuses any DTD with declarations and checks every reference
// before the XML parser runs; the parser (saxes) then expands nothing but the five predefined entities and
// numeric character references.
import { TextDecoder } from 'node:util';
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
// Lexical checks the parser does not make, in a streaming pass ahead of it

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

function countNewlines(text: string, end: number): number {
  let count = 0;
  for (let at = text.indexOf('\n'); at !== -1 && at < end; at = text.indexOf('\n', at + 1)) count += 1;
  return count;
}

/** Markup whose content is not checked, and what ends it. */
const OPAQUE = [
  ['<!--', '-->'],
  ['<![CDATA[', ']]>'],
  ['<?', '?>'],
] as const;
/** Starts of markup decided by their first characters; a chunk that ends inside one waits for more. */
const PREFIXES = ['<!--', '<![CDATA[', '<?', '<!DOCTYPE', '<!ENTITY'];
const SPECIAL_TOKENS = ['&', '<!', '<?'] as const;

/**
 * Finds, in one text, the next markup that may be a declaration, comment, CDATA or PI (`<!`, `<?`) or
 * the next reference (`&`); tags are not looked at. Three native searches are several times faster than
 * one regular expression; each token's last hit is kept, so a text full of `&amp;` is still read once.
 */
function specialFinder(text: string): (at: number) => number {
  const next = [-2, -2, -2]; // -2: not searched yet, -1: none left
  return (at) => {
    let best = -1;
    for (let token = 0; token < SPECIAL_TOKENS.length; token += 1) {
      let found = next[token] as number;
      if (found === -2 || (found !== -1 && found < at)) found = next[token] = text.indexOf(SPECIAL_TOKENS[token] as string, at);
      if (found !== -1 && (best === -1 || found < best)) best = found;
    }
    return best;
  };
}
/** Characters that end a reference's name (the `;` that should, or one that shows it never will). */
const REFERENCE_END = /[;\s<&"']/g;

/**
 * Walks the markup that can hide a `&` or a declaration (comments, CDATA, processing instructions) and
 * checks every reference and declaration outside them, chunk by chunk: a chunk may end anywhere, and the
 * part that cannot be judged yet waits for the next. Only text this pass has approved reaches the parser.
 * Refusing DTD declarations outright is what makes the import safe from entity-expansion attacks
 * ("billion laughs"), whatever the parser would do.
 */
class LexicalCheck {
  /** Text not yet approved: the start of a token that the next chunk completes. */
  private pending = '';
  /** Inside a comment, CDATA section or processing instruction: the terminator looked for. */
  private closing: string | undefined;
  /** Lines before the start of `pending`. */
  private lines = 0;

  constructor(private readonly file: string) {}

  /** Checks `chunk` (after what is pending) and returns the text now approved; `final` at the end. */
  write(chunk: string, final: boolean): string {
    const text = this.pending + chunk;
    const forbidden = XML_FORBIDDEN.exec(text);
    if (forbidden !== null) {
      const code = (forbidden[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0');
      this.fail(text, forbidden.index, `character U+${code} is not allowed in XML 1.0`);
    }
    const approved = this.scan(text, final);
    this.lines += countNewlines(text, approved);
    this.pending = text.slice(approved);
    return text.slice(0, approved);
  }

  /** Scans `text` and returns how much of it is approved. */
  private scan(text: string, final: boolean): number {
    const nextSpecial = specialFinder(text);
    let at = 0;
    for (;;) {
      if (this.closing !== undefined) {
        const end = text.indexOf(this.closing, at);
        if (end === -1) {
          // Keep the last characters: they may be the start of a terminator split by the chunk.
          return final ? text.length : Math.max(at, text.length - (this.closing.length - 1));
        }
        at = end + this.closing.length;
        this.closing = undefined;
      }
      const start = nextSpecial(at);
      // A `<` ending the chunk may open `<!` or `<?` in the next one.
      if (start === -1) return !final && text.endsWith('<') ? text.length - 1 : text.length;
      if (text[start] === '&') {
        REFERENCE_END.lastIndex = start + 1;
        const end = REFERENCE_END.exec(text);
        // No reference is that long: judging it now keeps a stray `&` before megabytes of text from
        // being carried (and scanned again) from piece to piece.
        const tooLong = (end === null ? text.length : end.index) - start - 1 > MAX_REFERENCE;
        if (end === null && !final && !tooLong) return start;
        if (end === null || end[0] !== ';' || tooLong) this.fail(text, start, 'a bare "&" must be written &amp;');
        this.checkReference(text, start, text.slice(start + 1, end.index));
        at = end.index + 1;
        continue;
      }
      const rest = text.slice(start, start + 9);
      if (!final && rest.length < 9 && PREFIXES.some((prefix) => prefix.startsWith(rest) && prefix !== rest)) return start;
      const opaque = OPAQUE.find(([open]) => rest.startsWith(open));
      if (opaque !== undefined) {
        this.closing = opaque[1];
        at = start + opaque[0].length;
        continue;
      }
      if (rest.startsWith('<!ENTITY')) this.fail(text, start, 'entity declarations (<!ENTITY) are refused: TMX files never need them');
      if (rest.startsWith('<!DOCTYPE')) {
        const subset = internalSubset(text, start + 9);
        if (subset === 'unfinished') {
          if (!final) return start;
          at = text.length;
          continue;
        }
        if (subset === 'too long') {
          this.fail(text, start, `a DOCTYPE longer than ${MAX_DOCTYPE} characters is refused; keep at most <!DOCTYPE tmx SYSTEM "tmx14.dtd">`);
        }
        if (subset === 'subset') {
          this.fail(
            text,
            start,
            'a DOCTYPE with an internal subset ([…]) is refused, since it can declare entities; ' +
              'keep at most <!DOCTYPE tmx SYSTEM "tmx14.dtd">',
          );
        }
      }
      at = start + 2;
    }
  }

  private checkReference(text: string, at: number, reference: string): void {
    const codePoint = referencedCodePoint(reference);
    if (codePoint !== undefined) {
      if (!isXmlChar(codePoint)) this.fail(text, at, `&${reference}; refers to a character XML 1.0 does not allow`);
    } else if (PREDEFINED[reference] === undefined) {
      this.fail(text, at, `undefined entity &${reference};: only &amp; &lt; &gt; &quot; &apos; and numeric references (&#160;) are accepted`);
    }
  }

  private fail(text: string, at: number, message: string): never {
    throw new BitextError('input', message, { file: this.file, line: this.lines + countNewlines(text, at) + 1 });
  }
}

/** Longest `&name;` worth reading: `&#x10FFFF;` and the five predefined entities are far shorter. */
const MAX_REFERENCE = 32;
/** Longest DOCTYPE worth reading: `<!DOCTYPE tmx SYSTEM "tmx14.dtd">` needs 33 characters. */
const MAX_DOCTYPE = 4096;

/**
 * From just after `<!DOCTYPE`: whether a `[` opens an internal subset before the declaration's closing
 * `>`, or the text ends first, or the declaration runs longer than any TMX needs.
 */
function internalSubset(xml: string, from: number): 'subset' | 'none' | 'unfinished' | 'too long' {
  let quote: string | undefined;
  const end = Math.min(xml.length, from + MAX_DOCTYPE);
  for (let at = from; at < end; at += 1) {
    const char = xml[at];
    if (quote !== undefined) {
      if (char === quote) quote = undefined;
    } else if (char === '"' || char === "'") quote = char;
    else if (char === '[') return 'subset';
    else if (char === '>') return 'none';
  }
  return end === xml.length ? 'unfinished' : 'too long';
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
  /** The variant's own <note>s. */
  readonly notes: string[];
}

interface RawUnit {
  readonly line: number;
  readonly attributes: Readonly<Record<string, string>>;
  /** First value of each prop type bitext reads (`READ_PROPS`); other props are not even captured. */
  readonly props: Partial<Record<(typeof READ_PROPS)[number], string>>;
  /** The unit's <note>s, in document order. */
  readonly notes: string[];
  readonly variants: RawVariant[];
}

/** The props bitext writes and reads back. */
const READ_PROPS = [TMX_PROP_ORIGIN, TMX_PROP_STATUS, TMX_PROP_DOCUMENT, TMX_PROP_CHANGED] as const;

function isReadProp(type: string | undefined): type is (typeof READ_PROPS)[number] {
  return type !== undefined && (READ_PROPS as readonly string[]).includes(type);
}

interface RawDocument {
  readonly header: { readonly attributes: Readonly<Record<string, string>>; readonly line: number } | undefined;
  readonly hasBody: boolean;
}

/**
 * The parser's text is a slice of the piece of the document it came from, and V8 keeps a sliced
 * string's parent alive: a memory built from such slices holds every piece, markup included, until it
 * is written. Joining two parts copies the text into a new flat string, so each piece dies young. (The
 * copy must be flat, not itself a slice of a copy: V8 compares sliced strings in its runtime, several
 * times slower, and the sort of 100,000 entries and their serialisation compare and read every one.)
 */
function ownCopy(text: string): string {
  return text.length < 13 ? text : [text.slice(0, 1), text.slice(1)].join('');
}

interface DocumentReader {
  write(text: string): void;
  close(): RawDocument;
}

function readDocument(
  file: string,
  onUnit: (unit: RawUnit) => void,
  onHeader: (header: NonNullable<RawDocument['header']>) => void,
): DocumentReader {
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
  // The text being read (of a <seg>, <prop> or <note>): the element depth at which it ends, and where
  // it goes. Plain fields rather than an object with a callback: six of them per unit, 100,000 units.
  let captureDepth = 0;
  let captureText = '';
  let captureVariant: RawVariant | undefined;
  let captureProp: (typeof READ_PROPS)[number] | undefined;
  let captureNotes: string[] | undefined;
  let tagLine = 1;
  // Text (references already decoded) and CDATA (literal) both count where they stand. The text
  // handler is on only while a <seg>, <prop> or <note> is read: the parser then does not even cut out
  // the whitespace between elements. CDATA is rare; its handler stays on.
  const onText = (text: string): void => {
    captureText += text;
  };
  parser.on('cdata', (text) => {
    if (captureDepth !== 0) captureText += text;
  });
  const startCapture = (): void => {
    captureDepth = depth;
    captureText = '';
    parser.on('text', onText);
  };

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
    } else if (captureDepth !== 0) {
      // Inline elements inside <seg>, <prop>: only their text counts.
    } else if (depth === 2) {
      if (name === 'header' && header === undefined) {
        header = { attributes, line: tagLine };
        onHeader(header);
      } else if (name === 'body') hasBody = true;
    } else if (depth === 3 && name === 'tu' && path[1] === 'body') {
      unit = { line: tagLine, attributes, props: {}, notes: [], variants: [] };
    } else if (depth === 4 && unit !== undefined) {
      if (name === 'tuv') {
        // TMX 1.4 uses xml:lang; TMX 1.1 (OmegaT level 1, older tools) used lang.
        const language = attributes['xml:lang'] ?? attributes.lang;
        variant = language === undefined ? undefined : { language: canonicalLanguage(language), text: '', attributes, line: tagLine, notes: [] };
        variantHasSeg = false;
        if (variant !== undefined) unit.variants.push(variant);
      } else if (name === 'prop') {
        const type = attributes.type;
        if (isReadProp(type) && unit.props[type] === undefined) {
          captureProp = type;
          startCapture();
        }
      } else if (name === 'note') {
        captureNotes = unit.notes;
        startCapture();
      }
    } else if (depth === 5 && name === 'seg' && variant !== undefined && !variantHasSeg) {
      variantHasSeg = true;
      captureVariant = variant;
      startCapture();
    } else if (depth === 5 && name === 'note' && variant !== undefined) {
      captureNotes = variant.notes;
      startCapture();
    }
    if (tag.isSelfClosing) close();
  });
  const close = (): void => {
    if (captureDepth === depth) {
      const text = ownCopy(captureText);
      if (captureVariant !== undefined) captureVariant.text = text;
      else if (captureProp !== undefined && unit !== undefined) unit.props[captureProp] = text;
      else if (captureNotes !== undefined && NOT_SPACE.test(text)) captureNotes.push(text);
      captureDepth = 0;
      captureText = '';
      captureVariant = undefined;
      captureProp = undefined;
      captureNotes = undefined;
      parser.off('text');
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

  const run = (step: () => void): void => {
    try {
      step();
    } catch (error) {
      if (error instanceof BitextError) throw error;
      const message = (error as Error).message.replace(/^\d+:\d+: /, '').replace(/\.$/, '');
      if (!rootSeen) {
        throw new BitextError('input', `not a TMX document: expected one root element <tmx>, found none (${message})`, { file, line: parser.line, cause: error });
      }
      throw new BitextError('input', `malformed XML: ${message}`, { file, line: parser.line, cause: error });
    }
  };
  return {
    write: (text) => run(() => parser.write(text)),
    close: () => {
      run(() => parser.close());
      return { header, hasBody };
    },
  };
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

/** Days of each month of a common year; February of a leap year has 29. */
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * `parseTmxDate` for what nearly every file holds, a real date written exactly (16 characters, year 100
 * or later, every field in range): the ISO string is the same digits, so it is spelt out from them
 * rather than through a regular expression and a Date (which cost more than the rest of a unit). A new
 * flat string, never a slice of the attribute, which would keep the parser's piece of the file alive.
 * Anything else (spaces, months beyond 12, years below 100, which Date.UTC reads as 19xx) goes the
 * long way, so both give the same answer.
 */
function exactTmxDate(value: string): string | undefined {
  if (value.length !== 16 || value.charCodeAt(8) !== 0x54 /* T */ || value.charCodeAt(15) !== 0x5a /* Z */) return undefined;
  const year = digitsAt(value, 0, 4);
  const month = digitsAt(value, 4, 2);
  const day = digitsAt(value, 6, 2);
  const hour = digitsAt(value, 9, 2);
  const minute = digitsAt(value, 11, 2);
  const second = digitsAt(value, 13, 2);
  if (year < 100 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
    return undefined;
  }
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (day > (month === 2 && leap ? 29 : (MONTH_DAYS[month - 1] as number))) return undefined;
  const c = value.charCodeAt.bind(value);
  // YYYY-MM-DDThh:mm:ss.000Z
  return String.fromCharCode(
    c(0), c(1), c(2), c(3), 0x2d, c(4), c(5), 0x2d, c(6), c(7), 0x54,
    c(9), c(10), 0x3a, c(11), c(12), 0x3a, c(13), c(14), 0x2e, 0x30, 0x30, 0x30, 0x5a,
  );
}

/** The decimal number of `count` digits at `from`, or -1 if any is not a digit. */
function digitsAt(value: string, from: number, count: number): number {
  let number = 0;
  for (let at = from; at < from + count; at += 1) {
    const digit = value.charCodeAt(at) - 0x30;
    if (digit < 0 || digit > 9) return -1;
    number = number * 10 + digit;
  }
  return number;
}

function parseTmxDate(value: string): string | undefined {
  const exact = exactTmxDate(value);
  if (exact !== undefined) return exact;
  const match = TMX_DATE.exec(value.trim());
  if (match === null) return undefined;
  const [, year, month, day, hour, minute, second] = match.map(Number);
  const time = Date.UTC(year ?? 0, (month ?? 1) - 1, day, hour, minute, second);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

// ---------------------------------------------------------------------------------------------------
// Units

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
  const exact = unit.props[TMX_PROP_CHANGED];
  if (exact !== undefined && ISO_DATE.test(exact) && !Number.isNaN(Date.parse(exact))) return exact;
  // OmegaT dates the variants, most other tools date the unit.
  return (
    attributeDate(unit.attributes, 'changedate', context) ??
    attributeDate(unit.attributes, 'creationdate', context) ??
    attributeDate(target.attributes, 'changedate', context) ??
    attributeDate(target.attributes, 'creationdate', context) ??
    context.fallbackDate
  );
}

/** The date of one attribute, if it has one; a value that is no TMX date is warned about and skipped. */
function attributeDate(attributes: Readonly<Record<string, string>>, name: 'changedate' | 'creationdate', context: UnitContext): string | undefined {
  const value = attributes[name];
  if (value === undefined) return undefined;
  const parsed = parseTmxDate(value);
  if (parsed === undefined) warn(context, 'tmx-invalid-date', `${name}="${value}" is not a TMX date (YYYYMMDDThhmmssZ); ignored`);
  return parsed;
}

const NOT_SPACE = /\S/;

function buildEntry(unit: RawUnit, source: RawVariant, target: RawVariant, context: UnitContext): MemoryEntry | undefined {
  // Same as "normalises to ''" (trim and \s remove the same characters), without building the key.
  if (!NOT_SPACE.test(source.text) || !NOT_SPACE.test(target.text)) {
    warn(context, 'tmx-empty-segment', `translation unit with an empty ${NOT_SPACE.test(source.text) ? 'target' : 'source'} segment skipped`);
    return undefined;
  }
  const originProp = unit.props[TMX_PROP_ORIGIN];
  let origin = TMX_DEFAULT_ORIGIN;
  if (originProp !== undefined) {
    // The shared constant, not the parsed copy: 100,000 entries need not hold 100,000 "human"s.
    const known = MEMORY_ORIGINS.find((candidate) => candidate === originProp);
    if (known !== undefined) origin = known;
    else warn(context, 'tmx-invalid-prop', `${TMX_PROP_ORIGIN} "${originProp}" is not one of ${MEMORY_ORIGINS.join(', ')}; using ${origin}`);
  }
  const statusProp = unit.props[TMX_PROP_STATUS];
  let status: SegmentStatus = origin === 'machine' ? 'machine' : TMX_DEFAULT_HUMAN_STATUS;
  if (statusProp !== undefined) {
    const known = SEGMENT_STATUSES.find((candidate) => candidate === statusProp);
    if (known !== undefined) status = known;
    else warn(context, 'tmx-invalid-prop', `${TMX_PROP_STATUS} "${statusProp}" is not one of ${SEGMENT_STATUSES.join(', ')}; using ${status}`);
  }
  const document = unit.props[TMX_PROP_DOCUMENT];
  const changed = unitDate(unit, target, context);
  // Several notes (the unit's, then the target variant's) become one, a line each.
  const notes = target.notes.length === 0 ? unit.notes : [...unit.notes, ...target.notes];
  const entry: { -readonly [K in keyof MemoryEntry]: MemoryEntry[K] } = { source: source.text, target: target.text, origin, status, changed };
  if (document !== undefined) entry.document = document;
  if (notes.length > 0) entry.note = notes.join('\n');
  return entry;
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

export interface TmxReader {
  /** The next piece of the document's text; pieces may split it anywhere. */
  write(text: string): void;
  /** Ends the document: what was read, or a `BitextError('input')` if it is not a whole TMX document. */
  close(): TmxImport;
}

/** Reads translation units from TMX text (already decoded; see `decodeTmx` for bytes). */
export function fromTmx(xml: string, file: string, options: TmxImportOptions): TmxImport {
  const reader = createTmxReader(file, options);
  reader.write(xml);
  return reader.close();
}

/**
 * `fromTmx` piece by piece, so a large file never has to be one string (see `createTmxDecoder`): memory
 * stays proportional to the units read. Each piece is checked lexically, then parsed.
 */
export function createTmxReader(file: string, options: TmxImportOptions): TmxReader {
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

  /** What each xml:lang is to this import, decided once per code (a file has a handful). */
  const roles = new Map<string, { readonly source: boolean; readonly wanted: boolean }>();
  const roleOf = (language: string): { readonly source: boolean; readonly wanted: boolean } => {
    let role = roles.get(language);
    if (role === undefined) {
      role = {
        source: languageMatches(language, sourceLanguage),
        wanted: wantedTarget !== undefined && importTargetFor(language, { requested: wantedTarget }) !== undefined,
      };
      roles.set(language, role);
    }
    return role;
  };
  /** True when an earlier variant of the unit has the same language. */
  const repeated = (variants: readonly RawVariant[], at: number): boolean => {
    for (let before = 0; before < at; before += 1) if (variants[before]?.language === variants[at]?.language) return true;
    return false;
  };

  // Per unit, with loops over its two or three variants rather than sets and filtered arrays: this runs
  // 100,000 times for a large file.
  const readUnit = (unit: RawUnit): void => {
    const variants = unit.variants;
    let source: RawVariant | undefined;
    let wanted: RawVariant | undefined;
    let wantedLanguages = 0;
    for (let at = 0; at < variants.length; at += 1) {
      const variant = variants[at] as RawVariant;
      const isNew = !repeated(variants, at);
      if (isNew) countLanguage(languages, variant.language, variant.line);
      const role = roleOf(variant.language);
      if (role.source && (source === undefined || (variant.language === sourceLanguage && source.language !== sourceLanguage))) source = variant;
      if (role.wanted) {
        if (isNew) wantedLanguages += 1;
        if (wanted === undefined || (variant.language === wantedTarget && wanted.language !== wantedTarget)) wanted = variant;
      }
    }
    const context: UnitContext = { file, line: unit.line, warnings, fallbackDate };
    if (wanted !== undefined && wanted.language !== wantedTarget && wantedLanguages > 1) {
      ambiguous ??= { units: 0, languages: new Set(), line: unit.line };
      ambiguous.units += 1;
      for (const variant of variants) if (roleOf(variant.language).wanted) ambiguous.languages.add(variant.language);
    }
    let targets = 0;
    let read = false;
    for (let at = 0; at < variants.length && source !== undefined; at += 1) {
      const target = variants[at] as RawVariant;
      // Without a wanted target, several variants of one language in a unit: the first one counts.
      if (wantedTarget === undefined ? roleOf(target.language).source || repeated(variants, at) : target !== wanted) continue;
      targets += 1;
      const entry = buildEntry(unit, source, target, context);
      if (entry === undefined) continue;
      const { pair, counts } = pairFor(wantedTarget ?? target.language);
      pair.entries.push(entry);
      countLanguage(counts, target.language, target.line);
      read = true;
    }
    if (source === undefined || targets === 0) {
      const missing = source === undefined ? sourceLanguage : (wantedTarget ?? 'target language');
      warn(context, 'tmx-missing-language', `translation unit without a ${missing} variant skipped (found: ${variants.map((v) => v.language).join(', ') || 'none'})`);
      return;
    }
    const declared = read ? declaredSource(unit, header) : undefined;
    if (declared !== undefined && !roleOf(canonicalLanguage(declared.language)).source) {
      reversed ??= { units: 0, language: declared.language, line: declared.line };
      reversed.units += 1;
    }
  };
  const lexical = new LexicalCheck(file);
  const parser = readDocument(file, readUnit, (found) => (header = found));
  let started = false;
  /** A high surrogate ending a piece waits for its pair, so no check sees half a character. */
  let carried = '';
  const feed = (piece: string, final: boolean): void => {
    let text = carried + piece;
    if (!started && text !== '') {
      started = true;
      text = text.replace(/^\uFEFF/, '');
    }
    const last = text.charCodeAt(text.length - 1);
    carried = !final && last >= 0xd800 && last <= 0xdbff ? text.slice(-1) : '';
    if (carried !== '') text = text.slice(0, -1);
    const approved = lexical.write(text, final);
    if (approved !== '') parser.write(approved);
  };
  return {
    write: (piece) => feed(piece, false),
    close: () => {
      feed('', true);
      return finish(parser.close());
    },
  };

  function finish(document: RawDocument): TmxImport {
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
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

export interface TmxDecoder {
  /** Text of the next bytes; a character split between two calls comes out whole with the second. */
  decode(bytes: Uint8Array): string;
  /** The end of the input: fails if it stops inside a character. */
  end(): string;
}

/** Length of the bytes at the end of `bytes` that start a UTF-8 character they do not finish. */
function unfinishedUtf8(bytes: Uint8Array): number {
  let start = bytes.length - 1;
  while (start >= 0 && bytes.length - start < 4 && ((bytes[start] ?? 0) & 0xc0) === 0x80) start -= 1;
  if (start < 0) return 0;
  const lead = bytes[start] ?? 0;
  const length = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
  return start + length > bytes.length ? bytes.length - start : 0;
}

/**
 * Decodes TMX bytes piece by piece: UTF-8 or UTF-16 (LE/BE, as Trados writes), detected from the first
 * bytes by byte-order mark or by the first `<`. Invalid UTF-8 is an input error rather than replacement
 * characters in the memory.
 *
 * UTF-8 is cut at character boundaries and each piece decoded whole: Node's streaming decoder returns
 * two-byte strings, which would double the memory every imported text takes.
 */
export function createTmxDecoder(file: string): TmxDecoder {
  let encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | undefined;
  let decoder: TextDecoder | undefined;
  /** Bytes carried to the next call: the start of an unfinished character, or a lone first byte. */
  let held: Uint8Array = new Uint8Array(0);
  const fail = (error: unknown): never => {
    throw new BitextError('input', `not valid ${(encoding ?? 'utf-8').toUpperCase()} text`, { file, cause: error });
  };
  const decodePiece = (bytes: Uint8Array, final: boolean): string => {
    let input = bytes;
    if (encoding === undefined) {
      const [b0, b1, b2] = input;
      if (!final && input.length < 3) {
        held = Uint8Array.from(input);
        return '';
      }
      let bom = 0;
      if (b0 === 0xff && b1 === 0xfe) [encoding, bom] = ['utf-16le', 2];
      else if (b0 === 0xfe && b1 === 0xff) [encoding, bom] = ['utf-16be', 2];
      else if (b0 === 0x3c && b1 === 0x00) encoding = 'utf-16le';
      else if (b0 === 0x00 && b1 === 0x3c) encoding = 'utf-16be';
      else {
        encoding = 'utf-8';
        if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) bom = 3;
      }
      // The byte-order mark goes here, once: a U+FEFF later in the text is text (and would make every
      // piece a two-byte string).
      decoder = new TextDecoder(encoding, { fatal: true, ignoreBOM: true });
      input = input.subarray(bom);
    }
    const active = decoder as TextDecoder;
    try {
      if (encoding !== 'utf-8') return active.decode(input, { stream: !final });
      const cut = final ? 0 : unfinishedUtf8(input);
      // A copy (Buffer#slice would share memory): the caller may reuse its buffer for the next read.
      held = cut === 0 ? new Uint8Array(0) : Uint8Array.from(input.subarray(input.length - cut));
      return active.decode(cut === 0 ? input : input.subarray(0, input.length - cut));
    } catch (error) {
      return fail(error);
    }
  };
  const withHeld = (bytes: Uint8Array): Uint8Array => {
    if (held.length === 0) return bytes;
    const joined = new Uint8Array(held.length + bytes.length);
    joined.set(held);
    joined.set(bytes, held.length);
    held = new Uint8Array(0);
    return joined;
  };
  return {
    decode: (bytes) => decodePiece(withHeld(bytes), false),
    end() {
      return decodePiece(withHeld(new Uint8Array(0)), true);
    },
  };
}

/** `createTmxDecoder` for bytes held whole. */
export function decodeTmx(bytes: Uint8Array, file: string): string {
  const decoder = createTmxDecoder(file);
  return decoder.decode(bytes) + decoder.end();
}
