// What bitext last wrote into the published folder, so that a file a person edited by hand since is noticed
// and never overwritten without being named. One JSON file bitext owns: `<published>/.bitext-published.json`,
// `{"bitext-published": 1, "files": {"en/artikel.md": "<sha256>", …}}`, keys sorted (git-friendly).
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BitextError } from '../core/errors.js';
import { writeFileAtomic } from '../io/atomic-write.js';
import { decodeUtf8 } from '../io/read-text.js';
import { parseStrictJson } from '../io/strict-json.js';

export const MANIFEST_NAME = '.bitext-published.json';
const VERSION = 1;

export type Manifest = ReadonlyMap<string, string>;

export function sha256(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The manifest of a published folder (empty when there is none yet). `shown` names the folder in messages. */
export async function readManifest(folder: string, shown: string): Promise<Manifest> {
  const file = `${shown}/${MANIFEST_NAME}`;
  let bytes: Buffer;
  try {
    bytes = await readFile(join(folder, MANIFEST_NAME));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new Map();
    throw new BitextError('input', `cannot read (${(error as Error).message})`, { file, cause: error });
  }
  let value: unknown;
  try {
    value = parseStrictJson(decodeUtf8(bytes, file), { code: 'input' });
  } catch (error) {
    if (error instanceof BitextError) throw new BitextError('input', error.message, { file, ...(error.line === undefined ? {} : { line: error.line }), cause: error });
    throw error;
  }
  const record = value as { 'bitext-published'?: unknown; files?: unknown };
  if (typeof value !== 'object' || value === null || record['bitext-published'] !== VERSION || typeof record.files !== 'object' || record.files === null) {
    throw new BitextError('input', `not a bitext publish manifest (expected {"bitext-published": ${VERSION}, "files": {…}}); delete it to start afresh`, { file });
  }
  const files = new Map<string, string>();
  for (const [path, hash] of Object.entries(record.files)) {
    if (typeof hash === 'string') files.set(path, hash);
  }
  return files;
}

export async function writeManifest(folder: string, manifest: Manifest, shown: string): Promise<void> {
  const files: Record<string, string> = {};
  for (const path of [...manifest.keys()].sort()) files[path] = manifest.get(path)!;
  await writeFileAtomic(join(folder, MANIFEST_NAME), `${JSON.stringify({ 'bitext-published': VERSION, files }, null, 2)}\n`, {
    root: folder,
    displayPath: `${shown}/${MANIFEST_NAME}`,
  });
}
