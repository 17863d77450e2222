// A small document that exercises every line kind of the format; shared by the golden and hand-edit tests.
import type { BilingualDocument, SegmentNotes } from '../../src/bilingual/index.js';

export const SAMPLE_DOCUMENT: BilingualDocument = {
  version: 2,
  source: {
    path: 'seeds/000_beispiel.txt',
    hash: '9f2c1e0b7a6d5c4b3a291807f6e5d4c3b2a1908f7e6d5c4b3a2918070f6e5d4c',
    language: 'de',
  },
  targetLanguage: 'en',
  backend: 'mock',
  glossaryHash: '',
  paragraphs: [
    {
      kind: 'heading',
      segments: [
        {
          id: 's0a1b2c3d',
          status: 'approved',
          source: 'Peking bekräftigt das Ein-China-Prinzip',
          target: 'Beijing reaffirms the one-China principle',
          machineHash: '3f1e2d4c5b6a7980',
        },
      ],
    },
    {
      kind: 'paragraph',
      segments: [
        {
          id: 's1a2b3c4d',
          status: 'machine',
          source: 'Foto von VCG',
          target: 'Photo by VCG',
          machineHash: '0123456789abcdef',
          comment: 'VCG is the agency: keep its name.',
        },
        {
          id: 's2b3c4d5e',
          status: 'new',
          source: 'Die Sprecherin sagte am Montag: „Wir bleiben dabei.“',
          target: '',
          machineHash: '',
        },
        {
          id: 's3c4d5e6f',
          status: 'stale',
          source: 'Das Treffen findet am 3. Mai statt.',
          target: 'The meeting takes place on 2 May.',
          machineHash: 'fedcba9876543210',
          accepted: [{ rule: 'numbers-changed', reason: 'the date moved; the draft has it right' }],
          previousSource: 'Das Treffen findet am 2. Mai statt.',
          draft: 'The meeting will take place on 3 May.',
          suggestions: [
            { score: 87, source: 'Das Treffen findet am 4. Mai statt.', target: 'The meeting takes place on 4 May.' },
          ],
        },
      ],
    },
    {
      kind: 'list-item',
      segments: [
        {
          id: 's4d5e6f70',
          status: 'reviewed',
          source: '# 1 der Liste: C:\\Daten\\neu ',
          target: '#1 on the list: C:\\data\\new\nsecond line',
          machineHash: '0f0f0f0f0f0f0f0f',
        },
        {
          id: 's5e6f7081',
          status: 'edited',
          source: '2. Punkt',
          target: '- status: approved',
          machineHash: 'aaaaaaaaaaaaaaaa',
        },
      ],
    },
  ],
};

export const SAMPLE_NOTES: SegmentNotes = new Map([
  ['s0a1b2c3d', ['glossary: Ein-China-Prinzip → one-China principle']],
  ['s3c4d5e6f', ['qa: number 3 missing in target', 'glossary: Treffen → meeting']],
]);
