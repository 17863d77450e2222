// Sentence splitting of a block that carries inline markup. The German splitter runs on the plain text
// (markup removed, one U+FFFC per empty placeholder), so its decisions are the same as for plain text; the
// cut points are then mapped back onto the parts. At a cut, a closing code stays with the sentence it ends
// and an opening code goes with the sentence it starts. A paired code (emphasis, a link) that spans a
// sentence boundary is never cut in two: those sentences stay one segment, so the markup can be restored
// exactly as the author wrote it (the price is a longer segment, which happens rarely in news copy).
import { OBJECT_REPLACEMENT, type InlineCode, type InlinePart } from '../../core/types.js';
import { splitSentences } from '../../segmentation/index.js';
import type { SegmentationRules } from '../../segmentation/rules.js';
import { mergeTextParts } from '../../core/inline.js';

export interface SentenceParts {
  readonly parts: InlinePart[];
  /** The sentence's codes, renumbered 1…n in order of appearance. */
  readonly codes: InlineCode[];
  readonly plain: string;
}

/** One character per empty code: U+FFFC, or a line break for a hard break (a reader sees a new line). */
function plainOf(parts: readonly InlinePart[], codes: readonly InlineCode[]): string {
  const kinds = new Map(codes.map((code) => [code.id, code.kind]));
  return parts
    .map((p) => (p.type === 'text' ? p.text : p.type === 'empty' ? (kinds.get(p.id) === 'break' ? '\n' : OBJECT_REPLACEMENT) : ''))
    .join('');
}

/** Splits a block's parts into sentences (trimmed, codes renumbered per sentence). */
export function splitInlineSentences(parts: readonly InlinePart[], codes: readonly InlineCode[], rules?: SegmentationRules): SentenceParts[] {
  const plain = plainOf(parts, codes);
  const kinds = new Map(codes.map((code) => [code.id, code.kind]));
  const lead = plain.length - plain.trimStart().length;
  const trimmed = plain.trim();
  if (trimmed === '') return [];
  // Sentence ranges in `plain`: the splitter returns verbatim slices, in order.
  const ranges: { start: number; end: number }[] = [];
  let cursor = lead;
  for (const sentence of splitSentences(trimmed, rules)) {
    const at = plain.indexOf(sentence, cursor);
    const from = at < 0 ? cursor : at;
    ranges.push({ start: from, end: from + sentence.length });
    cursor = from + sentence.length;
  }
  // The sentence a plain offset belongs to: the first whose end lies after it. Whitespace between two
  // sentences goes with the next one and is trimmed off there.
  const last = ranges.length - 1;
  const indexOf = (pos: number): number => {
    let lo = 0;
    let hi = last;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (ranges[mid]!.end > pos) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
  const buckets: InlinePart[][] = ranges.map(() => []);
  let offset = 0;
  for (const part of parts) {
    if (part.type === 'text') {
      let pos = 0;
      while (pos < part.text.length) {
        const i = indexOf(offset + pos);
        const stop = i === last ? part.text.length : Math.max(pos + 1, Math.min(part.text.length, ranges[i]!.end - offset));
        buckets[i]!.push({ type: 'text', text: part.text.slice(pos, stop) });
        pos = stop;
      }
      offset += part.text.length;
    } else if (part.type === 'empty') {
      // A hard break between two sentences ends the first one.
      buckets[indexOf(kinds.get(part.id) === 'break' ? Math.max(offset - 1, 0) : offset)]!.push(part);
      offset += 1;
    } else if (part.type === 'close') {
      // A closing code ends the sentence whose last character precedes it.
      buckets[indexOf(Math.max(offset - 1, 0))]!.push(part);
    } else {
      buckets[indexOf(offset)]!.push(part);
    }
  }
  // A paired code open across a boundary joins the sentences it spans.
  const merged: InlinePart[][] = [];
  let current: InlinePart[] = [];
  let open = 0;
  for (const bucket of buckets) {
    current.push(...bucket);
    for (const part of bucket) {
      if (part.type === 'open') open++;
      else if (part.type === 'close') open--;
    }
    if (open <= 0) {
      merged.push(current);
      current = [];
      open = 0;
    }
  }
  if (current.length > 0) merged.push(current);
  return merged.map((sentence) => finish(sentence, codes)).filter((s) => s.plain !== '');
}

/** Trims the sentence, merges adjacent text and renumbers its codes 1…n. */
function finish(parts: readonly InlinePart[], codes: readonly InlineCode[]): SentenceParts {
  const joined = mergeTextParts(parts);
  trimEdge(joined, 'start');
  trimEdge(joined, 'end');
  const byId = new Map(codes.map((code) => [code.id, code]));
  const renumber = new Map<number, number>();
  const own: InlineCode[] = [];
  const out = joined
    .filter((part) => part.type !== 'text' || part.text !== '')
    .map((part): InlinePart => {
      if (part.type === 'text') return part;
      let id = renumber.get(part.id);
      if (id === undefined) {
        id = renumber.size + 1;
        renumber.set(part.id, id);
        own.push({ ...byId.get(part.id)!, id });
      }
      return { type: part.type, id };
    });
  return { parts: out, codes: own, plain: plainOf(out, own) };
}

/** Removes whitespace at one edge of the sentence (through zero-width codes). */
function trimEdge(parts: InlinePart[], edge: 'start' | 'end'): void {
  const order = edge === 'start' ? parts.map((_, i) => i) : parts.map((_, i) => parts.length - 1 - i);
  for (const i of order) {
    const part = parts[i]!;
    if (part.type !== 'text') {
      if (part.type === 'empty') return;
      continue;
    }
    const text = edge === 'start' ? part.text.trimStart() : part.text.trimEnd();
    parts[i] = { type: 'text', text };
    if (text !== '') return;
  }
}
