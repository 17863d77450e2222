import { initProject } from '../../config/index.js';
import { EXIT } from '../exit-codes.js';

export async function runInit(flags: { to?: string[]; backend?: string; keepExisting?: boolean; json?: boolean }): Promise<number> {
  const result = await initProject({
    cwd: process.cwd(),
    ...(flags.to ? { targets: flags.to } : {}),
    ...(flags.backend ? { backend: flags.backend } : {}),
    existing: flags.keepExisting ? 'keep' : 'refuse',
  });
  if (flags.json) {
    process.stdout.write(`${JSON.stringify({ bitext: 'init', version: 1, ...result }, null, 2)}\n`);
    return EXIT.ok;
  }
  for (const file of result.written) process.stdout.write(`wrote ${file}\n`);
  for (const file of result.kept) process.stdout.write(`kept ${file} (already there)\n`);
  process.stdout.write('\nNext: bitext translate   (then review translations/<lang>/*.md, then bitext publish)\n');
  return EXIT.ok;
}
