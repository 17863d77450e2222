// Markdown with YAML front matter as a source format (loaded only when a Markdown source is read).
import type { InlinePart, Segment } from '../../core/types.js';
import type { ParsedTarget, SourceFormat } from '../format.js';
import { parseTarget, parseTargets, renderParts } from './inline.js';
import { readMarkdown } from './read.js';
import { writeMarkdown } from './write.js';

/** Segments without markup (front-matter fields, alt texts) are plain text, also in a Markdown document. */
function isPlain(segment: Segment): boolean {
  return segment.inline === undefined;
}

export const markdownFormat: SourceFormat = {
  name: 'markdown',
  extensions: ['.md', '.markdown'],
  read: readMarkdown,
  write: writeMarkdown,
  parseTarget(target: string, segment: Segment): ParsedTarget {
    if (isPlain(segment)) return { parts: target === '' ? [] : [{ type: 'text', text: target }], problems: [] };
    return parseTarget(target, segment);
  },
  parseTargets(items): ParsedTarget[] {
    const inline = items.filter((item) => !isPlain(item.segment));
    const parsed = parseTargets(inline);
    let next = 0;
    return items.map((item) => (isPlain(item.segment) ? this.parseTarget(item.target, item.segment) : parsed[next++]!));
  },
  renderTarget(parts: readonly InlinePart[], segment: Segment): string {
    if (isPlain(segment)) return parts.map((p) => (p.type === 'text' ? p.text : '')).join('').replace(/\s+/g, ' ').trim();
    return renderParts(parts, segment.inline?.codes ?? [], { mode: 'review' }).replace(/\s+/g, ' ').trim();
  },
};
