// What of a status line's notes is bitext's own (rewritten every run) and what a reviewer typed there.
import { describe, expect, it } from 'vitest';
import { reviewerNote } from '../../src/workflow/status-notes.js';

type Row = [name: string, notes: string, own: string];

const rows: Row[] = [
  ['nothing', '', ''],
  ['a finding', '✖ „3“ is missing in the target (found 4) (numbers-missing)', ''],
  ['the glossary reminder and two findings', 'glossary: Abkommen → agreement · ⚠ Two or more spaces (whitespace-double) · ℹ x (whitespace-french-punctuation)', ''],
  ['a finding whose message holds " · "', '✖ „Zeit · Online“ is missing · in part (markup-missing)', ''],
  ['a reviewer\'s words alone', 'my note here', 'my note here'],
  ['after bitext\'s notes', '✖ „3“ is missing in the target (numbers-missing) · my note here', 'my note here'],
  ['between bitext\'s notes, two of them', 'ask Anna · glossary: Abkommen → agreement · and the desk', 'ask Anna · and the desk'],
  ['wrapped by an editor and joined with a space', '✖ „3“ is missing in the target (found 4) (numbers-missing) · my note', 'my note'],
];

describe('reviewerNote', () => {
  it.each(rows)('%s', (_name, notes, own) => {
    expect(reviewerNote(notes)).toBe(own);
  });
});
