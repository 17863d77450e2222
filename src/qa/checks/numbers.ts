// QA check `numbers`: every number of the German source is in the translation, by value and in the
// target language's conventions. See docs/qa.md for what is compared and what is not.
import { numberLanguage } from '../numbers/lexicon.js';
import { compareNumbers, type NumberComparison, type SourceNumber } from '../numbers/compare-numbers.js';
import { formatMonth, formatNumber, formatRange, formatTime } from '../numbers/format-number.js';
import type { Atom, Reading } from '../numbers/read-numbers.js';
import type { Decimal } from '../numbers/decimal.js';
import type { Check, Finding, QaContext, QaSegment } from '../types.js';
import { quote } from '../text.js';

export const numbersCheck: Check = {
  id: 'numbers',
  description: 'Every number, date and time of the source is in the target, by value, in the target language\'s conventions.',
  rules: {
    'numbers-missing': {
      severity: 'error',
      description: 'A number, date or time of the source is not in the target: „220 bis 245 Milliarden“ → "220 billion".',
    },
    'numbers-changed': {
      severity: 'error',
      description: 'A source number became another: „220 bis 245“ → "220 et 254"; or reads differently in the target language: „1.000“ → en "1.000" (one).',
    },
    'numbers-extra': {
      severity: 'warning',
      description: 'The target has a number the source does not: „im Jahr 2024“ → "in 2024 and 2025".',
    },
    'numbers-ambiguous': {
      severity: 'warning',
      description: 'A number readers can take two ways: „01.02.2024“ → en "01/02/2024" (1 February or January 2); „1,000“ in the source.',
    },
    'numbers-format': {
      severity: 'warning',
      description: 'The right value in another language\'s conventions: „3,5 Prozent“ → en "3,5 percent" (write 3.5).',
    },
  },
  run(segment: QaSegment, context: QaContext): Finding[] {
    const comparison = compareNumbers(segment.source, segment.target, numberLanguage(context.sourceLanguage), numberLanguage(context.targetLanguage));
    const { missing, changed, misread, format, ambiguous, extra, swapped } = comparison;
    if (missing.length + changed.length + misread.length + format.length + ambiguous.length + extra.length + swapped.length === 0) return [];
    return describe(comparison, context.targetLanguage, segment.source);
  },
};

function describe(comparison: NumberComparison, lang: string, sourceText: string): Finding[] {
  const findings: Finding[] = [];
  const found = foundList(comparison);
  const inTarget = found.length === 0 ? 'the target has no numbers' : `found ${found.join(', ')}`;

  for (const number of comparison.missing) {
    findings.push({
      rule: 'numbers-missing',
      severity: 'error',
      message: `${sourceLabel(comparison, number, sourceText)} is missing in the target (${number.atom.kind === 'number' ? inTarget : kindFound(comparison, number.atom)})`,
      hint: writeHint(comparison, number, lang),
    });
  }
  for (const { source, target } of comparison.changed) {
    const targetText = comparison.target[target.token]?.text ?? '';
    const list = source.atom.kind === 'number' ? (found.includes(targetText) ? found : [...found, targetText]) : [];
    const where = source.atom.kind === 'number' ? `found ${list.join(', ')}` : kindFound(comparison, source.atom);
    const shownSource = comparison.source[source.token]?.text ?? '';
    // "220" for „220 Milliarden“: the digits agree, the values do not; say which values were compared.
    const sameDigits = digitsOf(targetText) !== '' && digitsOf(targetText) === digitsOf(shownSource);
    findings.push({
      rule: 'numbers-changed',
      severity: 'error',
      message: `${sourceLabel(comparison, source, sourceText)} is missing in the target (${where}): "${targetText}"${sameDigits ? valueNote(target.atom, lang) : ''} stands where the source has ${quote(shownSource)}${sameDigits ? valueNote(source.atom, lang) : ''}`,
      hint: writeHint(comparison, source, lang),
    });
  }
  for (const { source, target } of comparison.swapped) {
    findings.push({
      rule: 'numbers-changed',
      severity: 'error',
      message: `${quote(source)} is "${target}" in the target: the two numbers are swapped`,
      hint: `write ${source.replace(/\s*:\s*/, '-')} (or ${source}) in the order of the source`,
    });
  }
  for (const { token, reading, native } of comparison.misread) {
    const text = comparison.target[token]?.text ?? '';
    const meant = valueOf(reading);
    findings.push({
      rule: 'numbers-changed',
      severity: 'error',
      message: `"${text}" in the target reads as ${readingText(native, lang)} in ${lang}, not ${readingText(reading, lang)} as in the source (${reading.convention ?? 'another'} number format)`,
      hint: meant === undefined ? `write the number in ${lang} conventions` : `write ${formatNumber(meant, lang, { grouped: true })}`,
    });
  }
  for (const { token, reading } of comparison.format) {
    const text = comparison.target[token]?.text ?? '';
    const meant = valueOf(reading);
    findings.push({
      rule: 'numbers-format',
      severity: 'warning',
      message: `"${text}" in the target is written in ${reading.convention ?? 'another'} number format, not in ${lang} conventions`,
      hint: meant === undefined ? `write the number in ${lang} conventions` : `write ${formatNumber(meant, lang)}`,
    });
  }
  for (const { side, token, reading } of comparison.ambiguous) {
    const tokens = side === 'source' ? comparison.source : comparison.target;
    const item = tokens[token];
    if (item === undefined) continue;
    findings.push({
      rule: 'numbers-ambiguous',
      severity: 'warning',
      message: side === 'source'
        ? `${quote(item.text)} in the source ${item.ambiguity ?? 'can be read two ways'}`
        : `"${item.text}" in the target ${item.ambiguity ?? 'can be read two ways'}`,
      hint: side === 'source'
        ? 'check which value the author meant (German writes one thousand as 1.000) and make the target say that value'
        : `write it so that it reads one way only, e.g. "${reading === undefined ? item.text : readingText(reading, lang)}"`,
    });
  }
  const words = comparison.unmatchedWords.map((number) => quote(comparison.source[number.token]?.text ?? ''));
  const sourceHas = sourceList(comparison);
  for (const number of comparison.extra) {
    const text = comparison.target[number.token]?.text ?? '';
    const also = words.length > 0 ? `; the source has ${words.join(', ')}` : '';
    findings.push({
      rule: 'numbers-extra',
      severity: 'warning',
      message: `"${text}" in the target is not in the source (${sourceHas.length === 0 ? 'the source has no numbers' : `source: ${sourceHas.join(', ')}`}${also})`,
      hint: 'remove it, or correct it to the number the source has',
    });
  }
  return findings;
}

function sourceLabel(comparison: NumberComparison, number: SourceNumber, sourceText: string): string {
  const token = comparison.source[number.token];
  if (token === undefined) return '';
  const range = token.range;
  const first = range === undefined ? undefined : comparison.source[range.first];
  const last = range === undefined ? undefined : comparison.source[range.last];
  if (first === undefined || last === undefined) return quote(token.text);
  return `${quote(token.text)} (in ${quote(sourceText.slice(first.start, last.end))})`;
}

function foundList(comparison: NumberComparison): string[] {
  const out: string[] = [];
  comparison.target.forEach((token, t) => {
    const reading = comparison.chosen[t];
    if (reading?.atoms.some((atom) => atom.kind === 'number' && atom.strength === 'hard') === true && !out.includes(token.text)) out.push(token.text);
  });
  return out;
}

function sourceList(comparison: NumberComparison): string[] {
  const out: string[] = [];
  for (const token of comparison.source) {
    if (token.readings[0]?.atoms.some((atom) => atom.strength === 'hard') === true && !out.includes(token.text)) out.push(token.text);
  }
  return out;
}

function kindFound(comparison: NumberComparison, atom: Atom): string {
  const same: string[] = [];
  comparison.target.forEach((token, t) => {
    if (comparison.chosen[t]?.atoms.some((other) => other.kind === atom.kind) === true && !same.includes(token.text)) same.push(token.text);
  });
  const what = atom.kind === 'month' ? 'month' : atom.kind === 'time' ? 'time' : 'code';
  return same.length === 0 ? `the target has no ${what}` : `found ${same.join(', ')}`;
}

function writeHint(comparison: NumberComparison, number: SourceNumber, lang: string): string {
  const example = atomText(number.atom, lang) ?? comparison.source[number.token]?.text ?? '';
  const token = comparison.source[number.token];
  const range = token?.range;
  if (range !== undefined && number.atom.kind === 'number') {
    const values: Decimal[] = [];
    for (let k = range.first; k <= range.last; k++) {
      const value = comparison.source[k]?.readings[0]?.atoms[0]?.value;
      if (value !== undefined) values.push(value);
    }
    if (values.length > 1) return `write ${example} as in the source, e.g. "${formatRange(values, lang)}"`;
  }
  return `write ${example} as in the source`;
}

function atomText(atom: Atom, lang: string): string | undefined {
  if (atom.kind === 'number' && atom.value !== undefined) return formatNumber(atom.value, lang);
  if (atom.kind === 'month' && atom.month !== undefined) return formatMonth(atom.month, lang);
  if (atom.kind === 'time' && atom.minutes !== undefined) return formatTime(atom.minutes, lang);
  return undefined;
}

/** " (220 billion)": the value the comparison used, for texts whose digits look alike. */
function valueNote(atom: Atom, lang: string): string {
  const value = atomText(atom, lang);
  return value === undefined || atom.kind !== 'number' ? '' : ` (${value})`;
}

function digitsOf(text: string): string {
  return text.replace(/\D/g, '');
}

function valueOf(reading: Reading): Decimal | undefined {
  return reading.atoms.length === 1 ? reading.atoms[0]?.value : undefined;
}

function readingText(reading: Reading, lang: string): string {
  return reading.atoms.map((atom) => atomText(atom, lang) ?? atom.key).join(' ');
}

