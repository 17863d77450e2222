import { describe, expect, it } from 'vitest';

import { segmentText, splitParagraphs } from '../../src/segmentation/index.js';

describe('splitParagraphs', () => {
  it('makes every non-blank line a trimmed paragraph', () => {
    expect(splitParagraphs('  Erste Zeile.  \n\n\t\nZweite Zeile\n   \nDritte.')).toEqual([
      'Erste Zeile.',
      'Zweite Zeile',
      'Dritte.',
    ]);
  });

  it('treats CRLF and lone CR as line breaks', () => {
    expect(splitParagraphs('Eins.\r\nZwei.\r\n\r\nDrei.\rVier.\r\n')).toEqual(['Eins.', 'Zwei.', 'Drei.', 'Vier.']);
  });

  it('gives the same paragraphs for CRLF and LF input', () => {
    const lf = 'Foto von VCG\nDer Umsatz stieg um 5 Mio. Die Aktie fiel.\n\nrrt-allgemeines\n';
    expect(splitParagraphs(lf.replace(/\n/g, '\r\n'))).toEqual(splitParagraphs(lf));
    expect(segmentText(lf.replace(/\n/g, '\r\n'))).toEqual(segmentText(lf));
  });

  it('never leaks a byte-order mark into the text', () => {
    expect(splitParagraphs('\uFEFFFoto von VCG\r\nText.')).toEqual(['Foto von VCG', 'Text.']);
  });

  it('returns nothing for empty or blank input', () => {
    expect(splitParagraphs('')).toEqual([]);
    expect(splitParagraphs('\r\n \n\t\r')).toEqual([]);
  });
});

describe('segmentText', () => {
  it('splits paragraphs, then sentences, and gives ids', () => {
    const { paragraphs } = segmentText('Der Umsatz stieg um 5 Mio. Die Aktie fiel.\r\n\r\nrrt-allgemeines');
    expect(paragraphs.map((p) => p.map((s) => s.text))).toEqual([
      ['Der Umsatz stieg um 5 Mio.', 'Die Aktie fiel.'],
      ['rrt-allgemeines'],
    ]);
    for (const segment of paragraphs.flat()) expect(segment.id).toMatch(/^s[0-9a-f]{8}$/);
  });
});
