// bitext as a library: one export per pipeline stage, plus the workflow that chains them.
// The CLI (src/cli) is a thin layer over exactly these functions.
export * from './core/types.js';
export { BitextError, BackendError, type BitextErrorCode, type BackendErrorKind } from './core/errors.js';
export { readSources, readSource, sourceFromText, findSourceFiles } from './sources/read-sources.js';
export { segmentText, splitParagraphs, splitSentences, assignSegmentIds } from './segmentation/index.js';
export { parseGlossary, findTerms, requiredTarget, sourceForms, compileGlossary } from './glossary/index.js';
export type { Glossary, GlossaryTerm, TargetTerm, TermMatch } from './glossary/index.js';
export {
  createMemory,
  addToMemory,
  lookupExact,
  lookupFuzzy,
  readMemory,
  writeMemory,
  toTmx,
  fromTmx,
  type MemoryEntry,
  type TranslationMemory,
} from './memory/index.js';
export { BACKEND_NAMES, createBackend, type BackendName } from './backends/registry.js';
export type * from './backends/types.js';
export { toBilingualMarkdown, fromBilingualMarkdown, countStatuses, hashMachineText } from './bilingual/index.js';
export type { BilingualDocument, BilingualParagraph, BilingualSegment, Suggestion } from './bilingual/index.js';
export { checkGlossary } from './qa/glossary-check.js';
export { translate, type TranslateOptions, type TranslateReport } from './workflow/translate.js';
export { projectStatus, type StatusReport } from './workflow/status.js';
export { planDocument } from './workflow/plan.js';
