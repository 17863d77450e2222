import type { Command } from 'commander';
import { lstat } from 'node:fs/promises';
import { join } from 'node:path';
import { initProject } from '../../config/index.js';
import { EXAMPLE_SOURCE } from '../../config/init-project.js';
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
  // The example is also "kept" when seeds/ already holds other sources and it was never written: say so.
  const kept = await Promise.all(
    result.kept.map(async (file) =>
      file === EXAMPLE_SOURCE && !(await exists(join(process.cwd(), ...file.split('/')))) ? t('init.exampleSkipped', { file, folder: 'seeds/' }) : t('init.kept', { file }),
    ),
  );
  const lines = [...result.written.map((file) => t('init.wrote', { file })), ...kept];
  if (!ui.quiet) lines.push('', t('init.next'));
  ui.print(`${lines.join('\n')}\n`);
  return EXIT.ok;
}

async function exists(path: string): Promise<boolean> {
  return lstat(path).then(
    () => true,
    () => false,
  );
}
