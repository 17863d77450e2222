// docs/config.md must match the code: every schema key is documented, every documented default is what
// loadConfig resolves for a file that sets nothing, every example value is accepted, and the examples and
// messages shown are the ones the code produces.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configKeys, loadConfig, parseConfig, type ResolvedConfig } from '../../src/config/index.js';
import { rejection } from '../helpers/rejection.js';

const doc = readFileSync(fileURLToPath(new URL('../../docs/config.md', import.meta.url)), 'utf8');

interface Row {
  readonly key: string;
  readonly defaultCell: string;
  readonly example: string;
}

const rows: Row[] = doc
  .split('\n')
  .filter((line) => /^\| `[^`]+` \|/.test(line) && line.split(' | ').length >= 5)
  .map((line) => {
    const cells = line.split(' | ');
    return { key: /`([^`]+)`/.exec(cells[0]!)![1]!, defaultCell: cells[2]!, example: cells[cells.length - 1]!.replace(/ \|$/, '') };
  })
  .filter((row) => !row.key.startsWith('config-'));

const firstCode = (cell: string): string | undefined => /`([^`]+)`/.exec(cell)?.[1];

/** Absolute paths back to the relative form the docs show; the glossary as the file names it. */
function asDocumented(config: ResolvedConfig, root: string): unknown {
  const relativize = (value: unknown): unknown => {
    if (typeof value === 'string') return value.startsWith(`${root}/`) ? value.slice(root.length + 1) : value;
    if (Array.isArray(value)) return value.map(relativize);
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, relativize(v)]));
    return value;
  };
  return relativize({ ...config, glossary: config.glossary?.path ?? null });
}

function lookup(value: unknown, key: string): unknown {
  return key.split('.').reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), value);
}

function nest(key: string, value: unknown): Record<string, unknown> {
  return key
    .split('.')
    .reverse()
    .reduce<Record<string, unknown>>((inner, part, index) => ({ [part]: index === 0 ? value : inner }), {});
}

let root: string;
const resolved: Record<'plain' | 'withBackend', unknown> = { plain: undefined, withBackend: undefined };

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'bitext-config-docs-'));
  // glossary.json present, so the documented default ("glossary.json when that file exists") applies.
  await writeFile(join(root, 'glossary.json'), '{"version": 1, "terms": []}');
  await writeFile(join(root, 'bitext.config.json'), '{"version": 1}');
  resolved.plain = asDocumented((await loadConfig({ cwd: root })).config, root);
  // backend.* defaults exist once a backend is chosen.
  await writeFile(join(root, 'bitext.config.json'), '{"version": 1, "backend": "mock"}');
  resolved.withBackend = asDocumented((await loadConfig({ cwd: root })).config, root);
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('docs/config.md', () => {
  it('documents every key of the schema, and only those', () => {
    expect(rows.map((row) => row.key).sort()).toEqual(configKeys().sort());
  });

  it('has a default for every row that the code resolves to', () => {
    const checked: string[] = [];
    for (const { key, defaultCell } of rows) {
      const actual = lookup(key.startsWith('backend.') ? resolved.withBackend : resolved.plain, key);
      const code = firstCode(defaultCell);
      if (defaultCell.startsWith('required') || defaultCell.startsWith('see below')) continue;
      if (defaultCell.startsWith('none')) expect(actual, key).toBeUndefined();
      else expect(actual, key).toEqual(JSON.parse(code!));
      checked.push(key);
    }
    // Every leaf key is pinned; only version/backend.name (required) and the parent objects are not.
    expect(checked.length).toBe(rows.length - 5);
  });

  it.each(rows.filter((row) => row.key !== 'version'))('has an example for $key that the schema accepts', ({ key, example }) => {
    const value: unknown = JSON.parse(firstCode(example)!);
    // A backend.* key needs a backend to belong to.
    const file = key.startsWith('backend.') && key !== 'backend.name'
      ? { version: 1, backend: { name: 'deepl', ...nest(key, value)['backend'] as Record<string, unknown> } }
      : { version: 1, ...nest(key, value) };
    const result = parseConfig(JSON.stringify(file), '/project/bitext.config.json');
    expect(result.errors, key).toBeUndefined();
    expect(result.warnings, key).toEqual([]);
  });

  it('has JSON and YAML examples that load without warnings', () => {
    const json = /```json\n([\s\S]*?)```/.exec(doc)![1]!;
    const yaml = /```yaml\n([\s\S]*?)```/.exec(doc)![1]!;
    for (const [text, file] of [
      [json, '/p/bitext.config.json'],
      [yaml, '/p/bitext.config.yaml'],
    ] as const) {
      const result = parseConfig(text, file);
      expect(result.errors).toBeUndefined();
      expect(result.warnings).toEqual([]);
    }
    expect(parseConfig(yaml, '/p/bitext.config.yaml').config?.backend?.settings).toEqual({ formality: 'more', en: 'en-US' });
  });

  it('shows the messages the code produces', async () => {
    const shown = /## Errors and warnings[\s\S]*?```\n([\s\S]*?)```/.exec(doc)![1]!;
    const render = async (name: string, text: string): Promise<string> => {
      const folder = await mkdtemp(join(tmpdir(), 'bitext-config-docs-'));
      try {
        await writeFile(join(folder, name), text);
        const error = await rejection(loadConfig({ cwd: folder }));
        return `${error.file}:${error.line}: ${error.message}`;
      } finally {
        await rm(folder, { recursive: true, force: true });
      }
    };
    expect(shown).toContain(await render('bitext.config.json', '{\n  "version": 1,\n  "backend": "depl",\n  "targetLanguages": ["en", "xx"]\n}'));
    expect(shown).toContain(await render('bitext.config.yaml', 'version: 1\nbackend:\n  name: deepl\n  settings:\n    formality: mroe\n'));
    expect(shown).toContain(await render('bitext.config.yaml', 'version: 1\nbackend: mock\nbackend: deepl\n'));
  });
});
