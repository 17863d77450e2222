import { resolve } from 'node:path';
import { decodeUtf8, readTextFile } from '../../io/read-text.js';
import { sourceFromText } from '../../sources/read-sources.js';
import { EXIT } from '../exit-codes.js';
import { t } from '../i18n.js';

export async function runSegment(file: string, opts: { format: 'jsonl' | 'text' }): Promise<number> {
  const shown = file === '-' ? t('segment.stdin') : file;
  const text = file === '-' ? decodeUtf8(await readStdin(), shown) : await readTextFile(resolve(process.cwd(), file), file);
  const doc = sourceFromText(text, shown);
  const lines: string[] = [];
  doc.blocks.forEach((block, p) => {
    block.segments.forEach((segment, s) => {
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
