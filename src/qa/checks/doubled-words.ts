// QA check `doubled-words`: a word typed twice ("the the"), the commonest slip of a reviewer editing a
// machine draft. Legitimate doublings are left alone: those of the language ("had had", "nous nous") and
// every pair the source itself doubles (German „die die“, names like „Bora Bora“).
import type { Check, Finding, QaContext, QaSegment } from '../types.js';
import { isUnspaced, isWordChar, primaryLanguage, wordsOf, type Word } from '../text.js';

/** Doublings that are grammatical in the language. */
const LEGITIMATE: Readonly<Record<string, ReadonlySet<string>>> = {
  en: new Set(['had', 'that', 'is', 'do', 'bye', 'very', 'no', 'so']),
  fr: new Set(['nous', 'vous', 'les', 'si', 'tout']),
  es: new Set(['que', 'no', 'muy', 'poco']),
  ru: new Set(['что', 'как', 'очень', 'так', 'нет', 'да']),
  de: new Set(['die', 'der', 'das', 'sie', 'dem', 'den']),
};

/**
 * A fast exit without allocating: is some word followed, after white space only, by a word of the same
 * letters (ignoring case)? Tokenizing confirms it; doublings are rare, so that path rarely runs.
 */
function maybeDoubled(text: string): boolean {
  const n = text.length;
  let previousStart = -1;
  let previousLength = -1;
  let onlySpace = false;
  let i = 0;
  while (i < n) {
    const code = text.charCodeAt(i);
    // ASCII is classified inline: this loop sees every character of every target.
    const letter = code < 128 ? (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) : isWordChar(text, i);
    if (!letter) {
      const space = code === 32 || (code >= 9 && code <= 13) || code === 0xa0 || code === 0x202f || (code >= 0x2000 && code <= 0x200a) || code === 0x3000;
      if (!space) onlySpace = false;
      i++;
      continue;
    }
    let j = i + 1;
    for (; j < n; j++) {
      const next = text.charCodeAt(j);
      if (next < 128 ? !((next >= 97 && next <= 122) || (next >= 65 && next <= 90) || (next >= 48 && next <= 57)) : !isWordChar(text, j)) break;
    }
    if (onlySpace && j - i === previousLength && sameLetters(text, previousStart, i, j - i)) return true;
    previousStart = i;
    previousLength = j - i;
    onlySpace = true;
    i = j;
  }
  return false;
}

function sameLetters(text: string, a: number, b: number, length: number): boolean {
  for (let k = 0; k < length; k++) {
    const x = text.charCodeAt(a + k);
    const y = text.charCodeAt(b + k);
    if (x === y) continue;
    if (x < 128 && y < 128 ? (x | 32) !== (y | 32) : text.charAt(a + k).toLowerCase() !== text.charAt(b + k).toLowerCase()) return false;
  }
  return true;
}

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
    const lang = primaryLanguage(context.targetLanguage);
    if (!maybeDoubled(segment.target)) return [];
    const words = wordsOf(segment.target);
    const allowed = LEGITIMATE[lang];
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
