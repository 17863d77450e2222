import type { LanguageCode } from '../core/types.js';

/** A glossary after validation: every optional field filled in. Built only by `parseGlossary`. */
export interface Glossary {
  readonly version: 1;
  readonly sourceLanguage: LanguageCode;
  readonly terms: readonly GlossaryTerm[];
  /** sha256 (hex) of the canonical JSON of `terms`: changes whenever a term changes. */
  readonly hash: string;
}

export interface TargetTerm {
  /** The approved translation, written into the target. */
  readonly term: string;
  /** Further accepted target forms (inflections) that satisfy QA. */
  readonly forms: readonly string[];
}

export interface GlossaryTerm {
  /** Stable id, unique in the file (defaults to a slug of `source`). */
  readonly id: string;
  readonly source: string;
  /** Extra inflected source forms beyond those generated automatically. */
  readonly forms: readonly string[];
  readonly caseSensitive: boolean;
  /** The term stays as is in every language (names, brands). */
  readonly doNotTranslate: boolean;
  readonly targets: Readonly<Record<LanguageCode, TargetTerm>>;
  /** Translations a reviewer must not use, per language. */
  readonly forbidden: Readonly<Record<LanguageCode, readonly string[]>>;
  readonly note?: string;
}

/** A term found in a source sentence. Offsets are UTF-16 indices into the sentence. */
export interface TermMatch {
  readonly termId: string;
  readonly start: number;
  readonly end: number;
  /** The matched text as it stands in the source (inflected form). */
  readonly text: string;
}
