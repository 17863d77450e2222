// Upgrading review files from format 1 to 2 changes the format and nothing else: the committed English
// translations of the seeds were rewritten by `bitext translate` from the v1 files kept in
// tests/fixtures/upgrade-v1; every segment, status, hash and target reads back the same.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../helpers/cli.js';
import { fromBilingualMarkdown, toBilingualMarkdown } from '../../src/bilingual/index.js';
import { FORMAT_VERSION } from '../../src/bilingual/index.js';

const V1 = join(ROOT, 'tests/fixtures/upgrade-v1');

describe('format 1 → 2', () => {
  for (const name of readdirSync(V1)) {
    it(`${name}: the same document, written in the new format`, () => {
      const v1 = fromBilingualMarkdown(readFileSync(join(V1, name), 'utf8'), name);
      const committed = readFileSync(join(ROOT, 'translations/en', name), 'utf8');
      const v2 = fromBilingualMarkdown(committed, name);
      expect(v1.version).toBe(1);
      expect(v2.version).toBe(FORMAT_VERSION);
      expect({ ...v1, version: FORMAT_VERSION }).toEqual(v2);
      expect(v2.paragraphs.flatMap((p) => p.segments).length).toBeGreaterThan(5);
      // What the upgrade wrote is what the writer makes of the v1 document.
      expect(toBilingualMarkdown(v1)).toBe(committed.replace(/ · glossary: [^\n]*/g, ''));
    });
  }
});
