// Putting translations back into a Markdown source: every block's content range is replaced by its
// translation, rendered from the target's parts with the source's own markup (so URLs, titles, inline code
// and HTML are the source's, byte for byte); everything else — headings' `#`, list markers, table pipes,
// code blocks, HTML blocks, definitions, blank lines — is the source's text untouched. The front matter is
// edited through the YAML CST (only the translated values change, plus `lang` and the provenance keys).
import type { Block } from '../../core/types.js';
import { replaceFrontMatterValues, readSourceFrontMatter, setFrontMatterKeys } from '../front-matter.js';
import type { WriteInput, WriteResult } from '../format.js';
import { splice } from '../text-format.js';
import { parseTargets, renderParts } from './inline.js';

const contains = (block: Block, offset: number): boolean => block.range.start <= offset && offset < block.range.end;

export function writeMarkdown({ text, doc, targets, frontMatter }: WriteInput): WriteResult {
  const joined = doc.blocks.map((_, i) => (targets[i] ?? []).join(' '));
  const altByAnchor = new Map<number, string>();
  doc.blocks.forEach((block, i) => {
    if (block.kind === 'image-alt' && block.anchor !== undefined) altByAnchor.set(block.anchor, joined[i] ?? '');
  });
  const inlineBlocks = doc.blocks.filter((block) => block.kind !== 'image-alt' && block.kind !== 'front-matter');
  // Every target read back in one batch (one parser run for most of them), in block order.
  const parsed = parseTargets(
    doc.blocks.flatMap((block, i) => (block.kind === 'image-alt' || block.kind === 'front-matter' ? [] : block.segments.map((segment, k) => ({ target: targets[i]?.[k] ?? '', segment })))),
  );
  let next = 0;
  const blocks: string[] = [];
  const replacements: { start: number; end: number; text: string }[] = [];

  doc.blocks.forEach((block, i) => {
    if (block.kind === 'front-matter') {
      blocks[i] = joined[i] ?? '';
      return;
    }
    if (block.kind === 'image-alt') {
      const alt = joined[i] ?? '';
      blocks[i] = alt;
      // An image inside a translated block is rendered with it; one standing alone gets its alt text here.
      if (block.anchor === undefined || !inlineBlocks.some((other) => contains(other, block.anchor!))) {
        replacements.push({ ...block.range, text: renderParts([{ type: 'text', text: alt }], [], { mode: 'publish' }) });
      }
      return;
    }
    const rendered = block.segments.map((segment) => {
      const read = parsed[next++]!;
      return renderParts(read.parts, [...(segment.inline?.codes ?? []), ...(read.ownCodes ?? [])], {
        mode: 'publish',
        tableCell: block.kind === 'table-cell',
        imageAlt: (code) => (code.anchor === undefined ? undefined : altByAnchor.get(code.anchor)),
      });
    });
    blocks[i] = rendered.join(' ');
    replacements.push({ ...block.range, text: blocks[i] ?? '' });
  });

  const source = readSourceFrontMatter(text);
  const values = new Map<string, string>();
  doc.blocks.forEach((block, i) => {
    if (block.kind === 'front-matter' && block.field !== undefined) values.set(block.field, joined[i] ?? '');
  });
  if (source !== undefined) {
    let raw = values.size > 0 ? replaceFrontMatterValues(source.raw, values) : source.raw;
    if (frontMatter !== undefined) raw = setFrontMatterKeys(raw, frontMatter);
    replacements.push({ start: source.yamlOffset, end: source.yamlOffset + source.raw.length, text: raw });
  } else if (frontMatter !== undefined) {
    replacements.push({ start: 0, end: 0, text: `---\n${setFrontMatterKeys('', frontMatter)}---\n` });
  }
  return { text: splice(text, replacements), blocks };
}
