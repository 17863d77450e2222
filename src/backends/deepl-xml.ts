// Do-not-translate protection for DeepL: the spans go inside <x>…</x>, which the request marks as an
// ignored tag, so DeepL copies them verbatim. Pure functions, no deepl-node.
import type { BackendSegment } from './types.js';

/** The element DeepL is told to ignore (`ignore_tags=x`). */
export const PROTECT_TAG = 'x';

export function escapeXmlText(text: string): string {
  return text.replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'));
}

export function hasProtectedTerms(segment: BackendSegment): boolean {
  return segment.terms.some((term) => term.doNotTranslate && term.end > term.start);
}

/** A segment as XML plus the protected texts it wraps, in source order. */
export interface ProtectedText {
  readonly xml: string;
  readonly protectedTexts: readonly string[];
}

/**
 * Escapes the segment as XML text and wraps every do-not-translate span in `<x>`. Spans that overlap an
 * earlier one are left unwrapped: the earlier span already protects those characters.
 */
export function protectSegment(segment: BackendSegment): ProtectedText {
  const spans = segment.terms
    .filter((term) => term.doNotTranslate && term.start >= 0 && term.end <= segment.text.length && term.end > term.start)
    .map((term) => ({ start: term.start, end: term.end }))
    .sort((a, b) => a.start - b.start || b.end - a.end);
  let xml = '';
  let cursor = 0;
  const protectedTexts: string[] = [];
  for (const span of spans) {
    if (span.start < cursor) continue;
    const inner = segment.text.slice(span.start, span.end);
    xml += escapeXmlText(segment.text.slice(cursor, span.start));
    xml += `<${PROTECT_TAG}>${escapeXmlText(inner)}</${PROTECT_TAG}>`;
    protectedTexts.push(inner);
    cursor = span.end;
  }
  xml += escapeXmlText(segment.text.slice(cursor));
  return { xml, protectedTexts };
}

export type UnprotectResult =
  | { readonly ok: true; readonly text: string }
  | { readonly ok: false; readonly reason: string };

const NAMED_ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeEntity(name: string): string | undefined {
  const named = NAMED_ENTITIES[name];
  if (named !== undefined) return named;
  const code = /^#x[0-9a-f]+$/i.test(name)
    ? Number.parseInt(name.slice(2), 16)
    : /^#[0-9]+$/.test(name)
      ? Number.parseInt(name.slice(1), 10)
      : Number.NaN;
  if (!Number.isInteger(code) || code < 0 || code > 0x10ffff) return undefined;
  return String.fromCodePoint(code);
}

/**
 * Reads DeepL's answer back into plain text. The grammar we sent is tiny (text, the five XML entities and
 * character references, one non-nesting element), so this is a strict scanner for exactly that grammar:
 * any other markup, an unknown entity (no DTD, so none can be defined) or a protected text that came back
 * different is a failure rather than something to guess around. Protected texts may come back in another
 * order, since word order changes between languages.
 */
export function unprotectText(xml: string, expected: readonly string[]): UnprotectResult {
  const open = `<${PROTECT_TAG}>`;
  const close = `</${PROTECT_TAG}>`;
  let text = '';
  let inside: string | undefined;
  const found: string[] = [];
  let i = 0;
  while (i < xml.length) {
    const c = xml.charAt(i);
    if (c === '<') {
      if (inside === undefined && xml.startsWith(open, i)) {
        inside = '';
        i += open.length;
      } else if (inside !== undefined && xml.startsWith(close, i)) {
        found.push(inside);
        text += inside;
        inside = undefined;
        i += close.length;
      } else {
        return { ok: false, reason: `unexpected markup at offset ${i}: ${JSON.stringify(xml.slice(i, i + 20))}` };
      }
    } else if (c === '&') {
      const end = xml.indexOf(';', i);
      const decoded = end === -1 ? undefined : decodeEntity(xml.slice(i + 1, end));
      if (decoded === undefined) {
        return { ok: false, reason: `unknown entity at offset ${i}: ${JSON.stringify(xml.slice(i, i + 12))}` };
      }
      if (inside === undefined) text += decoded;
      else inside += decoded;
      i = end + 1;
    } else {
      if (inside === undefined) text += c;
      else inside += c;
      i += 1;
    }
  }
  if (inside !== undefined) return { ok: false, reason: `unclosed <${PROTECT_TAG}> element` };
  const want = [...expected].sort();
  const got = [...found].sort();
  if (want.length !== got.length || want.some((w, k) => w !== got[k])) {
    return {
      ok: false,
      reason: `protected terms changed: sent ${JSON.stringify(expected)}, received ${JSON.stringify(found)}`,
    };
  }
  return { ok: true, text };
}
