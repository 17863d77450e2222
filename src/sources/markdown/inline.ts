// Inline Markdown ⇄ the segment model (text runs and placeholders). Three directions:
// - `toParts`: mdast phrasing content of a source block → parts, with codes that keep the markup exactly as
//   the author wrote it (delimiters, URLs, titles, the whole inline code or HTML);
// - `renderParts`: parts → inline Markdown (what the reviewer reads and edits, and what is published),
//   escaping text so that parsing it again gives the same parts;
// - `parseTarget`: a reviewer's (or a rendered) target → parts mapped onto the source segment's codes, with
//   every markup difference named.
import type { Nodes, PhrasingContent, Root, RootContent } from 'mdast';
import type { InlineCode, InlineCodeKind, InlinePart, Segment } from '../../core/types.js';
import type { ParsedTarget, TargetProblem } from '../format.js';
import { parseMarkdown } from './parse.js';
import { escapeInvisible, escapeLineStart } from '../../core/markdown-line.js';

/** A code as read from the source, numbered across the whole block (renumbered per segment later). */
export type SourceCode = InlineCode;

export interface ReadContext {
  readonly source: string;
  /** Definitions (links, images, footnotes) by normalised label, as written. */
  readonly definitions: ReadonlyMap<string, string>;
  nextId: number;
  /** Images met, for their alt-text blocks. */
  readonly images: { readonly anchor: number; readonly alt: string; readonly altStart: number; readonly altEnd: number }[];
}

const start = (node: Nodes): number => node.position?.start.offset ?? 0;
const end = (node: Nodes): number => node.position?.end.offset ?? 0;

export function normaliseLabel(label: string): string {
  return label.replace(/\s+/g, ' ').trim().toLowerCase();
}

/** Definitions of the document, so a segment's reference links and footnotes can be parsed on their own. */
export function collectDefinitions(root: Root, source: string): Map<string, string> {
  const found = new Map<string, string>();
  const visit = (node: Nodes): void => {
    if (node.type === 'definition') found.set(normaliseLabel(node.identifier), source.slice(start(node), end(node)));
    else if (node.type === 'footnoteDefinition') found.set(`^${normaliseLabel(node.identifier)}`, `[^${node.label ?? node.identifier}]: .`);
    if ('children' in node) for (const child of node.children) visit(child as Nodes);
  };
  visit(root);
  return found;
}

/** Offset (in `raw`, which starts with `![`) just past the alt text: the matching `]`. */
export function altEndIn(raw: string): number {
  let depth = 0;
  for (let i = 2; i < raw.length; i++) {
    const c = raw.charAt(i);
    if (c === '\\') i++;
    else if (c === '[') depth++;
    else if (c === ']') {
      if (depth === 0) return i;
      depth--;
    }
  }
  return raw.length;
}

/** mdast phrasing content → parts, adding the codes to `codes`. */
export function toParts(nodes: readonly PhrasingContent[], ctx: ReadContext, codes: SourceCode[]): InlinePart[] {
  const parts: InlinePart[] = [];
  const empty = (kind: InlineCodeKind, node: Nodes, extra: Partial<SourceCode> = {}, rawEnd = end(node)): void => {
    const id = ctx.nextId++;
    codes.push({ kind, id, open: ctx.source.slice(start(node), rawEnd), ...extra });
    parts.push({ type: 'empty', id });
  };
  const paired = (kind: InlineCodeKind, node: Nodes & { children: PhrasingContent[] }, extra: Partial<SourceCode> = {}): void => {
    const first = node.children[0];
    const last = node.children[node.children.length - 1];
    if (first === undefined || last === undefined) {
      empty(kind, node, extra);
      return;
    }
    const id = ctx.nextId++;
    codes.push({ kind, id, open: ctx.source.slice(start(node), start(first)), close: ctx.source.slice(end(last), end(node)), ...extra });
    parts.push({ type: 'open', id });
    parts.push(...toParts(node.children, ctx, codes));
    parts.push({ type: 'close', id });
  };
  nodes.forEach((node, index) => {
    switch (node.type) {
      case 'text':
        // Soft line breaks are spaces to a reader, and a translation is one line.
        parts.push({ type: 'text', text: node.value.replace(/[ \t]*\r?\n[ \t]*/g, ' ') });
        break;
      case 'emphasis':
        paired('emphasis', node);
        break;
      case 'strong':
        paired('strong', node);
        break;
      case 'delete':
        paired('strikethrough', node);
        break;
      case 'link':
        // `<https://…>` and bare URLs are their own text: nothing in them is translated.
        if (node.position !== undefined && ctx.source.charAt(start(node)) === '[') paired('link', node, { url: node.url });
        else if (node.position !== undefined) empty('autolink', node, { url: node.url });
        else {
          // `www.…` and e-mail addresses are linked after parsing, without a position: their text is the markup.
          const id = ctx.nextId++;
          codes.push({ kind: 'autolink', id, open: node.children.map((c) => ('value' in c ? c.value : '')).join(''), url: node.url });
          parts.push({ type: 'empty', id });
        }
        break;
      case 'linkReference': {
        const definition = ctx.definitions.get(normaliseLabel(node.identifier));
        const at = codes.length; // paired() adds the link's own code first, then its children's
        paired('link', node, { url: `ref:${normaliseLabel(node.identifier)}`, ...(definition ? { definition } : {}) });
        // `[Text][]` and `[Text]` take their label from the text, which translation changes: always write
        // the full form, so the translated link still finds its definition.
        const code = codes[at];
        if (node.referenceType !== 'full' && node.children.length > 0 && code !== undefined) {
          codes[at] = { ...code, close: `][${node.label ?? node.identifier}]` };
        }
        break;
      }
      case 'image':
      case 'imageReference': {
        let raw = ctx.source.slice(start(node), end(node));
        const altEnd = altEndIn(raw);
        // As for links: a collapsed or shortcut reference takes its label from the alt text; write it in full.
        if (node.type === 'imageReference' && node.referenceType !== 'full') raw = `${raw.slice(0, altEnd)}][${node.label ?? node.identifier}]`;
        ctx.images.push({ anchor: start(node), alt: node.alt ?? '', altStart: start(node) + 2, altEnd: start(node) + altEnd });
        const definition = node.type === 'imageReference' ? ctx.definitions.get(normaliseLabel(node.identifier)) : undefined;
        empty('image', node, {
          url: node.type === 'image' ? node.url : `ref:${normaliseLabel(node.identifier)}`,
          anchor: start(node),
          ...(definition ? { definition } : {}),
        });
        break;
      }
      case 'inlineCode':
        empty('code', node);
        break;
      case 'footnoteReference': {
        const definition = ctx.definitions.get(`^${normaliseLabel(node.identifier)}`);
        empty('footnote-ref', node, definition ? { definition } : {});
        break;
      }
      case 'html':
        empty(isBreakHtml(node.value) ? 'break' : 'html', node);
        break;
      case 'break': {
        // The break's markup runs up to where the next line's text starts, container prefix (`> `) included.
        const next = nodes[index + 1];
        empty('break', node, {}, next === undefined ? end(node) : start(next));
        break;
      }
      case 'inlineMath':
        empty('math', node);
        break;
      default:
        empty('html', node);
    }
  });
  return parts;
}

function isBreakHtml(html: string): boolean {
  return /^<br\s*\/?>$/i.test(html.trim());
}

// ---------------------------------------------------------------------------------------------------------
// Rendering

/** How a rendering is used: shown to the reviewer (a break reads `<br>`), or put back into the document. */
export type RenderMode = 'review' | 'publish';

export interface RenderOptions {
  readonly mode: RenderMode;
  /** Inside a GFM table cell a `|` ends the cell. */
  readonly tableCell?: boolean;
  /** Publishing: the translated alt text of an image, by its anchor. */
  readonly imageAlt?: (code: InlineCode) => string | undefined;
}

const ASCII_PUNCTUATION = /[!-/:-@[-`{-~]/;
const WORD = /[\p{L}\p{N}]/u;

/** Escapes text so that it reads as exactly this text in inline Markdown, wherever it stands. */
function escapeText(text: string, before: string, after: string, tableCell: boolean): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    const prev = i === 0 ? before : text.charAt(i - 1);
    const next = i + 1 < text.length ? text.charAt(i + 1) : after;
    switch (c) {
      case '\\':
        out += next === '' || ASCII_PUNCTUATION.test(next) ? '\\\\' : c;
        break;
      case '*':
      case '`':
      case '~':
      case '[':
      case ']':
        out += `\\${c}`;
        break;
      case '_':
        out += WORD.test(prev) && WORD.test(next) ? c : '\\_';
        break;
      case '<':
        out += /[A-Za-z/!?]/.test(next) ? '\\<' : c;
        break;
      case '&':
        out += /^&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/.test(text.slice(i)) ? '\\&' : c;
        break;
      case '!':
        out += next === '[' ? '\\!' : c;
        break;
      case '$':
        out += next === '$' ? '\\$' : c;
        break;
      case '|':
        out += tableCell ? '\\|' : c;
        break;
      case ':':
        // "https://…" in text would become a link (GFM literal autolinks).
        out += /^:\/\//.test(text.slice(i)) && /(?:https?|ftp)$/i.test(text.slice(0, i)) ? '\\:' : c;
        break;
      default:
        // Invisible characters become character references: a reviewer sees them, Markdown reads them back.
        out += escapeInvisible(text.slice(i, isSurrogatePair(text, i) ? i + 2 : i + 1));
        if (isSurrogatePair(text, i)) i++;
    }
  }
  return out;
}

function isSurrogatePair(text: string, i: number): boolean {
  const high = text.charCodeAt(i);
  const low = text.charCodeAt(i + 1);
  return high >= 0xd800 && high <= 0xdbff && low >= 0xdc00 && low <= 0xdfff;
}

/** Parts → inline Markdown on one line. */
export function renderParts(parts: readonly InlinePart[], codes: readonly SourceCode[], options: RenderOptions): string {
  const byId = new Map(codes.map((code) => [code.id, code]));
  const pieces: { text: string; raw: boolean }[] = [];
  for (const part of parts) {
    if (part.type === 'text') {
      pieces.push({ text: part.text, raw: false });
      continue;
    }
    const code = byId.get(part.id);
    if (code === undefined) continue;
    if (part.type === 'open') pieces.push({ text: code.open, raw: true });
    else if (part.type === 'close') pieces.push({ text: code.close ?? '', raw: true });
    else pieces.push({ text: renderEmpty(code, options), raw: true });
  }
  let out = '';
  pieces.forEach((piece, i) => {
    if (piece.raw) {
      out += piece.text;
      return;
    }
    const after = pieces.slice(i + 1).find((p) => p.text !== '')?.text.charAt(0) ?? '';
    out += escapeText(piece.text, out.charAt(out.length - 1), after, options.tableCell ?? false);
  });
  return escapeLineStart(out.replace(/[\r\n]+/g, options.mode === 'review' ? ' ' : '\n'));
}

function renderEmpty(code: SourceCode, options: RenderOptions): string {
  if (code.kind === 'break') return options.mode === 'review' ? '<br>' : code.open;
  if (code.kind === 'image' && options.mode === 'publish' && options.imageAlt !== undefined) {
    const alt = options.imageAlt(code);
    if (alt !== undefined) {
      const altEnd = altEndIn(code.open);
      return `![${escapeText(alt, '[', ']', false)}${code.open.slice(altEnd)}`;
    }
  }
  return code.open;
}

// ---------------------------------------------------------------------------------------------------------
// Reading a target back

interface TargetCode {
  readonly kind: InlineCodeKind;
  readonly id: number;
  readonly raw: string;
  readonly url?: string;
  readonly open: string;
  readonly close?: string;
}

/** What identifies a code beyond its kind: a link's destination, an inline code's text. */
function identity(code: { readonly kind: InlineCodeKind; readonly url?: string; readonly open: string }): string {
  switch (code.kind) {
    case 'link':
    case 'image':
    case 'autolink':
      return code.url ?? '';
    case 'emphasis':
    case 'strong':
    case 'strikethrough':
    case 'break':
      return '';
    default:
      return code.open.trim();
  }
}

function describeKind(kind: InlineCodeKind): string {
  return kind === 'code' ? 'inline code' : kind === 'footnote-ref' ? 'footnote reference' : kind === 'html' ? 'inline HTML' : kind;
}

function describeCode(code: { readonly kind: InlineCodeKind; readonly url?: string; readonly open: string }): string {
  const what = describeKind(code.kind);
  if (code.kind === 'link' || code.kind === 'image' || code.kind === 'autolink') return `${what} to ${code.url?.replace(/^ref:/, '[') ?? ''}`;
  if (code.kind === 'emphasis' || code.kind === 'strong' || code.kind === 'strikethrough' || code.kind === 'break') return what;
  return `${what} ${code.open}`;
}

/**
 * Parses a target written as inline Markdown and maps its markup onto the source segment's codes: by kind
 * and identity first (the same URL, the same inline code), then by order within a kind. What does not map
 * is reported: source markup missing or changed (errors), markup the source does not have (warnings).
 * The returned parts refer to the segment's code ids; markup of the target's own gets ids after them.
 */
export function parseTarget(target: string, segment: Segment): ParsedTarget {
  const sourceCodes = segment.inline?.codes ?? [];
  const plain = asPlainWords(target, sourceCodes);
  if (plain !== undefined) return plain;
  const definitions = [...new Set(sourceCodes.map((code) => code.definition).filter((d): d is string => d !== undefined))];
  const text = definitions.length === 0 ? target : `${target}\n\n${definitions.join('\n\n')}`;
  const root = parseMarkdown(text);
  return fromBlocks(root.children, text, collectDefinitions(root, text), segment);
}

/**
 * `parseTarget` of many targets (a document's), with one run of the parser for all those that can share
 * it: the parser's fixed cost per call (combining its extensions, setting up the compiler) is most of
 * what one sentence costs. A target shares the run when nothing in it can reach past the blank line that
 * separates it from the next: one line, no definitions of its segment's links or footnotes, and no first
 * character that opens a block (HTML, fenced code, math, lists, quotes, headings, definitions, tables,
 * indentation). Every other target is parsed on its own. A property test holds the results to
 * `parseTarget` of each target alone.
 */
export function parseTargets(items: readonly { readonly target: string; readonly segment: Segment }[]): ParsedTarget[] {
  const results: (ParsedTarget | undefined)[] = new Array(items.length);
  const shared: number[] = [];
  items.forEach(({ target, segment }, i) => {
    const codes = segment.inline?.codes ?? [];
    const known = lastRead.get(segment);
    results[i] = known !== undefined && known.target === target ? known.parsed : asPlainWords(target, codes);
    if (results[i] !== undefined) return;
    if (SHAREABLE.test(target) && !codes.some((code) => code.definition !== undefined)) shared.push(i);
    else results[i] = parseTarget(target, segment);
  });
  if (shared.length > 0) {
    const starts: number[] = [];
    let text = '';
    for (const i of shared) {
      if (text !== '') text += '\n\n';
      starts.push(text.length);
      text += items[i]!.target;
    }
    const root = parseMarkdown(text);
    const groups: RootContent[][] = shared.map(() => []);
    let at = 0;
    for (const block of root.children) {
      const offset = block.position?.start.offset ?? 0;
      while (at + 1 < starts.length && (starts[at + 1] as number) <= offset) at++;
      groups[at]!.push(block);
    }
    const none = new Map<string, string>();
    shared.forEach((i, k) => {
      const parsed = fromBlocks(groups[k]!, text, none, items[i]!.segment);
      results[i] = parsed;
      lastRead.set(items[i]!.segment, { target: items[i]!.target, parsed });
    });
  }
  return results as ParsedTarget[];
}

/**
 * The last target read for a source segment: publishing reads every target twice (the checks, then the
 * writer), and a parsed target is never changed by its readers.
 */
const lastRead = new WeakMap<Segment, { readonly target: string; readonly parsed: ParsedTarget }>();

/** Most sentences are plain words: what the parser would make of them is known without running it. */
function asPlainWords(target: string, codes: readonly SourceCode[]): ParsedTarget | undefined {
  return codes.length === 0 && isPlainInline(target) ? { parts: [{ type: 'text', text: target }], problems: [], ownCodes: [] } : undefined;
}

/** One line whose first character opens no block that could continue past a blank line. */
const SHAREABLE = /^[^\s<`~$[\-+*>#\d=_|:][^\r\n]*$/;

/** The blocks the parser made of one target (in `text`, at their offsets) → parts mapped onto the segment's codes. */
function fromBlocks(blocks: readonly RootContent[], text: string, definitions: ReadonlyMap<string, string>, segment: Segment): ParsedTarget {
  const sourceCodes = segment.inline?.codes ?? [];
  const problems: TargetProblem[] = [];
  const ctx: ReadContext = { source: text, definitions, nextId: 1, images: [] };
  const phrasing: PhrasingContent[] = [];
  for (const block of blocks) {
    if (block.type === 'definition' || block.type === 'footnoteDefinition') continue;
    if (block.type === 'paragraph') phrasing.push(...block.children);
    else if ('children' in block) {
      problems.push({ kind: 'block', severity: 'warning', message: `the target is read as a ${block.type}, not as inline text; escape its first character` });
      collectPhrasing(block as Nodes, phrasing);
    } else if (block.type === 'html') {
      phrasing.push({ type: 'html', value: block.value, ...(block.position ? { position: block.position } : {}) });
    } else {
      problems.push({ kind: 'block', severity: 'warning', message: `the target is read as a ${block.type}, not as inline text` });
    }
  }
  const targetCodes: SourceCode[] = [];
  const parts = toParts(phrasing, ctx, targetCodes);
  const codes: TargetCode[] = targetCodes.map((code) => ({ ...code, raw: code.open + (code.close ?? '') }));

  // Map target codes onto source codes.
  const mapping = new Map<number, number>();
  const used = new Set<number>();
  const sameKind = (a: InlineCodeKind, b: InlineCodeKind): boolean => a === b || (isLinkish(a) && isLinkish(b));
  for (const code of codes) {
    const exact = sourceCodes.find((s) => !used.has(s.id) && sameKind(s.kind, code.kind) && identity(s) === identity(code));
    if (exact !== undefined) {
      mapping.set(code.id, exact.id);
      used.add(exact.id);
    }
  }
  for (const code of codes) {
    if (mapping.has(code.id)) continue;
    const byOrder = sourceCodes.find((s) => !used.has(s.id) && sameKind(s.kind, code.kind));
    if (byOrder !== undefined) {
      mapping.set(code.id, byOrder.id);
      used.add(byOrder.id);
      problems.push({ kind: 'changed', severity: 'error', message: `${describeCode(byOrder)} was changed to ${describeCode(code)}` });
    }
  }
  let nextOwn = sourceCodes.reduce((max, code) => Math.max(max, code.id), 0) + 1;
  const own: SourceCode[] = [];
  // A bare `www.…` or e-mail address the source does not have is text that a renderer links, not markup.
  const asText = new Set<number>();
  for (const code of codes) {
    if (mapping.has(code.id)) continue;
    if (code.kind === 'autolink' && !code.open.startsWith('<')) {
      asText.add(code.id);
      continue;
    }
    const id = nextOwn++;
    mapping.set(code.id, id);
    own.push({ kind: code.kind, id, open: code.open, ...(code.close === undefined ? {} : { close: code.close }), ...(code.url === undefined ? {} : { url: code.url }) });
    problems.push({ kind: 'extra', severity: 'warning', message: `${describeCode(code)} is not in the source` });
  }
  for (const code of sourceCodes) if (!used.has(code.id)) problems.push({ kind: 'missing', severity: 'error', message: `${describeCode(code)} of the source is missing` });

  const mapped: InlinePart[] = [];
  for (const part of parts) {
    if (part.type !== 'text' && asText.has(part.id)) {
      const raw = codes.find((c) => c.id === part.id)?.open ?? '';
      const last = mapped[mapped.length - 1];
      if (last?.type === 'text') mapped[mapped.length - 1] = { type: 'text', text: last.text + raw };
      else mapped.push({ type: 'text', text: raw });
    } else if (part.type === 'text') {
      const last = mapped[mapped.length - 1];
      if (last?.type === 'text') mapped[mapped.length - 1] = { type: 'text', text: last.text + part.text };
      else mapped.push(part);
    } else mapped.push({ ...part, id: mapping.get(part.id) ?? part.id });
  }
  return { parts: mapped, problems, ownCodes: own };
}

/**
 * True when Markdown reads `text` as one paragraph holding exactly `text`: no character that can start
 * inline markup (emphasis, code, links, HTML, character references, escapes, strikethrough, math, tables),
 * nothing a literal autolink starts with (`www.`, `://`, an e-mail's `@`), no line break or control
 * character, and neither end a block marker or whitespace. Conservative: a false only costs a parse.
 * (A property test compares it with the parser.)
 */
export function isPlainInline(text: string): boolean {
  if (text === '' || PLAIN_EDGE.test(text) || MARKUP_CHAR.test(text)) return false;
  return !AUTOLINK_START.test(text);
}
const MARKUP_CHAR = /[\u0000-\u001f\u007f\\`*_[\]<>!&~$|@]/;
const PLAIN_EDGE = /^[\s#>+\-=\d]|\s$/;
const AUTOLINK_START = /www\.|:\/\//i;

function isLinkish(kind: InlineCodeKind): boolean {
  return kind === 'link' || kind === 'autolink';
}

function collectPhrasing(node: Nodes, into: PhrasingContent[]): void {
  if (!('children' in node)) return;
  for (const child of node.children as Nodes[]) {
    if (child.type === 'paragraph' || child.type === 'heading' || child.type === 'tableCell') into.push(...(child.children as PhrasingContent[]));
    else collectPhrasing(child, into);
  }
}
