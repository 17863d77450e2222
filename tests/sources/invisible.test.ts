import { describe, expect, it } from 'vitest';
import { findInvisibleCharacters } from '../../src/sources/invisible.js';
import { sourceFromText } from '../../src/sources/read-sources.js';

describe('findInvisibleCharacters', () => {
  it.each([
    ['\u202a', 'LEFT-TO-RIGHT EMBEDDING'],
    ['\u202b', 'RIGHT-TO-LEFT EMBEDDING'],
    ['\u202c', 'POP DIRECTIONAL FORMATTING'],
    ['\u202d', 'LEFT-TO-RIGHT OVERRIDE'],
    ['\u202e', 'RIGHT-TO-LEFT OVERRIDE'],
    ['\u2066', 'LEFT-TO-RIGHT ISOLATE'],
    ['\u2067', 'RIGHT-TO-LEFT ISOLATE'],
    ['\u2068', 'FIRST STRONG ISOLATE'],
    ['\u2069', 'POP DIRECTIONAL ISOLATE'],
    ['\u200e', 'LEFT-TO-RIGHT MARK'],
    ['\u200f', 'RIGHT-TO-LEFT MARK'],
    ['\u0007', 'BELL'],
    ['\u001b', 'ESCAPE'],
    ['\u0001', 'a control character'],
    ['\u0085', 'a C1 control character'],
    ['\u200b', 'ZERO WIDTH SPACE'],
  ])('reports %j as %s, at its line and column', (char, name) => {
    const [warning, ...rest] = findInvisibleCharacters(`Erste Zeile.\nZwei${char}te Zeile.\n`, 'a.txt');
    expect(rest).toEqual([]);
    expect(warning).toMatchObject({ severity: 'warning', rule: 'source-invisible-character', file: 'a.txt', line: 2, column: 5 });
    expect(warning?.message).toContain(`(${name})`);
  });

  it('leaves tabs, line breaks, zero-width joiners and the soft hyphen alone', () => {
    expect(findInvisibleCharacters('Ein\tTab.\nBundes\u00adregierung, Emoji 👩\u200d💻, Persisch \u200c.\n', 'a.txt')).toEqual([]);
  });

  it('reports at most 20 lines and counts the rest', () => {
    const warnings = findInvisibleCharacters(`${'Satz\u001b.\n'.repeat(25)}`, 'a.txt');
    expect(warnings).toHaveLength(21);
    expect(warnings[19]).toMatchObject({ line: 20, column: 5 });
    expect(warnings[20]?.message).toBe('invisible or control characters on 5 more lines of this file');
  });

  it('travels with the source document that reading returns', () => {
    expect(sourceFromText('Gut.\nBöse\u202e.\n', 'a.txt').warnings).toEqual([expect.objectContaining({ line: 2, column: 5 })]);
    expect(sourceFromText('Gut.\n', 'a.txt').warnings).toBeUndefined();
  });
});
