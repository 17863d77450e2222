// The thin file-system layer: where the memory lives, reading it, and writing it atomically.
import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { BitextError } from '../core/errors.js';
import type { LanguagePair } from '../core/types.js';
import { parseMemory, serializeMemory } from './jsonl.js';
import { createMemory } from './memory.js';
import type { TranslationMemory } from './types.js';

/** Language codes become part of a file name, so only BCP-47-shaped codes are allowed (no `..`, no `/`). */
const LANGUAGE_CODE = /^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/;

function relativeMemoryPath(pair: LanguagePair): string {
  for (const code of [pair.source, pair.target]) {
    if (!LANGUAGE_CODE.test(code)) {
      throw new BitextError('config', `invalid language code ${JSON.stringify(code)}; expected e.g. de, en, en-GB`);
    }
  }
  return `translations/memory/${pair.source}-${pair.target}.jsonl`;
}

/** Absolute (or `root`-relative) path of the memory file of a language pair. */
export function memoryPath(root: string, pair: LanguagePair): string {
  return path.join(root, ...relativeMemoryPath(pair).split('/'));
}

function isNotFound(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'ENOENT';
}

/** Reads the pair's memory; a missing file is an empty memory. */
export async function readMemory(root: string, pair: LanguagePair): Promise<TranslationMemory> {
  const file = relativeMemoryPath(pair);
  let text: string;
  try {
    text = await readFile(memoryPath(root, pair), 'utf8');
  } catch (error) {
    if (isNotFound(error)) return createMemory(pair);
    throw new BitextError('input', `cannot read the translation memory: ${(error as Error).message}`, {
      file,
      cause: error,
    });
  }
  const memory = parseMemory(text, file);
  if (memory.pair.source !== pair.source || memory.pair.target !== pair.target) {
    throw new BitextError(
      'input',
      `header says ${memory.pair.source}-${memory.pair.target}, expected ${pair.source}-${pair.target}; ` +
        'fix the header or move the file',
      { file, line: 1 },
    );
  }
  return memory;
}

/**
 * Writes the memory file when its bytes would change (returns false otherwise). The new content goes to
 * a temporary file in the same folder and is renamed over the old one, so a crash never leaves half a file.
 */
export async function writeMemory(root: string, memory: TranslationMemory): Promise<boolean> {
  const file = relativeMemoryPath(memory.pair);
  const target = memoryPath(root, memory.pair);
  const bytes = Buffer.from(serializeMemory(memory), 'utf8');
  try {
    const existing = await readFile(target);
    if (existing.equals(bytes)) return false;
  } catch (error) {
    if (!isNotFound(error)) {
      throw new BitextError('output', `cannot read the translation memory before writing: ${(error as Error).message}`, {
        file,
        cause: error,
      });
    }
  }
  const folder = path.dirname(target);
  const temporary = path.join(folder, `.${path.basename(target)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await mkdir(folder, { recursive: true });
    const handle = await open(temporary, 'wx');
    try {
      await handle.writeFile(bytes);
      // Flush before the rename, or a power cut could leave the new name pointing at empty blocks.
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { force: true });
    throw new BitextError('output', `cannot write the translation memory: ${(error as Error).message}`, {
      file,
      cause: error,
    });
  }
  return true;
}
