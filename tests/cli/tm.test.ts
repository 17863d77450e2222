import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runCli, tempProject } from '../helpers/cli.js';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ dir, cleanup } = await tempProject({ seeds: false }));
});
afterEach(async () => cleanup());

const MEMORY = join('translations', 'memory', 'de-en.jsonl');

/** A memory with the contents XML parsers like to damage: padding, numbers, markup, entities, emoji. */
async function seedMemory(): Promise<string> {
  const entries = [
    { source: '  Eingerückt mit Leerzeichen  ', target: '  Indented with spaces  ' },
    { source: '007', target: '007' },
    { source: '1e3 und true', target: '1e3 and true' },
    { source: 'A & B <b>fett</b> "zitiert" \'einfach\'', target: 'A & B <b>bold</b> "quoted" \'single\'' },
    { source: 'Zeile eins\nZeile zwei', target: 'Line one\nLine two' },
    { source: 'Emoji 🇩🇪 und العربية', target: 'Emoji 🇩🇪 and العربية' },
  ];
  const header = JSON.stringify({ 'bitext-memory': 1, sourceLanguage: 'de', targetLanguage: 'en' });
  const lines = entries
    .sort((a, b) => (a.source < b.source ? -1 : a.source > b.source ? 1 : 0))
    .map((e) => JSON.stringify({ ...e, origin: 'human', status: 'approved', document: 'seeds/a.txt', changed: '2026-11-01T10:00:00.000Z' }));
  const text = `${[header, ...lines].join('\n')}\n`;
  await mkdir(join(dir, 'translations', 'memory'), { recursive: true });
  await writeFile(join(dir, MEMORY), text);
  return text;
}

describe('bitext tm', () => {
  it('a TMX export imports back identically', async () => {
    const original = await seedMemory();
    const exported = await runCli(['tm', 'export', '--to', 'en', '--format', 'tmx', '--out', 'memory.tmx'], { cwd: dir });
    expect(exported.code).toBe(0);
    const tmx = await readFile(join(dir, 'memory.tmx'), 'utf8');
    expect(tmx).toContain('<tmx version="1.4">');
    expect(tmx).toContain('&amp; B &lt;b&gt;');
    const stdout = await runCli(['tm', 'export', '--to', 'en'], { cwd: dir });
    // The header's creationdate is the export's clock: the two runs may fall in different seconds.
    const undated = (text: string) => text.replace(/(<header [^>]*creationdate=")\d{8}T\d{6}Z"/, '$1…"');
    expect(undated(stdout.stdout)).toBe(undated(tmx));

    await rm(join(dir, MEMORY));
    const imported = await runCli(['tm', 'import', 'memory.tmx'], { cwd: dir });
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
    expect(imported.stdout).toBe('en (6 units) → translations/memory/de-en.jsonl: memory now holds 6 entries\n');
    expect(await readFile(join(dir, MEMORY), 'utf8')).toBe(original);
  });

  it('carries reviewers\' notes through export and import, byte for byte', async () => {
    const header = JSON.stringify({ 'bitext-memory': 1, sourceLanguage: 'de', targetLanguage: 'en' });
    const original = [
      header,
      '{"source":"Der Kanzler sagte: „Wir handeln.“","target":"The chancellor said: “We act.”","origin":"human","status":"approved","document":"seeds/a.txt","note":"Zitat mit dem Original abgleichen & <Quelle> prüfen\\nZweite Zeile 😀","changed":"2026-11-01T10:00:00.000Z"}',
      '',
    ].join('\n');
    await mkdir(join(dir, 'translations', 'memory'), { recursive: true });
    await writeFile(join(dir, MEMORY), original);
    expect((await runCli(['tm', 'export', '--to', 'en', '--out', 'notes.tmx'], { cwd: dir })).code).toBe(0);
    expect(await readFile(join(dir, 'notes.tmx'), 'utf8')).toContain('<note>Zitat mit dem Original abgleichen &amp; &lt;Quelle&gt; prüfen\nZweite Zeile 😀</note>');
    await rm(join(dir, MEMORY));
    const imported = await runCli(['tm', 'import', 'notes.tmx'], { cwd: dir });
    expect([imported.code, imported.stderr]).toEqual([0, '']);
    expect(await readFile(join(dir, MEMORY), 'utf8')).toBe(original);
  });

  it('refuses a TMX with entity declarations and names the line of malformed XML', async () => {
    await writeFile(
      join(dir, 'bomb.tmx'),
      '<?xml version="1.0"?>\n<!DOCTYPE tmx [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>\n<tmx version="1.4"><header srclang="de"/><body><tu><tuv xml:lang="de"><seg>&b;</seg></tuv><tuv xml:lang="en"><seg>x</seg></tuv></tu></body></tmx>\n',
    );
    const bomb = await runCli(['tm', 'import', 'bomb.tmx'], { cwd: dir });
    expect(bomb.code).toBe(4);
    expect(bomb.stderr).toMatch(/bomb\.tmx/);
    expect(bomb.stderr).toMatch(/DOCTYPE|entit/i);

    await writeFile(join(dir, 'broken.tmx'), '<?xml version="1.0"?>\n<tmx version="1.4">\n<body>\n<tu><tuv xml:lang="de"><seg>x</tuv>\n</body></tmx>\n');
    const broken = await runCli(['tm', 'import', 'broken.tmx'], { cwd: dir });
    expect(broken.code).toBe(4);
    expect(broken.stderr).toMatch(/broken\.tmx:4/);
  });

  it('reads a file of several megabytes piece by piece, and stops at an error in any piece with its line', async () => {
    // About 3 MB: several reads of the file, the next one already running while a piece is parsed.
    const unit = (i: number): string =>
      `<tu><tuv xml:lang="de"><seg>Satz ${i}: Größe ${'ä'.repeat(i % 40)}</seg></tuv><tuv xml:lang="en"><seg>Sentence ${i}</seg></tuv></tu>\n`;
    const units = Array.from({ length: 20_000 }, (_, i) => unit(i));
    const tmx = (body: string[]): string => `<?xml version="1.0"?>\n<tmx version="1.4"><header srclang="de"/><body>\n${body.join('')}</body></tmx>\n`;
    await writeFile(join(dir, 'large.tmx'), tmx(units));
    const imported = await runCli(['tm', 'import', 'large.tmx', '--json'], { cwd: dir });
    expect(imported.code).toBe(0);
    expect(JSON.parse(imported.stdout).pairs[0].imported).toBe(20_000);
    expect((await readFile(join(dir, MEMORY), 'utf8')).split('\n')).toHaveLength(20_002);
    // Broken early (the rest of the file still to read) and broken in the last piece: line 3 is the first unit.
    for (const at of [10, 19_990]) {
      const broken = [...units];
      broken[at] = '<tu><tuv xml:lang="de"><seg>kaputt</tuv></tu>\n';
      await writeFile(join(dir, 'broken.tmx'), tmx(broken));
      const result = await runCli(['tm', 'import', 'broken.tmx'], { cwd: dir });
      expect(result.code).toBe(4);
      expect(result.stderr).toContain(`broken.tmx:${at + 3}:`);
    }
  });

  it('imports all or nothing: an invalid target language stops the import before any memory is written', async () => {
    await writeFile(
      join(dir, 'mixed.tmx'),
      tmx('de', [
        '<tu><tuv xml:lang="de"><seg>Hallo.</seg></tuv><tuv xml:lang="en"><seg>Hello.</seg></tuv></tu>',
        '<tu><tuv xml:lang="de"><seg>Tschüss.</seg></tuv>',
        '<tuv xml:lang="zz"><seg>Bye.</seg></tuv></tu>',
      ]),
    );
    const result = await runCli(['tm', 'import', 'mixed.tmx'], { cwd: dir });
    expect(result.code).toBe(4);
    expect(result.stderr).toMatch(/^bitext: mixed\.tmx:7: .*"zz"/m);
    expect(result.stderr).not.toMatch(/mixed\.tmx.*mixed\.tmx/);
    expect(await exists(join(dir, MEMORY))).toBe(false);
  });

  it('imports regional variants into the memory that translate --to fr reads, and says where', async () => {
    await writeFile(
      join(dir, 'fr.tmx'),
      tmx('de-DE', [
        '<tu><tuv xml:lang="DE-de"><seg>Hallo.</seg></tuv><tuv xml:lang="fr_FR"><seg>Bonjour.</seg></tuv></tu>',
        '<tu><tuv xml:lang="de-DE"><seg>Danke.</seg></tuv><tuv xml:lang="fr-CA"><seg>Merci.</seg></tuv></tu>',
      ]),
    );
    const result = await runCli(['tm', 'import', 'fr.tmx'], { cwd: dir });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('fr-FR (1 unit), fr-CA (1 unit) → translations/memory/de-fr.jsonl: memory now holds 2 entries\n');
    const memory = await readFile(join(dir, 'translations', 'memory', 'de-fr.jsonl'), 'utf8');
    expect(memory).toContain('"target":"Bonjour."');
    expect(memory).toContain('"target":"Merci."');
    expect(await exists(join(dir, 'translations', 'memory', 'de-fr-FR.jsonl'))).toBe(false);

    // --to fr-FR asks for the variant: only fr-FR units, into their own memory.
    const variant = await runCli(['tm', 'import', 'fr.tmx', '--to', 'fr-FR'], { cwd: dir });
    expect(variant.code).toBe(0);
    expect(variant.stdout).toMatch(/^fr-FR \(1 unit\) → translations\/memory\/de-fr-FR\.jsonl: memory now holds 1 entry\n$/);
    expect(variant.stderr).toMatch(/fr\.tmx:6: warning: translation unit without a fr-FR variant skipped/);
  });

  it('imports a variant into its own memory when the project already keeps one', async () => {
    await mkdir(join(dir, 'translations', 'memory'), { recursive: true });
    await writeFile(join(dir, 'translations', 'memory', 'de-en-GB.jsonl'), '{"bitext-memory":1,"sourceLanguage":"de","targetLanguage":"en-GB"}\n');
    await writeFile(
      join(dir, 'en.tmx'),
      tmx('de', ['<tu><tuv xml:lang="de"><seg>Farbe</seg></tuv><tuv xml:lang="en-GB"><seg>colour</seg></tuv></tu>']),
    );
    const result = await runCli(['tm', 'import', 'en.tmx'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^en-GB \(1 unit\) → translations\/memory\/de-en-GB\.jsonl/);
    expect(await exists(join(dir, MEMORY))).toBe(false);
  });

  it('refuses to merge two variants into one memory unless --to says so', async () => {
    await writeFile(
      join(dir, 'en.tmx'),
      tmx('de', [
        '<tu><tuv xml:lang="de"><seg>Farbe</seg></tuv><tuv xml:lang="en-GB"><seg>colour</seg></tuv></tu>',
        '<tu><tuv xml:lang="de"><seg>Farbe</seg></tuv><tuv xml:lang="en-US"><seg>color</seg></tuv></tu>',
      ]),
    );
    const refused = await runCli(['tm', 'import', 'en.tmx'], { cwd: dir });
    expect(refused.code).toBe(4);
    expect(refused.stderr).toMatch(/^bitext: en\.tmx:6: en-US and en-GB both go into the memory of en but translate "Farbe" differently .*--to en-GB or --to en-US .*--to en$/m);
    expect(await exists(join(dir, MEMORY))).toBe(false);
    const merged = await runCli(['tm', 'import', 'en.tmx', '--to', 'en'], { cwd: dir });
    expect(merged.code).toBe(0);
    expect(merged.stdout).toMatch(/^en-GB \(1 unit\), en-US \(1 unit\) → translations\/memory\/de-en\.jsonl: memory now holds 2 entries/);
  });

  it('warns when the file was translated into German and imports it reversed', async () => {
    await writeFile(
      join(dir, 'en-de.tmx'),
      tmx('en-US', ['<tu><tuv xml:lang="en-US"><seg>Hello.</seg></tuv><tuv xml:lang="de-DE"><seg>Hallo.</seg></tuv></tu>']),
    );
    const result = await runCli(['tm', 'import', 'en-de.tmx'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/^bitext: en-de\.tmx:3: warning: .*srclang.*en-US.*reversed/m);
    expect(result.stdout).toMatch(/^en-US \(1 unit\) → translations\/memory\/de-en\.jsonl/);
    expect(await readFile(join(dir, MEMORY), 'utf8')).toContain('{"source":"Hallo.","target":"Hello."');
  });

  it('names the languages a file has when none of its units has a German source', async () => {
    await writeFile(
      join(dir, 'en-fr.tmx'),
      tmx('en', [
        '<tu><tuv xml:lang="en"><seg>Hello.</seg></tuv><tuv xml:lang="fr"><seg>Bonjour.</seg></tuv></tu>',
        '<tu><tuv xml:lang="en"><seg>Thanks.</seg></tuv><tuv xml:lang="fr"><seg>Merci.</seg></tuv></tu>',
      ]),
    );
    const result = await runCli(['tm', 'import', 'en-fr.tmx'], { cwd: dir });
    expect(result.code).toBe(4);
    expect(result.stderr).toBe('bitext: en-fr.tmx: no translation unit has a German (de) variant; the file has en (2 units), fr (2 units)\n');
  });
});

function tmx(srclang: string, units: readonly string[]): string {
  return ['<?xml version="1.0" encoding="UTF-8"?>', '<tmx version="1.4">', `<header srclang="${srclang}"/>`, '<body>', ...units, '</body>', '</tmx>', ''].join('\n');
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}
