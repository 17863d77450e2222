import { readFile } from 'node:fs/promises';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BitextError } from '../../src/core/errors.js';
import { createTmxDecoder, createTmxReader, decodeTmx, fromTmx } from '../../src/memory/index.js';

const fixture = (name: string): Promise<string> =>
  readFile(new URL(`../fixtures/tmx/${name}`, import.meta.url), 'utf8');

function thrown(run: () => unknown): BitextError {
  try {
    run();
  } catch (error) {
    if (error instanceof BitextError) return error;
    throw error;
  }
  throw new Error('expected a BitextError');
}

const wrap = (units: string): string =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n<header srclang="de"/>\n<body>\n${units}\n</body>\n</tmx>\n`;

describe('fromTmx with foreign files', () => {
  it('reads OmegaT units: inline codes become literal text in place, dates from the variant', async () => {
    const result = fromTmx(await fixture('omegat.tmx'), 'omegat.tmx', { sourceLanguage: 'de', targetLanguage: 'en' });
    expect(result.entries).toEqual([
      {
        source: 'Die <b0>Bundesregierung</b0> hat am Mittwoch beschlossen.',
        target: 'The <b0>federal government</b0> decided on Wednesday.',
        origin: 'human',
        status: 'edited',
        changed: '2024-03-05T10:15:00.000Z',
      },
      {
        source: 'Preis: 5 € & mehr',
        target: 'Price: 5 € & more',
        origin: 'human',
        status: 'edited',
        changed: '2024-03-06T08:00:00.000Z',
      },
    ]);
    expect(result.warnings).toEqual([
      expect.objectContaining({ severity: 'warning', rule: 'tmx-missing-language', file: 'omegat.tmx', line: 23 }),
    ]);
  });

  it('reads Trados units: upper-case regional codes, ph/it/hi/sub/ut content in document order', async () => {
    const result = fromTmx(await fixture('trados.tmx'), 'trados.tmx', { sourceLanguage: 'de', targetLanguage: 'en' });
    expect(result.entries.map((entry) => [entry.source, entry.target, entry.changed])).toEqual([
      ['Der Kanzler sagte: {1}„Wir handeln.“<i>', 'The chancellor said: {1}“We are acting.”<i>', '2023-01-11T08:30:00.000Z'],
      ['Siehe Seite 7 und <br/>Anhang.', 'See page 7 and <br/>appendix.', '2023-01-12T10:00:00.000Z'],
    ]);
    expect(result.pairs).toEqual([{ pair: { source: 'de', target: 'en' }, entries: result.entries, languages: [{ language: 'en-GB', units: 2, line: expect.any(Number) }] }]);
    expect(result.warnings.map((w) => [w.rule, w.line])).toEqual([['tmx-missing-language', 26]]);
  });

  it('reads UTF-16 files as Trados writes them', async () => {
    const text = await fixture('trados.tmx');
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const decoded = decodeTmx(utf16, 'trados.tmx');
    expect(decoded).toBe(text);
    expect(fromTmx(decoded, 'trados.tmx', { sourceLanguage: 'de', targetLanguage: 'en-GB' }).entries).toHaveLength(2);
    expect(() => decodeTmx(Uint8Array.from([0x3c, 0xff, 0x3e]), 'bad.tmx')).toThrow(BitextError);
  });

  it('reads legacy `lang` attributes and, without a target language, one pair per language found', async () => {
    const result = fromTmx(await fixture('legacy-lang.tmx'), 'legacy.tmx', { sourceLanguage: 'de' });
    expect(result.pairs.map((p) => [p.pair.target, p.entries.map((e) => e.target)])).toEqual([
      ['en-US', ['Good morning.', 'Good night.']],
      ['fr', ['Bonjour.']],
    ]);
    expect(result.entries).toEqual([]);
    expect(result.warnings.map((w) => w.rule)).toEqual(['tmx-several-targets']);
  });

  it('refuses a DOCTYPE entity bomb before expanding anything', async () => {
    const xml = await fixture('entity-bomb.tmx');
    const started = performance.now();
    const error = thrown(() => fromTmx(xml, 'bomb.tmx', { sourceLanguage: 'de', targetLanguage: 'en' }));
    expect(performance.now() - started).toBeLessThan(1000);
    expect(error.code).toBe('input');
    expect(error.file).toBe('bomb.tmx');
    expect(error.line).toBe(2);
    expect(error.message).toMatch(/DOCTYPE with an internal subset/);
  });

  it('refuses entity declarations outside a DOCTYPE too', () => {
    const error = thrown(() => fromTmx(wrap('<!ENTITY x "y">'), 'x.tmx', { sourceLanguage: 'de' }));
    expect(error.message).toMatch(/<!ENTITY/);
    expect(error.line).toBe(5);
  });

  it('reports malformed XML with its line', async () => {
    const error = thrown(() => fromTmx(malformedText, 'malformed.tmx', { sourceLanguage: 'de', targetLanguage: 'en' }));
    expect(error.code).toBe('input');
    expect(error.file).toBe('malformed.tmx');
    expect(error.line).toBe(7);
    expect(error.message).toMatch(/malformed XML/);
  });

  it('refuses undefined entities such as &nbsp; with the line', async () => {
    const error = thrown(() => fromTmx(undefinedEntityText, 'nbsp.tmx', { sourceLanguage: 'de', targetLanguage: 'en' }));
    expect([error.code, error.file, error.line]).toEqual(['input', 'nbsp.tmx', 6]);
    expect(error.message).toMatch(/&nbsp;/);
  });

  it('refuses what is not TMX', () => {
    expect(thrown(() => fromTmx('<html/>', 'page.html', { sourceLanguage: 'de' })).message).toMatch(/not a TMX document/);
    expect(thrown(() => fromTmx('', 'empty.tmx', { sourceLanguage: 'de' })).code).toBe('input');
  });
});

const malformedText = await fixture('malformed.tmx');
const undefinedEntityText = await fixture('undefined-entity.tmx');

const unit = (de: string, en: string, extra = ''): string =>
  `<tu${extra}><tuv xml:lang="de"><seg>${de}</seg></tuv><tuv xml:lang="en"><seg>${en}</seg></tuv></tu>`;

describe('fromTmx decoding', () => {
  const read = (units: string) => fromTmx(wrap(units), 't.tmx', { sourceLanguage: 'de', targetLanguage: 'en' });

  it('keeps segment text as strings, exactly: padding, 007, 1e3, true', () => {
    const { entries } = read(
      [unit('  007 ', '007'), unit('1e3', ' 1e3\t'), unit('true', 'false'), unit('0x1F', '-0')].join('\n'),
    );
    expect(entries.map((e) => [e.source, e.target])).toEqual([
      ['  007 ', '007'],
      ['1e3', ' 1e3\t'],
      ['true', 'false'],
      ['0x1F', '-0'],
    ]);
  });

  it('decodes the predefined entities and character references once, never twice', () => {
    const { entries } = read(unit('&amp;lt; &lt;b&gt; &quot;&apos; &#233;&#x1F600; &#xD;', '<![CDATA[&amp; <raw>]]>'));
    expect(entries[0]?.source).toBe('&lt; <b> "\' é😀 \r');
    expect(entries[0]?.target).toBe('&amp; <raw>');
  });

  it('refuses bare ampersands and references to characters XML forbids', () => {
    expect(thrown(() => read(unit('a & b', 'x'))).line).toBe(5);
    expect(thrown(() => read(unit('a &#1; b', 'x'))).message).toMatch(/does not allow/);
    expect(thrown(() => read(unit('a \u0001 b', 'x'))).message).toMatch(/U\+0001/);
  });

  it('matches languages case-insensitively, regional variants to their base, not the other way', () => {
    const xml = wrap('<tu><tuv xml:lang="DE-at"><seg>Servus</seg></tuv><tuv xml:lang="en_gb"><seg>Hello</seg></tuv></tu>');
    expect(fromTmx(xml, 't', { sourceLanguage: 'de', targetLanguage: 'EN' }).entries).toHaveLength(1);
    expect(fromTmx(xml, 't', { sourceLanguage: 'DE-AT', targetLanguage: 'en-GB' }).entries).toHaveLength(1);
    const narrower = fromTmx(xml, 't', { sourceLanguage: 'de', targetLanguage: 'en-US' });
    expect(narrower.entries).toHaveLength(0);
    expect(narrower.warnings.map((w) => w.rule)).toEqual(['tmx-missing-language']);
  });

  it('counts the languages of the file and of each pair, with the line of their first <tuv>', () => {
    const xml = wrap(
      [
        '<tu><tuv xml:lang="DE-de"><seg>A</seg></tuv><tuv xml:lang="fr_FR"><seg>a</seg></tuv></tu>',
        '<tu><tuv xml:lang="de"><seg>B</seg></tuv>',
        '<tuv xml:lang="fr-CA"><seg>b</seg></tuv><tuv xml:lang="en"><seg>b</seg></tuv></tu>',
      ].join('\n'),
    );
    const all = fromTmx(xml, 't', { sourceLanguage: 'de' });
    expect(all.languages).toEqual([
      { language: 'de-DE', units: 1, line: 5 },
      { language: 'fr-FR', units: 1, line: 5 },
      { language: 'de', units: 1, line: 6 },
      { language: 'fr-CA', units: 1, line: 7 },
      { language: 'en', units: 1, line: 7 },
    ]);
    expect(all.pairs.map((p) => [p.pair.target, p.languages])).toEqual([
      ['fr-FR', [{ language: 'fr-FR', units: 1, line: 5 }]],
      ['fr-CA', [{ language: 'fr-CA', units: 1, line: 7 }]],
      ['en', [{ language: 'en', units: 1, line: 7 }]],
    ]);
    const fr = fromTmx(xml, 't', { sourceLanguage: 'de', targetLanguage: 'fr' });
    expect(fr.entries.map((e) => e.target)).toEqual(['a', 'b']);
    expect(fr.pairs[0]?.languages).toEqual([
      { language: 'fr-FR', units: 1, line: 5 },
      { language: 'fr-CA', units: 1, line: 7 },
    ]);
  });

  it('warns once when the file says its source is another language, and reads it reversed', () => {
    const reversed = `<?xml version="1.0"?>\n<tmx version="1.4">\n<header srclang="EN-us"/>\n<body>\n${unit('Hallo', 'Hello')}\n${unit('Tschüss', 'Bye')}\n</body>\n</tmx>\n`;
    const result = fromTmx(reversed, 'r.tmx', { sourceLanguage: 'de' });
    expect(result.entries.map((e) => [e.source, e.target])).toEqual([['Hallo', 'Hello'], ['Tschüss', 'Bye']]);
    expect(result.warnings).toEqual([
      expect.objectContaining({ rule: 'tmx-reversed', line: 3, message: expect.stringMatching(/srclang="EN-us" \(2 units\).*reversed/) }),
    ]);
    // A unit's own srclang wins; *all* says nothing.
    const perUnit = wrap([unit('A', 'a', ' srclang="en"'), unit('B', 'b', ' srclang="*all*"'), unit('C', 'c', ' srclang="de-AT"')].join('\n'));
    expect(fromTmx(perUnit, 'u.tmx', { sourceLanguage: 'de' }).warnings.map((w) => [w.rule, w.line, w.message.slice(0, 24)])).toEqual([
      ['tmx-reversed', 5, 'srclang="en" (1 unit): t'],
    ]);
  });

  it('takes the first of several variants of the wanted target, with one warning', () => {
    const xml = wrap(
      [
        '<tu><tuv xml:lang="de"><seg>Farbe</seg></tuv><tuv xml:lang="en-US"><seg>color</seg></tuv><tuv xml:lang="en-GB"><seg>colour</seg></tuv></tu>',
        '<tu><tuv xml:lang="de"><seg>Zentrum</seg></tuv><tuv xml:lang="en-GB"><seg>centre</seg></tuv><tuv xml:lang="en-US"><seg>center</seg></tuv></tu>',
      ].join('\n'),
    );
    const result = fromTmx(xml, 't', { sourceLanguage: 'de', targetLanguage: 'en' });
    expect(result.entries.map((e) => e.target)).toEqual(['color', 'centre']);
    expect(result.warnings.map((w) => [w.rule, w.line, w.message])).toEqual([
      ['tmx-several-variants', 5, 'several variants of en (en-US, en-GB) and none exactly in 2 units; the first variant of each unit was imported'],
    ]);
  });

  it('reads notes of the unit and of the target variant, a line each, and skips empty ones', () => {
    const xml = wrap(
      '<tu><note>Erste &amp; Notiz</note><prop type="x">p</prop><note>  </note><note>Zweite\nZeile</note>' +
        '<tuv xml:lang="de"><note>Quellnotiz</note><seg>A</seg></tuv><tuv xml:lang="en"><note>Zielnotiz 😀</note><seg>a</seg></tuv></tu>\n' +
        unit('B', 'b'),
    );
    const { entries } = fromTmx(xml, 't', { sourceLanguage: 'de', targetLanguage: 'en' });
    expect(entries.map((e) => e.note)).toEqual(['Erste & Notiz\nZweite\nZeile\nZielnotiz 😀', undefined]);
    expect(Object.keys(entries[1] ?? {})).not.toContain('note');
  });

  it('prefers the exact language variant over a regional one in the same unit', () => {
    const xml = wrap(
      '<tu><tuv xml:lang="de"><seg>Farbe</seg></tuv><tuv xml:lang="en-US"><seg>color</seg></tuv><tuv xml:lang="en"><seg>colour</seg></tuv></tu>',
    );
    expect(fromTmx(xml, 't', { sourceLanguage: 'de', targetLanguage: 'en' }).entries[0]?.target).toBe('colour');
  });

  it('reads bitext props, warns on bad values and dates, and dates undated units with the injected clock', () => {
    const props =
      '<prop type="x-bitext-origin">machine</prop><prop type="x-bitext-status">bogus</prop><prop type="x-bitext-document">seeds/a.txt</prop>';
    const xml = wrap(
      [
        `<tu changedate="2024-01-01">${props}<tuv xml:lang="de"><seg>A</seg></tuv><tuv xml:lang="en"><seg>B</seg></tuv></tu>`,
        unit('C', '   '),
      ].join('\n'),
    );
    const result = fromTmx(xml, 't.tmx', { sourceLanguage: 'de', targetLanguage: 'en', now: new Date('2025-02-03T04:05:06.789Z') });
    expect(result.entries).toEqual([
      { source: 'A', target: 'B', origin: 'machine', status: 'machine', document: 'seeds/a.txt', changed: '2025-02-03T04:05:06.789Z' },
    ]);
    expect(result.warnings.map((w) => [w.rule, w.line])).toEqual([
      ['tmx-invalid-prop', 5],
      ['tmx-invalid-date', 5],
      ['tmx-empty-segment', 6],
    ]);
    expect(fromTmx(wrap(unit('A', 'B')), 't', { sourceLanguage: 'de', targetLanguage: 'en' }).entries[0]?.changed).toBe(
      '1970-01-01T00:00:00.000Z',
    );
  });

  it('reads TMX dates as Date.UTC does, also the odd ones: Feb 29, month 13, year 0050, spaces (property)', () => {
    const viaDate = (value: string): string | undefined => {
      const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value.trim());
      if (match === null) return undefined;
      const [, year, month, day, hour, minute, second] = match.map(Number);
      return new Date(Date.UTC(year ?? 0, (month ?? 1) - 1, day, hour, minute, second)).toISOString();
    };
    const fallback = '2025-02-03T04:05:06.789Z';
    const changedOf = (value: string): string | undefined =>
      fromTmx(wrap(`<tu changedate="${value}"><tuv xml:lang="de"><seg>A</seg></tuv><tuv xml:lang="en"><seg>B</seg></tuv></tu>`), 't.tmx', {
        sourceLanguage: 'de',
        targetLanguage: 'en',
        now: new Date(fallback),
      }).entries[0]?.changed;
    const two = (max: number) => fc.integer({ min: 0, max }).map((n) => String(n).padStart(2, '0'));
    const date = fc
      .tuple(fc.constantFrom('0000', '0050', '0099', '0100', '1900', '1999', '2000', '2023', '2024', '2100', '9999'), two(14), two(32), two(25), two(61), two(61))
      .map(([year, month, day, hour, minute, second]) => `${year}${month}${day}T${hour}${minute}${second}Z`);
    const odd = fc.constantFrom('20240229T000000Z', '20230229T000000Z', '21000229T120000Z', '20000229T235959Z', ' 20240101T000000Z', '2024010lT000000Z', '20240101T000000z', '2024-01-01T00:00:00Z');
    fc.assert(
      fc.property(fc.oneof(date, odd), (value) => {
        expect(changedOf(value)).toBe(viaDate(value) ?? fallback);
      }),
      { numRuns: 500 },
    );
  });
});

describe('createTmxReader and createTmxDecoder (piece by piece)', () => {
  /** Reads `bytes` cut at `cuts`, the way `tm import` reads a file. */
  function readInPieces(bytes: Uint8Array, cuts: readonly number[], file = 'p.tmx') {
    const decoder = createTmxDecoder(file);
    const reader = createTmxReader(file, { sourceLanguage: 'de' });
    let from = 0;
    for (const cut of [...cuts].sort((a, b) => a - b)) {
      reader.write(decoder.decode(bytes.subarray(from, cut)));
      from = cut;
    }
    reader.write(decoder.decode(bytes.subarray(from)));
    reader.write(decoder.end());
    return reader.close();
  }
  const outcome = (run: () => unknown): unknown => {
    try {
      return run();
    } catch (error) {
      if (!(error instanceof BitextError)) throw error;
      return { code: error.code, message: error.message, line: error.line };
    }
  };

  const documents = [
    wrap(
      [
        unit('Grüße, «Straße» &amp; 😀', 'Greetings &amp;amp; 😀'),
        '<!-- a comment with & and <!ENTITY inside -->',
        unit('<![CDATA[<b>&</b>]]>', 'x<?pi & ?>y'),
        `<tu srclang="de"><prop type="x-bitext-document">a &#x1F600; b</prop><tuv xml:lang="de"><seg>Zeile\neins</seg></tuv><tuv xml:lang="en"><seg>line</seg></tuv></tu>`,
      ].join('\n'),
    ),
    `\uFEFF<?xml version="1.0"?>\n<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n<tmx version="1.4"><header srclang="de"/><body>${unit('A\u00a0B', 'a')}</body></tmx>`,
    wrap(unit('a &nbsp; b', 'x')),
    wrap(unit('a & b', 'x')),
    wrap(`${unit('A', 'a')}\n<!ENTITY x "y">`),
    `<?xml version="1.0"?>\n<!DOCTYPE tmx [\n<!ENTITY a "aaaa">\n]>\n<tmx/>`,
    wrap(`${unit('A', 'a')}\n<tu><tuv xml:lang="de"><seg>x</tuv></tu>`),
    wrap(unit(`a &${'x'.repeat(40)}; b`, 'x')),
    `<?xml version="1.0"?>\n<!DOCTYPE tmx SYSTEM "${'d'.repeat(5000)}.dtd">\n<tmx/>`,
  ];

  it('gives what reading the whole text gives, wherever the pieces are cut (property)', () => {
    const wholes = documents.map((xml) => outcome(() => fromTmx(xml, 'p.tmx', { sourceLanguage: 'de' })));
    // The cases are what they claim: two documents read, five refused for five different reasons.
    expect(wholes.map((w) => ('pairs' in (w as object) ? 'read' : (w as { message: string }).message.slice(0, 18)))).toEqual([
      'read',
      'read',
      'undefined entity &',
      'a bare "&" must be',
      'entity declaration',
      'a DOCTYPE with an ',
      'malformed XML: unexpected close tag'.slice(0, 18),
      'a bare "&" must be',
      'a DOCTYPE longer t',
    ]);
    for (const [index, xml] of documents.entries()) {
      const whole = wholes[index];
      for (const encoding of ['utf-8', 'utf-16le'] as const) {
        const bytes = encoding === 'utf-8' ? Buffer.from(xml, 'utf8') : Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(xml, 'utf16le')]);
        fc.assert(
          fc.property(fc.uniqueArray(fc.integer({ min: 0, max: bytes.length }), { maxLength: 12 }), (cuts) => {
            expect(outcome(() => readInPieces(bytes, cuts))).toEqual(whole);
          }),
          { numRuns: 150 },
        );
      }
    }
  });

  it('judges a stray "&" or an endless DOCTYPE at once instead of carrying it from piece to piece', () => {
    const reader = createTmxReader('s.tmx', { sourceLanguage: 'de' });
    reader.write('<tmx><body>\n<tu><tuv xml:lang="de"><seg>a ');
    expect(outcome(() => reader.write(`&${'x'.repeat(100)}`))).toEqual({ code: 'input', message: 'a bare "&" must be written &amp;', line: 2 });
    const doctype = createTmxReader('d.tmx', { sourceLanguage: 'de' });
    expect(outcome(() => doctype.write(`<!DOCTYPE tmx SYSTEM "${'d'.repeat(5000)}`))).toMatchObject({ code: 'input', line: 1 });
  });

  it('decodes whole and in pieces alike, drops only a leading byte-order mark, refuses invalid UTF-8', () => {
    const text = 'a\uFEFFb ü 😀';
    const bytes = Buffer.from(`\uFEFF${text}`, 'utf8');
    expect(decodeTmx(bytes, 'b.tmx')).toBe(text);
    for (let cut = 0; cut <= bytes.length; cut += 1) {
      const decoder = createTmxDecoder('b.tmx');
      expect(decoder.decode(bytes.subarray(0, cut)) + decoder.decode(bytes.subarray(cut)) + decoder.end()).toBe(text);
    }
    const truncated = createTmxDecoder('t.tmx');
    truncated.decode(Buffer.from('ab\u00fc', 'utf8').subarray(0, 3));
    expect(outcome(() => truncated.end())).toEqual({ code: 'input', message: 'not valid UTF-8 text', line: undefined });
  });
});
