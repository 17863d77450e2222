// The one mechanism for placeholders: what a backend gets (toBackendSegment), what is accepted back
// (checkAnswer) and how it becomes the reviewer's target (answerToTarget).
import { describe, expect, it } from 'vitest';
import type { InlinePart, Segment } from '../../src/core/types.js';
import type { BackendSegment, TranslateResult } from '../../src/backends/types.js';
import { pseudoTranslate } from '../../src/backends/mock.js';
import { parseGlossary, resolveTerms } from '../../src/glossary/index.js';
import { answerToTarget, checkAnswer, toBackendSegment } from '../../src/workflow/markup.js';

const { glossary } = parseGlossary(
  JSON.stringify({ version: 1, terms: [{ source: 'WSJ', caseSensitive: true, doNotTranslate: true }, { source: 'Rat', targets: { en: 'council' } }] }),
  'glossary.json',
);

const plainSegment = (text: string): Segment => ({ id: 's1', text, plain: text });

/** "Der **Rat** tagt laut WSJ `heute`." as the Markdown reader builds it. */
const marked: Segment = {
  id: 's2',
  text: 'Der **Rat** tagt laut WSJ `heute`.',
  plain: 'Der Rat tagt laut WSJ \uFFFC.',
  inline: {
    parts: [
      { type: 'text', text: 'Der ' },
      { type: 'open', id: 1 },
      { type: 'text', text: 'Rat' },
      { type: 'close', id: 1 },
      { type: 'text', text: ' tagt laut WSJ ' },
      { type: 'empty', id: 2 },
      { type: 'text', text: '.' },
    ],
    codes: [
      { kind: 'strong', id: 1, open: '**', close: '**' },
      { kind: 'code', id: 2, open: '`heute`' },
    ],
  },
};

const answer = (parts: InlinePart[], problem?: string): TranslateResult => ({ parts, billedCharacters: 0, ...(problem ? { problem } : {}) });

describe('toBackendSegment', () => {
  it('turns do-not-translate terms into protected placeholders and imposes the other terms', () => {
    const sent = toBackendSegment(plainSegment('Der Rat zitiert WSJ.'), resolveTerms(glossary, 'Der Rat zitiert WSJ.', 'en'));
    expect(sent).toEqual({
      text: 'Der Rat zitiert WSJ.',
      parts: [{ type: 'text', text: 'Der Rat zitiert ' }, { type: 'empty', id: 1 }, { type: 'text', text: '.' }],
      codes: [{ id: 1, kind: 'protected', paired: false, text: 'WSJ' }],
      terms: [{ source: 'Rat', target: 'council' }],
    });
  });

  it('keeps the markup as placeholders without their Markdown, numbering protected terms after them', () => {
    const sent = toBackendSegment(marked, resolveTerms(glossary, marked.plain, 'en'));
    expect(sent.codes).toEqual([
      { id: 1, kind: 'strong', paired: true },
      { id: 2, kind: 'code', paired: false },
      { id: 3, kind: 'protected', paired: false, text: 'WSJ' },
    ]);
    expect(sent.parts.map((p) => (p.type === 'text' ? p.text : `${p.type}${p.id}`))).toEqual([
      'Der ', 'open1', 'Rat', 'close1', ' tagt laut ', 'empty3', ' ', 'empty2', '.',
    ]);
    // Billed: the text and the protected term, never the inline code.
    expect(sent.text).toBe('Der Rat tagt laut WSJ .');
    expect(JSON.stringify(sent)).not.toContain('heute');
  });
});

describe('checkAnswer', () => {
  const sent: BackendSegment = toBackendSegment(marked, resolveTerms(glossary, marked.plain, 'en'));
  const good = pseudoTranslate(sent, 'en');

  it('accepts the placeholders back in any order as long as paired ones nest', () => {
    const check = checkAnswer(sent, answer(good), 'en');
    expect(check.ok).toBe(true);
    expect(answerToTarget(check.parts, sent, marked, 'text')).toBe('(MOCK en) Der council tagt laut WSJ .');
  });

  it.each<[string, InlinePart[], RegExp]>([
    ['a lost placeholder', [{ type: 'text', text: 'The ' }, { type: 'open', id: 1 }, { type: 'text', text: 'council' }, { type: 'close', id: 1 }, { type: 'empty', id: 3 }], /code is missing/],
    ['a duplicated one', [{ type: 'empty', id: 2 }, { type: 'empty', id: 2 }, { type: 'open', id: 1 }, { type: 'close', id: 1 }, { type: 'empty', id: 3 }], /came back twice/],
    ['a pair closed before it opens', [{ type: 'close', id: 1 }, { type: 'text', text: 'x' }, { type: 'open', id: 1 }, { type: 'empty', id: 2 }, { type: 'empty', id: 3 }], /closed without being opened/],
    ['an unknown placeholder', [{ type: 'open', id: 1 }, { type: 'close', id: 1 }, { type: 'empty', id: 2 }, { type: 'empty', id: 3 }, { type: 'empty', id: 9 }], /unknown placeholder 9/],
    ['every placeholder stripped', [{ type: 'text', text: 'The council meets.' }], /strong is missing/],
  ])('refuses %s, naming it, and keeps the text', (_, parts, reason) => {
    const check = checkAnswer(sent, answer(parts), 'en');
    expect(check.ok).toBe(false);
    expect(check.ok ? [] : check.problems.join('; ')).toMatch(reason);
    expect(check.parts.filter((p) => p.type === 'text').map((p) => (p as { text: string }).text).join('')).toBe(
      parts.filter((p) => p.type === 'text').map((p) => (p as { text: string }).text).join(''),
    );
  });

  it('accepts a protected term that a tag-ignoring server returned as plain text', () => {
    const txt = toBackendSegment(plainSegment('Laut WSJ.'), resolveTerms(glossary, 'Laut WSJ.', 'en'));
    expect(checkAnswer(txt, answer([{ type: 'text', text: 'According to WSJ.' }]), 'en').ok).toBe(true);
    expect(checkAnswer(txt, answer([{ type: 'text', text: 'According to the Journal.' }]), 'en').ok).toBe(false);
  });

  it('repairs the spacing next to placeholders to match the source', () => {
    const eaten: InlinePart[] = [
      { type: 'text', text: 'The' },
      { type: 'open', id: 1 },
      { type: 'text', text: ' council' },
      { type: 'close', id: 1 },
      { type: 'text', text: 'meets per' },
      { type: 'empty', id: 3 },
      { type: 'empty', id: 2 },
      { type: 'text', text: '.' },
    ];
    const check = checkAnswer(sent, answer(eaten), 'en');
    expect(check.ok).toBe(true);
    expect(check.parts).toEqual([
      { type: 'text', text: 'The ' },
      { type: 'open', id: 1 },
      { type: 'text', text: 'council' },
      { type: 'close', id: 1 },
      { type: 'text', text: ' meets per ' },
      { type: 'empty', id: 3 },
      { type: 'empty', id: 2 },
      { type: 'text', text: '.' },
    ]);
  });

  it('never adds spaces in languages written without them', () => {
    const zh: InlinePart[] = [{ type: 'text', text: '理事会' }, { type: 'open', id: 1 }, { type: 'text', text: '开会' }, { type: 'close', id: 1 }, { type: 'empty', id: 3 }, { type: 'empty', id: 2 }, { type: 'text', text: '。' }];
    const check = checkAnswer(sent, answer(zh), 'zh');
    expect(check.ok && check.parts).toEqual(zh);
  });
});
