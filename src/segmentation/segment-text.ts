import type { Segment } from '../core/types.js';
import type { SegmentationRules } from './rules.js';
import { assignSegmentIds } from './segment-ids.js';
import { splitParagraphs } from './split-paragraphs.js';
import { splitSentences } from './split-sentences.js';

/** Plain text -> paragraphs of sentences with stable ids (the project's join/split rules applied). */
export function segmentText(text: string, rules?: SegmentationRules): { paragraphs: Segment[][] } {
  return { paragraphs: assignSegmentIds(splitParagraphs(text).map((paragraph) => splitSentences(paragraph, rules))) };
}
