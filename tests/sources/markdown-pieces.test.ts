// A long Markdown text is parsed in pieces (src/sources/markdown/parse.ts): the tree must be the tree of one
// parse of the whole text, positions included, whatever the text holds. The piece size is set small here, so
// that every place a piece may start is tried.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseMarkdown, pieces } from '../../src/sources/markdown/parse.js';

const whole = (text: string) => parseMarkdown(text, Number.POSITIVE_INFINITY);

/** Lines that open, continue or close every kind of block, and text that only looks like one. */
const line = fc.constantFrom(
  'Ein Satz.',
  'Noch ein Satz mit *Betonung* und `Code`.',
  '2024 war ein gutes Jahr.',
  '3. Oktober: Feiertag.',
  '12) Punkt',
  '1. Erstens',
  '- Punkt',
  '* Stern',
  '+ Plus',
  '  eingerückt',
  '    Code eingerückt',
  '\tTab',
  '```',
  '```js',
  '~~~',
  '````',
  '   ```',
  '$$',
  'x^2 $$',
  '<pre>',
  '</pre>',
  '<script>',
  '</script>',
  '<!-- Kommentar',
  '-->',
  '<?php',
  '?>',
  '<!DOCTYPE html>',
  '<![CDATA[',
  ']]>',
  '<div>',
  '</div>',
  '<custom-tag>',
  '> Zitat',
  '>',
  '# Titel',
  'Titel',
  '===',
  '---',
  '***',
  '| a | b |',
  '| --- | --- |',
  '| 1 | 2 |',
  'Siehe [link] und [^1].',
  'www.example.org',
  '\uFEFFText nach einer Byte-Order-Mark',
  '<p>Absatz als HTML</p>',
  '   ',
  '',
  '',
  '',
);

/** A definition or a footnote anywhere keeps the text whole: rare, so that most texts are cut. */
const rare = fc.constantFrom('[^1]: Fußnote', '[link]: https://example.org', '  [link]:', 'x]:');

const document = fc
  .tuple(fc.array(fc.oneof({ weight: 80, arbitrary: line }, { weight: 1, arbitrary: rare }), { minLength: 1, maxLength: 60 }), fc.constantFrom('\n', '\r\n'), fc.boolean())
  .map(([lines, eol, finalEol]) => lines.join(eol) + (finalEol ? eol : ''));

describe('Markdown parsed in pieces', () => {
  it('gives the tree of one parse of the whole text (generated texts, every possible cut)', () => {
    fc.assert(
      fc.property(document, fc.constantFrom(1, 7, 40), (text, size) => {
        expect(parseMarkdown(text, size)).toEqual(whole(text));
      }),
      { numRuns: 3000 },
    );
  });

  it('gives the tree of one parse of the whole text for every Markdown fixture, and for them joined', () => {
    const folder = join(import.meta.dirname, '..', 'fixtures', 'markdown');
    const texts = readdirSync(folder)
      .filter((name) => name.endsWith('.md'))
      .map((name) => readFileSync(join(folder, name), 'utf8'));
    for (const text of [...texts, texts.join('\n\n')]) {
      for (const size of [1, 50, 500]) expect(parseMarkdown(text, size)).toEqual(whole(text));
    }
  });

  it('keeps a byte order mark in the middle of the text (micromark drops one only at the start of its input)', () => {
    for (const text of ['a\n\n\uFEFFb\n', Array.from({ length: 300 }, (_, i) => `\uFEFFDer ${i}. Absatz steht hier.`).join('\n\n')]) {
      for (const size of [1, 1000]) expect(parseMarkdown(text, size)).toEqual(whole(text));
    }
  });

  it('gives one parse of the rest when a block is never closed (a comment or fence that hides the rest)', () => {
    const body = Array.from({ length: 200 }, (_, i) => `Der ${i}. Absatz steht hier.`).join('\n\n');
    for (const text of [`Vorne.\n\n<!--\n\n${body}`, `Vorne.\n\n\`\`\`\n\n${body}`, `Vorne.\n\n$$\n\n${body}`, `Vorne.\n\n<pre>\n\n${body}`]) {
      expect(parseMarkdown(text, 100)).toEqual(whole(text));
    }
  });

  it('cuts a long article without definitions into pieces (or the test above proves nothing)', () => {
    const text = Array.from({ length: 400 }, (_, i) => `## Abschnitt ${i}\n\nEin Satz mit *Betonung*.\n\n- Punkt\n- Punkt\n\n> Zitat ${i}`).join('\n\n');
    // A cut moves the positions of every node after it: a wrong shift shows here.
    expect(pieces(text, 1000).length).toBeGreaterThan(20);
    const tree = parseMarkdown(text, 1000);
    expect(tree).toEqual(whole(text));
    const lastHeading = tree.children.filter((node) => node.type === 'heading').at(-1)!;
    expect(text.slice(lastHeading.position!.start.offset, lastHeading.position!.end.offset)).toBe('## Abschnitt 399');
  });
});
