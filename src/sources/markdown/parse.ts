// The one Markdown parser of bitext: mdast from micromark with GFM (tables, strikethrough, task lists,
// footnotes, literal autolinks) and math. Math takes `$$…$$` only: newsroom copy is full of prices ("5 $",
// "$5"), which single-dollar math would swallow.
import type { Root } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { mathFromMarkdown } from 'mdast-util-math';
import { gfm } from 'micromark-extension-gfm';
import { math } from 'micromark-extension-math';

const extensions = [gfm(), math({ singleDollarTextMath: false })];
const mdastExtensions = [gfmFromMarkdown(), mathFromMarkdown()];

export function parseMarkdown(text: string): Root {
  return fromMarkdown(text, { extensions, mdastExtensions });
}
