import type { InlinePart } from './types.js';

/** The parts with adjacent text runs joined into one: the same text and placeholders, fewest runs. */
export function mergeTextParts(parts: readonly InlinePart[]): InlinePart[] {
  const out: InlinePart[] = [];
  for (const part of parts) {
    const last = out[out.length - 1];
    if (part.type === 'text' && last?.type === 'text') out[out.length - 1] = { type: 'text', text: last.text + part.text };
    else out.push(part);
  }
  return out;
}
