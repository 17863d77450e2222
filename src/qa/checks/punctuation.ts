// QA check `punctuation`: the target ends the way the source does — a question stays a question, a
// statement is not turned into an exclamation — in the target language's own marks.
import type { Check, Finding, QaContext, QaSegment } from '../types.js';
import { primaryLanguage } from '../text.js';

type Final = 'period' | 'question' | 'exclamation' | 'colon' | 'semicolon' | 'ellipsis' | 'none' | 'open';

const MARKS: Readonly<Record<Exclude<Final, 'none' | 'open'>, { readonly latin: string; readonly cjk: string }>> = {
  period: { latin: '.', cjk: '。' },
  question: { latin: '?', cjk: '？' },
  exclamation: { latin: '!', cjk: '！' },
  colon: { latin: ':', cjk: '：' },
  semicolon: { latin: ';', cjk: '；' },
  ellipsis: { latin: '…', cjk: '……' },
};

// Closing quotes and brackets after the final mark do not change how a sentence ends: „…“. = „….“
const CLOSERS = new Set([...'"\'“”„‘’‚«»‹›)]}）」』】〉》']);

/** `text` without trailing white space, closing quotes and brackets (scanned from the end). */
function withoutClosers(text: string): string {
  let end = text.length;
  while (end > 0) {
    const char = text.charAt(end - 1);
    if (!CLOSERS.has(char) && char.trim() !== '') break;
    end--;
  }
  return end === text.length ? text : text.slice(0, end);
}

export const punctuationCheck: Check = {
  id: 'punctuation',
  description: 'The final punctuation of the target matches the source\'s, in the target language\'s marks.',
  rules: {
    'punctuation-final': {
      severity: 'warning',
      description: 'The target ends differently from the source: „Ist er bereit?“ → "He is ready." (or zh "." instead of "。").',
    },
    'punctuation-spanish-inverted': {
      severity: 'warning',
      description: 'A Spanish question or exclamation without its opening mark: "Está listo?" (write "¿Está listo?").',
    },
  },
  run(segment: QaSegment, context: QaContext): Finding[] {
    const lang = primaryLanguage(context.targetLanguage);
    const cjk = lang === 'zh' || lang === 'ja';
    const findings: Finding[] = [];
    const source = finalOf(segment.source);
    const target = finalOf(segment.target);
    const targetMark = lastMark(segment.target);
    if (source.kind !== 'open' && target.kind !== source.kind) {
      const expected = source.kind === 'none' ? 'no final punctuation' : `"${cjk ? MARKS[source.kind].cjk : MARKS[source.kind].latin}"`;
      findings.push({
        rule: 'punctuation-final',
        severity: 'warning',
        message: `the source ends with ${source.kind === 'none' ? 'no punctuation' : `"${source.mark}"`}, the target with ${target.mark === '' ? 'no punctuation' : `"${target.mark}"`}`,
        hint: source.kind === 'none' ? 'end the target without punctuation, as the source' : `end the target with ${expected}`,
      });
    } else if (cjk && source.kind !== 'none' && source.kind !== 'open' && target.kind === source.kind && !isCjkMark(targetMark)) {
      findings.push({
        rule: 'punctuation-final',
        severity: 'warning',
        message: `the target ends with the Latin "${target.mark}"; ${lang} uses "${MARKS[source.kind].cjk}"`,
        hint: `end the target with "${MARKS[source.kind].cjk}"`,
      });
    }
    if (lang === 'es') {
      for (const [close, open] of [['?', '¿'], ['!', '¡']] as const) {
        if (count(segment.target, close) > count(segment.target, open)) {
          findings.push({
            rule: 'punctuation-spanish-inverted',
            severity: 'warning',
            message: `the target has "${close}" without the opening "${open}"`,
            hint: `start the question or exclamation with "${open}"`,
          });
        }
      }
    }
    return findings;
  },
};

function finalOf(text: string): { kind: Final; mark: string } {
  const stripped = withoutClosers(text);
  const mark = stripped.slice(-1);
  if (stripped === '') return { kind: 'none', mark: '' };
  if (stripped.endsWith('...') || stripped.endsWith('…') || stripped.endsWith('⋯')) return { kind: 'ellipsis', mark: stripped.endsWith('...') ? '...' : '…' };
  switch (mark) {
    case '.': case '。': case '．': return { kind: 'period', mark };
    case '?': case '？': return { kind: 'question', mark };
    case '!': case '！': return { kind: 'exclamation', mark };
    case ':': case '：': return { kind: 'colon', mark };
    case ';': case '；': return { kind: 'semicolon', mark };
    default:
      // A comma, dash or opening mark: the segment continues in the next one; nothing to compare.
      return /[\p{L}\p{N}\uFFFC%°€$£¥]$/u.test(stripped) ? { kind: 'none', mark: '' } : { kind: 'open', mark };
  }
}

function lastMark(text: string): string {
  return withoutClosers(text).slice(-1);
}

function isCjkMark(mark: string): boolean {
  return /[。！？：；…．]/.test(mark);
}

function count(text: string, char: string): number {
  let n = 0;
  for (let at = text.indexOf(char); at >= 0; at = text.indexOf(char, at + 1)) n++;
  return n;
}
