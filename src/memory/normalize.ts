// The memory's text keys are the project's one normalisation (src/core/normalize-text.ts), which segment
// ids use too: two sources with the same key are the same sentence everywhere.
export { foldSegmentText, normalizeSegmentText } from '../core/normalize-text.js';
