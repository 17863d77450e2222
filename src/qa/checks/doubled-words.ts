// QA check `doubled-words`: a word typed twice ("the the"), the commonest slip of a reviewer editing a
// machine draft. Legitimate doublings are left alone: those of the language ("had had", "nous nous") and
// every pair the source itself doubles (German „die die“, names like „Bora Bora“).
import type { Check, Finding, QaContext, QaSegment } from '../types.js';
import { isUnspaced, primaryLanguage, wordsOf, type Word } from '../text.js';

/** Doublings that are grammatical in the language. */
const LEGITIMATE: Readonly<Record<string, ReadonlySet<string>>> = {
  en: new Set(['had', 'that', 'is', 'do', 'bye', 'very', 'no', 'so']),
  fr: new Set(['nous', 'vous', 'les', 'si', 'tout']),
  es: new Set(['que', 'no', 'muy', 'poco']),
  ru: new Set(['что', 'как', 'очень', 'так', 'нет', 'да']),
  de: new Set(['die', 'der', 'das', 'sie', 'dem', 'den']),
};

export const doubledWordsCheck: Check = {
  id: 'doubled-words',
  description: 'The same word twice in a row in the target, where neither the language nor the source doubles it.',
  rules: {
    'doubled-words': {
      severity: 'warning',
      description: 'A word repeated: "the the talks" (but not "had had", "nous nous", nor a doubling the source has).',
    },
  },
  run(segment: QaSegment, context: QaContext): Finding[] {
    if (isUnspaced(context.targetLanguage)) return []; // 谢谢, 常常: reduplication is grammar there
    const words = wordsOf(segment.target);
    const allowed = LEGITIMATE[primaryLanguage(context.targetLanguage)];
    const findings: Finding[] = [];
    let sourcePairs: ReadonlySet<string> | undefined;
    for (let i = 1; i < words.length; i++) {
      const previous = words[i - 1];
      const word = words[i];
      if (previous === undefined || word === undefined) continue;
      const lower = word.text.toLowerCase();
      if (lower !== previous.text.toLowerCase() || /\d/.test(lower)) continue;
      if (!/^\s+$/.test(segment.target.slice(previous.end, word.start))) continue; // "no, no" is emphasis
      if (allowed?.has(lower) === true) continue;
      sourcePairs ??= doubledPairs(wordsOf(segment.source), segment.source);
      if (sourcePairs.has(lower)) continue;
      findings.push({
        rule: 'doubled-words',
        severity: 'warning',
        message: `"${previous.text} ${word.text}" repeats a word`,
        hint: `delete one "${word.text}"`,
      });
    }
    return findings;
  },
};

function doubledPairs(words: readonly Word[], text: string): Set<string> {
  const pairs = new Set<string>();
  for (let i = 1; i < words.length; i++) {
    const previous = words[i - 1];
    const word = words[i];
    if (previous === undefined || word === undefined) continue;
    if (previous.text.toLowerCase() === word.text.toLowerCase() && /^\s+$/.test(text.slice(previous.end, word.start))) {
      pairs.add(word.text.toLowerCase());
    }
  }
  return pairs;
}
