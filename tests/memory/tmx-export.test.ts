import { readFile, writeFile } from 'node:fs/promises';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BitextError } from '../../src/core/errors.js';
import { SEGMENT_STATUSES } from '../../src/core/types.js';
import { addToMemory, createMemory, fromTmx, toTmx, type MemoryEntry } from '../../src/memory/index.js';

const pair = { source: 'de', target: 'en' } as const;
const options = { toolVersion: '0.1.0', now: new Date('2024-05-01T12:00:00.000Z') };

const tricky: MemoryEntry[] = [
  { source: '  Abstand vorn und hinten  ', target: ' padded ', origin: 'human', status: 'approved', changed: '2024-04-30T08:15:30.123Z' },
  { source: '007', target: '007', origin: 'machine', status: 'machine', changed: '2024-04-30T08:15:30.000Z' },
  { source: '1e3 & true', target: '1e3 & true', origin: 'human', status: 'edited', document: 'seeds/a "b" & <c>.txt', changed: '2024-04-30T08:15:30Z' },
  { source: 'Text mit <b>fett</b> und ]]> Ende', target: 'Text with <b>bold</b> and ]]> end', origin: 'human', status: 'reviewed', changed: '2024-01-02T03:04:05.006Z' },
  { source: 'Emoji 👩‍👩‍👧 und 😀', target: 'Emoji 👩‍👩‍👧 and 😀', origin: 'human', status: 'reviewed', changed: '2024-01-02T03:04:05.006Z' },
  { source: 'Arabisch: مرحبا بالعالم', target: 'Hebrew: שלום עולם', origin: 'human', status: 'reviewed', changed: '2024-01-02T03:04:05.006Z' },
  { source: 'Zeile eins\nZeile zwei\r\nZeile drei\tTab', target: 'Line one\nLine two\r\nLine three\tTab', origin: 'human', status: 'edited', changed: '2024-01-02T03:04:05.006Z' },
  { source: "Anführungszeichen \"doppelt\" und 'einfach'", target: 'Quotes "double" and \'single\'', origin: 'human', status: 'edited', changed: '2024-01-02T03:04:05.006Z' },
];

describe('toTmx', () => {
  it('writes the golden TMX 1.4b document', async () => {
    const memory = addToMemory(createMemory(pair), tricky).memory;
    const goldenUrl = new URL('../fixtures/tmx/export.golden.tmx', import.meta.url);
    // Regenerate after a deliberate format change with UPDATE_GOLDEN=1, then review the diff.
    if (process.env.UPDATE_GOLDEN === '1') await writeFile(goldenUrl, toTmx(memory, options));
    const golden = await readFile(goldenUrl, 'utf8');
    expect(toTmx(memory, options)).toBe(golden);
  });

  it('round-trips every entry exactly through fromTmx', () => {
    const memory = addToMemory(createMemory(pair), tricky).memory;
    const back = fromTmx(toTmx(memory, options), 'export.tmx', { sourceLanguage: 'de', targetLanguage: 'en' });
    expect(back.warnings).toEqual([]);
    expect(back.entries).toEqual(memory.entries);
  });

  it('round-trips arbitrary representable text (property)', () => {
    // Any string XML 1.0 can carry: drop the characters it cannot.
    const xmlText = fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }).map((s) =>
      s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/gu, '').replace(/[\uD800-\uDFFF]/gu, ''),
    );
    const entry = fc.record({
      source: xmlText.filter((s) => s.trim() !== ''),
      target: xmlText.filter((s) => s.trim() !== ''),
      origin: fc.constantFrom('human' as const, 'machine' as const),
      status: fc.constantFrom(...SEGMENT_STATUSES),
      changed: fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toISOString()),
    });
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 8 }), (entries) => {
        const memory = addToMemory(createMemory(pair), entries).memory;
        const back = fromTmx(toTmx(memory, options), 'p.tmx', { sourceLanguage: 'de', targetLanguage: 'en' });
        expect(addToMemory(createMemory(pair), back.entries).memory.entries).toEqual(memory.entries);
      }),
      { numRuns: 200 },
    );
  });

  it('exports notes as <note> before the variants and reads them back exactly', () => {
    const noted: MemoryEntry[] = [
      { ...tricky[0]!, note: 'A & B <i>kursiv</i> ]]> "zitiert"' },
      { ...tricky[1]!, note: 'Zeile eins\nZeile zwei\r\nZeile drei\tTab' },
      { ...tricky[4]!, note: 'Emoji 👩‍👩‍👧 😀 und العربية' },
      { ...tricky[5]!, note: '  Leerzeichen vorn und hinten  ' },
    ];
    const memory = addToMemory(createMemory(pair), noted).memory;
    const xml = toTmx(memory, options);
    expect(xml).toMatch(/<prop type="x-bitext-changed">[^<]*<\/prop>\n {6}<note> {2}Leerzeichen vorn und hinten {2}<\/note>\n {6}<tuv/);
    expect(xml).toContain('<note>A &amp; B &lt;i&gt;kursiv&lt;/i&gt; ]]&gt; "zitiert"</note>');
    const back = fromTmx(xml, 'n.tmx', { sourceLanguage: 'de', targetLanguage: 'en' });
    expect(back.warnings).toEqual([]);
    expect(back.entries).toEqual(memory.entries);
    expect(back.entries.map((e) => e.note)).toEqual(memory.entries.map((e) => e.note));
  });

  it('refuses text XML 1.0 cannot carry instead of altering it', () => {
    for (const bad of ['bell\u0007', 'nul\u0000', 'lone \uD83D surrogate', 'noncharacter \uFFFF']) {
      const memory = addToMemory(createMemory(pair), [{ ...tricky[1]!, target: bad }]).memory;
      let error: unknown;
      try {
        toTmx(memory, options);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(BitextError);
      expect((error as BitextError).code).toBe('output');
      expect((error as BitextError).message).toMatch(/XML 1\.0 cannot represent/);
    }
  });

  it('writes an empty body for an empty memory, and still reads back', () => {
    const xml = toTmx(createMemory(pair), options);
    expect(xml).toContain('<body/>');
    expect(fromTmx(xml, 'e.tmx', { sourceLanguage: 'de', targetLanguage: 'en' })).toEqual({
      entries: [],
      pairs: [{ pair, entries: [], languages: [] }],
      languages: [],
      warnings: [],
    });
  });
});
