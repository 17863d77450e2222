import { describe, expect, it } from 'vitest';
import { hashMachineText } from '../../src/bilingual/index.js';
import type { BilingualDocument, BilingualSegment } from '../../src/bilingual/types.js';
import { planDocument } from '../../src/workflow/plan.js';
import { applyPlan } from '../../src/workflow/apply.js';
import { checkDocument } from '../../src/workflow/qa.js';
import { applyAnswered, edit, firstRun, machine, memoryOf, PATH, planned, plannedBySource, resources, segmentsOf, source } from './fixtures.js';

const A = 'Die Gespräche dauerten drei Stunden.';
const A2 = 'Die Gespräche dauerten knapp drei Stunden.';
const B = 'Beide Seiten unterzeichneten ein Abkommen.';
const T = 'The talks lasted three hours.';

/** A one-paragraph reviewer file holding exactly these segments. */
function fileOf(segments: BilingualSegment[]): BilingualDocument {
  return {
    version: 1,
    source: { path: PATH, hash: 'x', language: 'de' },
    targetLanguage: 'en',
    backend: 'mock',
    glossaryHash: '',
    paragraphs: [{ kind: 'paragraph', segments }],
  };
}

const machineSegment = (id: string, text: string): BilingualSegment => ({
  id,
  status: 'machine',
  source: text,
  target: machine(text),
  machineHash: hashMachineText(machine(text)),
});

describe('planDocument', () => {
  it('an unchanged file needs nothing and plans every segment as it was', () => {
    const previous = firstRun([[A, B]]);
    const plan = planDocument(source([[A, B]]), 'en', previous, resources());
    expect(planned(plan).map((s) => s.base)).toEqual(segmentsOf(previous));
    expect(planned(plan).filter((s) => s.need)).toEqual([]);
    expect(applyPlan(plan, undefined, { backend: 'mock', glossaryHash: '' })).toEqual(previous);
  });

  it('a changed human sentence becomes stale: old target kept, previous source recorded, a draft needed', () => {
    const previous = edit(firstRun([[A, B]]), A, (s) => ({ ...s, status: 'approved', target: T }));
    const plan = planDocument(source([['Ein Sprecher bestätigte das.', A2, B]]), 'en', previous, resources());
    const stale = plannedBySource(plan, A2);
    expect(stale).toMatchObject({ need: 'draft', base: { status: 'stale', source: A2, target: T, previousSource: A } });
    expect(stale.base.draft).toBeUndefined();
    // The draft lands beside the old target, never over it.
    const doc = applyAnswered(plan);
    expect(segmentsOf(doc).find((s) => s.source === A2)).toMatchObject({ status: 'stale', target: T, previousSource: A, draft: machine(A2) });
  });

  it('a changed sentence with untouched machine output is simply translated again', () => {
    const previous = firstRun([[A, B]]);
    const plan = planDocument(source([[A2, B]]), 'en', previous, resources());
    expect(plannedBySource(plan, A2)).toMatchObject({ need: 'target', base: { status: 'new', target: '' } });
  });

  describe('revert: the source goes back to what a stale target was made from', () => {
    const stale: BilingualSegment = { id: 's1', status: 'stale', source: A2, target: T, machineHash: '', previousSource: A, draft: machine(A2) };

    it('with a human memory entry for that pair, its status comes back', () => {
      const memory = memoryOf([{ source: A, target: T, status: 'approved' }]);
      const plan = planDocument(source([[A, B]]), 'en', fileOf([stale, machineSegment('s2', B)]), resources({ memory }));
      const back = plannedBySource(plan, A);
      expect(back.need).toBeUndefined();
      expect(back.base).toEqual({ id: 's1', status: 'approved', source: A, target: T, machineHash: '' });
    });

    it('without a memory entry, the person\'s target comes back as edited', () => {
      const plan = planDocument(source([[A, B]]), 'en', fileOf([stale, machineSegment('s2', B)]), resources());
      const back = plannedBySource(plan, A);
      expect(back.need).toBeUndefined();
      expect(back.base).toEqual({ id: 's1', status: 'edited', source: A, target: T, machineHash: '' });
      expect(planned(plan).filter((s) => s.need)).toEqual([]);
    });

    it('a memory entry with another target does not lend its status', () => {
      const memory = memoryOf([{ source: A, target: 'Talks took three hours.', status: 'approved' }]);
      const back = plannedBySource(planDocument(source([[A, B]]), 'en', fileOf([stale, machineSegment('s2', B)]), resources({ memory })), A);
      expect(back.base).toMatchObject({ status: 'edited', target: T });
      expect(back.need).toBeUndefined();
    });

    it('end to end: approve, change, plan (stale), change back, plan: approved again', () => {
      let doc = edit(firstRun([[A, B]]), A, (s) => ({ ...s, status: 'approved', target: T }));
      doc = applyAnswered(planDocument(source([[A2, B]]), 'en', doc, resources()));
      expect(segmentsOf(doc)[0]).toMatchObject({ status: 'stale', previousSource: A, draft: machine(A2) });
      const memory = memoryOf([{ source: A, target: T, status: 'approved' }]);
      const plan = planDocument(source([[A, B]]), 'en', doc, resources({ memory }));
      expect(planned(plan).filter((s) => s.need)).toEqual([]);
      const back = plannedBySource(plan, A).base;
      // The machine hash stays what the file had (the reviewer's edit never changes it).
      expect(back).toEqual({ id: segmentsOf(doc)[0]!.id, status: 'approved', source: A, target: T, machineHash: segmentsOf(doc)[0]!.machineHash });
    });
  });

  describe("the reviewer's intent", () => {
    it('`new` over untouched machine output: target cleared and asked for again', () => {
      const segment: BilingualSegment = { ...machineSegment('s1', A), status: 'new' };
      const plan = planDocument(source([[A, B]]), 'en', fileOf([segment, machineSegment('s2', B)]), resources());
      expect(plannedBySource(plan, A)).toMatchObject({ need: 'target', base: { status: 'new', target: '', machineHash: '' } });
      expect(plannedBySource(plan, B).need).toBeUndefined();
    });

    it('`new` with a changed target is an edit, kept and not sent', () => {
      const segment: BilingualSegment = { ...machineSegment('s1', A), status: 'new', target: T };
      const planA = plannedBySource(planDocument(source([[A, B]]), 'en', fileOf([segment, machineSegment('s2', B)]), resources()), A);
      expect(planA.need).toBeUndefined();
      expect(planA.base).toMatchObject({ status: 'edited', target: T });
    });

    it('`machine` with a changed target is an edit, kept and not sent', () => {
      const segment: BilingualSegment = { ...machineSegment('s1', A), target: T };
      const planA = plannedBySource(planDocument(source([[A, B]]), 'en', fileOf([segment, machineSegment('s2', B)]), resources()), A);
      expect(planA.need).toBeUndefined();
      expect(planA.base).toMatchObject({ status: 'edited', target: T });
    });

    it('a human status over an empty target is kept, not sent, and reported by QA', () => {
      const segment: BilingualSegment = { id: 's1', status: 'approved', source: A, target: '', machineHash: '' };
      const plan = planDocument(source([[A, B]]), 'en', fileOf([segment, machineSegment('s2', B)]), resources());
      const planA = plannedBySource(plan, A);
      expect(planA.need).toBeUndefined();
      expect(planA.base).toEqual(segment);
      const findings = checkDocument(applyPlan(plan, undefined, { backend: 'mock', glossaryHash: '' }), { glossary: undefined, file: 'translations/en/artikel.md' });
      expect(findings).toEqual([expect.objectContaining({ severity: 'warning', rule: 'untranslated-empty', segmentId: 's1', file: 'translations/en/artikel.md' })]);
    });

    it('`stale` set by hand (no previous source, no draft) bills nothing', () => {
      const segment: BilingualSegment = { id: 's1', status: 'stale', source: A, target: T, machineHash: '' };
      const planA = plannedBySource(planDocument(source([[A, B]]), 'en', fileOf([segment, machineSegment('s2', B)]), resources()), A);
      expect(planA.need).toBeUndefined();
      expect(planA.base).toEqual(segment);
    });

    it('a stale segment with a previous source but no draft yet asks for the draft', () => {
      const segment: BilingualSegment = { id: 's1', status: 'stale', source: A2, target: T, machineHash: '', previousSource: A };
      const plan = planDocument(source([[A2, B]]), 'en', fileOf([segment, machineSegment('s2', B)]), resources());
      expect(plannedBySource(plan, A2)).toMatchObject({ need: 'draft', base: { status: 'stale', target: T, previousSource: A } });
    });
  });

  describe('filling without the backend', () => {
    const fresh = 'Ein Sprecher bestätigte das.';
    const reusedTarget = 'A spokesman confirmed it.';

    it("reuses the project's machine output for the same sentence", () => {
      const plan = planDocument(source([[A, fresh]]), 'en', firstRun([[A]]), resources({ machineTargets: new Map([[fresh, reusedTarget]]) }));
      const planFresh = plannedBySource(plan, fresh);
      expect(planFresh.need).toBeUndefined();
      expect(planFresh.base).toMatchObject({ status: 'machine', target: reusedTarget, machineHash: hashMachineText(reusedTarget) });
      expect(plan.reused).toBe(1);
      expect(plan.memoryHits).toBe(0);
    });

    it('a human exact memory match wins over reused machine output', () => {
      const memory = memoryOf([{ source: fresh, target: 'A spokesperson confirmed this.', status: 'approved' }]);
      const plan = planDocument(source([[A, fresh]]), 'en', firstRun([[A]]), resources({ memory, machineTargets: new Map([[fresh, reusedTarget]]) }));
      const planFresh = plannedBySource(plan, fresh);
      expect(planFresh.need).toBeUndefined();
      expect(planFresh.base).toMatchObject({ status: 'edited', target: 'A spokesperson confirmed this.', machineHash: '' });
      expect(plan.memoryHits).toBe(1);
      expect(plan.reused).toBe(0);
    });

    it('a sentence neither in memory nor in the project is sent', () => {
      const plan = planDocument(source([[A, fresh]]), 'en', firstRun([[A]]), resources({ machineTargets: new Map([['Anderer Satz.', 'x']]) }));
      expect(plannedBySource(plan, fresh).need).toBe('target');
      expect(plan.reused).toBe(0);
    });
  });
});

describe('second review: resolved segments, drafts from memory, rejected machine output', () => {
  it('a resolved segment whose source goes back is not "restored": its target belongs to the other source', () => {
    let doc = edit(firstRun([[A, B]]), A, (s) => ({ ...s, status: 'approved', target: T }));
    doc = applyAnswered(planDocument(source([[A2, B]]), 'en', doc, resources())); // stale
    // The reviewer resolves it for A2, then the source goes back to A before the next run.
    doc = edit(doc, A2, (s) => ({ ...s, status: 'approved', target: 'The talks lasted almost three hours.' }));
    const plan = planDocument(source([[A, B]]), 'en', doc, resources());
    const segment = plannedBySource(plan, A);
    expect(segment.base.status).toBe('stale');
    expect(segment.base.target).toBe('The talks lasted almost three hours.');
    expect(segment.base.previousSource).toBe(A2);
  });

  it('a stale segment whose new source the memory already knows with this very target is current again', () => {
    let doc = edit(firstRun([[A, B]]), A, (s) => ({ ...s, status: 'approved', target: T }));
    doc = applyAnswered(planDocument(source([[A2, B]]), 'en', doc, resources()));
    // The run that made it stale stopped before the draft arrived.
    doc = edit(doc, A2, ({ draft: _draft, ...rest }) => rest);
    const memory = memoryOf([{ source: A2, target: T, status: 'reviewed' }]);
    const { base, need } = plannedBySource(planDocument(source([[A2, B]]), 'en', doc, resources({ memory })), A2);
    expect(need).toBeUndefined();
    expect(base.status).toBe('reviewed');
    expect(base.previousSource).toBeUndefined();
  });

  it('machine output a reviewer rejected (status new) is not reused from elsewhere in the project', () => {
    const plan = planDocument(source([[B]]), 'en', undefined, resources({ machineTargets: new Map([[B, machine(B)]]), rejected: new Set([B]) }));
    expect(plannedBySource(plan, B).need).toBe('target');
    expect(plan.reused).toBe(0);
  });

  it('pairs every edit of a 2000-sentence document with its own old sentence (and stays fast enough to run)', () => {
    const old = Array.from({ length: 2000 }, (_, i) => `Meldung ${i} berichtet über das Treffen in der Stadt Nummer ${i * 7}.`);
    const changed = old.map((s) => s.replace('Treffen', 'Gespräch'));
    let doc = firstRun([old]);
    doc = { ...doc, paragraphs: doc.paragraphs.map((p) => ({ ...p, segments: p.segments.map((s) => ({ ...s, status: 'approved' as const, target: `T ${s.source}` })) })) };
    const plan = planDocument(source([changed]), 'en', doc, resources());
    const segments = planned(plan);
    expect(segments.every((s) => s.base.status === 'stale')).toBe(true);
    expect(segments.map((s) => s.base.previousSource)).toEqual(old);
  });
});

describe('answers an interrupted run received (its journal)', () => {
  const fresh = 'Ein Sprecher bestätigte das.';
  const answer = `EN (journal) ${fresh}`;

  it('fill a new segment as machine output, exactly as the interrupted run would have written it', () => {
    const memory = memoryOf([{ source: 'Ein Sprecher bestätigte das nicht.', target: 'A spokesman did not confirm it.', status: 'approved' }]);
    const recovered = planDocument(source([[A, fresh]]), 'en', firstRun([[A]]), resources({ memory, recovered: new Map([[fresh, answer]]) }));
    const segment = plannedBySource(recovered, fresh);
    expect(segment.need).toBeUndefined();
    expect(recovered.recovered).toBe(1);
    // The same file as when the answer had arrived in the run itself (suggestions included).
    const sent = planDocument(source([[A, fresh]]), 'en', firstRun([[A]]), resources({ memory }));
    const answered = applyPlan(sent, new Map([[fresh, { target: answer, problems: [] }]]), { backend: 'mock', glossaryHash: '' });
    expect(applyPlan(recovered, undefined, { backend: 'mock', glossaryHash: '' })).toEqual(answered);
  });

  it('fill the draft of a stale segment', () => {
    const doc = edit(firstRun([[A, B]]), A, (s) => ({ ...s, status: 'approved', target: T }));
    const { base, need } = plannedBySource(planDocument(source([[A2, B]]), 'en', doc, resources({ recovered: new Map([[A2, `EN ${A2}`]]) })), A2);
    expect(need).toBeUndefined();
    expect(base).toMatchObject({ status: 'stale', target: T, previousSource: A, draft: `EN ${A2}` });
  });

  it('fill a segment whose older machine output a reviewer rejected: this answer is the fresh one', () => {
    const plan = planDocument(source([[B]]), 'en', undefined, resources({ rejected: new Set([B]), recovered: new Map([[B, 'EN fresh']]) }));
    expect(plannedBySource(plan, B).base).toMatchObject({ status: 'machine', target: 'EN fresh' });
  });

  it("never beat a person's translation", () => {
    const memory = memoryOf([{ source: fresh, target: 'A spokesperson confirmed this.', status: 'approved' }]);
    const plan = planDocument(source([[fresh]]), 'en', undefined, resources({ memory, recovered: new Map([[fresh, answer]]) }));
    expect(plannedBySource(plan, fresh).base).toMatchObject({ status: 'edited', target: 'A spokesperson confirmed this.' });
  });
});

describe('memories of more general language tags (fallbacks)', () => {
  const variant = (entries: Parameters<typeof memoryOf>[0]) => memoryOf(entries);

  it("read after the variant's own: a person's work in the variant first, then in the general one, then machine output", () => {
    const own = variant([{ source: A, target: 'machine fr-FR', origin: 'machine', status: 'machine' }]);
    const general = variant([{ source: A, target: 'human fr', status: 'approved' }, { source: B, target: 'human fr B', status: 'approved' }]);
    const plan = planDocument(source([[A, B]]), 'fr-FR', undefined, resources({ memory: own, fallbacks: [general] }));
    expect(plannedBySource(plan, A).base).toMatchObject({ status: 'edited', target: 'human fr' });
    expect(plannedBySource(plan, B).base).toMatchObject({ status: 'edited', target: 'human fr B' });
    const mine = variant([{ source: A, target: 'human fr-FR', status: 'edited', changed: '2020-01-01T00:00:00.000Z' }]);
    expect(plannedBySource(planDocument(source([[A]]), 'fr-FR', undefined, resources({ memory: mine, fallbacks: [general] })), A).base.target).toBe('human fr-FR');
  });

  it('offer fuzzy suggestions from every memory, best first', () => {
    const general = variant([{ source: 'Die Gespräche dauerten vier Stunden.', target: 'The talks lasted four hours.' }]);
    const plan = planDocument(source([[A]]), 'en-GB', undefined, resources({ fallbacks: [general] }));
    expect(plannedBySource(plan, A).base.suggestions?.[0]).toMatchObject({ target: 'The talks lasted four hours.' });
  });
});
