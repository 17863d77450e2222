// A reviewer's hands, for tests: read a review file, change segments as a person would (only their target
// and status lines), write it back. Shared by the review tests on the built CLI and in-process.
import { readFile, writeFile } from 'node:fs/promises';
import { expect } from 'vitest';
import { fromBilingualMarkdown, toBilingualMarkdown } from '../../src/bilingual/index.js';
import type { BilingualDocument, BilingualSegment } from '../../src/bilingual/types.js';

export async function readReview(path: string, shown = path): Promise<BilingualDocument> {
  return fromBilingualMarkdown(await readFile(path, 'utf8'), shown);
}

export function segmentsOf(doc: BilingualDocument): BilingualSegment[] {
  return doc.paragraphs.flatMap((p) => p.segments);
}

/** Changes the segments `pick` selects (by source text, or a predicate); fails the test when none is found. */
export async function editReview(
  path: string,
  pick: string | ((s: BilingualSegment) => boolean),
  change: (s: BilingualSegment) => BilingualSegment,
): Promise<void> {
  const doc = await readReview(path);
  const selects = typeof pick === 'string' ? (s: BilingualSegment) => s.source === pick : pick;
  let found = false;
  const paragraphs = doc.paragraphs.map((p) => ({
    ...p,
    segments: p.segments.map((s) => {
      if (!selects(s)) return s;
      found = true;
      return change(s);
    }),
  }));
  expect(found, typeof pick === 'string' ? pick : 'a segment').toBe(true);
  await writeFile(path, toBilingualMarkdown({ ...doc, paragraphs }));
}
