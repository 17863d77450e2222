// QA check `sentence-count`: a target with more sentences than its source has usually taken in the next
// segment's sentence (or been pasted twice); one with clearly fewer has dropped one. Sentence ends are
// counted conservatively — only where a new sentence visibly begins — so abbreviations and ordinals do not
// count, and a miss is more likely than a false alarm.
import { classifyAbbreviation } from '../../segmentation/index.js';
import type { Check, Finding, QaContext, QaSegment } from '../types.js';
import { primaryLanguage } from '../text.js';

export const sentenceCountCheck: Check = {
  id: 'sentence-count',
  description: 'The target has as many sentences as the source (counted conservatively).',
  rules: {
    'sentence-count-more': {
      severity: 'warning',
      description: 'The target has more sentences than the source: "He said so. The talks ended." for one German sentence (merged the next one?).',
    },
    'sentence-count-fewer': {
      severity: 'warning',
      description: 'The target has fewer sentences than the source: one English sentence for „Er kam. Sie ging.“ (dropped one?).',
    },
  },
  run(segment: QaSegment, context: QaContext): Finding[] {
    const lang = primaryLanguage(context.targetLanguage);
    const source = countSentences(segment.source, 'de');
    const target = countSentences(segment.target, lang);
    if (target === source) return [];
    const counts = `the target has ${target} ${target === 1 ? 'sentence' : 'sentences'}, the source ${source}`;
    return target > source
      ? [{
          rule: 'sentence-count-more',
          severity: 'warning',
          message: counts,
          hint: 'check whether the next segment\'s sentence was merged in or a sentence was repeated',
        }]
      : [{
          rule: 'sentence-count-fewer',
          severity: 'warning',
          message: counts,
          hint: 'check whether a sentence of the source was left out',
        }];
  },
};

// Terminal punctuation, optional closing marks, space, optional opening marks, then a capital letter.
const LATIN_END = /([.!?…])[“”"'’»«)\]]*\s+[„“"'‘«»(\[¿¡]*(?=\p{Lu})/gu;
// Chinese and Japanese: 。！？ followed by anything but another closing mark or the end.
const CJK_END = /[。！？][”’」』）]*(?=[^\s”’」』）。！？])/gu;

const INNER_END = /[.!?…][“”"'’»«)\]]*\s/;

/** Words before a period that do not end a sentence, per target language (German uses the segmenter's list). */
const ABBREVIATIONS: Readonly<Record<string, ReadonlySet<string>>> = {
  en: new Set([
    'Mr', 'Mrs', 'Ms', 'Dr', 'St', 'Jr', 'Sr', 'Prof', 'Gen', 'Sen', 'Rep', 'Gov', 'Lt', 'Col', 'Capt', 'Sgt', 'No',
    'vs', 'etc', 'approx', 'Inc', 'Ltd', 'Co', 'Corp', 'Jan', 'Feb', 'Mar', 'Apr', 'Jun', 'Jul', 'Aug', 'Sep', 'Sept',
    'Oct', 'Nov', 'Dec', 'Mt', 'Ft', 'Ave', 'Rev', 'Pres', 'Gov', 'Fig', 'Vol',
  ]),
  fr: new Set(['M', 'MM', 'Mme', 'Mmes', 'Mlle', 'Dr', 'St', 'Ste', 'etc', 'av', 'apr', 'J.-C', 'p', 'n°', 'env', 'janv', 'févr', 'avr', 'juil', 'sept', 'oct', 'nov', 'déc']),
  es: new Set(['Sr', 'Sra', 'Srta', 'Dr', 'Dra', 'Ud', 'Uds', 'etc', 'EE', 'UU', 'pág', 'núm', 'aprox', 'Lic', 'Ing']),
  ru: new Set(['г', 'гг', 'т', 'д', 'п', 'др', 'им', 'ул', 'млн', 'млрд', 'тыс', 'руб', 'долл', 'проф', 'акад', 'ст', 'см', 'т.е', 'т.д', 'т.п']),
};

/** Sentence ends inside `text`, plus one. */
export function countSentences(text: string, lang: string): number {
  const trimmed = text.trim();
  if (trimmed === '') return 0;
  if (lang === 'zh' || lang === 'ja') return 1 + (trimmed.match(CJK_END)?.length ?? 0);
  // Most sentences have their only full stop at the end: nothing inside can start another one.
  if (!INNER_END.test(trimmed)) return 1;
  let ends = 0;
  for (const match of trimmed.matchAll(LATIN_END)) {
    if (match[1] === '.' && !endsSentence(trimmed.slice(0, match.index + 1), lang)) continue;
    if (match[1] === '…') continue; // "… und dann" — an ellipsis inside a sentence is common
    ends++;
  }
  return ends + 1;
}

/** Is the period at the end of `before` a full stop (and not an abbreviation, an initial or an ordinal)? */
export function endsSentence(before: string, lang: string): boolean {
  const word = /(\S+)\.$/u.exec(before)?.[1] ?? '';
  const bare = word.replace(/^[„“"'‘«»(\[]+/u, '');
  if (/^\p{L}$/u.test(bare)) return false; // an initial: "J. Smith"
  if (/\p{L}\.\p{L}/u.test(bare)) return false; // "U.S.", "z.B.", "p.m"
  if (lang === 'de') {
    if (/^\d+$/.test(bare)) return false; // "75. Jahrestag", "3. Oktober"
    return classifyAbbreviation(`${bare}.`) === undefined;
  }
  return !(ABBREVIATIONS[lang]?.has(bare) ?? false);
}
