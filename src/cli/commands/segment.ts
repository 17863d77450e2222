import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { decodeUtf8 } from '../../io/read-text.js';
import { BitextError } from '../../core/errors.js';
import { sourceFromText } from '../../sources/read-sources.js';
import { EXIT } from '../exit-codes.js';

export async function runSegment(file: string, opts: { format: 'jsonl' | 'text' }): Promise<number> {
  const shown = file === '-' ? '(stdin)' : file;
  let bytes: Buffer;
  try {
    bytes = file === '-' ? await readStdin() : await readFile(resolve(process.cwd(), file));
  } catch (cause) {
    throw new BitextError('input', `${shown}: cannot read (${(cause as NodeJS.ErrnoException).code ?? cause})`, { file: shown, cause });
  }
  const doc = sourceFromText(decodeUtf8(bytes, shown), shown);
  const lines: string[] = [];
  doc.paragraphs.forEach((paragraph, p) => {
    paragraph.segments.forEach((segment, s) => {
      lines.push(opts.format === 'text' ? segment.text : JSON.stringify({ id: segment.id, paragraph: p + 1, sentence: s + 1, text: segment.text }));
    });
  });
  process.stdout.write(lines.length > 0 ? `${lines.join('\n')}\n` : '');
  return EXIT.ok;
}

async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
