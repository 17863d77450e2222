import { describe, expect, it } from 'vitest';
import * as bilingual from '../../src/bilingual/index.js';
import { countStatuses, fromBilingualMarkdown, hashMachineText, segmentLines, toBilingualMarkdown } from '../../src/bilingual/index.js';
import { BASIC } from './edit-helpers.js';
import { SAMPLE_DOCUMENT } from './sample-document.js';

describe('public surface', () => {
  it('exports exactly these values', () => {
    expect(Object.keys(bilingual).sort()).toEqual([
      'FORMAT_VERSION',
      'countStatuses',
      'fromBilingualMarkdown',
      'hashMachineText',
      'segmentLines',
      'toBilingualMarkdown',
      'wordChanges',
    ]);
  });

  it('segmentLines names the line of every marker, also in a CRLF file with a BOM', () => {
    const text = toBilingualMarkdown(SAMPLE_DOCUMENT);
    const lines = segmentLines(`\uFEFF${text.replace(/\n/g, '\r\n')}`);
    const all = text.split('\n');
    for (const segment of SAMPLE_DOCUMENT.paragraphs.flatMap((p) => p.segments)) {
      expect(all[lines.get(segment.id)! - 1]).toMatch(/^<!-- bitext /);
    }
    expect(lines.size).toBe(SAMPLE_DOCUMENT.paragraphs.flatMap((p) => p.segments).length);
  });
});

describe('countStatuses', () => {
  it('counts every status, zeros included, in the fixed order', () => {
    const empty = { ...SAMPLE_DOCUMENT, paragraphs: [] };
    expect(countStatuses(empty)).toEqual({ new: 0, machine: 0, edited: 0, reviewed: 0, approved: 0, stale: 0 });
    const doc = fromBilingualMarkdown(BASIC.replace('status: new', 'status: machine'), 'basic.md');
    const counts = countStatuses(doc);
    expect(counts).toEqual({ new: 0, machine: 2, edited: 1, reviewed: 1, approved: 1, stale: 1 });
    expect(Object.keys(counts)).toEqual(['new', 'machine', 'edited', 'reviewed', 'approved', 'stale']);
  });

  it('stores no counts in the file: they are derived (bitext status shows them) and would make parallel reviews collide', () => {
    const doc = fromBilingualMarkdown(BASIC.replace('status: new', 'status: approved'), 'basic.md');
    expect(toBilingualMarkdown(doc)).not.toMatch(/counts/);
  });

  it('keeps keys a person added to the front matter, as written', () => {
    const edited = BASIC.replace('targetLanguage: en\n', 'targetLanguage: en\nreviewer: Anna   \ndeadline: "2026-12-03"\n');
    const doc = fromBilingualMarkdown(edited, 'basic.md');
    expect(doc.extraFrontMatter).toEqual(['reviewer: Anna', 'deadline: "2026-12-03"']);
    expect(toBilingualMarkdown(doc)).toContain('targetLanguage: en\nreviewer: Anna\ndeadline: "2026-12-03"\n---\n');
  });

  it('says "unresolved merge conflict at line N" for a file git left conflict markers in, and how to fix it', () => {
    const conflicted = BASIC.replace('Photo by VCG\n', '<<<<<<< HEAD\nPhoto by VCG\n=======\nPhotograph: VCG\n>>>>>>> review-anna\n');
    expect(() => fromBilingualMarkdown(conflicted, 'basic.md')).toThrow(/unresolved merge conflict at line \d+: keep the lines you want/);
  });

  it('suggests the status meant by a typo', () => {
    expect(() => fromBilingualMarkdown(BASIC.replace('🟠 status: machine', 'status: aproved'), 'basic.md')).toThrow(/unknown status "aproved" — did you mean `approved`\?/);
  });
});

describe('hashMachineText', () => {
  it('is the first 16 hex digits of sha256 over UTF-8', () => {
    // Published test vector: sha256("abc") = ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad
    expect(hashMachineText('abc')).toBe('ba7816bf8f01cfea');
    expect(hashMachineText('')).toBe('e3b0c44298fc1c14');
  });

  it('tells apart texts that differ in one character', () => {
    expect(hashMachineText('Photo by VCG')).toMatch(/^[0-9a-f]{16}$/);
    expect(hashMachineText('Photo by VCG')).not.toBe(hashMachineText('Photo by VCG.'));
    expect(hashMachineText('Grüße')).not.toBe(hashMachineText('Gruße'));
  });
});

describe('title', () => {
  it('defaults to the file name and the language pair, and can be replaced', () => {
    expect(toBilingualMarkdown(SAMPLE_DOCUMENT)).toContain('\n# 000_beispiel · de → en\n');
    expect(toBilingualMarkdown(SAMPLE_DOCUMENT, { title: 'Beijing\nreaffirms' })).toContain('\n# Beijing reaffirms\n');
  });
});
