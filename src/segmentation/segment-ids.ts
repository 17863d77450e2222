import { hash } from 'node:crypto';

import type { Segment, SegmentId } from '../core/types.js';
import { normalizeSegmentText } from '../core/normalize-text.js';

/**
 * `s` + the first 8 hex digits of sha256 of the sentence's content key (NFC, runs of whitespace collapsed
 * to one space, trimmed). One-shot `hash`: a run hashes every sentence of the project.
 */
export function hashSegmentId(sentence: string): SegmentId {
  return `s${hash('sha256', normalizeSegmentText(sentence), 'hex').slice(0, 8)}`;
}

/**
 * Gives every sentence an id derived from its content, so editing, inserting or deleting one sentence
 * leaves every other id unchanged (array positions would shift).
 *
 * Duplicate edge case: the 2nd, 3rd … occurrence of the same base id in the document (an identical
 * sentence, or in theory a hash collision) gets `-2`, `-3` … in document order. These suffixed ids are
 * the one place where stability is positional: deleting the first of two identical sentences turns the
 * second's `sXXXXXXXX-2` into `sXXXXXXXX`, and editing a sentence into a copy of an earlier one gives it a
 * suffix. Ids of sentences with distinct text are never affected.
 */
export function assignSegmentIds(paragraphs: readonly (readonly string[])[]): Segment[][] {
  const next = createIdAssigner();
  return paragraphs.map((sentences) => sentences.map((text) => ({ id: next(text), text, plain: text })));
}

/**
 * Ids for the sentences of one document, given in document order: the content id of each, with `-2`,
 * `-3` … for repeats (see assignSegmentIds). `key` is the text the id is derived from.
 */
export function createIdAssigner(): (key: string) => SegmentId {
  const seen = new Map<SegmentId, number>();
  return (key) => {
    const base = hashSegmentId(key);
    const count = (seen.get(base) ?? 0) + 1;
    seen.set(base, count);
    return count === 1 ? base : `${base}-${count}`;
  };
}
