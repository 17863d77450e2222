// What a reviewer asks for in the review file — comments, accepted findings, use-draft, use-memory, join,
// split, a source line typed over — as the planner does it. Every step goes through the real file format.
import { describe, expect, it } from 'vitest';
import { fromBilingualMarkdown, toBilingualMarkdown } from '../../src/bilingual/index.js';
import type { BilingualDocument, BilingualSegment } from '../../src/bilingual/types.js';
import { compileRules, type SegmentationRule } from '../../src/segmentation/index.js';
import { sourceFromText } from '../../src/sources/read-sources.js';
import { loadFormat } from '../../src/sources/formats.js';
import { planDocument, type DocumentPlan } from '../../src/workflow/plan.js';
import { humanEntries } from '../../src/workflow/plan-project.js';
import { checkDocument } from '../../src/workflow/qa.js';
import { applyAnswered, edit, firstRun, memoryOf, PATH, planned, resources, segmentsOf, source } from './fixtures.js';

const A = 'Die Gespräche dauerten drei Stunden.';
const B = 'Beide Seiten unterzeichneten ein Abkommen.';
const C = 'Details wurden nicht genannt.';

/** The file as a reviewer's editor would hand it back: written and read again. */
function throughFile(doc: BilingualDocument): BilingualDocument {
  return fromBilingualMarkdown(toBilingualMarkdown(doc), 'translations/en/artikel.md');
}

/** One run: plan against the file, answer what is needed, write and read the file. */
function run(paragraphs: readonly (readonly string[])[], previous: BilingualDocument | undefined, rules: readonly SegmentationRule[] = []): { plan: DocumentPlan; doc: BilingualDocument } {
  const text = `${paragraphs.map((p) => p.join(' ')).join('\n')}\n`;
  const plan = planDocument(sourceFromText(text, PATH, { segmentation: compileRules(rules) }), 'en', previous, resources());
  return { plan, doc: throughFile(applyAnswered(plan)) };
}

const bySource = (doc: BilingualDocument, text: string): BilingualSegment => {
  const found = segmentsOf(doc).find((s) => s.source === text);
  if (!found) throw new Error(`no segment ${text}`);
  return found;
};

describe('comments', () => {
  it('stay with their sentence through 100 runs of random edits around it, and survive a change of its source', () => {
    let doc = edit(throughFile(firstRun([[A, B, C]])), B, (s) => ({ ...s, comment: 'Anna: check "Abkommen" with the desk', status: 'approved' }));
    const others = ['Er kam.', 'Sie ging.', 'Wir blieben.', 'Das Treffen war kurz.', 'Morgen geht es weiter.'];
    let x = 7;
    const next = (n: number): number => ((x = (x * 1103515245 + 12345) % 2147483648), x % n);
    for (let round = 0; round < 100; round++) {
      const before = Array.from({ length: next(4) }, () => others[next(others.length)]!);
      const after = Array.from({ length: next(4) }, () => others[next(others.length)]!);
      const paragraphs = next(3) === 0 ? [before, [B], after] : [[...before, B, ...after]];
      doc = run(paragraphs.filter((p) => p.length > 0), doc).doc;
      const segment = bySource(doc, B);
      expect(segment.comment, `round ${round}`).toBe('Anna: check "Abkommen" with the desk');
      expect(segment.status).toBe('approved');
    }
    // The source changes: the segment goes stale and the comment stays.
    const changed = 'Beide Seiten unterzeichneten ein neues Abkommen.';
    doc = run([[A, changed]], doc).doc;
    expect(bySource(doc, changed)).toMatchObject({ status: 'stale', comment: 'Anna: check "Abkommen" with the desk' });
  });

  it('go into the memory as the note of the pair', () => {
    const doc = edit(firstRun([[A]]), A, (s) => ({ ...s, target: 'The talks took three hours.', status: 'reviewed', comment: 'house style: "took"' }));
    expect(humanEntries(throughFile(doc), new Date('2026-12-01T00:00:00Z'))).toEqual([
      expect.objectContaining({ source: A, target: 'The talks took three hours.', note: 'house style: "took"' }),
    ]);
  });
});

describe('accepted findings', () => {
  const N = 'Die Gespräche dauerten 3 Stunden.';
  const context = { glossary: undefined, file: 'translations/en/artikel.md' };

  it('silence that finding of that segment, run after run, and go when the source changes', () => {
    let doc = edit(firstRun([[N, B]]), N, (s) => ({ ...s, target: 'The talks lasted for hours.', status: 'approved' }));
    expect(checkDocument(doc, context).map((d) => d.rule)).toContain('numbers-missing');
    doc = edit(doc, N, (s) => ({ ...s, accepted: [{ rule: 'numbers-missing', reason: 'spelled out in English' }] }));
    for (let i = 0; i < 3; i++) {
      doc = run([[N, B]], doc).doc;
      expect(checkDocument(doc, context).filter((d) => d.segmentId === bySource(doc, N).id)).toEqual([]);
    }
    expect(bySource(doc, N).accepted).toEqual([{ rule: 'numbers-missing', reason: 'spelled out in English' }]);
    doc = run([['Die Gespräche dauerten 4 Stunden.', B]], doc).doc;
    expect(bySource(doc, 'Die Gespräche dauerten 4 Stunden.').accepted).toBeUndefined();
  });

  it('a rule family accepts its rules; an unknown rule id is reported, not silently ignored', () => {
    let doc = edit(firstRun([[N]]), N, (s) => ({ ...s, target: 'The talks lasted for hours.', status: 'approved', accepted: [{ rule: 'numbers', reason: 'x' }] }));
    expect(checkDocument(doc, context)).toEqual([]);
    doc = edit(doc, N, (s) => ({ ...s, accepted: [{ rule: 'number-missing', reason: 'typo' }] }));
    expect(checkDocument(doc, context).map((d) => d.rule).sort()).toEqual(['numbers-missing', 'review-accept-unknown']);
  });

  it('a misspelt rule id gets a "did you mean" with the rule it is closest to', () => {
    const doc = edit(firstRun([[N]]), N, (s) => ({ ...s, target: 'The talks lasted 3 hours.', status: 'approved', accepted: [{ rule: 'untranslated-germn', reason: 'proper name' }] }));
    expect(checkDocument(doc, context)).toEqual([
      expect.objectContaining({
        rule: 'review-accept-unknown',
        message: '`accept untranslated-germn`: no check has this rule id, so nothing is silenced — did you mean "untranslated-german"?',
      }),
    ]);
  });
});

describe('actions typed in place of the status', () => {
  it('use-draft takes the draft of a stale segment as a person\'s target; nothing is sent', () => {
    let doc = run([[A, B]], undefined).doc;
    doc = edit(doc, A, (s) => ({ ...s, target: 'The talks lasted three hours.', status: 'approved' }));
    const changed = 'Die Gespräche dauerten knapp drei Stunden.';
    doc = run([[changed, B]], doc).doc;
    const stale = bySource(doc, changed);
    expect(stale).toMatchObject({ status: 'stale', draft: `EN ${changed}` });
    doc = edit(doc, changed, (s) => ({ ...s, action: { kind: 'use-draft' } }));
    const next = run([[changed, B]], doc);
    expect(planned(next.plan).filter((s) => s.need)).toEqual([]);
    expect(next.plan.warnings).toEqual([]);
    expect(bySource(next.doc, changed)).toEqual({ id: stale.id, status: 'edited', source: changed, target: `EN ${changed}`, machineHash: '' });
  });

  it('use-memory n takes the n-th suggestion; a number out of range leaves the segment and warns', () => {
    const memory = memoryOf([
      { source: 'Die Gespräche dauerten vier Stunden.', target: 'The talks lasted four hours.' },
      { source: 'Die Gespräche dauerten zwei Stunden.', target: 'The talks went on for two hours.' },
    ]);
    const plan = planDocument(source([[A]]), 'en', undefined, resources({ memory }));
    let doc = throughFile(applyAnswered(plan));
    const suggestions = bySource(doc, A).suggestions ?? [];
    expect(suggestions.length).toBeGreaterThanOrEqual(2);
    doc = edit(doc, A, (s) => ({ ...s, action: { kind: 'use-memory', index: 2 } }));
    const taken = planDocument(source([[A]]), 'en', doc, resources({ memory }));
    expect(planned(taken)[0]!.base).toMatchObject({ status: 'edited', target: suggestions[1]!.target });

    const wrong = planDocument(source([[A]]), 'en', edit(doc, A, (s) => ({ ...s, action: { kind: 'use-memory', index: 9 } })), resources({ memory }));
    expect(planned(wrong)[0]!.base).toMatchObject({ status: 'machine', target: `EN ${A}` });
    expect(wrong.warnings).toEqual([expect.objectContaining({ rule: 'review-action', message: expect.stringMatching(/only \d memory suggestions/) })]);
  });

  it('use-draft without a draft warns and keeps the segment as it was', () => {
    const doc = edit(run([[A]], undefined).doc, A, (s) => ({ ...s, action: { kind: 'use-draft' } }));
    const plan = planDocument(source([[A]]), 'en', doc, resources());
    expect(planned(plan)[0]!.base).toMatchObject({ status: 'machine', target: `EN ${A}` });
    expect(plan.warnings).toEqual([expect.objectContaining({ rule: 'review-action', segmentId: bySource(doc, A).id })]);
  });
});

describe('join and split', () => {
  const L = 'Der Präsident sprach lange, die Gäste hörten zu.';

  it('join: the rule is learned; with it the two sentences are one segment holding both translations, nothing sent', () => {
    let doc = run([[A, B, C]], undefined).doc;
    doc = edit(doc, B, (s) => ({ ...s, target: 'Both sides signed an agreement.', status: 'approved' }));
    doc = edit(doc, A, (s) => ({ ...s, action: { kind: 'join' }, comment: 'one thought' }));
    const asked = run([[A, B, C]], doc);
    expect(asked.plan.rules).toEqual([{ kind: 'join', left: A, right: B }]);
    const joined = run([[A, B, C]], doc, asked.plan.rules);
    expect(planned(joined.plan).filter((s) => s.need)).toEqual([]);
    expect(segmentsOf(joined.doc).map((s) => [s.source, s.target, s.status])).toEqual([
      [`${A} ${B}`, `EN ${A} Both sides signed an agreement.`, 'edited'],
      [C, `EN ${C}`, 'machine'],
    ]);
    expect(bySource(joined.doc, `${A} ${B}`).comment).toBe('one thought');
    // The next run changes nothing.
    const again = run([[A, B, C]], joined.doc, asked.plan.rules);
    expect(again.doc).toEqual(joined.doc);
    expect(again.plan.rules).toEqual([]);
  });

  it('join two machine segments: stays machine output (a re-run does not pay for it)', () => {
    const doc = edit(run([[A, B]], undefined).doc, A, (s) => ({ ...s, action: { kind: 'join' } }));
    const rules = run([[A, B]], doc).plan.rules;
    const joined = run([[A, B]], doc, rules);
    expect(segmentsOf(joined.doc)).toEqual([expect.objectContaining({ source: `${A} ${B}`, target: `EN ${A} EN ${B}`, status: 'machine' })]);
  });

  it('join on the last segment of a paragraph warns and changes nothing', () => {
    const doc = edit(run([[A], [B]], undefined).doc, A, (s) => ({ ...s, action: { kind: 'join' } }));
    const plan = run([[A], [B]], doc).plan;
    expect(plan.rules).toEqual([]);
    expect(plan.warnings).toEqual([expect.objectContaining({ rule: 'review-action', message: expect.stringMatching(/last segment of its paragraph/) })]);
  });

  it('split: `||` in the source line (and in the target line) cuts the segment and its translation there', () => {
    let doc = run([[L, C]], undefined).doc;
    doc = edit(doc, L, (s) => ({
      ...s,
      source: 'Der Präsident sprach lange, || die Gäste hörten zu.',
      target: 'The president spoke at length, || the guests listened.',
      status: 'approved',
    }));
    const asked = run([[L, C]], doc);
    expect(asked.plan.rules).toEqual([{ kind: 'split', left: 'Der Präsident sprach lange,', right: 'die Gäste hörten zu.' }]);
    const cut = run([[L, C]], doc, asked.plan.rules);
    expect(planned(cut.plan).filter((s) => s.need)).toEqual([]);
    expect(segmentsOf(cut.doc).map((s) => [s.source, s.target, s.status])).toEqual([
      ['Der Präsident sprach lange,', 'The president spoke at length,', 'approved'],
      ['die Gäste hörten zu.', 'the guests listened.', 'approved'],
      [C, `EN ${C}`, 'machine'],
    ]);
    expect(new Set(segmentsOf(cut.doc).map((s) => s.id)).size).toBe(3);
  });

  it('split inside a link of a Markdown source: says it cannot split inside markup, learns nothing and leaves the segment as it was', async () => {
    await loadFormat('markdown');
    const md = (text: string) => sourceFromText(text, 'src/artikel.md', { format: 'markdown' });
    const sentence = 'Laut [Reuters heute](https://x.org/a) kam er.';
    const text = `${sentence} Dann ging er.\n`;
    let doc = throughFile(applyAnswered(planDocument(md(text), 'en', undefined, resources())));
    doc = edit(doc, sentence, (s) => ({ ...s, source: 'Laut [Reuters || heute](https://x.org/a) kam er.' }));
    const plan = planDocument(md(text), 'en', doc, resources());
    expect(plan.rules).toEqual([]);
    expect(plan.warnings).toEqual([
      expect.objectContaining({ rule: 'review-action', message: '`||` inside a link: cannot split inside a link (or other markup); the segment was left as it was', hint: expect.stringContaining('put `||` outside it') }),
    ]);
    expect(segmentsOf(throughFile(applyAnswered(plan))).map((s) => s.source)).toEqual([sentence, 'Dann ging er.']);
    // Outside the link the same line splits.
    const outside = edit(doc, 'Laut [Reuters || heute](https://x.org/a) kam er.', (s) => ({ ...s, source: 'Laut [Reuters heute](https://x.org/a) || kam er.' }));
    const split = planDocument(md(text), 'en', outside, resources());
    expect(split.warnings).toEqual([]);
    expect(split.rules).toEqual([{ kind: 'split', left: 'Laut Reuters heute', right: 'kam er.' }]);
  });

  it('split without `||` in the target: the first part keeps the whole translation (edited, to trim), the second is new and sent', () => {
    let doc = run([[L]], undefined).doc;
    doc = edit(doc, L, (s) => ({ ...s, source: 'Der Präsident sprach lange, || die Gäste hörten zu.', target: 'The president spoke, and the guests listened.', status: 'approved' }));
    const rules = run([[L]], doc).plan.rules;
    const cut = run([[L]], doc, rules);
    // Only the part split off is asked for: an empty `edited` segment would be sent by nobody.
    expect(planned(cut.plan).filter((s) => s.need).map((s) => s.base.source)).toEqual(['die Gäste hörten zu.']);
    expect(segmentsOf(cut.doc).map((s) => [s.target, s.status])).toEqual([
      ['The president spoke, and the guests listened.', 'edited'],
      ['EN die Gäste hörten zu.', 'machine'],
    ]);
  });

  it('another language\'s file of the same document follows the new segmentation with its translations', () => {
    const fr = run([[A, B]], undefined).doc; // a file that never asked for anything
    const joined = run([[A, B]], fr, [{ kind: 'join', left: A, right: B }]);
    expect(planned(joined.plan).filter((s) => s.need)).toEqual([]);
    expect(segmentsOf(joined.doc)).toEqual([expect.objectContaining({ source: `${A} ${B}`, target: `EN ${A} EN ${B}`, status: 'machine' })]);
  });
});

describe('a German source line typed over in the review file', () => {
  it('is put back from the source, with a warning naming the source file; nothing goes stale, nothing is sent', () => {
    let doc = run([[A, B]], undefined).doc;
    doc = edit(doc, B, (s) => ({ ...s, source: 'Beide Seiten unterschrieben ein Abkommen.', target: 'Both sides signed a deal.', status: 'approved' }));
    const next = run([[A, B]], { ...doc, source: { ...doc.source, hash: sourceFromText(`${A} ${B}\n`, PATH).hash } });
    expect(planned(next.plan).filter((s) => s.need)).toEqual([]);
    expect(bySource(next.doc, B)).toMatchObject({ status: 'approved', target: 'Both sides signed a deal.' });
    expect(next.plan.warnings).toEqual([expect.objectContaining({ rule: 'review-source-edited', hint: expect.stringContaining(PATH) })]);
  });
});
