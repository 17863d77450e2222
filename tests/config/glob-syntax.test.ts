// expandSources tells a plain path from a glob without loading the glob stack (tinyglobby, fdir, picomatch)
// when the entry has no glob character; this holds that shortcut to tinyglobby's own answer.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isDynamicPattern as tinyglobbyIsDynamic } from 'tinyglobby';
import { isDynamicPattern } from '../../src/config/expand-sources.js';

describe('isDynamicPattern without tinyglobby', () => {
  it('gives tinyglobby’s answer for paths and globs', () => {
    const samples = ['seeds', 'sources/doc-0573.txt', 'a b/ü.md', '.', './x', '../x', 'a.b.c', '*.md', 'seeds/**', 'a?.txt', '[ab].md', '{a,b}.md', '!x', 'x!', '+(a)', '@(a)', 'a|b', 'a\\*b', 'a\\b', '(a)', 'a]', 'a}', 'a+b', 'a@b'];
    for (const pattern of samples) expect(isDynamicPattern(pattern), pattern).toBe(tinyglobbyIsDynamic(pattern));
    expect(isDynamicPattern('sources/doc-0573.txt')).toBe(false);
    expect(isDynamicPattern('seeds/**/*.md')).toBe(true);
  });

  it('agrees on any string of path and glob characters', () => {
    const char = fc.constantFrom(...'ab./-_ ü*?[]{}()!+@|\\,^$');
    fc.assert(
      fc.property(fc.array(char, { maxLength: 12 }).map((chars) => chars.join('')), (pattern) => {
        expect(isDynamicPattern(pattern)).toBe(tinyglobbyIsDynamic(pattern));
      }),
      { numRuns: 5000 },
    );
  });
});
