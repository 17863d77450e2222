// Characters a reviewer cannot see in a source: control characters (BEL, ESC, the other C0 and C1 codes)
// and the bidirectional controls that reorder how the text around them is shown ("Trojan Source",
// CVE-2021-42574). They are translated and published like any other character, so each line that has
// them is reported with its column; the review file shows them escaped (`\u202E`) where its encoder does.
import type { Diagnostic } from '../core/types.js';

export const INVISIBLE_RULE = 'source-invisible-character';

/** Names of the characters people meet; other controls are named by their block. */
const NAMES: Readonly<Record<number, string>> = {
  0x07: 'BELL',
  0x08: 'BACKSPACE',
  0x0b: 'LINE TABULATION',
  0x0c: 'FORM FEED',
  0x1b: 'ESCAPE',
  0x7f: 'DELETE',
  0x061c: 'ARABIC LETTER MARK',
  0x200b: 'ZERO WIDTH SPACE',
  0x200e: 'LEFT-TO-RIGHT MARK',
  0x200f: 'RIGHT-TO-LEFT MARK',
  0x202a: 'LEFT-TO-RIGHT EMBEDDING',
  0x202b: 'RIGHT-TO-LEFT EMBEDDING',
  0x202c: 'POP DIRECTIONAL FORMATTING',
  0x202d: 'LEFT-TO-RIGHT OVERRIDE',
  0x202e: 'RIGHT-TO-LEFT OVERRIDE',
  0x2060: 'WORD JOINER',
  0x2066: 'LEFT-TO-RIGHT ISOLATE',
  0x2067: 'RIGHT-TO-LEFT ISOLATE',
  0x2068: 'FIRST STRONG ISOLATE',
  0x2069: 'POP DIRECTIONAL ISOLATE',
  0xfeff: 'ZERO WIDTH NO-BREAK SPACE',
};

/**
 * C0 controls but tab and line feed (a CR is gone once the text is decoded), DEL, C1 controls, the bidi
 * marks, embeddings, overrides and isolates, and the zero-width characters that carry no meaning in German
 * text (ZWSP, word joiner, invisible operators, a BOM inside the text). Zero-width (non-)joiners and the
 * soft hyphen are left alone: they are typography, not a trap.
 */
const INVISIBLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;

/** One warning per line is plenty; a file full of them gets this many and a count of the rest. */
const MAX_LINES_REPORTED = 20;

function describe(code: number): string {
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  const name = NAMES[code] ?? (code < 0x80 ? 'a control character' : code <= 0x9f ? 'a C1 control character' : 'an invisible operator');
  return `${hex} (${name})`;
}

/**
 * Warnings for the invisible and bidirectional control characters of a decoded source, one per line that
 * has any, at the column (UTF-16 code units, 1-based) of its first one.
 */
export function findInvisibleCharacters(text: string, file: string): Diagnostic[] {
  const byLine = new Map<number, { column: number; codes: number[] }>();
  let line = 1;
  let lineStart = 0;
  let scanned = 0;
  for (const match of text.matchAll(INVISIBLE)) {
    // Lines up to the match: counted incrementally, so the scan stays linear.
    for (let at = text.indexOf('\n', scanned); at !== -1 && at < match.index; at = text.indexOf('\n', at + 1)) {
      line++;
      lineStart = at + 1;
    }
    scanned = match.index;
    const code = match[0].charCodeAt(0);
    const found = byLine.get(line);
    if (found === undefined) byLine.set(line, { column: match.index - lineStart + 1, codes: [code] });
    else if (!found.codes.includes(code)) found.codes.push(code);
  }
  const warnings: Diagnostic[] = [];
  for (const [at, { column, codes }] of byLine) {
    if (warnings.length === MAX_LINES_REPORTED) {
      warnings.push({
        severity: 'warning',
        rule: INVISIBLE_RULE,
        message: `invisible or control characters on ${byLine.size - MAX_LINES_REPORTED} more lines of this file`,
        file,
      });
      break;
    }
    const bidi = codes.some((code) => code === 0x061c || (code >= 0x200e && code <= 0x200f) || (code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069));
    warnings.push({
      severity: 'warning',
      rule: INVISIBLE_RULE,
      message:
        `invisible character${codes.length === 1 ? '' : 's'} ${codes.map(describe).join(', ')} in the source` +
        `${bidi ? ', which can reorder how the text around it is shown' : ''}: it is translated and published as it is`,
      hint: 'remove it from the source unless it is meant to be there; the review file shows it escaped',
      file,
      line: at,
      column,
    });
  }
  return warnings;
}
