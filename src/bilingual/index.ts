// Public surface of the bilingual module; `tests/bilingual/surface.test.ts` pins it.
export { fromBilingualMarkdown, segmentLines } from './from-bilingual-markdown.js';
export {
  countStatuses,
  hashMachineText,
  toBilingualMarkdown,
  type ToBilingualMarkdownOptions,
} from './to-bilingual-markdown.js';
export type { AcceptedFinding, BilingualDocument, BilingualParagraph, BilingualSegment, ReviewAction, SegmentNotes, Suggestion } from './types.js';
export { FORMAT_VERSION } from './syntax.js';
export { wordChanges } from './to-bilingual-markdown.js';
