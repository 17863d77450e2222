// Placeholders as DeepL XML (tag_handling=xml, tag_handling_version=v2). Pure functions, no deepl-node.
//
// A segment's placeholders become three elements that carry nothing but an id: `<g id="N">…</g>` wraps the
// text of a paired code (emphasis, link, …), `<x id="N"/>` stands for an empty one (inline code, image,
// footnote reference, …), and `<k id="N">term</k>` protects a do-not-translate term (`ignore_tags=k`), so
// DeepL copies it verbatim. URLs, code and HTML never leave the machine.
//
// Reading the answer back is a strict scanner for exactly that grammar: text, the five XML entities and
// character references, and our three elements. Anything else is reported as a problem of that one segment
// (its text is kept), never as a failure of the whole request.
import type { InlinePart } from '../core/types.js';
import type { BackendSegment } from './types.js';

/** The element DeepL is told to ignore (`ignore_tags=k`). */
export const PROTECT_TAG = 'k';
const PAIRED_TAG = 'g';
const EMPTY_TAG = 'x';

export function escapeXmlText(text: string): string {
  return text.replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'));
}

/** True when the segment has placeholders and must go as XML. */
export function needsXml(segment: BackendSegment): boolean {
  return segment.codes.length > 0;
}

export function toXml(segment: BackendSegment): string {
  const byId = new Map(segment.codes.map((code) => [code.id, code]));
  let xml = '';
  for (const part of segment.parts) {
    if (part.type === 'text') xml += escapeXmlText(part.text);
    else if (part.type === 'open') xml += `<${PAIRED_TAG} id="${part.id}">`;
    else if (part.type === 'close') xml += `</${PAIRED_TAG}>`;
    else {
      const code = byId.get(part.id);
      xml += code?.kind === 'protected' ? `<${PROTECT_TAG} id="${part.id}">${escapeXmlText(code.text ?? '')}</${PROTECT_TAG}>` : `<${EMPTY_TAG} id="${part.id}"/>`;
    }
  }
  return xml;
}

export interface XmlAnswer {
  readonly parts: readonly InlinePart[];
  /** What could not be read, when something could not. */
  readonly problem?: string;
}

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

const TAG = /^<(\/?)([A-Za-z][\w.-]*)((?:\s+[A-Za-z_][\w.-]*\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>/;
const ID_ATTRIBUTE = /\bid\s*=\s*(?:"(\d+)"|'(\d+)')/;

/** Reads DeepL's answer for `segment` back into text runs and placeholders. */
export function fromXml(xml: string, segment: BackendSegment): XmlAnswer {
  const byId = new Map(segment.codes.map((code) => [code.id, code]));
  const parts: InlinePart[] = [];
  const problems: string[] = [];
  const openPaired: number[] = [];
  let text = '';
  let inProtected: { id: number; text: string } | undefined;
  const flush = (): void => {
    if (text !== '') parts.push({ type: 'text', text });
    text = '';
  };
  let i = 0;
  while (i < xml.length) {
    const c = xml.charAt(i);
    if (c === '&') {
      const end = xml.indexOf(';', i);
      const decoded = end === -1 || end - i > 12 ? undefined : decodeEntity(xml.slice(i + 1, end));
      if (decoded === undefined) {
        problems.push(`unknown entity ${JSON.stringify(xml.slice(i, i + 12))}`);
        text += c;
        i += 1;
        continue;
      }
      if (inProtected) inProtected.text += decoded;
      else text += decoded;
      i = end + 1;
      continue;
    }
    if (c !== '<') {
      if (inProtected) inProtected.text += c;
      else text += c;
      i += 1;
      continue;
    }
    const tag = TAG.exec(xml.slice(i, i + 200));
    if (tag === null) {
      problems.push(`unexpected markup ${JSON.stringify(xml.slice(i, i + 20))}`);
      text += c;
      i += 1;
      continue;
    }
    i += tag[0].length;
    const [, slash, name, attributes = '', selfClosing] = tag;
    const idMatch = ID_ATTRIBUTE.exec(attributes);
    const id = idMatch === null ? undefined : Number(idMatch[1] ?? idMatch[2]);
    if (name === PROTECT_TAG) {
      if (slash === '' && selfClosing === '' && id !== undefined && inProtected === undefined) {
        flush();
        inProtected = { id, text: '' };
      } else if (slash === '/' && inProtected !== undefined) {
        const expected = byId.get(inProtected.id);
        if (expected?.kind === 'protected' && expected.text === inProtected.text) parts.push({ type: 'empty', id: inProtected.id });
        else {
          problems.push(`protected term ${JSON.stringify(expected?.text ?? '')} came back as ${JSON.stringify(inProtected.text)}`);
          text += inProtected.text;
        }
        inProtected = undefined;
      } else problems.push(`misplaced <${slash}${PROTECT_TAG}> element`);
      continue;
    }
    if (inProtected !== undefined) {
      problems.push(`markup inside a protected term`);
      continue;
    }
    if (name === EMPTY_TAG && slash === '' && id !== undefined) {
      flush();
      parts.push({ type: 'empty', id });
      // `<x id="1"></x>` is the same placeholder written long.
      if (selfClosing === '' && xml.startsWith(`</${EMPTY_TAG}>`, i)) i += EMPTY_TAG.length + 3;
      continue;
    }
    if (name === PAIRED_TAG && slash === '' && selfClosing === '' && id !== undefined) {
      flush();
      openPaired.push(id);
      parts.push({ type: 'open', id });
      continue;
    }
    if (name === PAIRED_TAG && slash === '/') {
      const open = openPaired.pop();
      if (open === undefined) problems.push(`</${PAIRED_TAG}> without an opening tag`);
      else {
        flush();
        parts.push({ type: 'close', id: open });
      }
      continue;
    }
    problems.push(`unexpected element ${JSON.stringify(tag[0])}`);
  }
  if (inProtected !== undefined) {
    problems.push(`unclosed <${PROTECT_TAG}> element`);
    text += inProtected.text;
  }
  flush();
  return problems.length === 0 ? { parts } : { parts, problem: [...new Set(problems)].join('; ') };
}
