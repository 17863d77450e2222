// Source formats by name and by file extension. Adding a format is one module and one line here.
import type { SourceFormatName } from '../core/types.js';
import type { SourceFormat } from './format.js';
import { textFormat } from './text-format.js';

const FORMATS: Readonly<Partial<Record<SourceFormatName, SourceFormat>>> = {
  text: textFormat,
};

const ALL: readonly SourceFormat[] = Object.values(FORMATS);

export const SOURCE_EXTENSIONS: readonly string[] = ALL.flatMap((format) => format.extensions);

export function formatByName(name: SourceFormatName): SourceFormat {
  const format = FORMATS[name];
  if (format === undefined) throw new Error(`no reader for source format "${name}"`);
  return format;
}

/** The format that reads files with this extension (lower-case, with the dot), if any. */
export function formatForExtension(ext: string): SourceFormat | undefined {
  return ALL.find((format) => format.extensions.includes(ext));
}
