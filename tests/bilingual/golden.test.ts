import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fromBilingualMarkdown, toBilingualMarkdown, type BilingualDocument } from '../../src/bilingual/index.js';
import { SAMPLE_DOCUMENT, SAMPLE_NOTES } from './sample-document.js';

const GOLDEN = fileURLToPath(new URL('../fixtures/bilingual/basic.md', import.meta.url));

describe('golden file', () => {
  it('writes the sample document byte for byte as tests/fixtures/bilingual/basic.md', () => {
    const written = toBilingualMarkdown(SAMPLE_DOCUMENT, { notes: SAMPLE_NOTES });
    // After a deliberate format change: BITEXT_UPDATE_GOLDEN=1 npx vitest run tests/bilingual, then review the diff.
    if (process.env['BITEXT_UPDATE_GOLDEN'] === '1') writeFileSync(GOLDEN, written);
    expect(written).toBe(readFileSync(GOLDEN, 'utf8'));
  });

  it('reads the golden file back into the sample document', () => {
    expect(fromBilingualMarkdown(readFileSync(GOLDEN, 'utf8'), 'basic.md')).toStrictEqual(SAMPLE_DOCUMENT);
  });

  it('reads a version 1 file (counts in the front matter, the old instructions) into the same document, to be upgraded', () => {
    const v1 = readFileSync(fileURLToPath(new URL('../fixtures/bilingual/basic-v1.md', import.meta.url)), 'utf8');
    const { comment: _c, ...machine } = SAMPLE_DOCUMENT.paragraphs[1]!.segments[0]!;
    const { accepted: _a, ...stale } = SAMPLE_DOCUMENT.paragraphs[1]!.segments[2]!;
    const expected: BilingualDocument = {
      ...SAMPLE_DOCUMENT,
      version: 1,
      paragraphs: SAMPLE_DOCUMENT.paragraphs.map((p, i) => (i !== 1 ? p : { ...p, segments: [machine, p.segments[1]!, stale, ...p.segments.slice(3)] })),
    };
    expect(fromBilingualMarkdown(v1, 'basic-v1.md')).toStrictEqual(expected);
  });

  it('writes the same bytes on every run', () => {
    const first = toBilingualMarkdown(SAMPLE_DOCUMENT, { notes: SAMPLE_NOTES });
    const reread = fromBilingualMarkdown(first, 'basic.md');
    expect(toBilingualMarkdown(reread, { notes: SAMPLE_NOTES })).toBe(first);
  });
});
