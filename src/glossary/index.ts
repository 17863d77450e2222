// Public surface of the glossary stage; tests/glossary/exports.test.ts pins it.
export type { Glossary, GlossaryTerm, TargetTerm, TermMatch } from './types.js';
export {
  DEFAULT_SOURCE_LANGUAGE,
  createGlossary,
  hashTerms,
  parseGlossary,
  slugify,
  validateGlossary,
  type GlossaryFile,
  type GlossaryFileTerm,
  type ParsedGlossary,
} from './parse-glossary.js';
export {
  compileGlossary,
  findTerms,
  forbiddenTargets,
  requiredTarget,
  sourceForms,
  type CompiledGlossary,
} from './match-terms.js';
export { resolveTerms, termReminders, type ResolvedTerm } from './resolve-terms.js';
