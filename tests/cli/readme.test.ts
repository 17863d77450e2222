// The README's command-line conventions against the code: the exit-code table is EXIT, and the JSON table
// names every command that has --json.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT } from '../../src/cli/exit-codes.js';
import { listRules } from '../../src/qa/checks/index.js';
import { buildProgram } from '../../src/cli/program.js';
import { ROOT } from '../helpers/cli.js';

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const section = (heading: string) => {
  const start = readme.indexOf(`\n${heading}\n`);
  expect(start, heading).toBeGreaterThan(0);
  const rest = readme.slice(start + heading.length + 2);
  return rest.slice(0, rest.search(/\n#{2,4} /));
};

describe('README: command-line conventions', () => {
  it('documents every exit code, and only those', () => {
    const codes = [...section('#### Exit codes').matchAll(/^\| (\d+) \|/gm)].map((m) => Number(m[1]));
    expect(codes).toEqual([...new Set(Object.values(EXIT))].sort((a, b) => a - b));
  });

  it('shows the JSON of every command that takes --json', () => {
    const rows = [...section('#### JSON output').matchAll(/^\| `([a-z ]+?)(?: [A-Z]+)*(?: --out FILE)? --json` \|/gm)].map((m) => m[1]);
    const program = buildProgram({});
    const withJson = program.commands
      .flatMap((c) => (c.commands.length > 0 ? c.commands : [c]))
      .filter((c) => c.options.some((o) => o.long === '--json'))
      .map((c) => (c.parent === program ? c.name() : `${c.parent!.name()} ${c.name()}`));
    expect(rows.sort()).toEqual(withJson.sort());
  });

  it('lists every QA rule with its default severity and an example, and only those', () => {
    const rows = [...section('#### QA rules').matchAll(/^\| `([a-z-]+)` \| (error|warning|info) \| [^|]+ \| (.+) \|$/gm)];
    expect(rows.map((m) => [m[1], m[2]])).toEqual(listRules().map((r) => [r.rule, r.severity]));
    for (const row of rows) expect(row[3]!.trim(), row[1]).not.toBe('');
  });
});
