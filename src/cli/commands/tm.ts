import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { BitextError } from '../../core/errors.js';
import { describeFsError } from '../../io/read-text.js';
import { exportMemory, importMemory } from '../../workflow/memory-transfer.js';
import { EXIT } from '../exit-codes.js';

export async function runTmExport(flags: { to: string; out?: string }): Promise<number> {
  const cwd = process.cwd();
  const result = await exportMemory({ cwd, target: flags.to, ...(flags.out ? { out: flags.out } : {}), now: new Date() });
  if (result.kind === 'stdout') process.stdout.write(result.tmx);
  else process.stderr.write(`bitext: wrote ${result.entries} units to ${flags.out}\n`);
  return EXIT.ok;
}

export async function runTmImport(file: string, flags: { to?: string }): Promise<number> {
  const cwd = process.cwd();
  let bytes: Buffer;
  try {
    bytes = await readFile(resolve(cwd, file));
  } catch (cause) {
    throw new BitextError('input', `cannot read (${describeFsError(cause)})`, { file, cause });
  }
  const result = await importMemory({ cwd, file, bytes, ...(flags.to ? { target: flags.to } : {}), now: new Date() });
  for (const w of result.warnings) process.stderr.write(`bitext: ${w.file ? `${w.file}${w.line ? `:${w.line}` : ''}: ` : ''}${w.severity}: ${w.message}\n`);
  for (const p of result.pairs) process.stdout.write(`${p.source}-${p.target}: ${p.imported} units read, memory now holds ${p.total} entries${p.written ? '' : ' (unchanged)'}\n`);
  return EXIT.ok;
}
