// Finding glossary terms in German sentences, in inflected forms.
//
// Compilation turns every term (and each of its extra `forms`) into a pattern: a list of slots, one per
// word token, each slot holding the set of accepted inflections of that token and the separator that must
// precede it. Patterns are indexed by every accepted form of their last token (the head noun: far more
// selective than a leading adjective such as "chinesische"), so matching a sentence costs one hash lookup
// per sentence token plus the few patterns that share that head — independent of the size of the glossary.
// Most sentences hold no term at all, so before a sentence is tokenized one regular expression asks
// whether any head occurs in it (see mayHoldHead).

import type { LanguageCode } from '../core/types.js';
import { inflectWord } from './german-inflection.js';
import { edgeSeparators, mayChangeWords, tokenize, type Token } from './tokenize.js';
import type { Glossary, GlossaryTerm, TargetTerm, TermMatch } from './types.js';

interface Slot {
  /** Accepted token texts: lower-cased keys for case-insensitive terms, exact texts otherwise. */
  readonly accepted: ReadonlySet<string>;
  readonly sepBefore: string;
}

interface Pattern {
  readonly termIndex: number;
  readonly slots: readonly Slot[];
  /** Punctuation the term ends with ("U.S."), required right after the last token. */
  readonly trailing: string;
  readonly caseSensitive: boolean;
}

/** A glossary prepared for matching; build once with `compileGlossary`, reuse for every sentence. */
export interface CompiledGlossary {
  readonly glossary: Glossary;
  /** Terms found in `sentence`, in order, without overlaps. */
  find(sentence: string): TermMatch[];
}

const compiledCache = new WeakMap<Glossary, CompiledGlossary>();

/** Prepares `glossary` for `findTerms`. Cached per glossary object, so calling it again is free. */
export function compileGlossary(glossary: Glossary): CompiledGlossary {
  const cached = compiledCache.get(glossary);
  if (cached !== undefined) return cached;

  const german = isGerman(glossary.sourceLanguage);
  const index = new Map<string, Pattern[]>();
  glossary.terms.forEach((term, termIndex) => {
    for (const written of [term.source, ...term.forms]) {
      const pattern = compilePattern(written, termIndex, term.caseSensitive, german);
      if (pattern === undefined) continue;
      const anchor = pattern.slots[pattern.slots.length - 1];
      if (anchor === undefined) continue;
      const keys = new Set([...anchor.accepted].map((text) => text.toLowerCase()));
      for (const key of keys) {
        const list = index.get(key);
        if (list === undefined) index.set(key, [pattern]);
        else list.push(pattern);
      }
    }
  });

  const anyHead = headsExpression(index.keys());
  const compiled: CompiledGlossary = {
    glossary,
    find: (sentence) => (mayHoldHead(anyHead, sentence) ? matchSentence(glossary.terms, index, sentence) : []),
  };
  compiledCache.set(glossary, compiled);
  return compiled;
}

/**
 * Glossary terms in `sentence`, ordered by position. Spans are UTF-16 offsets; where matches overlap the
 * longest wins (ties: the term listed first). A term matches as a whole word or as a component of a
 * hyphenated compound ("UN-Sicherheitsrats", "Ein-China-Prinzip-Politik"), never inside a closed word.
 */
export function findTerms(glossary: Glossary, sentence: string): TermMatch[] {
  return compileGlossary(glossary).find(sentence);
}

/**
 * Every source form the matcher accepts for `term` (generated inflections of the source and of each extra
 * form, in the case written): what a backend registers in a server-side glossary.
 */
export function sourceForms(term: GlossaryTerm, sourceLanguage: LanguageCode = 'de'): string[] {
  const german = isGerman(sourceLanguage);
  const forms: string[] = [];
  for (const written of [term.source, ...term.forms]) {
    const tokens = tokenize(written);
    const { trailing } = edgeSeparators(written, tokens);
    let expansions = [''];
    tokens.forEach((token, i) => {
      const variants = german ? tokenVariants(tokens, i) : [token.text];
      const sep = token.sepBefore;
      expansions = expansions.flatMap((prefix) => variants.map((variant) => prefix + sep + variant));
    });
    forms.push(...expansions.map((expansion) => expansion + trailing));
  }
  return [...new Set(forms)];
}

/**
 * The target a translation into `lang` must contain for `term`: the explicit target for `lang` (exact code,
 * then its primary language: `en-GB` falls back to `en`), else the source itself for doNotTranslate terms.
 */
export function requiredTarget(term: GlossaryTerm, lang: LanguageCode): TargetTerm | undefined {
  const explicit = lookupLanguage(term.targets, lang);
  if (explicit !== undefined) return explicit;
  return term.doNotTranslate ? { term: term.source, forms: term.forms } : undefined;
}

/** Forbidden translations of `term` into `lang` (same language fallback as `requiredTarget`). */
export function forbiddenTargets(term: GlossaryTerm, lang: LanguageCode): readonly string[] {
  return lookupLanguage(term.forbidden, lang) ?? [];
}

// ---------------------------------------------------------------------------------------------------------

function lookupLanguage<T>(table: Readonly<Record<LanguageCode, T>>, lang: LanguageCode): T | undefined {
  const exact = table[lang];
  if (exact !== undefined) return exact;
  const lower = lang.toLowerCase();
  const primary = lower.split('-')[0] ?? lower;
  for (const [key, value] of Object.entries(table)) {
    if (key.toLowerCase() === lower) return value;
  }
  for (const [key, value] of Object.entries(table)) {
    if (key.toLowerCase() === primary) return value;
  }
  return undefined;
}

function isGerman(lang: LanguageCode): boolean {
  return lang.toLowerCase().split('-')[0] === 'de';
}

/**
 * Which inflections a token of a written term may take: only the last part of each space-separated word
 * inflects ("Ein-China-Prinzip" -> "Ein-China-Prinzips"); the last word is the head noun, earlier words
 * are attributive adjectives ("der Vereinten Nationen"). Parts before a hyphen never inflect.
 */
function tokenVariants(tokens: readonly Token[], i: number): string[] {
  const token = tokens[i];
  if (token === undefined) return [];
  const next = tokens[i + 1];
  if (next === undefined) return inflectWord(token.text, 'head');
  const endsWord = next.sepBefore.endsWith(' ') && !next.sepBefore.includes('-');
  return endsWord ? inflectWord(token.text, 'modifier') : [token.text];
}

function compilePattern(written: string, termIndex: number, caseSensitive: boolean, german: boolean): Pattern | undefined {
  const tokens = tokenize(written);
  if (tokens.length === 0) return undefined;
  const slots = tokens.map((token, i): Slot => {
    const variants = german ? tokenVariants(tokens, i) : [token.text];
    return {
      accepted: new Set(caseSensitive ? variants : variants.map((variant) => variant.toLowerCase())),
      sepBefore: token.sepBefore,
    };
  });
  return { termIndex, slots, trailing: edgeSeparators(written, tokens).trailing, caseSensitive };
}

/** One expression that finds any of the head keys (lower-cased head tokens) as a substring. */
function headsExpression(keys: Iterable<string>): RegExp | undefined {
  const alternatives = [...keys].map((key) => key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return alternatives.length === 0 ? undefined : new RegExp(alternatives.join('|'));
}

/**
 * False only when no token of `sentence` can be the head of a pattern, so matching can stop before the
 * sentence is tokenized. Unless tokenize may change the words of the sentence (see mayChangeWords), a
 * token's key is a substring of the sentence lower-cased: if no head key is one, no token is a head.
 */
function mayHoldHead(anyHead: RegExp | undefined, sentence: string): boolean {
  if (anyHead === undefined) return false;
  return mayChangeWords(sentence) || anyHead.test(sentence.toLowerCase());
}

interface Candidate {
  readonly termIndex: number;
  readonly start: number;
  readonly end: number;
}

function matchSentence(terms: readonly GlossaryTerm[], index: ReadonlyMap<string, Pattern[]>, sentence: string): TermMatch[] {
  const tokens = tokenize(sentence);
  const candidates: Candidate[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const head = tokens[i];
    if (head === undefined) continue;
    const patterns = index.get(head.key);
    if (patterns === undefined) continue;
    for (const pattern of patterns) {
      const at = i - (pattern.slots.length - 1);
      const first = tokens[at];
      if (first === undefined) continue;
      const end = matchPattern(pattern, tokens, at, sentence);
      if (end !== undefined) candidates.push({ termIndex: pattern.termIndex, start: first.start, end });
    }
  }
  return resolveOverlaps(candidates).map((candidate) => ({
    termId: terms[candidate.termIndex]?.id ?? '',
    start: candidate.start,
    end: candidate.end,
    text: sentence.slice(candidate.start, candidate.end),
  }));
}

/** End offset of `pattern` matched at token `at`, or undefined. */
function matchPattern(pattern: Pattern, tokens: readonly Token[], at: number, sentence: string): number | undefined {
  const { slots } = pattern;
  if (at < 0 || at + slots.length > tokens.length) return undefined;
  for (let j = 0; j < slots.length; j++) {
    const slot = slots[j];
    const token = tokens[at + j];
    if (slot === undefined || token === undefined) return undefined;
    if (j > 0 && token.sepBefore !== slot.sepBefore) return undefined;
    if (!pattern.caseSensitive) {
      if (!slot.accepted.has(token.key)) return undefined;
    } else if (!slot.accepted.has(token.text)) {
      // German capitalises the first word of a sentence; a case-sensitive term may start one.
      if (!(j === 0 && atSentenceStart(tokens, at) && slot.accepted.has(lowerFirst(token.text)))) return undefined;
    }
  }
  const last = tokens[at + slots.length - 1];
  if (last === undefined) return undefined;
  if (pattern.trailing === '') return last.end;
  const rest = sentence.slice(last.end, last.end + pattern.trailing.length + 4);
  // Compare normalised text: the sentence may use a different space or hyphen character.
  for (let length = pattern.trailing.length; length <= rest.length; length++) {
    const piece = rest.slice(0, length);
    if (piece.replace(/\s+/g, ' ').replace(/[\u2010\u2011]/g, '-') === pattern.trailing) return last.end + length;
  }
  return undefined;
}

function atSentenceStart(tokens: readonly Token[], at: number): boolean {
  if (at === 0) return true;
  const sep = tokens[at]?.sepBefore ?? '';
  return /[.!?:]\W*$/u.test(sep);
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

function resolveOverlaps(candidates: Candidate[]): Candidate[] {
  if (candidates.length <= 1) return candidates;
  const byPreference = [...candidates].sort(
    (a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start || a.termIndex - b.termIndex,
  );
  const chosen: Candidate[] = [];
  for (const candidate of byPreference) {
    if (chosen.every((other) => candidate.end <= other.start || candidate.start >= other.end)) chosen.push(candidate);
  }
  return chosen.sort((a, b) => a.start - b.start);
}
