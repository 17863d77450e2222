// The one Markdown parser of bitext: mdast from micromark with GFM (tables, strikethrough, task lists,
// footnotes, literal autolinks) and math. Math takes `$$…$$` only: newsroom copy is full of prices ("5 $",
// "$5"), which single-dollar math would swallow.
//
// Long texts are parsed in pieces. micromark's document tokenizer re-slices the events of everything read
// so far each time a container (a list, a quote) closes, so its time grows with the square of the text: a
// 10 MB article took 60 s and over 1 GB. The pieces are cut only where CommonMark starts afresh (see
// `pieces`), each is parsed alone, and the trees are joined with their positions moved to the file's: the
// same tree as one parse of the whole text (tests/sources/markdown-pieces.test.ts compares them).
import type { Nodes, Root } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { mathFromMarkdown } from 'mdast-util-math';
import { gfm } from 'micromark-extension-gfm';
import { math } from 'micromark-extension-math';

const extensions = [gfm(), math({ singleDollarTextMath: false })];
const mdastExtensions = [gfmFromMarkdown(), mathFromMarkdown()];

/** Characters from which a text is parsed in pieces of about this size. */
export const PIECE_CHARS = 32 * 1024;

export function parseMarkdown(text: string, pieceChars: number = PIECE_CHARS): Root {
  // A text that starts with a byte order mark is not cut: micromark drops it and counts its offsets from after it.
  const cuts = text.length > pieceChars && !text.startsWith('\uFEFF') ? pieces(text, pieceChars) : [];
  if (cuts.length === 0) return parseWhole(text);
  const trees: Root[] = [];
  const ends = [...cuts, text.length];
  let from = 0;
  let line = 1;
  for (let next = 0; next < ends.length; ) {
    // A block the cut left open runs to the end of its piece, over the blank line before the cut, where in
    // the whole text it would go on (a fence, math or a comment with a blank line inside) or end at the
    // blank line with its container (a list item's unclosed fence). Then the piece is parsed again up to a
    // later cut: one more piece, then twice as many each time it is still open, so a block that closes soon
    // costs a piece and one never closed costs about two parses of the rest, never one per cut.
    let at = next;
    let step = 1;
    let tree: Root;
    for (;;) {
      tree = parseWhole(text.slice(from, ends[at]!));
      const end = tree.children.at(-1);
      const open = at < ends.length - 1 && end !== undefined && (end.position?.end.offset ?? Number.POSITIVE_INFINITY) >= ends[at]! - from;
      if (!open) break;
      at = Math.min(at + step, ends.length - 1);
      step *= 2;
    }
    const to = ends[at]!;
    trees.push(moveTree(tree, line - 1, from));
    line += countLines(text, from, to);
    from = to;
    next = at + 1;
  }
  const root: Root = { type: 'root', children: trees.flatMap((tree) => tree.children) };
  const first = trees[0]!.position;
  const last = trees.at(-1)!.position;
  if (first && last) root.position = { start: first.start, end: last.end };
  return root;
}

function parseWhole(text: string): Root {
  return fromMarkdown(text, { extensions, mdastExtensions });
}

/**
 * Offsets where a piece may start: a line after a blank line that begins at its first column with
 * something that neither continues a list (a marker, `*`, `+`, `-`, `1.`, `1)`) nor an indented block
 * (a space or a tab). There every block before has ended — a paragraph, a list, a quote, indented code —
 * except fenced code, math and HTML of the kinds that go on over blank lines, which `parseMarkdown` checks
 * after parsing. A text with a definition or a footnote (`]:`) is never cut: references reach across the
 * whole text.
 */
export function pieces(text: string, size: number): number[] {
  if (text.includes(']:')) return [];
  const cuts: number[] = [];
  let next = size;
  while (next < text.length) {
    const at = cutAfter(text, next);
    if (at < 0) break;
    cuts.push(at);
    next = at + size;
  }
  return cuts;
}

const BLANK_LINE = /\n[ \t]*\r?\n/g;

function cutAfter(text: string, from: number): number {
  BLANK_LINE.lastIndex = from;
  for (let match = BLANK_LINE.exec(text); match !== null; match = BLANK_LINE.exec(text)) {
    let at = match.index + match[0].length;
    // More blank lines: the piece starts at the first line with text.
    while (true) {
      let end = at;
      while (text.charCodeAt(end) === 32 || text.charCodeAt(end) === 9) end++;
      const c = text.charCodeAt(end);
      if (c === 10) at = end + 1;
      else if (c === 13 && text.charCodeAt(end + 1) === 10) at = end + 2;
      else break;
    }
    if (at >= text.length) return -1;
    if (startsAfresh(text, at)) return at;
    BLANK_LINE.lastIndex = at - 1;
  }
  return -1;
}

function startsAfresh(text: string, at: number): boolean {
  const c = text[at]!;
  // U+FEFF: micromark drops a byte order mark at the start of its input, so a piece must not start with one.
  if (c === ' ' || c === '\t' || c === '*' || c === '+' || c === '-' || c === '\r' || c === '\n' || c === '\uFEFF') return false;
  if (c >= '0' && c <= '9') {
    let end = at;
    while (text[end]! >= '0' && text[end]! <= '9') end++;
    if (text[end] === '.' || text[end] === ')') return false;
  }
  return true;
}

/** Line breaks as micromark counts them (`\r\n`, `\n`, `\r`) in text[from, to). */
function countLines(text: string, from: number, to: number): number {
  let lines = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) lines++;
    else if (c === 13 && text.charCodeAt(i + 1) !== 10) lines++;
  }
  return lines;
}

/** Positions of a piece's tree, made positions in the whole text. */
function moveTree<T extends Nodes>(node: T, lines: number, offset: number): T {
  if (lines === 0 && offset === 0) return node;
  const position = node.position;
  if (position) {
    position.start.line += lines;
    position.end.line += lines;
    if (position.start.offset !== undefined) position.start.offset += offset;
    if (position.end.offset !== undefined) position.end.offset += offset;
  }
  if ('children' in node) for (const child of node.children) moveTree(child, lines, offset);
  return node;
}
