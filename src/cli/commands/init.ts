import type { Command } from 'commander';
import { initProject } from '../../config/index.js';
import { EXIT } from '../exit-codes.js';
import { t } from '../i18n.js';
import { uiOf } from '../ui.js';

export async function runInit(command: Command, flags: { to?: string[]; backend?: string; keepExisting?: boolean }): Promise<number> {
  const ui = uiOf(command);
  const result = await initProject({
    cwd: process.cwd(),
    ...(flags.to ? { targets: flags.to } : {}),
    ...(flags.backend ? { backend: flags.backend } : {}),
    existing: flags.keepExisting ? 'keep' : 'refuse',
  });
  if (ui.json) {
    ui.print(`${JSON.stringify({ bitext: 'init', version: 1, ...result }, null, 2)}\n`);
    return EXIT.ok;
  }
  const lines = [...result.written.map((file) => t('init.wrote', { file })), ...result.kept.map((file) => t('init.kept', { file }))];
  if (!ui.quiet) lines.push('', t('init.next'));
  ui.print(`${lines.join('\n')}\n`);
  return EXIT.ok;
}
