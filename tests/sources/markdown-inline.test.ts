// The reviewer's view of a Markdown segment must read back as exactly the source's markup, and text that
// merely looks like markup must stay text: parse(render(x)) = x, over generated documents and strings.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Segment } from '../../src/core/types.js';
import { loadFormat } from '../../src/sources/formats.js';
import type { SourceFormat } from '../../src/sources/format.js';
import { sourceFromText } from '../../src/sources/read-sources.js';
import { renderParts } from '../../src/sources/markdown/inline.js';
import { mergeTextParts } from '../../src/core/inline.js';

const markdown: SourceFormat = await loadFormat('markdown');

function segmentsOf(text: string): Segment[] {
  return sourceFromText(text, 'a.md', { format: 'markdown' }).blocks.flatMap((b) => b.segments);
}


/**
 * Text that imitates markup: every character Markdown or the review file could read as structure. (Bare
 * `www.` and e-mail addresses are left out: GFM links them whatever the escaping, so a source never has
 * them as text, and a target's are read back as text — see the test below.)
 */
const trickyText = fc
  .array(
    fc.oneof(
      fc.constantFrom(...'*_[]()<>&!$|\\`#:-.~=+'.split(''), 'https://', '&amp;', '<b>', '**', '1.', 'status:', '<!--', '\u00A0'),
      fc.constantFrom('Wort', 'Haus', 'ß', 'Ärger', ' ', '  ', 'x', '3', '„Zitat“'),
    ),
    { minLength: 1, maxLength: 25 },
  )
  .map((pieces) => pieces.join('').replace(/\s+/g, ' ').trim())
  .filter((text) => /\p{L}/u.test(text));

describe('Markdown segments: what the reviewer reads', () => {
  it('text that imitates markup renders escaped and reads back as the same text', () => {
    fc.assert(
      fc.property(trickyText, (text) => {
        const segment: Segment = { id: 's', text, plain: text, inline: { parts: [{ type: 'text', text }], codes: [] } };
        const rendered = renderParts(segment.inline!.parts, [], { mode: 'review' });
        const parsed = markdown.parseTarget(rendered, segment);
        expect(parsed.problems).toEqual([]);
        expect(mergeTextParts(parsed.parts)).toEqual([{ type: 'text', text }]);
      }),
      { numRuns: 600 },
    );
  });

  const word = fc.constantFrom('Der', 'Kanzler', 'traf', 'am', 'Montag', 'Berlin', 'Gipfel', 'über', 'Zölle', 'sprach');
  const inline = fc.oneof(
    word,
    word.map((w) => `**${w}**`),
    word.map((w) => `*${w}*`),
    word.map((w) => `_${w}_`),
    word.map((w) => `~~${w}~~`),
    word.map((w) => `[${w}](https://example.com/${w}?a=1&b=2 "Titel")`),
    word.map((w) => `[**${w}** und *mehr*](https://example.org)`),
    word.map((w) => `\`${w}()\``),
    word.map((w) => `<span lang="en">${w}</span>`),
    word.map((w) => `![${w} Bild](bild.jpg)`),
    fc.constantFrom('\\*kein\\*', '1\\.', 'a\\_b', '&amp;', '&lt;b&gt;', '\\[x\\]', 'https://www.tagesschau.de', '<https://x.de>', '$$x^2$$', '[^1]'),
  );
  const sentence = fc.array(inline, { minLength: 1, maxLength: 8 }).map((words) => `${words.join(' ')}.`);
  const paragraph = fc.array(sentence, { minLength: 1, maxLength: 4 }).map((s) => s.join(' '));

  it('every segment of a generated document reads back as exactly its source markup', () => {
    fc.assert(
      fc.property(fc.array(paragraph, { minLength: 1, maxLength: 4 }), (paragraphs) => {
        const text = `${paragraphs.join('\n\n')}\n\n[^1]: Eine Fußnote.\n`;
        for (const segment of segmentsOf(text)) {
          if (segment.inline === undefined) continue;
          const parsed = markdown.parseTarget(segment.text, segment);
          expect(parsed.problems, segment.text).toEqual([]);
          expect(mergeTextParts(parsed.parts), segment.text).toEqual(mergeTextParts(segment.inline.parts));
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('Markdown segments: a reviewer target mapped onto the source markup', () => {
  const [segment] = segmentsOf('Der **Kanzler** sprach laut [Reuters](https://reuters.com/a) über `npm`.\n');

  it.each<[string, string, RegExp | undefined]>([
    ['the same markup in another order', 'Per [Reuters](https://reuters.com/a), the **chancellor** spoke about `npm`.', undefined],
    ['a link URL changed', 'The **chancellor** spoke, said [Reuters](https://reuters.com/b), about `npm`.', /link to https:\/\/reuters\.com\/a was changed to link to https:\/\/reuters\.com\/b/],
    ['inline code edited', 'The **chancellor** spoke, said [Reuters](https://reuters.com/a), about `pnpm`.', /inline code `npm` was changed to inline code `pnpm`/],
    ['emphasis dropped', 'The chancellor spoke, said [Reuters](https://reuters.com/a), about `npm`.', /strong of the source is missing/],
    ['the link lost', 'The **chancellor** spoke, said Reuters, about `npm`.', /link to https:\/\/reuters\.com\/a of the source is missing/],
  ])('%s', (_, target, problem) => {
    const parsed = markdown.parseTarget(target, segment!);
    const errors = parsed.problems.filter((p) => p.severity === 'error').map((p) => p.message).join('; ');
    if (problem === undefined) expect(errors).toBe('');
    else expect(errors).toMatch(problem);
  });

  it('a bare address the backend wrote is text, not markup of its own', () => {
    const parsed = markdown.parseTarget('The **chancellor** spoke, see www.bund.de or presse@bund.de, said [Reuters](https://reuters.com/a), about `npm`.', segment!);
    expect(parsed.problems).toEqual([]);
  });

  it('markup the source does not have is a warning, not an error', () => {
    const parsed = markdown.parseTarget('The **chancellor** spoke _today_, said [Reuters](https://reuters.com/a), about `npm`.', segment!);
    expect(parsed.problems).toEqual([{ kind: 'extra', severity: 'warning', message: 'emphasis is not in the source' }]);
  });
});

describe('isPlainInline: the parser is skipped only where it would read the text as itself', () => {
  const piece = fc.oneof(
    fc.constantFrom(...'*_[]()<>&!$|\\`#:-.~=+@/^{}"\'%;,?'.split(''), 'www.', 'WWW.', 'https://', 'mailto:', '&amp;', '1.', '2)', '\t', '\n', '\u0000', '\u00A0', '\u00AD', '    '),
    fc.constantFrom('Wort', 'Haus', 'ß', 'Ärger', ' ', 'x', '3', '2024', '„Zitat“', 'Ein-China-Prinzip', 'z. B.', '€'),
  );
  const text = fc.array(piece, { minLength: 1, maxLength: 12 }).map((p) => p.join(''));

  it('agrees with mdast: one paragraph with one text node equal to the input', async () => {
    const { parseMarkdown } = await import('../../src/sources/markdown/parse.js');
    const { isPlainInline } = await import('../../src/sources/markdown/inline.js');
    let plain = 0;
    fc.assert(
      fc.property(text, (t) => {
        if (!isPlainInline(t)) return;
        plain++;
        const root = parseMarkdown(t);
        expect(root.children).toHaveLength(1);
        const [paragraph] = root.children;
        expect(paragraph?.type).toBe('paragraph');
        const children = paragraph !== undefined && 'children' in paragraph ? paragraph.children : [];
        expect(children).toEqual([expect.objectContaining({ type: 'text', value: t })]);
      }),
      { numRuns: 3000 },
    );
    // The generator must reach the fast path often, or the property proves nothing.
    expect(plain).toBeGreaterThan(300);
  });

  it('a plain target parses to its own text with no problems; one with markup still goes through the parser', () => {
    const [segment] = segmentsOf('Der Kanzler reiste nach Paris.\n');
    expect(markdown.parseTarget('The chancellor travelled to Paris.', segment!)).toEqual({ parts: [{ type: 'text', text: 'The chancellor travelled to Paris.' }], problems: [], ownCodes: [] });
    const parsed = markdown.parseTarget('The *chancellor* travelled.', segment!);
    expect(parsed.problems.map((p) => p.kind)).toEqual(['extra']);
  });
});

describe('parseTargets: a document\'s targets in one parser run give what each gives alone', () => {
  // Targets that try to reach past the blank line between them: list items that would join one list, HTML
  // and code blocks that run on, definitions, footnotes, headings, tables, indentation.
  const piece = fc.oneof(
    fc.constantFrom('1. ', '2) ', '- ', '* ', '> ', '# ', '<div>', '<pre>', '<!--', '```', '~~~', '$$', '[x]: /u', '[^1]: n', '| a |', '    ', '\t', '***', '=='),
    fc.constantFrom('Wort', '*kursiv*', '**fett**', '`code`', '[Link](https://x.de)', '[x]', '[^1]', '<b>', '</b>', '&amp;', '\\*', 'www.x.de', 'a@b.de', ' ', '.', '„Zitat“', '~~weg~~', '$5'),
  );
  const target = fc.array(piece, { minLength: 1, maxLength: 6 }).map((p) => p.join(''));
  it('for generated targets against segments with and without markup (property)', () => {
    const withCodes = segmentsOf('Der *Kanzler* reiste nach [Paris](https://paris.fr) mit `code`.\n')[0]!;
    const withFootnote = segmentsOf('Ein Satz[^1] hier.\n\n[^1]: Fußnote.\n')[0]!;
    const plain = segmentsOf('Der Kanzler reiste nach Paris.\n')[0]!;
    fc.assert(
      fc.property(fc.array(fc.tuple(target, fc.constantFrom(withCodes, withFootnote, plain)), { minLength: 1, maxLength: 8 }), (pairs) => {
        const items = pairs.map(([t, segment]) => ({ target: t, segment }));
        expect(markdown.parseTargets(items)).toEqual(items.map((item) => markdown.parseTarget(item.target, item.segment)));
      }),
      { numRuns: 400 },
    );
  });
});
