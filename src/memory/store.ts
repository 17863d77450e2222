// The thin file-system layer: where the memory lives, reading it, and writing it atomically.
import path from 'node:path';
import { BitextError } from '../core/errors.js';
import { ensureDirectory, writeFileAtomic } from '../io/atomic-write.js';
import { isLanguageCode } from '../core/language.js';
import { readTextFile } from '../io/read-text.js';
import type { LanguagePair } from '../core/types.js';
import { parseMemory, serializeMemoryPieces } from './jsonl.js';
import { createMemory } from './memory.js';
import type { TranslationMemory } from './types.js';

/** Language codes become part of a file name, so only BCP-47-shaped codes are allowed (no `..`, no `/`). */
function fileName(pair: LanguagePair): string {
  for (const code of [pair.source, pair.target]) {
    if (!isLanguageCode(code)) {
      throw new BitextError('config', `invalid language code ${JSON.stringify(code)}; expected e.g. de, en, en-GB`);
    }
  }
  return `${pair.source}-${pair.target}.jsonl`;
}

/** Path of the memory file of a language pair inside the memory folder `dir` (the project layout's). */
export function memoryPath(dir: string, pair: LanguagePair): string {
  return path.join(dir, fileName(pair));
}

/** How messages name the file: `shownDir` is the folder as the user knows it (e.g. `translations/memory`). */
function displayName(shownDir: string, pair: LanguagePair): string {
  return `${shownDir.replace(/\/+$/, '')}/${fileName(pair)}`;
}

function isNotFound(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'ENOENT';
}

/**
 * Reads the pair's memory; a missing file is an empty memory. Bytes are decoded strictly: a lenient
 * decoder would turn invalid bytes into U+FFFD, which the next write would then store for good.
 */
export async function readMemory(dir: string, pair: LanguagePair, shownDir: string = dir): Promise<TranslationMemory> {
  const file = displayName(shownDir, pair);
  let text: string;
  try {
    text = await readTextFile(memoryPath(dir, pair), file);
  } catch (error) {
    if (error instanceof BitextError && isNotFound(error.cause)) return createMemory(pair);
    throw error;
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
 * Writes the memory file when its bytes would change (returns false otherwise), atomically and never
 * through a symbolic link leading out of the project (the shared writer does both).
 */
export async function writeMemory(dir: string, memory: TranslationMemory, shownDir: string = dir): Promise<boolean> {
  await ensureDirectory(dir, dir, shownDir);
  return writeFileAtomic(memoryPath(dir, memory.pair), serializeMemoryPieces(memory), {
    root: dir,
    displayPath: displayName(shownDir, memory.pair),
  });
}
