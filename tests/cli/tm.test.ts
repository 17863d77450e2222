import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
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
    // The header carries the export time (seconds): two exports may straddle a second.
    const undated = (text: string) => text.replace(/creationdate="[^"]*"/, '');
    expect(undated(stdout.stdout)).toBe(undated(tmx));

    await rm(join(dir, MEMORY));
    const imported = await runCli(['tm', 'import', 'memory.tmx'], { cwd: dir });
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
    expect(imported.stdout).toMatch(/de-en: 6 units read/);
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
});
