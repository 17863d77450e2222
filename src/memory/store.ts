// The thin file-system layer: where the memory lives, reading it, and writing it atomically.
import path from 'node:path';
import { BitextError } from '../core/errors.js';
import { writeFileAtomic } from '../io/atomic-write.js';
import { readTextFile } from '../io/read-text.js';
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

/**
 * Reads the pair's memory; a missing file is an empty memory. Bytes are decoded strictly: a lenient
 * decoder would turn invalid bytes into U+FFFD, which the next write would then store for good.
 */
export async function readMemory(root: string, pair: LanguagePair): Promise<TranslationMemory> {
  const file = relativeMemoryPath(pair);
  let text: string;
  try {
    text = await readTextFile(memoryPath(root, pair), file);
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
export async function writeMemory(root: string, memory: TranslationMemory): Promise<boolean> {
  return writeFileAtomic(memoryPath(root, memory.pair), serializeMemory(memory), {
    root,
    displayPath: relativeMemoryPath(memory.pair),
  });
}
