// A Markdown source → blocks of segments. The front matter goes through the front-matter reader (YAML only,
// never code); the body through mdast. Only text a reader reads is segmented: headings, paragraphs (in list
// items, quotes, footnotes), table cells, image alt texts and the translated front-matter fields. Code
// (fenced, indented, inline), HTML, math, URLs, definitions and footnote labels never become segments, so
// they are never sent anywhere.
import type { Nodes, Parents, PhrasingContent } from 'mdast';
import { BitextError } from '../../core/errors.js';
import type { Block, BlockKind, Segment } from '../../core/types.js';
import { createIdAssigner, splitSentences } from '../../segmentation/index.js';
import { DEFAULT_FRONT_MATTER_POLICY, readSourceFrontMatter, type SourceFrontMatter } from '../front-matter.js';
import type { ReadOptions, ReadResult } from '../format.js';
import { collectDefinitions, renderParts, toParts, type ReadContext, type SourceCode } from './inline.js';
import { parseMarkdown } from './parse.js';
import { splitInlineSentences } from './split.js';

const LETTER = /\p{L}/u;

interface PendingBlock {
  readonly kind: BlockKind;
  readonly depth?: number;
  readonly field?: string;
  readonly anchor?: number;
  readonly line: number;
  readonly range: { readonly start: number; readonly end: number };
  readonly sentences: readonly { readonly text: string; readonly plain: string; readonly inline?: Segment['inline'] }[];
}

export function readMarkdown(text: string, options: ReadOptions): ReadResult {
  const frontMatter = readFrontMatterOf(text, options);
  const bodyOffset = frontMatter?.bodyOffset ?? 0;
  // The body is parsed with the front matter blanked out (same length, same line breaks), so every
  // position mdast reports is a position in the file.
  const body = bodyOffset === 0 ? text : text.slice(0, bodyOffset).replace(/[^\r\n]/g, ' ') + text.slice(bodyOffset);
  const root = parseMarkdown(body);
  const ctx: ReadContext = { source: body, definitions: collectDefinitions(root, body), nextId: 1, images: [] };
  const pending: PendingBlock[] = [];

  for (const field of frontMatter?.fields ?? []) {
    const sentences = splitSentences(field.value.replace(/\s+/g, ' ').trim(), options.segmentation).map((sentence) => ({ text: sentence, plain: sentence }));
    pending.push({ kind: 'front-matter', field: field.key, line: field.line, range: { start: field.range[0], end: field.range[1] }, sentences });
  }

  const visit = (node: Nodes, container: BlockKind): void => {
    switch (node.type) {
      case 'heading':
        addInline(node.children, 'heading', node, { depth: node.depth });
        return;
      case 'paragraph':
        addInline(node.children, container, node, {});
        return;
      case 'tableCell':
        addInline(node.children, 'table-cell', node, {});
        return;
      case 'listItem':
        for (const child of node.children) visit(child, 'list-item');
        return;
      case 'blockquote':
        for (const child of node.children) visit(child, 'blockquote');
        return;
      case 'footnoteDefinition':
        for (const child of node.children) visit(child, 'footnote');
        return;
      case 'code':
      case 'html':
      case 'math':
      case 'definition':
      case 'thematicBreak':
      case 'yaml':
        return;
      default:
        if ('children' in node) for (const child of (node as Parents).children) visit(child as Nodes, container);
    }
  };

  const addInline = (children: readonly PhrasingContent[], kind: BlockKind, node: Nodes, extra: { depth?: number }): void => {
    const first = children[0];
    const last = children[children.length - 1];
    if (first === undefined || last === undefined) return;
    const codes: SourceCode[] = [];
    const imagesBefore = ctx.images.length;
    const parts = toParts(children, ctx, codes);
    // Every sentence of the body is Markdown (with or without markup): `inline` says so.
    const sentences = splitInlineSentences(parts, codes, options.segmentation).map((sentence) => ({
      text: renderParts(sentence.parts, sentence.codes, { mode: 'review' }),
      plain: sentence.plain,
      inline: { parts: sentence.parts, codes: sentence.codes },
    }));
    const start = first.position?.start.offset ?? 0;
    const end = last.position?.end.offset ?? start;
    if (sentences.some((s) => LETTER.test(s.plain))) {
      pending.push({ kind, ...extra, line: node.position?.start.line ?? 1, range: { start, end }, sentences });
    }
    // Alt texts of the images in this block are blocks of their own, after it.
    for (const image of ctx.images.slice(imagesBefore)) {
      const alt = image.alt.replace(/\s+/g, ' ').trim();
      if (!LETTER.test(alt)) continue;
      pending.push({
        kind: 'image-alt',
        anchor: image.anchor,
        line: lineAt(body, image.anchor),
        range: { start: image.altStart, end: image.altEnd },
        sentences: splitSentences(alt, options.segmentation).map((sentence) => ({ text: sentence, plain: sentence })),
      });
    }
  };

  for (const child of root.children) visit(child, 'paragraph');
  return {
    blocks: assignIds(pending),
    ...(frontMatter === undefined ? {} : { frontMatter: frontMatter.data as Readonly<Record<string, unknown>> }),
  };
}

function readFrontMatterOf(text: string, options: ReadOptions): SourceFrontMatter | undefined {
  try {
    return readSourceFrontMatter(text, options.frontMatterKeys ? { translate: options.frontMatterKeys } : DEFAULT_FRONT_MATTER_POLICY);
  } catch (error) {
    if (error instanceof BitextError) throw error;
    throw new BitextError('input', `front matter could not be read: ${(error as Error).message}`, { cause: error });
  }
}

/** Content ids from the plain text (markup left out: a changed link URL does not make a new sentence). */
function assignIds(pending: readonly PendingBlock[]): Block[] {
  const next = createIdAssigner();
  return pending.map(({ sentences, ...block }) => ({
    ...block,
    segments: sentences.map((sentence): Segment => ({ id: next(sentence.plain), ...sentence })),
  }));
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}
