import { describe, expect, it } from 'vitest';
import { fromBilingualMarkdown, toBilingualMarkdown } from '../../src/bilingual/index.js';
import { BASIC, replaceLine, withSegment } from './edit-helpers.js';
import { SAMPLE_DOCUMENT } from './sample-document.js';

const PLACEHOLDER = '_(no translation yet: replace this line with the translation)_';
const read = (text: string) => fromBilingualMarkdown(text, 'basic.md');

describe('hand edits a reviewer makes', () => {
  it('reads a corrected target line', () => {
    const edited = replaceLine(BASIC, 'Photo by VCG', 'Photograph: VCG');
    expect(read(edited)).toStrictEqual(withSegment(SAMPLE_DOCUMENT, 's1a2b3c4d', { target: 'Photograph: VCG' }));
  });

  it('reads a changed status word in any case', () => {
    expect(read(replaceLine(BASIC, '🟠 status: machine', '🟠 status: Approved'))).toStrictEqual(
      withSegment(SAMPLE_DOCUMENT, 's1a2b3c4d', { status: 'approved' }),
    );
    expect(read(replaceLine(BASIC, '🟠 status: machine', 'Status: REVIEWED'))).toStrictEqual(
      withSegment(SAMPLE_DOCUMENT, 's1a2b3c4d', { status: 'reviewed' }),
    );
  });

  it('keeps reading the status word when the reviewer edits or deletes the derived notes', () => {
    const edited = replaceLine(
      BASIC,
      '🟢 status: approved · glossary: Ein-China-Prinzip → one-China principle',
      'status: reviewed·checked by Anna',
    );
    expect(read(edited)).toStrictEqual(withSegment(SAMPLE_DOCUMENT, 's0a1b2c3d', { status: 'reviewed' }));
    const wrappedNotes = replaceLine(
      BASIC,
      '🟣 status: stale · qa: number 3 missing in target · glossary: Treffen → meeting',
      '🟣 status: stale · qa: number 3 missing\nin target · glossary: Treffen → meeting',
    );
    expect(read(wrappedNotes)).toStrictEqual(SAMPLE_DOCUMENT);
  });

  it('joins a target wrapped onto several lines with single spaces', () => {
    const wrapped = replaceLine(BASIC, 'The meeting takes place on 2 May.', 'The meeting\n  takes place   \non 2 May.');
    expect(read(wrapped)).toStrictEqual(SAMPLE_DOCUMENT);
  });

  it('reads a translation typed over the placeholder, below it, or after it on the same line', () => {
    const expected = withSegment(SAMPLE_DOCUMENT, 's2b3c4d5e', { target: 'The spokeswoman said on Monday.' });
    expect(read(replaceLine(BASIC, PLACEHOLDER, 'The spokeswoman said on Monday.'))).toStrictEqual(expected);
    expect(read(replaceLine(BASIC, PLACEHOLDER, `${PLACEHOLDER}\nThe spokeswoman said on Monday.`))).toStrictEqual(expected);
    expect(read(replaceLine(BASIC, PLACEHOLDER, `${PLACEHOLDER} The spokeswoman said on Monday.`))).toStrictEqual(expected);
  });

  it('reads a deleted target line as no translation', () => {
    expect(read(replaceLine(BASIC, 'Photo by VCG', null))).toStrictEqual(
      withSegment(SAMPLE_DOCUMENT, 's1a2b3c4d', { target: '' }),
    );
  });

  it('reads text a reviewer types without our escapes as written', () => {
    const edited = replaceLine(BASIC, 'Photo by VCG', '#1 photo by VCG | 100% *real*');
    expect(read(edited)).toStrictEqual(withSegment(SAMPLE_DOCUMENT, 's1a2b3c4d', { target: '#1 photo by VCG | 100% *real*' }));
  });

  it('ignores edits to derived parts: title, instructions, the status marks, the changes line', () => {
    let edited = replaceLine(BASIC, '# 000_beispiel · de → en', '# My article');
    edited = edited.replace(/<details>[\s\S]*<\/details>/, '');
    edited = edited.replace('🟠 status: machine', '🟢 status: machine').replace('🔴 status: new', 'status: new');
    edited = edited.replace(/^- changes: .*$/m, '- changes: anything at all');
    expect(read(edited)).toStrictEqual(SAMPLE_DOCUMENT);
  });

  it('reads a comment, and an accepted finding with its reason', () => {
    const edited = replaceLine(BASIC, '- comment: VCG is the agency: keep its name.', '- comment: Anna: checked with the photo desk');
    expect(read(edited)).toStrictEqual(withSegment(SAMPLE_DOCUMENT, 's1a2b3c4d', { comment: 'Anna: checked with the photo desk' }));
    const added = replaceLine(BASIC, '🔴 status: new', '🔴 status: new\n- accept untranslated-empty: translated in print only');
    expect(read(added)).toStrictEqual(withSegment(SAMPLE_DOCUMENT, 's2b3c4d5e', { accepted: [{ rule: 'untranslated-empty', reason: 'translated in print only' }] }));
  });

  it('reads one-word actions in place of the status', () => {
    expect(read(replaceLine(BASIC, '🟣 status: stale · qa: number 3 missing in target · glossary: Treffen → meeting', 'status: use-draft'))).toStrictEqual(
      withSegment(SAMPLE_DOCUMENT, 's3c4d5e6f', { status: 'edited', action: { kind: 'use-draft' } }),
    );
    expect(read(replaceLine(BASIC, '🟣 status: stale · qa: number 3 missing in target · glossary: Treffen → meeting', 'status: use-memory 1'))).toStrictEqual(
      withSegment(SAMPLE_DOCUMENT, 's3c4d5e6f', { status: 'edited', action: { kind: 'use-memory', index: 1 } }),
    );
    expect(read(replaceLine(BASIC, '🟠 status: machine', 'status: join'))).toStrictEqual(
      withSegment(SAMPLE_DOCUMENT, 's1a2b3c4d', { status: 'edited', action: { kind: 'join' } }),
    );
  });

  it('reads extra lines without their list bullets', () => {
    const edited = BASIC.replace(/^- (previous source|draft|memory|comment|accept|changes)/gm, '$1');
    expect(edited).not.toBe(BASIC);
    expect(read(edited)).toStrictEqual(SAMPLE_DOCUMENT);
  });
});

describe('what editors do to the whole file', () => {
  it('reads CRLF line ends', () => {
    expect(read(BASIC.replace(/\n/g, '\r\n'))).toStrictEqual(SAMPLE_DOCUMENT);
  });

  it('reads old-Mac CR line ends', () => {
    expect(read(BASIC.replace(/\n/g, '\r'))).toStrictEqual(SAMPLE_DOCUMENT);
  });

  it('reads a file with a BOM, trailing spaces and indented lines', () => {
    const edited = `\ufeff${BASIC.replace(/\n(?!---)/g, ' \t\n ')}`;
    expect(read(edited)).toStrictEqual(SAMPLE_DOCUMENT);
  });

  it('reads a segment whose blank lines were removed', () => {
    const edited = BASIC.replace('> Foto von VCG\n\nPhoto by VCG\n\n🟠 status: machine\n', '> Foto von VCG\nPhoto by VCG\n🟠 status: machine\n');
    expect(edited).not.toBe(BASIC);
    expect(read(edited)).toStrictEqual(SAMPLE_DOCUMENT);
  });

  it('reads the file with every blank line after the front matter removed', () => {
    const body = BASIC.indexOf('\n# ');
    const squeezed = BASIC.slice(0, body) + BASIC.slice(body).replace(/\n\n+/g, '\n');
    expect(read(squeezed)).toStrictEqual(SAMPLE_DOCUMENT);
  });

  it('reads the file with extra blank lines between blocks and at the end', () => {
    expect(read(`${BASIC.replace(/\n\n/g, '\n\n\n')}\n\n\n`)).toStrictEqual(SAMPLE_DOCUMENT);
  });

  it('writes an untouched file back byte for byte after a reviewer changed one segment', () => {
    const edited = replaceLine(BASIC, '🟠 status: machine', '🟠 status: approved');
    const rewritten = toBilingualMarkdown(read(edited));
    const before = toBilingualMarkdown(SAMPLE_DOCUMENT).split('\n');
    const after = rewritten.split('\n');
    const changed = before.flatMap((line, i) => (line === after[i] ? [] : [line]));
    // Only the status line: nothing derived from the counts elsewhere (parallel reviews do not collide).
    expect(changed).toEqual(['🟠 status: machine']);
  });
});
