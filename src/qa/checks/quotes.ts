// QA check `quotes`: quotation marks and brackets are balanced and in the target language's typographic
// style. The German source is the yardstick for balance: a sentence the segmenter cut inside a quotation
// may open a quote it never closes, and a target that does the same is faithful, not broken.
import type { Check, Finding, QaContext, QaSegment } from '../types.js';
import { primaryLanguage } from '../text.js';

export const quotesCheck: Check = {
  id: 'quotes',
  description: 'Quotation marks and brackets are balanced and follow the target language\'s typography.',
  rules: {
    'quotes-unbalanced': {
      severity: 'warning',
      description: 'A bracket or quotation mark is opened and not closed (or the reverse) where the source is balanced: "He said “yes."',
    },
    'quotes-style': {
      severity: 'warning',
      description: 'Quotation marks of another language: German „…“ left in an English target (use “…”).',
    },
    'quotes-french-spacing': {
      severity: 'warning',
      description: 'French guillemets without the space inside: "«oui»" (write « oui » with no-break spaces).',
    },
  },
  run(segment: QaSegment, context: QaContext): Finding[] {
    const target = segment.target;
    if (!MARKS.test(target) && !MARKS.test(segment.source)) return [];
    const lang = primaryLanguage(context.targetLanguage);
    const findings: Finding[] = [];
    findings.push(...balanceFindings(balanceOf(segment.source), balanceOf(target)));
    const style = styleFinding(target, lang);
    if (style !== undefined) findings.push(style);
    // Spacing is only worth a word once the marks themselves are right.
    else if (lang === 'fr') {
      const spacing = frenchSpacing(target);
      if (spacing !== undefined) findings.push(spacing);
    }
    return findings;
  },
};

const MARKS = /[()[\]{}（）【】［］„“”«»‹›"「」『』]/;
const EVERY_MARK = new RegExp(MARKS.source, 'g');

const BRACKETS: ReadonlyArray<readonly [open: string, close: string]> = [
  ['(', ')'], ['[', ']'], ['{', '}'], ['（', '）'], ['【', '】'], ['［', '］'],
];

const BRACKET_INDEX: ReadonlyMap<string, number> = new Map(BRACKETS.flatMap(([open, close], index) => [[open, index], [close, index]]));

interface Balance {
  /** Per bracket pair: openers never closed, closers never opened. */
  readonly brackets: ReadonlyArray<{ readonly open: number; readonly stray: number }>;
  /** Quotation marks of every style together (styles differ between source and target). */
  readonly quotes: { readonly open: number; readonly stray: number; readonly lastOpen: string; readonly firstStray: string };
}

/**
 * Which quotation mark closes which, for every style at once: „…“ and »…« (German), “…” (English,
 * Spanish, Chinese), «…» (French, Russian, Spanish), „…“ inside «…» (Russian), 「…」 (Chinese, Japanese),
 * "…". A mark closes the innermost open quote it can close; otherwise it opens one (or is stray).
 */
function balanceOf(text: string): Balance {
  const brackets = BRACKETS.map(() => ({ open: 0, stray: 0 }));
  const stack: string[] = [];
  let stray = 0;
  let firstStray = '';
  EVERY_MARK.lastIndex = 0;
  for (let match = EVERY_MARK.exec(text); match !== null; match = EVERY_MARK.exec(text)) {
    const char = match[0];
    const bracket = BRACKET_INDEX.get(char) ?? -1;
    if (bracket >= 0) {
      const counts = brackets[bracket];
      const pair = BRACKETS[bracket];
      if (counts === undefined || pair === undefined) continue;
      if (char === pair[0]) counts.open++;
      else if (counts.open > 0) counts.open--;
      else counts.stray++;
      continue;
    }
    const top = stack[stack.length - 1];
    switch (char) {
      case '„':
      case '「':
      case '『':
        stack.push(char);
        break;
      case '“':
        if (top === '„') stack.pop();
        else stack.push(char);
        break;
      case '”':
        if (top === '“' || top === '„') stack.pop();
        else {
          stray++;
          firstStray ||= char;
        }
        break;
      case '«':
      case '»':
      case '‹':
      case '›': {
        const partner = { '«': '»', '»': '«', '‹': '›', '›': '‹' }[char];
        if (top === partner) stack.pop();
        else stack.push(char);
        break;
      }
      case '」':
      case '』':
        if (top === (char === '」' ? '「' : '『')) stack.pop();
        else {
          stray++;
          firstStray ||= char;
        }
        break;
      case '"':
        if (top === '"') stack.pop();
        else stack.push(char);
        break;
      default:
        break;
    }
  }
  return { brackets, quotes: { open: stack.length, stray, lastOpen: stack[stack.length - 1] ?? '', firstStray } };
}

function balanceFindings(source: Balance, target: Balance): Finding[] {
  const findings: Finding[] = [];
  BRACKETS.forEach(([open, close], index) => {
    const s = source.brackets[index];
    const t = target.brackets[index];
    if (s === undefined || t === undefined || (t.open === s.open && t.stray === s.stray) || (t.open === 0 && t.stray === 0)) return;
    const problem = t.open > s.open
      ? `opens "${open}" ${times(t.open)} without closing it`
      : t.stray > s.stray
        ? `closes "${close}" ${times(t.stray)} without opening it`
        : `leaves "${open}…${close}" unbalanced differently from the source`;
    findings.push({
      rule: 'quotes-unbalanced',
      severity: 'warning',
      message: `the target ${problem}; the source is ${s.open === 0 && s.stray === 0 ? 'balanced' : 'unbalanced in another way'}`,
      hint: t.open > s.open ? `add the missing "${close}" or remove the "${open}"` : `add the missing "${open}" or remove the "${close}"`,
    });
  });
  const s = source.quotes;
  const t = target.quotes;
  if (!((t.open === s.open && t.stray === s.stray) || (t.open === 0 && t.stray === 0))) {
    const problem = t.open > s.open
      ? `opens a quotation with ${t.lastOpen} that is never closed`
      : t.stray > s.stray
        ? `closes a quotation with ${t.firstStray} that was never opened`
        : 'has quotation marks that do not pair up';
    findings.push({
      rule: 'quotes-unbalanced',
      severity: 'warning',
      message: `the target ${problem}; the source's quotation marks ${s.open === 0 && s.stray === 0 ? 'pair up' : 'are unbalanced in another way'}`,
      hint: 'close every quotation the target opens, in the same place as the source',
    });
  }
  return findings;
}

function times(n: number): string {
  return n === 1 ? 'once' : `${n} times`;
}

interface StyleRule {
  /** Marks that do not belong to the language, with the name shown in the message. */
  readonly foreign: ReadonlyArray<readonly [mark: string, name: string]>;
  readonly use: string;
}

const GERMAN_LOW = ['„', 'German „…“'] as const;
const GUILLEMETS = ['«', 'guillemets «…»'] as const;
const REVERSED_GUILLEMETS = ['»', 'guillemets »…«'] as const;
const CORNER = ['「', 'corner brackets 「…」'] as const;

const STYLES: Readonly<Record<string, StyleRule>> = {
  en: { foreign: [GERMAN_LOW, GUILLEMETS, REVERSED_GUILLEMETS, ['‹', 'single guillemets ‹…›'], CORNER], use: '“…” (and ‘…’ inside)' },
  fr: { foreign: [GERMAN_LOW, CORNER], use: '« … » with no-break spaces (and “…” inside)' },
  es: { foreign: [GERMAN_LOW, CORNER], use: '«…» or “…”' },
  ru: { foreign: [['”', 'English “…”'], CORNER], use: '«…» (and „…“ inside)' },
  zh: { foreign: [GERMAN_LOW, GUILLEMETS, REVERSED_GUILLEMETS], use: '“…” or 「…」' },
  ja: { foreign: [GERMAN_LOW, GUILLEMETS, REVERSED_GUILLEMETS], use: '「…」' },
};

function styleFinding(target: string, lang: string): Finding | undefined {
  const rule = STYLES[lang];
  if (rule === undefined) return undefined;
  let found = rule.foreign.find(([mark]) => target.includes(mark));
  // French and Spanish guillemets point outwards: «…», never »…«.
  if (found === undefined && (lang === 'fr' || lang === 'es' || lang === 'ru')) {
    const open = target.indexOf('«');
    const close = target.indexOf('»');
    if (close >= 0 && (open < 0 || close < open)) found = REVERSED_GUILLEMETS;
  }
  // French: “…” alone, without « », is English typography.
  if (found === undefined && lang === 'fr' && /[“”]/.test(target) && !target.includes('«')) found = ['“', 'English “…”'];
  // Russian: „…“ belongs inside «…».
  if (found === undefined && lang === 'ru' && target.includes('„') && !target.includes('«')) found = GERMAN_LOW;
  if (found === undefined) return undefined;
  return {
    rule: 'quotes-style',
    severity: 'warning',
    message: `the target uses ${found[1]}, which is not ${lang} typography`,
    hint: `use ${rule.use}`,
  };
}

const NO_SPACE_AFTER_OPEN = /«(?![\s\u00A0\u202F])/;
const NO_SPACE_BEFORE_CLOSE = /[^\s\u00A0\u202F]»/;

function frenchSpacing(target: string): Finding | undefined {
  const open = NO_SPACE_AFTER_OPEN.exec(target);
  const close = NO_SPACE_BEFORE_CLOSE.exec(target);
  const at = open ?? close;
  if (at === null) return undefined;
  const around = target.slice(Math.max(0, at.index - 8), at.index + 10);
  return {
    rule: 'quotes-french-spacing',
    severity: 'warning',
    message: `the guillemets in "${around}" have no space inside; French writes « … »`,
    hint: 'put a no-break space (U+00A0) or narrow no-break space (U+202F) after « and before »',
  };
}
