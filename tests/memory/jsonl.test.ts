import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BitextError } from '../../src/core/errors.js';
import { SEGMENT_STATUSES } from '../../src/core/types.js';
import { addToMemory, createMemory, parseMemory, serializeMemory, type MemoryEntry } from '../../src/memory/index.js';
import { serializeMemoryPieces } from '../../src/memory/jsonl.js';

const pair = { source: 'de', target: 'en' } as const;
const header = '{"bitext-memory":1,"sourceLanguage":"de","targetLanguage":"en"}';

function failure(text: string): BitextError {
  try {
    parseMemory(text, 'translations/memory/de-en.jsonl');
  } catch (error) {
    if (error instanceof BitextError) return error;
    throw error;
  }
  throw new Error('expected parseMemory to fail');
}

describe('serializeMemory', () => {
  it('writes the header, then one sorted entry per line with a fixed key order', () => {
    const memory = addToMemory(createMemory(pair), [
      { changed: '2024-01-02T00:00:00.000Z', status: 'machine', origin: 'machine', target: 'B', source: 'b', document: 'seeds/x.txt' },
      { source: 'a', target: 'A\u2028', origin: 'human', status: 'approved', changed: '2024-01-01T00:00:00.000Z' },
    ]).memory;
    expect(serializeMemory(memory)).toBe(
      [
        header,
        '{"source":"a","target":"A\\u2028","origin":"human","status":"approved","changed":"2024-01-01T00:00:00.000Z"}',
        '{"source":"b","target":"B","origin":"machine","status":"machine","document":"seeds/x.txt","changed":"2024-01-02T00:00:00.000Z"}',
        '',
      ].join('\n'),
    );
    expect(serializeMemory(createMemory(pair))).toBe(`${header}\n`);
  });

  it('writes a large memory in pieces that end at line ends and join to the same text', () => {
    const entries: MemoryEntry[] = Array.from({ length: 3000 }, (_, i) => ({
      source: `Satz ${String(i).padStart(4, '0')} ${'ü'.repeat(i % 150)}`,
      target: `Sentence "${i}"\t\u2029`,
      origin: i % 3 === 0 ? 'machine' : 'human',
      status: i % 3 === 0 ? 'machine' : 'reviewed',
      ...(i % 5 === 0 ? { document: `seeds/${i}.md` } : {}),
      ...(i % 7 === 0 ? { note: `Anmerkung\n${i}` } : {}),
      changed: '2024-01-01T00:00:00.000Z',
    }));
    const memory = addToMemory(createMemory(pair), entries).memory;
    const pieces = [...serializeMemoryPieces(memory)];
    expect(pieces.length).toBeGreaterThan(2);
    for (const piece of pieces) expect(piece.endsWith('\n')).toBe(true);
    const text = serializeMemory(memory);
    expect(pieces.join('')).toBe(text);
    const rows = memory.entries.map(({ source, target, origin, status, document, note, changed }) =>
      JSON.stringify({ source, target, origin, status, document, note, changed }).replace(/\u2029/g, '\\u2029'),
    );
    expect(text).toBe([header, ...rows, ''].join('\n'));
  });

  it('writes a note after document and before changed, only when there is one', () => {
    const memory = addToMemory(createMemory(pair), [
      { source: 'a', target: 'A', origin: 'human', status: 'approved', document: 'd.md', note: 'Name prüfen\n"Zitat" 😀', changed: '2024-01-01T00:00:00.000Z' },
      { source: 'b', target: 'B', origin: 'human', status: 'approved', note: '', changed: '2024-01-01T00:00:00.000Z' },
    ]).memory;
    expect(serializeMemory(memory).split('\n').slice(1, 3)).toEqual([
      '{"source":"a","target":"A","origin":"human","status":"approved","document":"d.md","note":"Name prüfen\\n\\"Zitat\\" 😀","changed":"2024-01-01T00:00:00.000Z"}',
      '{"source":"b","target":"B","origin":"human","status":"approved","changed":"2024-01-01T00:00:00.000Z"}',
    ]);
  });

  it('reads and writes a file without notes byte for byte as before', () => {
    // Written by the previous release (no note field anywhere).
    const before = [
      header,
      '{"source":"Hallo Welt.","target":"Hello world.","origin":"human","status":"approved","document":"seeds/a.txt","changed":"2024-05-01T12:00:00.000Z"}',
      '{"source":"Tschüss.","target":"Bye.","origin":"machine","status":"machine","changed":"2024-05-01T12:00:00Z"}',
      '',
    ].join('\n');
    expect(serializeMemory(parseMemory(before, 'm.jsonl'))).toBe(before);
  });

  it('round-trips through parseMemory (property)', () => {
    const entry = fc.record(
      {
        source: fc.string({ unit: 'binary', maxLength: 30 }),
        target: fc.string({ unit: 'binary', maxLength: 30 }),
        origin: fc.constantFrom('human' as const, 'machine' as const),
        status: fc.constantFrom(...SEGMENT_STATUSES),
        document: fc.string({ maxLength: 10 }),
        note: fc.string({ unit: 'binary', minLength: 1, maxLength: 20 }),
        changed: fc.date({ min: new Date('1990-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toISOString()),
      },
      { requiredKeys: ['source', 'target', 'origin', 'status', 'changed'] },
    );
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 10 }), (entries: MemoryEntry[]) => {
        const memory = addToMemory(createMemory(pair), entries).memory;
        const text = serializeMemory(memory);
        expect(text.split('\n')).toHaveLength(memory.entries.length + 2);
        const parsed = parseMemory(text, 'm.jsonl');
        expect(parsed).toEqual(memory);
        expect(serializeMemory(parsed)).toBe(text);
      }),
      { numRuns: 200 },
    );
  });
});

describe('a memory read from a file, written again', () => {
  const entry = fc.record(
    {
      source: fc.oneof(fc.constantFrom('a', 'A', 'a ', ' a', 'b', 'ä', 'a\u0308'), fc.string({ unit: 'binary', maxLength: 12 })),
      target: fc.oneof(fc.constantFrom('x', 'y', 'x "q"', 'x\\', 'x\u2028'), fc.string({ unit: 'binary', maxLength: 12 })),
      origin: fc.constantFrom('human' as const, 'machine' as const),
      status: fc.constantFrom(...SEGMENT_STATUSES),
      document: fc.string({ maxLength: 6 }),
      note: fc.string({ unit: 'binary', minLength: 1, maxLength: 8 }),
      changed: fc.constantFrom('2024-01-01T00:00:00.000Z', '2024-02-01T00:00:00Z', '2023-05-01T10:00:00+02:00'),
    },
    { requiredKeys: ['source', 'target', 'origin', 'status', 'changed'] },
  );
  /** The file's lines re-spelt as a person or another tool might: spaces, another key order, escapes. */
  const respell = (text: string, how: number): string =>
    text
      .split('\n')
      .map((line, at) => {
        if (at === 0 || line === '' || (at + how) % 3 !== 0) return line;
        const row = JSON.parse(line) as Record<string, unknown>;
        if (how % 2 === 0) return JSON.stringify(row, null, 1).replace(/\n/g, '');
        return JSON.stringify(Object.fromEntries(Object.entries(row).reverse())).replace(/a/g, '\\u0061');
      })
      .join('\n');

  it('writes what a memory merged from scratch writes: stored lines are reused only when exact (property)', () => {
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 12 }), fc.array(entry, { maxLength: 4 }), fc.nat(5), (first: MemoryEntry[], later: MemoryEntry[], how) => {
        const written = serializeMemory(addToMemory(createMemory(pair), first).memory);
        for (const text of [written, respell(written, how)]) {
          const read = parseMemory(text, 'm.jsonl');
          // The reference: the same entries merged from nothing (no line read from a file).
          const reference = addToMemory(createMemory(pair), read.entries.map((e) => ({ ...e }))).memory;
          expect(read).toEqual(reference);
          expect(serializeMemory(read)).toBe(serializeMemory(reference));
          const changed = addToMemory(read, later).memory;
          const changedReference = addToMemory(reference, later).memory;
          expect(changed).toEqual(changedReference);
          expect(serializeMemory(changed)).toBe(serializeMemory(changedReference));
          expect([...serializeMemoryPieces(changed)].join('')).toBe(serializeMemory(changedReference));
        }
      }),
      { numRuns: 1500 },
    );
  });

  it('reads a hand-edited line and writes it in the canonical form', () => {
    const text = [header, '{ "source": "a", "target": "b", "origin": "human", "status": "edited", "changed": "2024-01-01T00:00:00.000Z" }', '{"target":"d","source":"c","origin":"human","status":"edited","changed":"2024-01-01T00:00:00.000Z"}', '{"source":"\\u0065","target":"f","origin":"human","status":"edited","changed":"2024-01-01T00:00:00.000Z"}', ''].join('\n');
    expect(serializeMemory(parseMemory(text, 'm.jsonl'))).toBe(
      [header, ...['a:b', 'c:d', 'e:f'].map((st) => `{"source":"${st[0]}","target":"${st[2]}","origin":"human","status":"edited","changed":"2024-01-01T00:00:00.000Z"}`), ''].join('\n'),
    );
  });
});

describe('parseMemory', () => {
  const line = (fields: Record<string, unknown>) =>
    JSON.stringify({ source: 'a', target: 'b', origin: 'human', status: 'edited', changed: '2024-01-01T00:00:00.000Z', ...fields });

  it('accepts unsorted and repeated lines (as after a git merge) and folds them', () => {
    const text = [header, line({ source: 'z' }), '', line({}), line({ status: 'approved', changed: '2024-02-01T00:00:00Z' })].join('\r\n');
    const memory = parseMemory(text, 'm.jsonl');
    expect(memory.pair).toEqual(pair);
    expect(memory.entries.map((e) => [e.source, e.status])).toEqual([
      ['a', 'approved'],
      ['z', 'edited'],
    ]);
  });

  it('refuses a key given twice in one entry, naming the line, the key and both columns', () => {
    // JSON.parse keeps the last "target" without a word: a hand merge could swap a reviewed translation.
    const twice = '{"source":"a","target":"reviewed","origin":"human","status":"approved","changed":"2024-01-01T00:00:00Z","target":"other"}';
    const error = failure(`${header}\n${line({ source: 'b' })}\n${twice}`);
    expect(error.line).toBe(3);
    expect(error.column).toBe(twice.lastIndexOf('"target"') + 1);
    expect(error.message).toBe(`duplicate key "target" (columns ${twice.indexOf('"target"') + 1} and ${twice.lastIndexOf('"target"') + 1}): an entry has each field once; keep the right one`);
    expect(failure(`{"bitext-memory":1,"sourceLanguage":"de","targetLanguage":"en","targetLanguage":"fr"}`).message).toMatch(/^duplicate key "targetLanguage"/);
  });

  it.each([
    ['', 1, /empty memory file/],
    ['{"sourceLanguage":"de"}', 1, /missing header/],
    ['{"bitext-memory":2,"sourceLanguage":"de","targetLanguage":"en"}', 1, /unsupported memory format version 2/],
    [`${header}\n${line({})}\nnot json`, 3, /invalid JSON/],
    [`${header}\n<<<<<<< HEAD`, 2, /unresolved merge conflict/],
    [`${header}\n[1]`, 2, /expected a JSON object/],
    [`${header}\n${line({ origin: 'robot' })}`, 2, /"origin" must be one of human, machine/],
    [`${header}\n${line({ status: 'done' })}`, 2, /"status" must be one of new, machine/],
    [`${header}\n${line({ changed: 'yesterday' })}`, 2, /"changed" must be an ISO 8601/],
    [`${header}\n${line({ target: 7 })}`, 2, /"target" must be a string/],
    [`${header}\n\n${line({ comment: 'x' })}`, 3, /unknown field "comment"/],
    [`${header}\n${line({ note: '' })}`, 2, /"note" must be a non-empty string/],
    [`${header}\n${line({ note: 7 })}`, 2, /"note" must be a non-empty string/],
  ])('refuses %j at line %i', (text, expectedLine, message) => {
    const error = failure(text);
    expect(error.code).toBe('input');
    expect(error.file).toBe('translations/memory/de-en.jsonl');
    expect(error.line).toBe(expectedLine);
    expect(error.message).toMatch(message);
  });
});

describe('parseMemory reads a key given twice as an error, whatever the values hold (property)', () => {
  // Values full of what a quick reader could take for a key's end: quotes, backslashes, `":`.
  const tricky = fc.array(fc.constantFrom('a', '"', '\\', '":', '\\":', '\\\\', ':', ',', '{', ' ', 'ü'), { maxLength: 8 }).map((p) => p.join(''));
  const KEYS = ['source', 'target', 'origin', 'status', 'changed'] as const;
  it('a line with one field twice fails with "duplicate key"; the same line without it reads', () => {
    fc.assert(
      fc.property(tricky, tricky, fc.nat({ max: KEYS.length - 1 }), fc.nat({ max: KEYS.length }), fc.boolean(), (source, target, twice, at, spaced) => {
        const fields: [string, string][] = [
          ['source', source],
          ['target', target],
          ['origin', 'human'],
          ['status', 'approved'],
          ['changed', '2024-01-01T00:00:00.000Z'],
        ];
        const colon = spaced ? ' : ' : ':';
        // Spaced only where the key is given twice, too: one key end a quick count could miss.
        const spacedOnce = (pairs: [string, string][], at: number): string =>
          `{${pairs.map(([k, v], i) => `${JSON.stringify(k)}${i === at ? ' \t:' : ':'}${JSON.stringify(v)}`).join(',')}}`;
        const render = (pairs: [string, string][]): string => `{${pairs.map(([k, v]) => `${JSON.stringify(k)}${colon}${JSON.stringify(v)}`).join(',')}}`;
        const once = render(fields);
        expect(parseMemory(`${header}\n${once}\n`, 'm.jsonl').entries).toEqual([{ source, target, origin: 'human', status: 'approved', changed: '2024-01-01T00:00:00.000Z' }]);
        const duplicated = [...fields];
        duplicated.splice(at, 0, [KEYS[twice]!, fields[twice]![1]]);
        expect(failure(`${header}\n${render(duplicated)}\n`).message).toMatch(/^duplicate key /);
        expect(failure(`${header}\n${spacedOnce(duplicated, at)}\n`).message).toMatch(/^duplicate key /);
      }),
      { numRuns: 500 },
    );
  });
});
