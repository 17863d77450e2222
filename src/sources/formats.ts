// Source formats by name and by file extension. Adding a format is one module and one line here. Formats
// other than plain text are loaded on first use, so a run over .txt sources never loads a Markdown parser.
import type { SourceFormatName } from '../core/types.js';
import type { SourceFormat } from './format.js';
import { textFormat } from './text-format.js';

const LOADERS: Readonly<Record<SourceFormatName, { readonly extensions: readonly string[]; load(): Promise<SourceFormat> }>> = {
  text: { extensions: textFormat.extensions, load: async () => textFormat },
  markdown: { extensions: ['.md', '.markdown'], load: async () => (await import('./markdown/index.js')).markdownFormat },
};

const loaded = new Map<SourceFormatName, SourceFormat>([['text', textFormat]]);

export const SOURCE_EXTENSIONS: readonly string[] = Object.values(LOADERS).flatMap((format) => format.extensions);

/** The format that reads files with this extension (lower-case, with the dot), if any. */
export function formatForExtension(ext: string): SourceFormatName | undefined {
  return (Object.keys(LOADERS) as SourceFormatName[]).find((name) => LOADERS[name].extensions.includes(ext));
}

/** Loads a format (once). */
export async function loadFormat(name: SourceFormatName): Promise<SourceFormat> {
  let format = loaded.get(name);
  if (format === undefined) {
    format = await LOADERS[name].load();
    loaded.set(name, format);
  }
  return format;
}

/** A format already loaded (every document read so far has loaded its own). */
export function formatByName(name: SourceFormatName): SourceFormat {
  const format = loaded.get(name);
  if (format === undefined) throw new Error(`source format "${name}" used before it was loaded`);
  return format;
}
