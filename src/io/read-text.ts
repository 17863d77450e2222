import { readFile } from 'node:fs/promises';
import { BitextError } from '../core/errors.js';

/**
 * Decodes bytes as UTF-8 strictly. Node's `'utf8'` decoding silently turns invalid bytes into U+FFFD,
 * which would then be translated and billed as garbage; we refuse instead and say where.
 * A BOM is dropped and CRLF / CR line ends become LF (handled, not refused).
 */
export function decodeUtf8(bytes: Uint8Array, file: string): string {
  // UTF-16 (as Windows editors save "Unicode" text) is full of NUL bytes; name it instead of calling it binary.
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    const order = bytes[0] === 0xff ? 'little-endian' : 'big-endian';
    throw new BitextError('input', `is UTF-16 (${order}, with a byte-order mark), not UTF-8; save it as UTF-8 ("UTF-8" in the editor's encoding menu, or: iconv -f UTF-16 -t UTF-8) and run again`, {
      file,
      line: 1,
    });
  }
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    throw new BitextError('input', `looks like a binary file (NUL byte at offset ${nul}); expected UTF-8 text`, {
      file,
      line: lineAt(bytes, nul),
    });
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (cause) {
    const offset = firstInvalidUtf8(bytes);
    throw new BitextError(
      'input',
      `invalid UTF-8 at byte ${offset}; save the file as UTF-8 and run again`,
      { file, line: lineAt(bytes, offset), cause },
    );
  }
  return text.replace(/\r\n?/g, '\n');
}

/** Reads a file as bytes and decodes it strictly; errors name the file. */
export async function readTextFile(path: string, displayPath: string = path): Promise<string> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (cause) {
    throw new BitextError('input', `cannot read (${describeFsError(cause)})`, { file: displayPath, cause });
  }
  return decodeUtf8(bytes, displayPath);
}

export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
    case 'ENOTDIR':
      return 'a parent is not a directory';
    default:
      return code ?? (error instanceof Error ? error.message : String(error));
  }
}

function lineAt(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < bytes.length; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

/** Byte offset of the first byte sequence that is not valid UTF-8 (bytes.length when none). */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    let need = 0;
    let min = 0;
    if (b < 0x80) {
      i++;
      continue;
    } else if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else return i;
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return bytes.length;
}
