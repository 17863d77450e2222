import { describe, expect, it } from 'vitest';
import {
  addToMemory,
  createMemory,
  lookupExact,
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
