import { describeError } from '../../src/cli/exit-codes.js';
import { mkdtemp, readdir, readFile, rm, stat, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BitextError } from '../../src/core/errors.js';
import { addToMemory, createMemory, memoryPath, readMemory, serializeMemory, writeMemory } from '../../src/memory/index.js';
import { rejection } from '../helpers/rejection.js';

const pair = { source: 'de', target: 'en' } as const;
let root: string;
/** The memory folder of the project layout, and how messages show it. */
const dir = (): string => path.join(root, 'translations', 'memory');
const SHOWN = 'translations/memory';

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'bitext-memory-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const sample = addToMemory(createMemory(pair), [
  { source: 'Hallo', target: 'Hello', origin: 'human', status: 'approved', changed: '2024-01-01T00:00:00.000Z' },
]).memory;

describe('memoryPath', () => {
  it('puts one file per language pair in the memory folder', () => {
    expect(memoryPath('/project/translations/memory', { source: 'de', target: 'en-GB' })).toBe(path.join('/project', 'translations', 'memory', 'de-en-GB.jsonl'));
  });

  it('refuses codes that could escape the folder', () => {
    expect(() => memoryPath(root, { source: '../de', target: 'en' })).toThrow(BitextError);
    expect(() => memoryPath(root, { source: 'de', target: 'en/x' })).toThrow(/invalid language code/);
  });
});

describe('readMemory / writeMemory', () => {
  it('reads a missing file as an empty memory', async () => {
    expect(await readMemory(dir(), pair, SHOWN)).toEqual(createMemory(pair));
  });

  it('writes, reads back, and skips writing unchanged bytes', async () => {
    expect(await writeMemory(dir(), sample, SHOWN)).toBe(true);
    const file = memoryPath(dir(), pair);
    expect(await readFile(file, 'utf8')).toBe(serializeMemory(sample));
    expect(await readMemory(dir(), pair, SHOWN)).toEqual(sample);
    const before = await stat(file);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await writeMemory(dir(), await readMemory(dir(), pair, SHOWN), SHOWN)).toBe(false);
    expect((await stat(file)).mtimeMs).toBe(before.mtimeMs);
  });

  it('writes a memory of several pieces byte for byte, and tells a change in its last byte or a longer file', async () => {
    // About 1 MB of text: several of the pieces the writer encodes and writes one after the other.
    const entries = Array.from({ length: 4000 }, (_, i) => ({
      source: `Satz ${i} mit Umlauten: Größe, Übermaß ${'ä'.repeat(i % 97)}`,
      target: `Sentence ${i} with ${'x'.repeat(i % 89)} \u2028 and "quotes"`,
      origin: 'human' as const,
      status: 'approved' as const,
      changed: '2024-01-01T00:00:00.000Z',
    }));
    const large = addToMemory(createMemory(pair), entries).memory;
    const file = memoryPath(dir(), pair);
    expect(await writeMemory(dir(), large, SHOWN)).toBe(true);
    const text = serializeMemory(large);
    expect(text.length).toBeGreaterThan(3 * 256 * 1024);
    expect(await readFile(file, 'utf8')).toBe(text);
    expect(await writeMemory(dir(), large, SHOWN)).toBe(false);
    // Same length, last byte different; and the same bytes with one more at the end: both are rewritten.
    await writeFile(file, `${text.slice(0, -1)} `);
    expect(await writeMemory(dir(), large, SHOWN)).toBe(true);
    expect(await readFile(file, 'utf8')).toBe(text);
    await writeFile(file, `${text}\n`);
    expect(await writeMemory(dir(), large, SHOWN)).toBe(true);
    expect(await readFile(file, 'utf8')).toBe(text);
    await writeFile(file, text.slice(0, -1));
    expect(await writeMemory(dir(), large, SHOWN)).toBe(true);
    expect(await readFile(file, 'utf8')).toBe(text);
    expect(await readdir(path.dirname(file))).toEqual(['de-en.jsonl']);
  });

  it('replaces the file whole and leaves no temporary files behind', async () => {
    await writeMemory(dir(), createMemory(pair), SHOWN);
    expect(await writeMemory(dir(), sample, SHOWN)).toBe(true);
    expect(await readdir(path.dirname(memoryPath(dir(), pair)))).toEqual(['de-en.jsonl']);
  });

  it('reports an unwritable destination as an output error naming the file', async () => {
    // A folder where the file should be makes the final rename fail.
    await mkdir(memoryPath(dir(), pair), { recursive: true });
    const error = await rejection(writeMemory(dir(), sample, SHOWN));
    expect(error.code).toBe('output');
    expect(error.file).toBe('translations/memory/de-en.jsonl');
    expect((await readdir(path.dirname(memoryPath(dir(), pair)))).sort()).toEqual(['de-en.jsonl']);
  });

  it('names the file and line of a broken memory, and refuses a file of another pair', async () => {
    const file = memoryPath(dir(), pair);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, `${serializeMemory(sample)}{"source":\n`);
    const broken = await rejection(readMemory(dir(), pair, SHOWN));
    expect([broken.code, broken.file, broken.line]).toEqual(['input', 'translations/memory/de-en.jsonl', 3]);

    await writeFile(file, serializeMemory(createMemory({ source: 'de', target: 'fr' })));
    const mismatch = await rejection(readMemory(dir(), pair, SHOWN));
    expect(mismatch.message).toMatch(/header says de-fr, expected de-en/);
  });

  it('refuses invalid UTF-8 instead of reading replacement characters into the memory', async () => {
    const file = memoryPath(dir(), pair);
    await mkdir(path.dirname(file), { recursive: true });
    const [header, line] = serializeMemory(sample).split('\n');
    // "Hallo" -> "Hall\xFF": a byte that is never valid UTF-8, on the entry line (line 2).
    const bytes = Buffer.from(`${header}\n${line?.replace('Hallo', 'Hall#')}\n`, 'utf8');
    bytes[bytes.indexOf('Hall#') + 4] = 0xff;
    await writeFile(file, bytes);
    const error = await rejection(readMemory(dir(), pair, SHOWN));
    expect([error.code, error.file, error.line]).toEqual(['input', 'translations/memory/de-en.jsonl', 2]);
    expect(describeError(error)).toMatch(/^translations\/memory\/de-en\.jsonl:2: invalid UTF-8/);
  });

  it('names the memory file when it cannot be read at all', async () => {
    await mkdir(path.join(memoryPath(dir(), pair), 'x'), { recursive: true }); // a folder where the file should be
    const error = await rejection(readMemory(dir(), pair, SHOWN));
    expect([error.code, error.file]).toEqual(['input', 'translations/memory/de-en.jsonl']);
  });
});
