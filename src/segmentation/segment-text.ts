import type { Segment } from '../core/types.js';
import { assignSegmentIds } from './segment-ids.js';
import { splitParagraphs } from './split-paragraphs.js';
import { splitSentences } from './split-sentences.js';

/** Plain text -> paragraphs of sentences with stable ids. */
export function segmentText(text: string): { paragraphs: Segment[][] } {
  return { paragraphs: assignSegmentIds(splitParagraphs(text).map((paragraph) => splitSentences(paragraph))) };
}
