export { splitParagraphs } from './split-paragraphs.js';
export { splitSentences } from './split-sentences.js';
export { assignSegmentIds, createIdAssigner, hashSegmentId } from './segment-ids.js';
export { segmentText } from './segment-text.js';
export { classifyAbbreviation, type AbbreviationClass } from './german-lexicon.js';
export {
  applyRules,
  compileRules,
  NO_RULES,
  parseRules,
  serializeRules,
  type RuleRecord,
  type SegmentationRule,
  type SegmentationRules,
} from './rules.js';
