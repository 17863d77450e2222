// Public surface of the bilingual module; `tests/bilingual/surface.test.ts` pins it.
export { fromBilingualMarkdown, segmentLines } from './from-bilingual-markdown.js';
export {
  countStatuses,
  hashMachineText,
  toBilingualMarkdown,
  type ToBilingualMarkdownOptions,
} from './to-bilingual-markdown.js';
export type { BilingualDocument, BilingualParagraph, BilingualSegment, SegmentNotes, Suggestion } from './types.js';
