// The glossary terms of a source text as the checks see them: the one lookup (`resolvedTerms`), shaped into
// `QaTerm`s. Used by the review workflow's checks and by the library's `checkGlossary`.
import type { LanguageCode } from '../core/types.js';
import { resolvedTerms } from '../glossary/resolve-terms.js';
import type { Glossary } from '../glossary/types.js';
import type { QaTerm } from './types.js';

export function qaTermsOf(glossary: Glossary | undefined, plain: string, lang: LanguageCode): QaTerm[] {
  return resolvedTerms(glossary, plain, lang).map((r) => ({
    termId: r.term.id,
    text: r.text,
    source: r.term.source,
    ...(r.required === undefined ? {} : { required: { term: r.required.term, forms: r.required.forms } }),
    forbidden: r.forbidden,
    doNotTranslate: r.term.doNotTranslate,
    caseSensitive: r.term.caseSensitive,
  }));
}
