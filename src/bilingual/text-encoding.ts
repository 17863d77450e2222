// One-line text encoding of the bilingual file. Every string must survive as a single line that editors
// will not split, trim or reinterpret, and that neither our parser nor a Markdown renderer reads as
// structure. The escapes are Markdown's own where possible (`\#`, `\>`, `\\`), so GitHub shows the text
// as written.
import type { BlockKind } from '../core/types.js';
import { toMarkdownLine } from '../core/markdown-line.js';
import { KEYWORD_START } from './syntax.js';

const NAMED_ESCAPES: Readonly<Record<string, string>> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };
const NAMED_UNESCAPES: Readonly<Record<string, string>> = { n: '\n', r: '\r', t: '\t' };

/**
 * Characters written as `\uXXXX`: C0/C1 controls and DEL (invisible, some are line breaks to some tools),
 * U+2028/U+2029 (line breaks to JavaScript and several editors), U+FEFF (stripped by some tools), and the
 * bidirectional marks, overrides and isolates (U+200E/F, U+202A–E, U+2066–9), which reorder what a reviewer
 * sees ("Trojan Source") without showing themselves. Lone surrogates are handled separately: they cannot be written as UTF-8 at all.
 */
const HEX_ESCAPED = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2028\u2029\u2066-\u2069\ufeff]/;

/** First characters that start Markdown block syntax or one of our line kinds. */
const BLOCK_START = new Set([' ', '>', '<', '#', '-', '+', '*', '=', '_', '`', '~', '|', '[']);
// Only a number followed by a space or the end starts a list; `3.5 Millionen` stays as it is.
const ORDERED_LIST_START = /^(\d{1,9})([.)])(?= |$)/;

function hexEscape(codeUnit: number): string {
  return `\\u${codeUnit.toString(16).toUpperCase().padStart(4, '0')}`;
}

function isHighSurrogate(codeUnit: number): boolean {
  return codeUnit >= 0xd800 && codeUnit <= 0xdbff;
}
function isLowSurrogate(codeUnit: number): boolean {
  return codeUnit >= 0xdc00 && codeUnit <= 0xdfff;
}

/** Encodes `text` so that it fits on one line and is never mistaken for structure. Inverse: `decodeLineText`. */
export function encodeLineText(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i += 1) {
    const ch = text.charAt(i);
    const code = text.charCodeAt(i);
    const named = NAMED_ESCAPES[ch];
    if (named !== undefined) {
      out += named;
    } else if (isHighSurrogate(code) && i + 1 < text.length && isLowSurrogate(text.charCodeAt(i + 1))) {
      out += text.slice(i, i + 2);
      i += 1;
    } else if (isHighSurrogate(code) || isLowSurrogate(code) || HEX_ESCAPED.test(ch)) {
      out += hexEscape(code);
    } else {
      out += ch;
    }
  }
  // Editors strip trailing blanks; a final space written as an escape survives that.
  if (out.endsWith(' ')) out = `${out.slice(0, -1)}${hexEscape(0x20)}`;
  const first = out.charAt(0);
  if (BLOCK_START.has(first) || KEYWORD_START.test(out)) return `\\${out}`;
  // `1\.` is Markdown's escape for a number that would start an ordered list; our decoder reads it too.
  return out.replace(ORDERED_LIST_START, '$1\\$2');
}

/**
 * Decodes one line of encoded text. Total: `\n`, `\r`, `\t`, `\uXXXX` are escapes; `\` before any other
 * character stands for that character; a `\` at the very end stands for nothing.
 */
export function decodeLineText(encoded: string): string {
  let out = '';
  let i = 0;
  while (i < encoded.length) {
    const ch = encoded.charAt(i);
    if (ch !== '\\') {
      out += ch;
      i += 1;
      continue;
    }
    const next = encoded.charAt(i + 1);
    if (next === '') break;
    const named = NAMED_UNESCAPES[next];
    if (named !== undefined) {
      out += named;
      i += 2;
    } else if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(encoded.slice(i + 2, i + 6))) {
      out += String.fromCharCode(Number.parseInt(encoded.slice(i + 2, i + 6), 16));
      i += 6;
    } else {
      out += next;
      i += 2;
    }
  }
  return out;
}

/** Characters an id or hash keeps as they are inside the marker comment; `>` and blanks never do. */
const TOKEN_SAFE = /[A-Za-z0-9._~:@+=/-]/;

/** Encodes an id or hash as one comment-safe token: `%XX` / `%uXXXX` per UTF-16 unit otherwise. */
export function encodeToken(value: string): string {
  let out = '';
  for (let i = 0; i < value.length; i += 1) {
    const ch = value.charAt(i);
    if (TOKEN_SAFE.test(ch)) {
      out += ch;
    } else {
      const code = value.charCodeAt(i);
      out += code < 0x100 ? `%${code.toString(16).toUpperCase().padStart(2, '0')}` : `%u${code.toString(16).toUpperCase().padStart(4, '0')}`;
    }
  }
  return out;
}

/** Inverse of `encodeToken`; `undefined` when the token has a broken `%` escape. */
export function decodeToken(token: string): string | undefined {
  let out = '';
  let i = 0;
  while (i < token.length) {
    const ch = token.charAt(i);
    if (ch !== '%') {
      out += ch;
      i += 1;
      continue;
    }
    const wide = /^u([0-9a-fA-F]{4})/.exec(token.slice(i + 1, i + 6));
    const narrow = /^[0-9a-fA-F]{2}/.exec(token.slice(i + 1, i + 3));
    if (wide?.[1] !== undefined) {
      out += String.fromCharCode(Number.parseInt(wide[1], 16));
      i += 6;
    } else if (narrow !== null) {
      out += String.fromCharCode(Number.parseInt(narrow[0], 16));
      i += 3;
    } else {
      return undefined;
    }
  }
  return out;
}

/**
 * For derived one-line text (title, notes) that is never parsed back: line breaks and tabs become spaces,
 * invisible controls go, lone surrogates become U+FFFD, so the line stays one clean UTF-8 line.
 */
export function flattenDerivedText(text: string): string {
  return text
    .replace(/[\t\r\n\u000b\u000c\u0085\u2028\u2029]+/g, ' ')
    .replace(/[\u0000-\u001f\u007f-\u009f\ufeff]/g, '')
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd')
    .trim();
}

/** How the text of a segment is put on one line of the file, and read back. */
export interface LineCodec {
  encode(text: string): string;
  decode(line: string): string;
}

/** Plain text: every character survives, nothing reads as structure (escapes as above). */
export const TEXT_CODEC: LineCodec = { encode: encodeLineText, decode: decodeLineText };

/**
 * Inline Markdown: written as it is, so it renders on GitHub as the reader will see it; it is already one
 * canonical line (see core/markdown-line.ts), so writing it changes nothing and reading it back is exact.
 */
export const MARKDOWN_CODEC: LineCodec = { encode: toMarkdownLine, decode: (line) => line };

/** Markdown documents: inline Markdown, except front-matter fields and alt texts, which are plain text. */
export function codecFor(format: 'markdown' | undefined, kind: BlockKind): LineCodec {
  return format === 'markdown' && kind !== 'front-matter' && kind !== 'image-alt' ? MARKDOWN_CODEC : TEXT_CODEC;
}
