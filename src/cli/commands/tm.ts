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
  const result = await importMemory({ cwd: process.cwd(), file, ...(flags.to ? { target: flags.to } : {}), now: new Date() });
  for (const w of result.warnings) process.stderr.write(`bitext: ${w.file ? `${w.file}${w.line ? `:${w.line}` : ''}: ` : ''}${w.severity}: ${w.message}\n`);
  for (const p of result.pairs) {
    // fr-FR (312 units), fr-CA (3 units) → translations/memory/de-fr.jsonl: memory now holds 2,480 entries
    const read = p.languages.map((l) => `${l.language} (${l.units} unit${l.units === 1 ? '' : 's'})`).join(', ');
    process.stdout.write(`${read} → ${p.memory}: memory now holds ${p.total} entries${p.written ? '' : ' (unchanged)'}\n`);
  }
  return EXIT.ok;
}
