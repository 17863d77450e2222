import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SEGMENT_STATUSES, type BlockKind } from '../../src/core/types.js';
import {
  fromBilingualMarkdown,
  toBilingualMarkdown,
  type BilingualDocument,
  type BilingualSegment,
} from '../../src/bilingual/index.js';
import { toMarkdownLine } from '../../src/core/markdown-line.js';
import { FORMAT_VERSION } from '../../src/bilingual/index.js';

const BLOCK_KINDS: readonly BlockKind[] = ['paragraph', 'heading', 'list-item', 'blockquote', 'table-cell', 'footnote', 'image-alt', 'front-matter'];

/** Pieces that imitate the file's own structure, Markdown, escapes and characters editors treat specially. */
const TRICKY_PIECES = [
  '\n', '\r', '\r\n', '\t', ' ', '  ', '\\', '\\n', '\\u0020', '\\u12', '\\\\', '---', '...', '#### ¶', '#### ¶ heading',
  '# ', '> ', '>', '<!-- bitext s1a2b3c4d mt=0123456789abcdef -->', '<!-- bitext s1 -->', '<!--', '-->', 'status: approved',
  'Status: Approved', 'status:', 'draft: ', '- draft: x', 'previous source: ', '- previous source: ', 'memory 87% source: ',
  '- memory 5% target: ', 'memory 1000%', '_(no translation yet: replace this line with the translation)_', '1. ', '2) ',
  '123456789.', '* ', '+ ', '- ', '=', '`', '```', '~~~', '|', '[a]: b', '_', '\u2028', '\u2029', '\u0085', '\ufeff',
  '\ud800', '\udc00', '\u000b', '\f', '\u0000', '\u007f', '\u00a0', 'ü', 'ß', '😀', '%', '%u12', '%41', 'mt=', ' · ', '·',
  'a', 'Wort', 'bitext: 2',
];

const trickyText = fc.array(fc.constantFrom(...TRICKY_PIECES), { maxLength: 8 }).map((pieces) => pieces.join(''));
const loneSurrogates = fc.string({
  unit: fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code)),
  maxLength: 3,
});
const anyText = fc.oneof(
  fc.constant(''),
  fc.string({ unit: 'grapheme' }),
  fc.string({ unit: 'binary' }),
  fc.string({ unit: 'binary-ascii' }),
  trickyText,
  fc.tuple(trickyText, fc.string({ unit: 'binary' }), trickyText, loneSurrogates).map((parts) => parts.join('')),
);
const realisticId = fc.stringMatching(/^s[0-9a-f]{8}$/);
const anyId = fc.oneof(realisticId, fc.string({ unit: 'binary', minLength: 1 }), trickyText.filter((s) => s !== ''));
const machineHash = fc.oneof(fc.constant(''), fc.stringMatching(/^[0-9a-f]{16}$/), anyText);
const metadata = fc.oneof(fc.constantFrom('de', 'en-GB', 'seeds/000_x.txt', 'mock', '', '1e10', 'no', 'null'), anyText);

const suggestion = fc.record({ score: fc.integer({ min: 0, max: 100 }), source: anyText, target: anyText }, { noNullPrototype: true });
type SegmentWithoutId = Omit<BilingualSegment, 'id'>;
const segmentWithoutId: fc.Arbitrary<SegmentWithoutId> = fc
  .tuple(
    fc.record({
      status: fc.constantFrom(...SEGMENT_STATUSES),
      source: anyText,
      target: anyText,
      machineHash,
    }),
    fc.record(
      {
        previousSource: anyText,
        draft: anyText,
        suggestions: fc.array(suggestion, { minLength: 1, maxLength: 3 }),
        comment: anyText,
        accepted: fc.array(fc.record({ rule: fc.stringMatching(/^[a-z][a-z0-9-]{0,20}$/), reason: anyText }, { noNullPrototype: true }), { minLength: 1, maxLength: 2 }),
      },
      { requiredKeys: [], noNullPrototype: true },
    ),
  )
  .map(([required, optional]) => ({ ...required, ...optional }));

const documentArb: fc.Arbitrary<BilingualDocument> = fc
  .record({
    paragraphs: fc.array(
      fc.record({ kind: fc.constantFrom(...BLOCK_KINDS), segments: fc.array(segmentWithoutId, { maxLength: 4 }) }),
      { maxLength: 4 },
    ),
    path: metadata,
    hash: metadata,
    language: metadata,
    targetLanguage: metadata,
    backend: metadata,
    glossaryHash: metadata,
  })
  .chain((shape) => {
    const count = shape.paragraphs.reduce((sum, p) => sum + p.segments.length, 0);
    return fc.uniqueArray(anyId, { minLength: count, maxLength: count }).map((ids): BilingualDocument => {
      let next = 0;
      return {
        version: FORMAT_VERSION,
        source: { path: shape.path, hash: shape.hash, language: shape.language },
        targetLanguage: shape.targetLanguage,
        backend: shape.backend,
        glossaryHash: shape.glossaryHash,
        paragraphs: shape.paragraphs.map((p) => ({
          kind: p.kind,
          segments: p.segments.map((s) => ({ id: ids[next++] ?? '', ...s })),
        })),
      };
    });
  });

/**
 * The file of a Markdown source: body segments hold inline Markdown in the canonical one-line form the
 * reader renders (here: any text made canonical, plus real Markdown and look-alikes of the file's own
 * lines), front-matter fields and alt texts any text at all.
 */
const MARKDOWN_PIECES = [
  '**fett**', '*kursiv*', '_kursiv_', '[Link](https://example.com/a?b=1&c=2 "T")', '`code`', '``a`b``', '![Alt](b.jpg)', '[^1]',
  '<span lang="en">', '</span>', '<br>', '<!-- Kommentar -->', '<!-- bitext s1a2b3c4d -->', '\\*', '1\\.', '&amp;', '&#115;tatus:',
  ...TRICKY_PIECES,
];
const markdownText = fc
  .oneof(fc.array(fc.constantFrom(...MARKDOWN_PIECES), { maxLength: 8 }).map((pieces) => pieces.join(' ')), anyText)
  .map(toMarkdownLine);
const markdownDocArb: fc.Arbitrary<BilingualDocument> = fc
  .tuple(documentArb, fc.array(markdownText, { minLength: 64, maxLength: 64 }))
  .map(([doc, texts]) => {
    let next = 0;
    const text = (): string => texts[next++ % texts.length] ?? '';
    return {
      ...doc,
      format: 'markdown',
      paragraphs: doc.paragraphs.map((p) =>
        p.kind === 'front-matter' || p.kind === 'image-alt'
          ? p
          : {
              ...p,
              segments: p.segments.map((s) => ({
                ...s,
                source: text(),
                target: text(),
                ...(s.previousSource === undefined ? {} : { previousSource: text() }),
                ...(s.draft === undefined ? {} : { draft: text() }),
                ...(s.suggestions === undefined ? {} : { suggestions: s.suggestions.map((g) => ({ ...g, source: text(), target: text() })) }),
                ...(s.comment === undefined ? {} : { comment: text() }),
                ...(s.accepted === undefined ? {} : { accepted: s.accepted.map((a) => ({ ...a, reason: text() })) }),
              })),
            },
      ),
    };
  });

describe('round trip of a Markdown source\'s file', () => {
  it('reads back exactly the document it wrote: inline Markdown as written, plain fields escaped', () => {
    fc.assert(
      fc.property(markdownDocArb, (doc) => {
        const written = toBilingualMarkdown(doc);
        expect(fromBilingualMarkdown(written, 'x.md')).toStrictEqual(doc);
        expect(toBilingualMarkdown(fromBilingualMarkdown(written, 'x.md'))).toBe(written);
      }),
      { numRuns: 600 },
    );
  });

  it('keeps inline Markdown as it is on the line, so GitHub renders it', () => {
    const doc = fc.sample(markdownDocArb, 1)[0]!;
    const withSegment: BilingualDocument = {
      ...doc,
      paragraphs: [{ kind: 'paragraph', segments: [{ id: 's1', status: 'machine', source: 'Der **Kanzler** sprach [heute](https://x.de).', target: 'The **chancellor** spoke [today](https://x.de).', machineHash: '' }] }],
    };
    expect(toBilingualMarkdown(withSegment)).toContain('\n> Der **Kanzler** sprach [heute](https://x.de).\n\nThe **chancellor** spoke [today](https://x.de).\n');
  });
});

const notesFor = (doc: BilingualDocument, note: string): Map<string, string[]> =>
  new Map(doc.paragraphs.flatMap((p) => p.segments.map((s): [string, string[]] => [s.id, [note, note]])));

describe('round trip', () => {
  it('reads back exactly the document it wrote, for any content', () => {
    fc.assert(
      fc.property(documentArb, (doc) => {
        expect(fromBilingualMarkdown(toBilingualMarkdown(doc), 'x.md')).toStrictEqual(doc);
      }),
      { numRuns: 1000 },
    );
  });

  it('writes the same bytes again after reading its own output', () => {
    fc.assert(
      fc.property(documentArb, (doc) => {
        const written = toBilingualMarkdown(doc);
        expect(toBilingualMarkdown(fromBilingualMarkdown(written, 'x.md'))).toBe(written);
      }),
      { numRuns: 500 },
    );
  });

  it('ignores notes and titles of any content when reading', () => {
    fc.assert(
      fc.property(documentArb, anyText, anyText, (doc, note, title) => {
        const written = toBilingualMarkdown(doc, { notes: notesFor(doc, note), title });
        expect(fromBilingualMarkdown(written, 'x.md')).toStrictEqual(doc);
      }),
      { numRuns: 500 },
    );
  });

  it('writes only lines that survive editors: no raw control characters, tabs, line separators, lone surrogates or trailing blanks', () => {
    fc.assert(
      fc.property(documentArb, anyText, (doc, note) => {
        const written = toBilingualMarkdown(doc, { notes: notesFor(doc, note), title: note });
        expect(written).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\ufeff]/);
        expect(written).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
        expect(written).not.toMatch(/[ \t]$/m);
      }),
      { numRuns: 300 },
    );
  });

  it('survives what editors do to the whole file: CRLF, a BOM, trailing blanks, removed or doubled blank lines', () => {
    const edits: readonly ((text: string) => string)[] = [
      (text) => text.replace(/\n/g, '\r\n'),
      (text) => `\ufeff${text}`,
      (text) => text.replace(/\n/g, '  \n'),
      (text) => text.replace(/\n/g, '\t\n'),
      (text) => {
        const end = text.indexOf('\n---\n') + 5;
        return text.slice(0, end) + text.slice(end).replace(/\n\n+/g, '\n');
      },
      (text) => text.replace(/\n\n/g, '\n\n\n\n'),
    ];
    fc.assert(
      fc.property(documentArb, fc.constantFrom(...edits.keys()), (doc, editIndex) => {
        const edit = edits[editIndex];
        if (edit === undefined) throw new Error('no edit');
        expect(fromBilingualMarkdown(edit(toBilingualMarkdown(doc)), 'x.md')).toStrictEqual(doc);
      }),
      { numRuns: 600 },
    );
  });
});

describe('characters a reviewer cannot see', () => {
  it('bidirectional controls in a plain-text source are written visibly as \\u escapes and read back exactly', async () => {
    const { toBilingualMarkdown, fromBilingualMarkdown } = await import('../../src/bilingual/index.js');
    const { SAMPLE_DOCUMENT } = await import('./sample-document.js');
    const tricky = 'Preis: \u202e001\u202c Euro \u2066isoliert\u2069 \u200fRTL\u200e';
    const first = SAMPLE_DOCUMENT.paragraphs[0]!;
    const doc = { ...SAMPLE_DOCUMENT, format: undefined, paragraphs: [{ ...first, segments: [{ ...first.segments[0]!, source: tricky, target: tricky }] }] };
    const text = toBilingualMarkdown(doc);
    expect(text).not.toMatch(/[\u200e\u200f\u202a-\u202e\u2066-\u2069]/);
    expect(text).toContain('\\u202E001\\u202C');
    expect(fromBilingualMarkdown(text, 'x.md').paragraphs[0]!.segments[0]!).toMatchObject({ source: tricky, target: tricky });
  });
});
