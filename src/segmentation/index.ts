export { splitParagraphs } from './split-paragraphs.js';
export { splitSentences } from './split-sentences.js';
export { assignSegmentIds, createIdAssigner, hashSegmentId } from './segment-ids.js';
export { segmentText } from './segment-text.js';
export { classifyAbbreviation, type AbbreviationClass } from './german-lexicon.js';
