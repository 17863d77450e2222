import { dirname, resolve } from 'node:path';
import { BitextError } from '../core/errors.js';
import type { Diagnostic, LanguageCode } from '../core/types.js';
import { addToMemory, decodeTmx, fromTmx, readMemory, toTmx, writeMemory } from '../memory/index.js';
import { writeFileAtomic } from '../io/atomic-write.js';
import { releaseAll } from '../io/lock.js';
import { layoutOf, lockProject, validateTargetLanguage } from './project.js';
import { shownPath } from './layout.js';
import { VERSION } from '../version.js';

export async function exportMemory(options: {
  cwd: string;
  target: LanguageCode;
  out?: string;
  now: Date;
}): Promise<{ kind: 'stdout'; tmx: string } | { kind: 'file'; entries: number }> {
  const layout = layoutOf({ cwd: options.cwd });
  const target = validateTargetLanguage(options.target, layout.sourceLanguage);
  const memory = await readMemory(layout.memory, { source: layout.sourceLanguage, target }, shownPath(layout, layout.memory));
  const tmx = toTmx(memory, { toolVersion: VERSION, now: options.now });
  if (!options.out) return { kind: 'stdout', tmx };
  const out = resolve(options.cwd, options.out);
  await writeFileAtomic(out, tmx, { root: dirname(out), displayPath: options.out });
  return { kind: 'file', entries: memory.entries.length };
}

export interface ImportSummary {
  readonly pairs: { source: string; target: string; imported: number; total: number; written: boolean }[];
  readonly warnings: readonly Diagnostic[];
}

export async function importMemory(options: {
  cwd: string;
  file: string;
  bytes: Uint8Array;
  target?: LanguageCode;
  now: Date;
}): Promise<ImportSummary> {
  const layout = layoutOf({ cwd: options.cwd });
  const shownMemory = shownPath(layout, layout.memory);
  const xml = decodeTmx(options.bytes, options.file);
  const target = options.target === undefined ? undefined : validateTargetLanguage(options.target);
  const parsed = fromTmx(xml, options.file, {
    sourceLanguage: layout.sourceLanguage,
    ...(target ? { targetLanguage: target } : {}),
    now: options.now,
  });
  if (parsed.pairs.every((p) => p.entries.length === 0)) {
    throw new BitextError('input', `no translation units from ${layout.sourceLanguage}${target ? ` to ${target}` : ''} found`, {
      file: options.file,
    });
  }
  const pairs: ImportSummary['pairs'] = [];
  // The memory is shared with translate runs: hold the project lock while it changes.
  const locks = await lockProject(layout, options.now, 'bitext tm import');
  try {
    for (const imported of parsed.pairs) {
      if (imported.entries.length === 0) continue;
      const pair = { source: layout.sourceLanguage, target: validateTargetLanguage(imported.pair.target, layout.sourceLanguage) };
      const { memory } = addToMemory(await readMemory(layout.memory, pair, shownMemory), imported.entries);
      const written = await writeMemory(layout.memory, memory, shownMemory);
      pairs.push({ ...pair, imported: imported.entries.length, total: memory.entries.length, written });
    }
  } finally {
    await releaseAll(locks);
  }
  return { pairs, warnings: parsed.warnings };
}
