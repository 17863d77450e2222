// The one glossary lookup of a segment. The backend (what to protect or impose), the reviewer's notes and
// the QA checks all ask the same question — "which terms stand in this sentence, and what must their
// translation into `lang` be?" — so they get the same answer from here, never from a copy of the loop.

import type { LanguageCode } from '../core/types.js';
import { compileGlossary, forbiddenTargets, requiredTarget } from './match-terms.js';
import type { Glossary, GlossaryTerm, TargetTerm } from './types.js';

/** A glossary term found in a source text, with what a translation into one language must do with it. */
export interface ResolvedTerm {
  readonly term: GlossaryTerm;
  /** UTF-16 offsets into the text that was searched. */
  readonly start: number;
  readonly end: number;
  /** The text as it stands in the source (an inflected form). */
  readonly text: string;
  /** The translation the target must contain; undefined when the glossary names none for this language. */
  readonly required: TargetTerm | undefined;
  /** Translations the glossary forbids for this language. */
  readonly forbidden: readonly string[];
  /**
   * True when the term stays exactly as written in the source: a do-not-translate term without a target of
   * its own for this language. The backend sends it as a protected span, which no translation may touch.
   */
  readonly keep: boolean;
}

const termIndexes = new WeakMap<Glossary, ReadonlyMap<string, GlossaryTerm>>();

function termsById(glossary: Glossary): ReadonlyMap<string, GlossaryTerm> {
  let index = termIndexes.get(glossary);
  if (index === undefined) {
    index = new Map(glossary.terms.map((term) => [term.id, term]));
    termIndexes.set(glossary, index);
  }
  return index;
}

/**
 * Answers given, per glossary value and language: a run asks for every segment up to three times (the
 * backend's request, the reviewer's notes, the checks), and the answer depends only on the text.
 */
const answers = new WeakMap<Glossary, Map<LanguageCode, Map<string, readonly ResolvedTerm[]>>>();
const NONE: readonly ResolvedTerm[] = Object.freeze([]);

/** Every glossary term in `text`, in order and without overlaps, resolved for target language `lang`. */
export function resolveTerms(glossary: Glossary | undefined, text: string, lang: LanguageCode): ResolvedTerm[] {
  return resolvedTerms(glossary, text, lang).map((term) => ({ ...term }));
}

/**
 * `resolveTerms` for bitext's own stages: the one answer for this text, shared and frozen (a glossary
 * value is never changed once parsed).
 */
export function resolvedTerms(glossary: Glossary | undefined, text: string, lang: LanguageCode): readonly ResolvedTerm[] {
  if (glossary === undefined || text === '') return NONE;
  let byLanguage = answers.get(glossary);
  if (byLanguage === undefined) answers.set(glossary, (byLanguage = new Map()));
  let known = byLanguage.get(lang);
  if (known === undefined) byLanguage.set(lang, (known = new Map()));
  let resolved = known.get(text);
  if (resolved === undefined) {
    resolved = lookUp(glossary, text, lang);
    known.set(text, resolved);
  }
  return resolved;
}

function lookUp(glossary: Glossary, text: string, lang: LanguageCode): readonly ResolvedTerm[] {
  const byId = termsById(glossary);
  const resolved: ResolvedTerm[] = [];
  for (const match of compileGlossary(glossary).find(text)) {
    const term = byId.get(match.termId);
    if (term === undefined) continue;
    const required = requiredTarget(term, lang);
    resolved.push(Object.freeze({
      term,
      start: match.start,
      end: match.end,
      text: match.text,
      required,
      forbidden: forbiddenTargets(term, lang),
      keep: term.doNotTranslate && required !== undefined && required.term === term.source,
    }));
  }
  return resolved.length === 0 ? NONE : Object.freeze(resolved);
}

/**
 * The terms a reviewer is reminded of: one line per term, only where the translation differs from the
 * source text (names that stay as they are need no reminder).
 */
export function termReminders(terms: readonly ResolvedTerm[]): string[] {
  const reminders = new Map<string, string>();
  for (const resolved of terms) {
    const { term, required } = resolved;
    if (required === undefined || required.term === resolved.text || reminders.has(term.id)) continue;
    reminders.set(term.id, `${resolved.text} → ${required.term}`);
  }
  return [...reminders.values()];
}
