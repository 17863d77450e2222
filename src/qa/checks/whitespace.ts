// QA check `whitespace`: spaces where the target language puts none, none where it puts one, and
// characters that should not be in running text at all.
import type { Check, Finding, QaContext, QaSegment } from '../types.js';
import { isSpaceAt, primaryLanguage } from '../text.js';

export const whitespaceCheck: Check = {
  id: 'whitespace',
  description: 'White space at the edges, doubled, before punctuation (French excepted), and control characters.',
  rules: {
    'whitespace-edges': {
      severity: 'warning',
      description: 'Leading or trailing white space differs from the source: "Photo by VCG " for „Foto von VCG“.',
    },
    'whitespace-double': {
      severity: 'warning',
      description: 'Two or more spaces in a row inside the target: "the  talks".',
    },
    'whitespace-before-punctuation': {
      severity: 'warning',
      description: 'A space before , . ; : ! ? where the target language puts none: "a multipolar system ." (French: only before , and .).',
    },
    'whitespace-french-punctuation': {
      severity: 'info',
      description: 'French puts a (narrow) no-break space before ; : ! ?, and the target has none: "Vraiment?" → "Vraiment ?".',
    },
    'whitespace-control': {
      severity: 'warning',
      description: 'A tab, line break, zero-width space or other control character the source does not have.',
    },
  },
  run(segment: QaSegment, context: QaContext): Finding[] {
    const { source, target } = segment;
    const lang = primaryLanguage(context.targetLanguage);
    // One pass decides whether any rule can apply; most targets have nothing to report.
    const edgesAlike = hasEdgeSpace(source) === false && hasEdgeSpace(target) === false;
    if (lang !== 'fr' && edgesAlike && !ANY_PROBLEM.test(target)) return [];
    const findings: Finding[] = [];

    const edge = edges(source, target);
    if (edge !== undefined) findings.push(edge);

    const double = DOUBLE_SPACE.exec(target);
    if (double !== null) {
      findings.push({
        rule: 'whitespace-double',
        severity: 'warning',
        message: `the target has ${double[0].length} spaces in a row in "${around(target, double.index, double[0].length)}"`,
        hint: 'replace them with one space',
      });
    }

    const before = (lang === 'fr' ? SPACE_BEFORE_FRENCH : SPACE_BEFORE).exec(target);
    if (before !== null) {
      const mark = before[1] ?? '';
      findings.push({
        rule: 'whitespace-before-punctuation',
        severity: 'warning',
        message: `the target has a space before "${mark}" in "${around(target, before.index, before[0].length)}"`,
        hint: `remove the space before "${mark}"`,
      });
    }

    if (lang === 'fr') {
      const missing = FRENCH_MISSING_SPACE.exec(target);
      if (missing !== null) {
        const mark = missing[1] ?? '';
        findings.push({
          rule: 'whitespace-french-punctuation',
          severity: 'info',
          message: `French puts a space before "${mark}", the target has none in "${around(target, missing.index, missing[0].length)}"`,
          hint: `put a narrow no-break space (U+202F) or no-break space (U+00A0) before "${mark}"`,
        });
      }
    }

    const control = controlCharacter(source, target);
    if (control !== undefined) findings.push(control);
    return findings;
  },
};

const ANY_PROBLEM = /[ \u00A0\u202F\u2009]{2}|[ \u00A0\u202F\u2009][,.;:!?，。；：！？]|[\u0000-\u001F\u007F-\u009F\u200B\u2060\uFEFF\u2028\u2029]/;

function hasEdgeSpace(text: string): boolean {
  return text.length > 0 && (isSpaceAt(text, 0) || isSpaceAt(text, text.length - 1));
}
const DOUBLE_SPACE = /[ \u00A0\u202F\u2009]{2,}/;
// A space before punctuation that ends a clause; not before an ellipsis ("… und ... dann") or a decimal
// (".5"), and not an opening mark (¿ ¡).
const SPACE_BEFORE = /[ \u00A0\u202F\u2009]+([,.;:!?，。；：！？])(?![.\d])/;
const SPACE_BEFORE_FRENCH = /[ \u00A0\u202F\u2009]+([,.])(?![.\d])/;
// A letter, digit or closing mark right before ; : ! ? that ends a clause (not 14:30, not https://).
const FRENCH_MISSING_SPACE = /[\p{L}\p{N}»)\]”’'"]([;:!?])(?=\s|$|[»”"')])/u;
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\t\n\r\u200B\u2060\uFEFF\u2028\u2029]/;

function edges(source: string, target: string): Finding | undefined {
  const lead = (text: string): string => /^\s*/.exec(text)?.[0] ?? '';
  const trail = (text: string): string => /\s*$/.exec(text)?.[0] ?? '';
  const leadDiffers = (lead(source) === '') !== (lead(target) === '');
  const trailDiffers = (trail(source) === '') !== (trail(target) === '');
  if (!leadDiffers && !trailDiffers) return undefined;
  const where = leadDiffers && trailDiffers ? 'start and end' : leadDiffers ? 'start' : 'end';
  const targetHas = (leadDiffers ? lead(target) : trail(target)) !== '';
  return {
    rule: 'whitespace-edges',
    severity: 'warning',
    message: targetHas
      ? `the target has white space at its ${where} that the source does not have`
      : `the source has white space at its ${where} that the target does not have`,
    hint: targetHas ? `remove the white space at the ${where}` : `keep the white space of the source at the ${where}`,
  };
}

function controlCharacter(source: string, target: string): Finding | undefined {
  const match = CONTROL.exec(target);
  if (match === null) return undefined;
  const char = match[0];
  if (source.includes(char)) return undefined;
  const code = `U+${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
  const name = char === '\t' ? 'a tab' : char === '\n' || char === '\r' ? 'a line break' : char === '\u200B' ? 'a zero-width space' : `the control character ${code}`;
  return {
    rule: 'whitespace-control',
    severity: 'warning',
    message: `the target contains ${name} (${code}) after "${target.slice(Math.max(0, match.index - 20), match.index)}"`,
    hint: 'replace it with a space or delete it',
  };
}

function around(text: string, index: number, length: number): string {
  return text.slice(Math.max(0, index - 15), Math.min(text.length, index + length + 5));
}
