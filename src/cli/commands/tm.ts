import type { Command } from 'commander';
import { BitextError } from '../../core/errors.js';
import { exportMemory, importMemory, type ImportSummary } from '../../workflow/memory-transfer.js';
import { EXIT } from '../exit-codes.js';
import { t } from '../i18n.js';
import { uiOf } from '../ui.js';

export async function runTmExport(command: Command, flags: { to: string; out?: string }): Promise<number> {
  const ui = uiOf(command);
  // Without --out the TMX itself is the output: there is no room on stdout for a JSON summary.
  if (ui.json && !flags.out) throw new BitextError('usage', t('tm.export.jsonNeedsOut'));
  const cwd = process.cwd();
  const result = await exportMemory({ cwd, target: flags.to, ...(flags.out ? { out: flags.out } : {}), now: new Date() });
  if (result.kind === 'stdout') {
    ui.print(result.tmx);
  } else if (ui.json) {
    ui.print(`${JSON.stringify({ bitext: 'tm export', version: 1, target: flags.to, format: 'tmx', file: flags.out, entries: result.entries }, null, 2)}\n`);
  } else {
    // On stderr, as before: stdout of `tm export` is the TMX when there is no --out.
    process.stderr.write(`bitext: ${t('tm.export.wrote', { count: result.entries, file: flags.out })}\n`);
  }
  return EXIT.ok;
}

export async function runTmImport(command: Command, file: string, flags: { to?: string }): Promise<number> {
  const ui = uiOf(command);
  const result = await importMemory({ cwd: process.cwd(), file, ...(flags.to ? { target: flags.to } : {}), now: new Date() });
  for (const w of result.warnings) ui.diagnostic(w);
  ui.print(ui.json ? `${JSON.stringify(tmImportJson(result), null, 2)}\n` : renderTmImport(result));
  return EXIT.ok;
}

export function renderTmImport(result: ImportSummary): string {
  const lines = result.pairs.map((p) => {
    // fr-FR (312 units), fr-CA (3 units) → translations/memory/de-fr.jsonl: memory now holds 2,480 entries
    const languages = p.languages.map((l) => t('tm.import.language', { language: l.language, units: t('count.units', { count: l.units }) })).join(', ');
    const values = { languages, memory: p.memory, entries: t('count.entries', { count: p.total }) };
    return p.written ? t('tm.import.pair', values) : t('tm.import.pairUnchanged', values);
  });
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}

/** `bitext tm import --json`, version 1. */
export function tmImportJson(result: ImportSummary): unknown {
  return { bitext: 'tm import', version: 1, pairs: result.pairs, warnings: result.warnings };
}
