// bitext as a library: one export per pipeline stage, plus the workflow that chains them.
// The CLI (src/cli) is a thin layer over exactly these functions.
export * from './core/types.js';
export { BitextError, BackendError, type BitextErrorCode, type BackendErrorKind } from './core/errors.js';
export { readSources, readSource, sourceFromText, findSourceFiles } from './sources/read-sources.js';
export { segmentText, splitParagraphs, splitSentences, assignSegmentIds, compileRules, parseRules, serializeRules } from './segmentation/index.js';
export type { SegmentationRule, SegmentationRules } from './segmentation/index.js';
export { parseGlossary, findTerms, requiredTarget, sourceForms, compileGlossary, resolveTerms } from './glossary/index.js';
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
export { toBilingualMarkdown, fromBilingualMarkdown, countStatuses, hashMachineText, FORMAT_VERSION } from './bilingual/index.js';
export type { BilingualDocument, BilingualParagraph, BilingualSegment, Suggestion, AcceptedFinding, ReviewAction } from './bilingual/index.js';
export { checkGlossary } from './qa/glossary-check.js';
export { runChecks, listRules } from './qa/checks/index.js';
export type { Finding, QaSegment, QaContext } from './qa/types.js';
export { loadConfig, parseConfig, initProject } from './config/index.js';
export type { ResolvedConfig, ConfigFile } from './config/index.js';
export { translate, type TranslateOptions, type TranslateReport } from './workflow/translate.js';
export { projectStatus, type StatusReport, type TodoItem } from './workflow/status.js';
export { checkTranslations, type CheckReport } from './workflow/check.js';
export { publish, type PublishOptions, type PublishReport } from './workflow/publish.js';
export { I18NEXT_OPTIONS } from './publish/bundle.js';
export { planDocument } from './workflow/plan.js';
