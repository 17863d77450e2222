// The CLI's catalogues against the code that uses them: every id the code asks for exists in English and
// German, no catalogue keeps an id nothing asks for, plural ids have their forms, and a translation fills
// in the same placeholders as the English text.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { en } from '../../src/cli/locales/en.js';
import { de } from '../../src/cli/locales/de.js';
import { ROOT } from '../helpers/cli.js';

const PLURAL = /_(zero|one|two|few|many|other)$/;
const base = (key: string) => key.replace(PLURAL, '');
const catalogues: Record<string, Record<string, string>> = { en, de };

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'locales' ? [] : sources(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

/** Every `t('…')` and `later('…')` of src/cli: ids are always literals, so a scan finds them all. */
const used = new Set(
  sources(join(ROOT, 'src/cli')).flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/\b(?:t|later)\(\s*'([^']+)'/g)].map((m) => m[1]!)),
);

const placeholders = (text: string) => [...text.matchAll(/\{\{\s*([^,}\s]+)/g)].map((m) => m[1]).sort();

describe('CLI catalogues', () => {
  it('the scan finds the code', () => {
    expect(used.size).toBeGreaterThan(100);
    expect(used).toContain('check.summary');
    expect(used).toContain('count.segments');
  });

  for (const [lang, catalogue] of Object.entries(catalogues)) {
    it(`${lang}: has every id the code uses`, () => {
      const ids = new Set(Object.keys(catalogue).map(base));
      expect([...used].filter((key) => !ids.has(key))).toEqual([]);
    });

    it(`${lang}: has no id that no code uses`, () => {
      expect(Object.keys(catalogue).filter((key) => !used.has(base(key)))).toEqual([]);
    });

    it(`${lang}: plural ids have both forms (one, other) and no text is empty`, () => {
      for (const key of Object.keys(catalogue).filter((k) => PLURAL.test(k))) {
        expect(catalogue, key).toHaveProperty(`${base(key)}_one`);
        expect(catalogue, key).toHaveProperty(`${base(key)}_other`);
      }
      expect(Object.entries(catalogue).filter(([, text]) => text.trim() === '')).toEqual([]);
    });
  }

  it('German has exactly the English ids', () => {
    expect(Object.keys(de).sort()).toEqual(Object.keys(en).sort());
  });

  it('German fills in the same placeholders as English', () => {
    const differing = Object.keys(en).filter((key) => {
      const english = placeholders(en[key as keyof typeof en]);
      const german = placeholders(de[key as keyof typeof de]);
      // A plural form may leave out {{count}} ("ein Eintrag"), never add or lose anything else.
      const strip = (list: (string | undefined)[]) => list.filter((p) => p !== 'count');
      return JSON.stringify(strip(english)) !== JSON.stringify(strip(german));
    });
    expect(differing).toEqual([]);
  });
});
