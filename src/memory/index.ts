// Public surface of the translation-memory module; other modules import from here only.
export type { FuzzyMatch, FuzzyOptions, MemoryEntry, MemoryOrigin, TranslationMemory } from './types.js';
export { MEMORY_ORIGINS } from './types.js';
export { normalizeSegmentText, foldSegmentText } from './normalize.js';
export { createMemory, addToMemory, lookupExact, entriesFor, isUnresolved } from './memory.js';
export { lookupFuzzy, tokenizeSegmentText, DEFAULT_FUZZY_THRESHOLD, DEFAULT_FUZZY_LIMIT, CASE_ONLY_SCORE } from './fuzzy.js';
export { serializeMemory, parseMemory, MEMORY_FORMAT_VERSION } from './jsonl.js';
export { memoryPath, readMemory, writeMemory } from './store.js';
export { toTmx, formatTmxDate, type TmxExportOptions } from './tmx-export.js';
export { canonicalLanguage, memoryTargetsFor, importTargetFor, type ImportTargetOptions } from './language.js';
export {
  fromTmx,
  createTmxReader,
  decodeTmx,
  createTmxDecoder,
  TMX_DEFAULT_ORIGIN,
  TMX_DEFAULT_HUMAN_STATUS,
  type TmxImport,
  type TmxImportOptions,
  type TmxImportedPair,
  type TmxLanguageCount,
  type TmxReader,
  type TmxDecoder,
} from './tmx-import.js';
