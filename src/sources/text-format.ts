// Plain text: one paragraph per non-blank line, no markup. A target is plain text too, so nothing in it
// is ever read as markup (a `*` in a .txt translation is an asterisk).
import type { Block, InlinePart } from '../core/types.js';
import { segmentText } from '../segmentation/index.js';
import type { ReadOptions, ReadResult, SourceFormat, WriteInput, WriteResult } from './format.js';

export const textFormat: SourceFormat = {
  name: 'text',
  extensions: ['.txt'],
  read(text: string, options: ReadOptions): ReadResult {
    const { paragraphs } = segmentText(text, options.segmentation);
    const lines = lineStarts(text);
    const blocks: Block[] = paragraphs.map((segments, index) => {
      const at = lines[index] ?? { line: 1, start: 0, end: text.length };
      return { kind: 'paragraph', line: at.line, range: { start: at.start, end: at.end }, segments };
    });
    return { blocks };
  },
  parseTarget(target: string) {
    return { parts: target === '' ? [] : [{ type: 'text', text: target }], problems: [] };
  },
  parseTargets(items) {
    return items.map((item) => this.parseTarget(item.target, item.segment));
  },
  renderTarget(parts: readonly InlinePart[]): string {
    return parts.map((part) => (part.type === 'text' ? part.text : '')).join('');
  },
  write({ text, doc, targets }: WriteInput): WriteResult {
    const blocks = doc.blocks.map((_, i) => (targets[i] ?? []).join(' '));
    return { text: splice(text, doc.blocks.map((block, i) => ({ ...block.range, text: blocks[i] ?? '' }))), blocks };
  },
};

/** Replaces non-overlapping ranges of `text`. */
export function splice(text: string, replacements: readonly { readonly start: number; readonly end: number; readonly text: string }[]): string {
  // An insertion (an empty range) goes before a replacement that starts at the same offset.
  const sorted = [...replacements].sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let at = 0;
  for (const r of sorted) {
    out += text.slice(at, r.start) + r.text;
    at = r.end;
  }
  return out + text.slice(at);
}

/** Line number and trimmed extent of every non-blank line, in the order `splitParagraphs` yields them. */
function lineStarts(text: string): { line: number; start: number; end: number }[] {
  const found: { line: number; start: number; end: number }[] = [];
  let line = 1;
  let start = 0;
  for (const match of text.matchAll(/\r\n|\r|\n|$/g)) {
    const end = match.index;
    const raw = text.slice(start, end);
    const lead = raw.length - raw.trimStart().length;
    const trail = raw.length - raw.trimEnd().length;
    if (raw.trim() !== '') found.push({ line, start: start + lead, end: end - trail });
    if (match[0] === '') break;
    line += 1;
    start = end + match[0].length;
  }
  return found;
}
