// loadConfig on real temporary folders: which file it reads, what it refuses, and that it never writes.
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BitextError } from '../../src/core/errors.js';
import { defaultConfig, loadConfig, readConfig } from '../../src/config/index.js';
import { rejection } from '../helpers/rejection.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bitext-config-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('loadConfig', () => {
  it('without a config file gives every default', async () => {
    const loaded = await loadConfig({ cwd: dir });
    expect(loaded).toEqual({ config: defaultConfig(dir), file: undefined, warnings: [] });
  });

  it.each(['bitext.config.json', 'bitext.config.yaml', 'bitext.config.yml'])('reads %s', async (name) => {
    const text = name.endsWith('.json') ? '{"version": 1, "targetLanguages": ["fr"]}' : 'version: 1\ntargetLanguages: [fr]\n';
    await writeFile(join(dir, name), text);
    const loaded = await loadConfig({ cwd: dir });
    expect(loaded.file).toBe(join(dir, name));
    expect(loaded.config.targetLanguages).toEqual(['fr']);
  });

  it('refuses two config files, naming both', async () => {
    await writeFile(join(dir, 'bitext.config.json'), '{"version": 1}');
    await writeFile(join(dir, 'bitext.config.yaml'), 'version: 1\n');
    const error = await rejection(loadConfig({ cwd: dir }));
    expect(error).toBeInstanceOf(BitextError);
    expect(error).toMatchObject({ code: 'config', file: 'bitext.config.json', message: 'bitext.config.yaml is here too; keep one config file and delete the other' });
  });

  it('reads an explicit file, relative to cwd, with messages naming it so', async () => {
    await writeFile(join(dir, 'other.yaml'), 'version: 1\ncontext: maybe\n');
    const error = await rejection(loadConfig({ cwd: dir, file: 'other.yaml' }));
    expect(error).toMatchObject({ code: 'config', file: 'other.yaml', line: 2, message: 'context: expected true or false, got "maybe"' });
  });

  it('refuses an explicit file that is missing or of another kind', async () => {
    expect(await rejection(loadConfig({ cwd: dir, file: 'nope.json' }))).toMatchObject({
      code: 'config',
      file: 'nope.json',
      message: 'cannot read the config file (no such file or directory)',
    });
    await writeFile(join(dir, 'bitext.toml'), 'version = 1');
    expect(await rejection(loadConfig({ cwd: dir, file: 'bitext.toml' }))).toMatchObject({ message: 'expected a .json, .yaml or .yml config file' });
  });

  it('refuses a file that is not UTF-8', async () => {
    await writeFile(join(dir, 'bitext.config.json'), Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x7d]));
    expect(await rejection(loadConfig({ cwd: dir }))).toMatchObject({ code: 'config', file: 'bitext.config.json', message: 'is not valid UTF-8; save it as UTF-8' });
  });

  it('leads with the first problem and lists the others on their own lines', async () => {
    await writeFile(join(dir, 'bitext.config.json'), '{\n  "version": 1,\n  "backend": "depl",\n  "targetLanguages": ["en", "xx"]\n}\n');
    const error = await rejection(loadConfig({ cwd: dir }));
    expect(error).toMatchObject({ code: 'config', file: 'bitext.config.json', line: 3 });
    expect(error.message).toBe(
      [
        'backend: expected one of "mock", "deepl" or a module path like "./backend.js", got "depl" — did you mean "deepl"?',
        '  line 4: targetLanguages[1]: expected a language code such as "en", "en-GB", "pt-BR" or "zh-Hans", got "xx"',
      ].join('\n'),
    );
    expect((error.cause as AggregateError).errors).toHaveLength(2);
    const result = await readConfig({ cwd: dir });
    expect(result.errors?.map((e) => e.line)).toEqual([3, 4]);
  });

  it('returns warnings alongside a usable config', async () => {
    await writeFile(join(dir, 'bitext.config.yaml'), 'version: 1\ntargetLanguage: en\n');
    const loaded = await loadConfig({ cwd: dir });
    expect(loaded.warnings).toEqual([
      {
        severity: 'warning',
        rule: 'config-unknown-key',
        file: 'bitext.config.yaml',
        line: 2,
        message: 'targetLanguage: unknown key, ignored — did you mean "targetLanguages"?',
      },
    ]);
  });

  it('passes the JSON reader through (the strict JSON seam)', async () => {
    await writeFile(join(dir, 'bitext.config.json'), '{"version": 1}');
    const seen: string[] = [];
    await loadConfig({ cwd: dir, parseJson: (text) => (seen.push(text), JSON.parse(text)) });
    expect(seen).toEqual(['{"version": 1}']);
  });

  it('never writes: the file keeps its bytes and time, and nothing is added to the folder', async () => {
    // Keys out of order, defaults missing, an unknown key, CRLF and a BOM: all things a rewriter would "fix".
    const text = '\uFEFF{\r\n  "targetLanguages": ["en"],\r\n  "version": 1,\r\n  "colour": "blue"\r\n}\r\n';
    const file = join(dir, 'bitext.config.json');
    await writeFile(file, text);
    const before = await stat(file);
    await loadConfig({ cwd: dir });
    await readConfig({ cwd: dir });
    expect(await readFile(file, 'utf8')).toBe(text);
    expect((await stat(file)).mtimeMs).toBe(before.mtimeMs);
    expect(await readdir(dir)).toEqual(['bitext.config.json']);
  });
});
