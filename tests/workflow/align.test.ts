import { describe, expect, it } from 'vitest';
import { alignDocument, readReviewerIntent, type AlignedSegment } from '../../src/workflow/align.js';
import { hashMachineText } from '../../src/bilingual/index.js';
import type { BilingualSegment } from '../../src/bilingual/types.js';
import { planDocument } from '../../src/workflow/plan.js';
import { edit, firstRun, planned, plannedBySource, resources, segmentsOf, source } from './fixtures.js';

const P1 = ['Der Präsident sprach am Montag in Berlin.', 'Er lobte die Zusammenarbeit.'];
const P2 = ['Die Gespräche dauerten drei Stunden.', 'Beide Seiten unterzeichneten ein Abkommen.', 'Details wurden nicht genannt.'];

const flat = (aligned: ReturnType<typeof alignDocument>): AlignedSegment[] => aligned.flatMap((p) => p.segments);
/** kind and id per segment, in order: what a reader of the alignment cares about. */
const summary = (aligned: ReturnType<typeof alignDocument>) =>
  flat(aligned).map((a) => ({ kind: a.kind, source: a.source, id: a.kind === 'added' ? a.id : a.old.id }));

describe('alignDocument', () => {
  it('keeps every segment with its old id when nothing changed', () => {
    const previous = firstRun([P1, P2]);
    const aligned = alignDocument(source([P1, P2]), previous);
    expect(aligned.map((p) => p.segments.length)).toEqual([2, 3]);
    expect(flat(aligned).every((a) => a.kind === 'kept')).toBe(true);
    expect(summary(aligned).map((a) => a.id)).toEqual(segmentsOf(previous).map((s) => s.id));
    expect(aligned[1]!.text).toBe(P2.join(' '));
  });

  it('without a previous file everything is added', () => {
    expect(flat(alignDocument(source([P1]), undefined)).map((a) => a.kind)).toEqual(['added', 'added']);
  });

  it('an inserted sentence is the only one added; the others keep their ids', () => {
    const previous = firstRun([P1, P2]);
    const ids = new Map(segmentsOf(previous).map((s) => [s.source, s.id]));
    const inserted = 'Ein Sprecher bestätigte das.';
    const aligned = summary(alignDocument(source([P1, [P2[0]!, inserted, ...P2.slice(1)]]), previous));
    expect(aligned.filter((a) => a.kind !== 'kept')).toEqual([{ kind: 'added', source: inserted, id: expect.any(String) }]);
    for (const a of aligned) if (a.kind === 'kept') expect(a.id).toBe(ids.get(a.source));
    // The new id is not one of the old ones.
    expect([...ids.values()]).not.toContain(aligned.find((a) => a.kind === 'added')!.id);
  });

  it('a deleted sentence leaves the others kept with their ids', () => {
    const previous = firstRun([P1, P2]);
    const ids = new Map(segmentsOf(previous).map((s) => [s.source, s.id]));
    const aligned = summary(alignDocument(source([P1, [P2[0]!, P2[2]!]]), previous));
    expect(aligned.map((a) => a.kind)).toEqual(['kept', 'kept', 'kept', 'kept']);
    for (const a of aligned) expect(a.id).toBe(ids.get(a.source));
  });

  it('a sentence moved to another paragraph is kept with its old segment, status and target', () => {
    let previous = firstRun([P1, P2]);
    previous = edit(previous, P1[1]!, (s) => ({ ...s, status: 'approved', target: 'He praised the cooperation.' }));
    const old = segmentsOf(previous).find((s) => s.source === P1[1])!;
    // "Er lobte die Zusammenarbeit." moves from the first paragraph to the end of the second.
    const moved = source([[P1[0]!], [...P2, P1[1]!]]);
    const aligned = alignDocument(moved, previous);
    expect(aligned.map((p) => p.segments.length)).toEqual([1, 4]);
    const last = aligned[1]!.segments[3]!;
    expect(last).toMatchObject({ kind: 'kept', source: P1[1], old });
    expect(flat(aligned).every((a) => a.kind === 'kept')).toBe(true);

    const plan = planDocument(moved, 'en', previous, resources());
    expect(planned(plan).filter((s) => s.need)).toEqual([]);
    expect(plan.paragraphs[1]!.segments[3]!.base).toEqual(old);
  });

  it('a sentence inserted right before an edited one: the edited one pairs with its old segment by similarity', () => {
    let previous = firstRun([P1, P2]);
    previous = edit(previous, P2[0]!, (s) => ({ ...s, status: 'approved', target: 'The talks lasted three hours.' }));
    const old = segmentsOf(previous).find((s) => s.source === P2[0])!;
    const inserted = 'Ein Sprecher bestätigte das.';
    const changed = 'Die Gespräche dauerten knapp drei Stunden.';
    const next = source([P1, [inserted, changed, ...P2.slice(1)]]);

    const aligned = flat(alignDocument(next, previous));
    expect(aligned.find((a) => a.source === inserted)).toMatchObject({ kind: 'added' });
    expect(aligned.find((a) => a.source === changed)).toMatchObject({ kind: 'changed', source: changed, old });
    expect(aligned.filter((a) => a.kind === 'kept')).toHaveLength(4);

    const plan = planDocument(next, 'en', previous, resources());
    const stale = plannedBySource(plan, changed);
    expect(stale.need).toBe('draft');
    expect(stale.base).toMatchObject({ id: old.id, status: 'stale', source: changed, target: 'The talks lasted three hours.', previousSource: P2[0] });
    expect(plannedBySource(plan, inserted)).toMatchObject({ need: 'target', base: { status: 'new', target: '' } });
    // Nothing else needs the backend.
    expect(planned(plan).filter((s) => s.need).map((s) => s.base.source).sort()).toEqual([changed, inserted].sort());
  });

  it('pairs the most similar sentence, not the first one of the region', () => {
    const previous = edit(firstRun([P2]), P2[0]!, (s) => ({ ...s, status: 'approved', target: 'The talks lasted three hours.' }));
    const old = segmentsOf(previous)[0]!;
    // Both new sentences resemble the old one (0.78 and 0.86); the closer one, second in order, is the edit.
    const inserted = 'Die Gespräche dauerten zwei Tage.';
    const changed = 'Die Gespräche dauerten knapp drei Stunden.';
    const aligned = flat(alignDocument(source([[inserted, changed, ...P2.slice(1)]]), previous));
    expect(aligned.slice(0, 2)).toMatchObject([
      { kind: 'added', source: inserted, id: expect.any(String) },
      { kind: 'changed', source: changed, old },
    ]);
  });

  it('two edited sentences whose order also changed each pair with their own old segment', () => {
    let previous = firstRun([P2]);
    previous = edit(previous, P2[0]!, (s) => ({ ...s, status: 'approved', target: 'The talks lasted three hours.' }));
    previous = edit(previous, P2[1]!, (s) => ({ ...s, status: 'reviewed', target: 'Both sides signed an agreement.' }));
    const [oldA, oldB] = segmentsOf(previous);
    const a2 = 'Die Gespräche dauerten knapp drei Stunden.';
    const b2 = 'Beide Seiten unterzeichneten ein neues Abkommen.';
    const aligned = flat(alignDocument(source([[b2, a2, P2[2]!]]), previous));
    expect(aligned.slice(0, 2)).toMatchObject([
      { kind: 'changed', source: b2, old: oldB },
      { kind: 'changed', source: a2, old: oldA },
    ]);
  });

  it('a sentence rewritten beyond recognition is deleted + added, not changed', () => {
    const previous = edit(firstRun([P2]), P2[0]!, (s) => ({ ...s, status: 'approved', target: 'The talks lasted three hours.' }));
    const aligned = flat(alignDocument(source([['Völlig anderer Inhalt hier, ohne Bezug.', ...P2.slice(1)]]), previous));
    expect(aligned.map((a) => a.kind)).toEqual(['added', 'kept', 'kept']);
  });

  it('two identical sentences in one new document get distinct ids', () => {
    const twice = 'Das ist ein Satz.';
    const ids = flat(alignDocument(source([[twice, twice]]), undefined)).map((a) => (a.kind === 'added' ? a.id : a.old.id));
    expect(new Set(ids).size).toBe(2);
  });
});

describe('readReviewerIntent', () => {
  const base: BilingualSegment = { id: 's1', status: 'new', source: 'Ein Satz.', target: 'EN Ein Satz.', machineHash: hashMachineText('EN Ein Satz.') };

  it('`new` over untouched machine output asks for a fresh translation', () => {
    expect(readReviewerIntent(base)).toMatchObject({ status: 'new', target: '', machineHash: '' });
  });

  it('`new` with a changed target is a person\'s edit', () => {
    expect(readReviewerIntent({ ...base, target: 'A sentence.' })).toMatchObject({ status: 'edited', target: 'A sentence.' });
  });

  it('`machine` with a changed target is a person\'s edit; untouched machine output stays machine', () => {
    expect(readReviewerIntent({ ...base, status: 'machine', target: 'A sentence.' })).toMatchObject({ status: 'edited', target: 'A sentence.' });
    expect(readReviewerIntent({ ...base, status: 'machine' })).toEqual({ ...base, status: 'machine' });
  });

  it('human statuses are left as they are', () => {
    for (const status of ['edited', 'reviewed', 'approved'] as const) expect(readReviewerIntent({ ...base, status })).toEqual({ ...base, status });
  });
});
