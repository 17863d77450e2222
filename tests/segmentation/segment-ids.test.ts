import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { assignSegmentIds, hashSegmentId, segmentText } from '../../src/segmentation/index.js';

const SEEDS = ['000_559d78c4b1b37f76.txt', '001_1ec20ad4081501bd.txt'].map((name) =>
  readFileSync(fileURLToPath(new URL(`../../seeds/${name}`, import.meta.url)), 'utf8'),
);

describe('hashSegmentId', () => {
  it('is "s" + the first 8 hex digits of sha256 (values from sha256sum)', () => {
    expect(hashSegmentId('Hallo Welt.')).toBe('sb9a8a88e');
    expect(hashSegmentId('Der Umsatz stieg um 5 Mio.')).toBe('s4101f355');
  });

  it('ignores Unicode normalisation form and whitespace runs', () => {
    const composed = 'Die Gr\u00fcnen \u00e4u\u00dferten sich.';
    const decomposed = 'Die Gru\u0308nen a\u0308u\u00dferten sich.';
    expect(decomposed).not.toBe(composed);
    expect(hashSegmentId(decomposed)).toBe(hashSegmentId(composed));
    expect(hashSegmentId('Die  Grünen\näußerten\u00a0sich.')).toBe(hashSegmentId('Die Grünen äußerten sich.'));
  });

  it('distinguishes different sentences', () => {
    expect(hashSegmentId('Die Aktie fiel.')).not.toBe(hashSegmentId('Die Aktie stieg.'));
  });
});

describe('assignSegmentIds', () => {
  it('keeps the shape and the text', () => {
    const result = assignSegmentIds([['Eins.', 'Zwei.'], [], ['Drei']]);
    expect(result.map((p) => p.map((s) => s.text))).toEqual([['Eins.', 'Zwei.'], [], ['Drei']]);
  });

  it('suffixes the 2nd, 3rd … occurrence of a sentence across the document', () => {
    const result = assignSegmentIds([['Ja.', 'Nein.'], ['Ja.'], ['Ja.', 'Nein.']]);
    const base = hashSegmentId('Ja.');
    const no = hashSegmentId('Nein.');
    expect(result.flat().map((s) => s.id)).toEqual([base, no, `${base}-2`, `${base}-3`, `${no}-2`]);
  });

  it('gives every segment of the seeds a unique well-formed id', () => {
    for (const seed of SEEDS) {
      const ids = segmentText(seed).paragraphs.flat().map((s) => s.id);
      for (const id of ids) expect(id).toMatch(/^s[0-9a-f]{8}(-[0-9]+)?$/);
      expect(new Set(ids).size).toBe(ids.length);
    }
  });
});

type Edit = { kind: 'edit' | 'insert' | 'delete'; paragraph: number; sentence: number };

/** Rebuilds plain text from sentence lists: sentences joined by a space, paragraphs by a newline. */
function toText(paragraphs: readonly (readonly string[])[]): string {
  return paragraphs.map((sentences) => sentences.join(' ')).join('\n');
}

/**
 * Deleting or inserting right after a sentence that ends without a full stop ("…Freunde,") merges two
 * sentences; that is the splitter being right, not an id problem, so such edits are not generated.
 */
function joinsNeighbours(paragraphs: readonly (readonly string[])[], edit: Edit): boolean {
  if (edit.kind === 'edit') return false;
  const sentences = paragraphs[edit.paragraph % paragraphs.length] ?? [];
  const index = edit.sentence % Math.max(sentences.length, 1);
  const previous = sentences[index - 1];
  return previous !== undefined && !/[.!?“”]$/u.test(previous);
}

function applyEdit(paragraphs: string[][], edit: Edit): { paragraphs: string[][]; touched: string | undefined } {
  const copy = paragraphs.map((p) => [...p]);
  const sentences = copy[edit.paragraph % copy.length] ?? [];
  const index = edit.sentence % Math.max(sentences.length, 1);
  const original = sentences[index];
  if (edit.kind === 'insert') {
    const inserted = 'Das teilte die Nachrichtenagentur am Abend mit.';
    // Before a lower-case line such as "rrt-allgemeines" the new sentence would (rightly) merge with it;
    // insert it as a paragraph of its own there.
    if (original !== undefined && /^\p{Ll}/u.test(original)) copy.splice(edit.paragraph % copy.length, 0, [inserted]);
    else sentences.splice(index, 0, inserted);
    return { paragraphs: copy, touched: undefined };
  }
  if (original === undefined) return { paragraphs: copy, touched: undefined };
  if (edit.kind === 'delete') sentences.splice(index, 1);
  else sentences[index] = original.replace(' ', ' nun ');
  return { paragraphs: copy, touched: original };
}

describe('segment ids are stable under edits elsewhere', () => {
  it('editing, inserting or deleting one sentence of a seed leaves all other ids unchanged', () => {
    for (const seed of SEEDS) {
      const before = segmentText(seed).paragraphs;
      const sentences = before.map((p) => p.map((s) => s.text));
      fc.assert(
        fc.property(
          fc.record({
            kind: fc.constantFrom<Edit['kind']>('edit', 'insert', 'delete'),
            paragraph: fc.nat(),
            sentence: fc.nat(),
          }),
          (edit) => {
            fc.pre(!joinsNeighbours(sentences, edit));
            const { paragraphs, touched } = applyEdit(sentences, edit);
            const after = segmentText(toText(paragraphs)).paragraphs.flat();
            // The edited document must segment as intended, or the id comparison below proves nothing.
            expect(after.map((s) => s.text)).toEqual(paragraphs.flat());
            const afterIds = new Map(after.map((s) => [s.text, s.id]));
            for (const segment of before.flat()) {
              if (segment.text === touched) continue;
              expect(afterIds.get(segment.text)).toBe(segment.id);
            }
          },
        ),
        { numRuns: 200 },
      );
    }
  });
});
