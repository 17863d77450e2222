// The shipped glossary.json against the seed articles: it must load without warnings and find every
// occurrence of its terms, in the inflected forms the articles actually use.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findTerms, parseGlossary, requiredTarget } from '../../src/glossary/index.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const read = (path: string): string => readFileSync(`${root}${path}`, 'utf8');
const { glossary, warnings } = parseGlossary(read('glossary.json'), 'glossary.json');

/** Hits per non-empty line of each seed, written down by reading the articles. */
const EXPECTED: Record<string, Array<Array<[string, string]>>> = {
  'seeds/000_559d78c4b1b37f76.txt': [
    [],
    [
      ['chinesisches-neujahrsfest', 'chinesischen Neujahrfestes'],
      ['staatspraesident', 'Staatspräsident'],
      ['xi-jinping', 'Xi Jinping'],
      ['praesident', 'Präsidenten'],
      ['wladimir-putin', 'Wladimir Putin'],
    ],
    [
      ['xi', 'Xi'],
      ['praesident', 'Präsident'],
      ['putin', 'Putin'],
      ['praesident', 'Präsident'],
      ['putin', 'Putin'],
      ['generationenfreundschaft', 'Generationenfreundschaft'],
    ],
    [
      ['xi', 'Xi'],
      ['kulturjahr', 'Kulturjahr'],
    ],
    [
      ['wladimir-putin', 'Wladimir Putin'],
      ['shanghaier-kooperationsorganisation', 'Shanghaier Kooperationsorganisation'],
      ['multilateralismus', 'Multilateralismus'],
      ['ein-china-prinzip', 'Ein-China-Prinzip'],
      ['taiwan-frage', 'Taiwan-Frage'],
      ['friedliche-wiedervereinigung', 'friedliche Wiedervereinigung'],
    ],
  ],
  'seeds/001_1ec20ad4081501bd.txt': [
    [['staats-und-regierungschefs', 'Staats- und Regierungschefs']],
    [
      ['praesident', 'Präsident'],
      ['wladimir-putin', 'Wladimir Putin'],
      ['praesident', 'Präsident'],
      ['xi-jinping', 'Xi Jinping'],
      ['putin', 'Putin'],
      ['xi', 'Xi'],
      ['peking', 'Peking'],
      ['moskau', 'Moskau'],
      ['xi', 'Xi'],
      ['zweiter-weltkrieg', 'Zweiten Weltkrieg'],
      ['vereinte-nationen', 'Vereinten Nationen'],
      ['sicherheitsrat', 'Sicherheitsrats'],
      ['putin', 'Putin'],
      ['moskau', 'Moskau'],
      ['peking', 'Peking'],
      ['putin', 'Putin'],
    ],
    [['wsj', 'WSJ']],
    [
      ['putin', 'Putin'],
      ['xi', 'Xi'],
      ['peking', 'Peking'],
      ['astana', 'Astana'],
      ['kasan', 'Kasan'],
    ],
    [],
  ],
};

describe('glossary.json', () => {
  it('parses without warnings', () => {
    expect(warnings).toEqual([]);
    expect(glossary.terms.length).toBeGreaterThanOrEqual(20);
  });

  it('gives every term an English target', () => {
    const missing = glossary.terms.filter((term) => requiredTarget(term, 'en') === undefined).map((t) => t.id);
    expect(missing).toEqual([]);
  });

  for (const [path, lines] of Object.entries(EXPECTED)) {
    it(`finds every term occurrence in ${path}`, () => {
      const text = read(path).split('\n').filter((line) => line.trim() !== '');
      expect(text).toHaveLength(lines.length);
      text.forEach((line, i) => {
        const hits = findTerms(glossary, line).map((m): [string, string] => [m.termId, m.text]);
        expect(hits, `line ${i + 1}: ${line.slice(0, 60)}`).toEqual(lines[i]);
      });
    });
  }

  it('matches the two phrases the reviewer flagged, with their articles', () => {
    const seed = read('seeds/000_559d78c4b1b37f76.txt');
    const withArticle = (article: string): string[] =>
      findTerms(glossary, seed).map((m) => seed.slice(m.start - article.length - 1, m.end));
    expect(withArticle('der')).toContain('der Shanghaier Kooperationsorganisation');
    expect(withArticle('am')).toContain('am Ein-China-Prinzip');
  });
});
