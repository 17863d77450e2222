import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SEGMENT_STATUSES } from '../../src/core/types.js';
import {
  addToMemory,
  createMemory,
  lookupExact,
  lookupFuzzy,
  normalizeSegmentText,
  parseMemory,
  serializeMemory,
  type MemoryEntry,
} from '../../src/memory/index.js';

const pair = { source: 'de', target: 'en' } as const;

function entry(source: string, target: string, overrides: Partial<MemoryEntry> = {}): MemoryEntry {
  return { source, target, origin: 'human', status: 'reviewed', changed: '2024-01-01T00:00:00.000Z', ...overrides };
}

const add = (...entries: MemoryEntry[]) => addToMemory(createMemory(pair), entries).memory;

describe('normalizeSegmentText', () => {
  it('applies NFC, collapses whitespace of every kind, trims', () => {
    expect(normalizeSegmentText(' Ku\u0308he\u00A0 und\n\tKa\u0308lber  ')).toBe('Kühe und Kälber');
  });

  it('gives the key the definition gives, also for text its shortcut returns as is (property)', () => {
    // The definition, written out: NFC, whitespace runs to one space, trimmed.
    const definition = (text: string) => text.normalize('NFC').replace(/\s+/gu, ' ').trim();
    // Mostly characters below U+0300 (where the shortcut applies), plus marks, spaces of every kind.
    const char = fc.oneof(
      fc.integer({ min: 0, max: 0x2ff }).map((c) => String.fromCodePoint(c)),
      fc.constantFrom(' ', ' ', '\t', '\n', '\r', '\u00a0', '\u2028', '\ufeff', '\u0301', '\u0308', '\u1100', '\u1161', '\u212b', 'Ω'),
    );
    fc.assert(
      fc.property(fc.array(char, { maxLength: 30 }), (chars) => {
        const text = chars.join('');
        expect(normalizeSegmentText(text)).toBe(definition(text));
      }),
      { numRuns: 2000 },
    );
    for (let code = 0; code < 0x300; code += 1) {
      const text = `a${String.fromCodePoint(code)}b`;
      expect(normalizeSegmentText(text), code.toString(16)).toBe(definition(text));
    }
  });
});

describe('addToMemory', () => {
  it('keeps entries sorted by source, then target, in code-unit order', () => {
    const memory = add(entry('b', '2'), entry('a', 'z'), entry('Z', '1'), entry('a', 'y'), entry('Ä', 'x'));
    expect(memory.entries.map((e) => `${e.source}:${e.target}`)).toEqual(['Z:1', 'a:y', 'a:z', 'b:2', 'Ä:x']);
  });

  it('reports no change when re-adding the same entry, and returns the same memory', () => {
    const first = add(entry('Hallo', 'Hello'));
    const again = addToMemory(first, [entry('Hallo', 'Hello')]);
    expect(again.changed).toBe(false);
    expect(again.memory).toBe(first);
    expect(addToMemory(first, []).changed).toBe(false);
  });

  it('keeps the stored date when the same review is read again later (the file stays byte-identical)', () => {
    const first = add(entry('Hallo', 'Hello', { status: 'approved' }));
    const again = addToMemory(first, [entry('Hallo', 'Hello', { status: 'approved', changed: '2025-06-01T00:00:00.000Z' })]);
    expect(again.changed).toBe(false);
    expect(again.memory.entries[0]?.changed).toBe('2024-01-01T00:00:00.000Z');
    const promoted = addToMemory(add(entry('Hallo', 'Hello', { status: 'edited' })), [
      entry('Hallo', 'Hello', { status: 'reviewed', changed: '2025-06-01T00:00:00.000Z' }),
    ]);
    expect(promoted.changed).toBe(true);
    expect(promoted.memory.entries[0]?.changed).toBe('2025-06-01T00:00:00.000Z');
  });

  it('identifies a human entry by (source, target): another document or a lower status changes nothing', () => {
    const stored = add(entry('Hallo', 'Hello', { status: 'reviewed', document: 'a.txt' }));
    for (const status of ['reviewed', 'edited', 'machine', 'new', 'stale'] as const) {
      const again = addToMemory(stored, [
        entry('Hallo', ' Hello', { status, document: 'b.txt', changed: '2025-06-01T00:00:00.000Z' }),
      ]);
      expect(again.changed, status).toBe(false);
      expect(again.memory).toBe(stored);
    }
  });

  it('upgrades status and date for a higher status but keeps the stored document', () => {
    const stored = add(entry('Hallo', 'Hello', { status: 'edited', document: 'a.txt' }));
    const { memory, changed } = addToMemory(stored, [
      entry('Hallo', 'Hello', { status: 'approved', document: 'b.txt', changed: '2025-06-01T00:00:00.000Z' }),
    ]);
    expect(changed).toBe(true);
    expect(memory.entries).toEqual([
      entry('Hallo', 'Hello', { status: 'approved', document: 'a.txt', changed: '2025-06-01T00:00:00.000Z' }),
    ]);
  });

  it('leaves the file byte-identical on every unchanged run when one translation is in two documents', () => {
    // What `translate` does on each run: re-read every reviewed document and feed its human work in,
    // one document after the other, dated with the run's clock.
    const fromDoc1 = (changed: string) => entry('Die Regierung tagt.', 'The government meets.', { status: 'approved', document: 'doc1.md', changed });
    const fromDoc2 = (changed: string) => entry('Die Regierung tagt.', 'The government meets.', { status: 'edited', document: 'doc2.md', changed });
    for (const order of [[fromDoc1, fromDoc2], [fromDoc2, fromDoc1]]) {
      const serialized: string[] = [];
      let memory = createMemory(pair);
      for (let run = 1; run <= 4; run++) {
        const now = `2025-0${run}-01T00:00:00.000Z`;
        for (const fromDoc of order) memory = addToMemory(memory, [fromDoc(now)]).memory;
        memory = parseMemory(serializeMemory(memory), 'm.jsonl');
        serialized.push(serializeMemory(memory));
        expect(memory.entries.map((e) => e.status)).toEqual(['approved']);
      }
      expect(new Set(serialized).size).toBe(1);
    }
  });

  it('updates one entry per (source, target), keyed after normalisation', () => {
    const first = add(entry('Hallo  Welt', 'Hello world', { status: 'edited' }));
    const { memory, changed } = addToMemory(first, [
      entry('Hallo Welt', 'Hello world', { status: 'approved', changed: '2024-02-01T00:00:00.000Z' }),
    ]);
    expect(changed).toBe(true);
    expect(memory.entries).toEqual([entry('Hallo Welt', 'Hello world', { status: 'approved', changed: '2024-02-01T00:00:00.000Z' })]);
  });

  it('does not let an older change overwrite a newer one', () => {
    const newer = entry('Hallo', 'Hello', { changed: '2024-03-01T00:00:00.000Z', status: 'approved' });
    const { changed } = addToMemory(add(newer), [entry('Hallo', 'Hello', { status: 'edited' })]);
    expect(changed).toBe(false);
  });

  it('lets human work beat machine output, whatever the dates', () => {
    const human = entry('Hallo', 'Hello');
    const machine = entry('Hallo', 'Hi', { origin: 'machine', status: 'machine', changed: '2030-01-01T00:00:00.000Z' });
    expect(add(human, machine).entries).toEqual([human]);
    expect(add(machine, human).entries).toEqual([human]);
  });

  it('keeps one machine translation per source: the newest', () => {
    const older = entry('Hallo', 'Hi', { origin: 'machine', status: 'machine' });
    const newer = entry('Hallo', 'Hello', { origin: 'machine', status: 'machine', changed: '2024-02-01T00:00:00.000Z' });
    expect(add(older, newer).entries).toEqual([newer]);
    expect(add(newer, older).entries).toEqual([newer]);
  });

  it('keeps different human translations of one source side by side', () => {
    const memory = add(entry('Bank', 'bank'), entry('Bank', 'bench', { changed: '2024-02-01T00:00:00.000Z' }));
    expect(memory.entries.map((e) => e.target)).toEqual(['bank', 'bench']);
  });

  it('gives what adding the entries one call at a time gives (property)', () => {
    const text = fc.constantFrom('a', 'a ', 'b', 'B', 'A\u0308', '\u00c4');
    const anEntry = fc.record({
      source: text,
      target: text,
      origin: fc.constantFrom('human' as const, 'machine' as const),
      status: fc.constantFrom(...SEGMENT_STATUSES),
      document: fc.option(fc.constantFrom('a.txt', 'b.txt'), { nil: undefined }),
      changed: fc.integer({ min: 0, max: 3 }).map((day) => `2024-01-0${day + 1}T00:00:00.000Z`),
    });
    const clean = (e: { document?: string | undefined } & Omit<MemoryEntry, 'document'>): MemoryEntry => {
      const { document, ...rest } = e;
      return document === undefined ? rest : { ...rest, document };
    };
    fc.assert(
      fc.property(fc.array(anEntry, { maxLength: 12 }), fc.array(anEntry, { maxLength: 12 }), (first, second) => {
        const start = addToMemory(createMemory(pair), first.map(clean)).memory;
        const batch = addToMemory(start, second.map(clean));
        let single = start;
        for (const e of second) {
          const step = addToMemory(single, [clean(e)]);
          expect(step.changed).toBe(!isDeepStrictEqual(step.memory.entries, single.entries));
          single = step.memory;
        }
        expect(batch.memory.entries).toEqual(single.entries);
        // `changed` compares with the memory passed in: one call per entry can add a machine entry and
        // then remove it for a human one (which itself changes nothing) and end where it started.
        expect(batch.changed).toBe(!isDeepStrictEqual(batch.memory.entries, start.entries));
        expect(batch.memory.entries).toEqual([...batch.memory.entries].sort((x, y) => (x.source < y.source ? -1 : x.source > y.source ? 1 : x.target < y.target ? -1 : x.target > y.target ? 1 : 0)));
      }),
      { numRuns: 500 },
    );
  });

  it('sorts large batches as small ones: sources of one character, shared first characters, surrogates (property)', () => {
    // Above 1,024 new entries the sort goes by the first two characters first; a batch added in slices of
    // 300 is sorted the plain way. Both must give the same list, in code-unit order.
    const piece = fc.constantFrom('', 'a', 'A', 'ab', 'a b', 'b', 'ä', 'Ä', '\u00ff', '\u0100', '😀', '\uffff', 'z', 'é');
    const text = fc.array(piece, { minLength: 1, maxLength: 4 }).map((parts) => parts.join(''));
    const anEntry = fc.record({
      source: text,
      target: text,
      origin: fc.constantFrom('human' as const, 'machine' as const),
      status: fc.constantFrom(...SEGMENT_STATUSES),
      changed: fc.integer({ min: 0, max: 3 }).map((day) => `2024-01-0${day + 1}T00:00:00.000Z`),
    });
    const byCodeUnits = (x: MemoryEntry, y: MemoryEntry): number =>
      x.source < y.source ? -1 : x.source > y.source ? 1 : x.target < y.target ? -1 : x.target > y.target ? 1 : 0;
    fc.assert(
      fc.property(fc.array(anEntry, { minLength: 1100, maxLength: 2000 }), (entries) => {
        const whole = addToMemory(createMemory(pair), entries).memory;
        let sliced = createMemory(pair);
        for (let at = 0; at < entries.length; at += 300) sliced = addToMemory(sliced, entries.slice(at, at + 300)).memory;
        expect(whole.entries).toEqual(sliced.entries);
        expect(whole.entries).toEqual([...whole.entries].sort(byCodeUnits));
      }),
      // No shrinking: a counterexample of 1,100 entries takes minutes to shrink.
      { numRuns: 20, endOnFailure: true },
    );
  });

  it('stays linear when one source has thousands of human translations', () => {
    // Short sources ("Foto:", "—") collect many translations; each used to rescan its whole group.
    const many = Array.from({ length: 20_000 }, (_, i) => entry('Foto:', `Photo ${i}:`));
    const memory = add(...many);
    expect(memory.entries).toHaveLength(20_000);
    const again = addToMemory(memory, many);
    expect(again.changed).toBe(false);
    expect(again.memory).toBe(memory);
  });

  it('takes a new note on a known pair without touching its date, and keeps a note that is not repeated', () => {
    const stored = add(entry('Hallo', 'Hello', { status: 'reviewed', note: 'Anrede prüfen' }));
    const renoted = addToMemory(stored, [entry('Hallo', 'Hello', { status: 'edited', note: 'Anrede ok', changed: '2025-06-01T00:00:00.000Z' })]);
    expect(renoted.changed).toBe(true);
    expect(renoted.memory.entries).toEqual([entry('Hallo', 'Hello', { status: 'reviewed', note: 'Anrede ok' })]);
    // The same note again, or none: nothing changes.
    for (const again of [entry('Hallo', 'Hello', { note: 'Anrede ok' }), entry('Hallo', 'Hello'), entry('Hallo', 'Hello', { note: '' })]) {
      const result = addToMemory(renoted.memory, [{ ...again, changed: '2026-01-01T00:00:00.000Z' }]);
      expect(result.changed).toBe(false);
      expect(result.memory).toBe(renoted.memory);
    }
    // A higher status brings its own note, or keeps the stored one.
    const approved = addToMemory(renoted.memory, [entry('Hallo', 'Hello', { status: 'approved', changed: '2026-01-01T00:00:00.000Z' })]);
    expect(approved.memory.entries[0]).toEqual(entry('Hallo', 'Hello', { status: 'approved', note: 'Anrede ok', changed: '2026-01-01T00:00:00.000Z' }));
  });

  it('settles when one pair carries different notes in two documents: the file stays byte-identical run after run', () => {
    const fromDoc = (document: string, note: string, changed: string) => entry('Die Regierung tagt.', 'The government meets.', { status: 'reviewed', document, note, changed });
    const serialized: string[] = [];
    let memory = createMemory(pair);
    for (let run = 1; run <= 3; run++) {
      const now = `2025-0${run}-01T00:00:00.000Z`;
      memory = addToMemory(memory, [fromDoc('a.md', 'Ort prüfen', now), fromDoc('b.md', 'Zitat prüfen', now)]).memory;
      serialized.push(serializeMemory(memory));
    }
    expect(new Set(serialized).size).toBe(1);
    expect(memory.entries[0]?.note).toBe('Zitat prüfen'); // the document read last
  });

  it('drops fields that are not part of an entry', () => {
    const extra = { ...entry('a', 'b'), secret: 'x' } as MemoryEntry;
    expect(Object.keys(add(extra).entries[0] ?? {})).toEqual(['source', 'target', 'origin', 'status', 'changed']);
  });
});

describe('lookupExact', () => {
  it('matches after normalisation and prefers human, then the most recent', () => {
    const memory = add(
      entry('Bank', 'bank', { changed: '2024-01-01T00:00:00.000Z' }),
      entry('Bank', 'bench', { changed: '2024-05-01T00:00:00.000Z' }),
      entry('Haus', 'house', { origin: 'machine', status: 'machine' }),
    );
    expect(lookupExact(memory, '  Bank\n')?.target).toBe('bench');
    expect(lookupExact(memory, 'Haus')?.target).toBe('house');
    expect(lookupExact(memory, 'haus')).toBeUndefined();
    expect(lookupExact(memory, 'Ha\u0308user')).toBeUndefined();
    expect(lookupExact(add(entry('Häuser', 'houses')), 'Ha\u0308user')?.target).toBe('houses');
  });

  it('treats unparseable dates as oldest rather than failing', () => {
    const memory = add(entry('A', 'x', { changed: 'not a date' }), entry('A', 'y', { changed: '2001-01-01T00:00:00Z' }));
    expect(lookupExact(memory, 'A')?.target).toBe('y');
  });
});

describe('unresolved entries: a correction typed into a stale segment and left at stale', () => {
  const unresolved = (source: string, target: string, overrides: Partial<MemoryEntry> = {}) => entry(source, target, { status: 'stale', ...overrides });
  const machine = (source: string, target: string) => entry(source, target, { origin: 'machine', status: 'machine' });

  it('is kept beside machine output and neither removes it nor keeps it out', () => {
    const both = add(machine('Satz.', 'Sentence (MT).'), unresolved('Satz.', 'Sentence (typed).'));
    expect(both.entries.map((e) => e.target).sort()).toEqual(['Sentence (MT).', 'Sentence (typed).']);
    const later = addToMemory(add(unresolved('Satz.', 'Sentence (typed).')), [machine('Satz.', 'Sentence (MT).')]).memory;
    expect(later.entries).toHaveLength(2);
  });

  it('is never the exact match a segment is filled with; machine output or a finished translation is', () => {
    expect(lookupExact(add(unresolved('Satz.', 'typed')), 'Satz.')).toBeUndefined();
    expect(lookupExact(add(unresolved('Satz.', 'typed', { changed: '2030-01-01T00:00:00.000Z' }), machine('Satz.', 'mt')), 'Satz.')?.target).toBe('mt');
    expect(lookupExact(add(unresolved('Satz.', 'typed'), entry('Satz.', 'done')), 'Satz.')?.target).toBe('done');
  });

  it('is still offered as a fuzzy suggestion', () => {
    const [match] = lookupFuzzy(add(unresolved('Der Präsident sprach am Dienstag.', 'The president spoke on Tuesday.')), 'Der Präsident sprach am Dienstag.');
    expect(match?.entry.target).toBe('The president spoke on Tuesday.');
  });

  it('becomes a finished entry when the same text is resolved, and a finished one is not lowered by it', () => {
    const resolved = addToMemory(add(unresolved('Satz.', 'typed')), [entry('Satz.', 'typed', { status: 'approved' })]).memory;
    expect(resolved.entries).toEqual([expect.objectContaining({ target: 'typed', status: 'approved' })]);
    const kept = addToMemory(add(entry('Satz.', 'typed', { status: 'reviewed' })), [unresolved('Satz.', 'typed')]);
    expect(kept.changed).toBe(false);
  });

  it('keeps machine output out only while a finished human entry exists, in one call as one call per entry', () => {
    // The property test's counterexample: a human `new` a→a does not raise a stored `stale` a→a (same
    // rank), so the source still has only an unresolved entry, which keeps no machine entry out.
    const start = add(unresolved('a', 'a'));
    const incoming = [entry('a', 'a', { status: 'new' }), machine('a', 'a')];
    const batch = addToMemory(start, incoming).memory;
    let single = start;
    for (const e of incoming) single = addToMemory(single, [e]).memory;
    expect(single.entries.map((e) => `${e.origin}/${e.status}`)).toEqual(['human/stale', 'machine/machine']);
    expect(batch.entries).toEqual(single.entries);
    // A machine entry kept that way is still removed by a finished human entry later in the same call.
    const later = addToMemory(start, [...incoming, entry('a', 'b')]).memory;
    expect(later.entries.map((e) => `${e.origin}/${e.target}`)).toEqual(['human/a', 'human/b']);
  });

  it('survives the file: written and read back unchanged', () => {
    const memory = add(unresolved('Satz.', 'typed'), machine('Satz.', 'mt'));
    expect(parseMemory(serializeMemory(memory), 'de-en.jsonl')).toEqual(memory);
  });
});
