// Writes a BilingualDocument as the Markdown file reviewers edit. Deterministic: the same document and
// notes always give the same bytes, so untouched segments never show up in a diff.
import { createHash } from 'node:crypto';
import { BitextError } from '../core/errors.js';
import { SEGMENT_STATUSES, type BlockKind, type SegmentStatus } from '../core/types.js';
import { writeFrontMatter } from './front-matter.js';
import { PLACEHOLDER, SEPARATOR } from './syntax.js';
import { codecFor, encodeToken, flattenDerivedText, type LineCodec } from './text-encoding.js';
import type { BilingualDocument, BilingualSegment, SegmentNotes } from './types.js';

export interface ToBilingualMarkdownOptions {
  /** Per-segment notes (glossary terms, QA findings) shown after the status word; never read back. */
  readonly notes?: SegmentNotes;
  /** Text of the `# ` title line; default `<file name> · <source language> → <target language>`. */
  readonly title?: string;
}

const INSTRUCTIONS =
  '> Review: correct the line under each quoted source sentence, then set its `status:` to `reviewed` or ' +
  '`approved`. Keep the `<!-- … -->` lines.';

/** Short sha256 (first 16 hex digits) of a machine translation, stored as `mt=` to detect silent edits. */
export function hashMachineText(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 16);
}

export function countStatuses(doc: BilingualDocument): Record<SegmentStatus, number> {
  const counts = Object.fromEntries(SEGMENT_STATUSES.map((status) => [status, 0])) as Record<SegmentStatus, number>;
  for (const paragraph of doc.paragraphs) {
    for (const segment of paragraph.segments) counts[segment.status] += 1;
  }
  return counts;
}

function defaultTitle(doc: BilingualDocument): string {
  const base = doc.source.path.split('/').pop() ?? doc.source.path;
  const name = base.replace(/\.[^.]*$/, '') || base;
  return `${name} · ${doc.source.language} → ${doc.targetLanguage}`;
}

function headingLine(kind: BlockKind, detail: string | undefined): string {
  const shown = detail === undefined ? '' : flattenDerivedText(detail);
  if (kind === 'paragraph' && shown === '') return '#### ¶';
  return shown === '' ? `#### ¶ ${kind}` : `#### ¶ ${kind} ${shown}`;
}

function segmentLines(segment: BilingualSegment, notes: readonly string[], codec: LineCodec): string[] {
  const prefixedLine = (prefix: string, text: string): string => {
    const encoded = codec.encode(text);
    return encoded === '' ? prefix : `${prefix} ${encoded}`;
  };
  const marker =
    segment.machineHash === ''
      ? `<!-- bitext ${encodeToken(segment.id)} -->`
      : `<!-- bitext ${encodeToken(segment.id)} mt=${encodeToken(segment.machineHash)} -->`;
  const shownNotes = notes.map(flattenDerivedText).filter((note) => note !== '');
  const lines = [
    marker,
    prefixedLine('>', segment.source),
    '',
    segment.target === '' ? PLACEHOLDER : codec.encode(segment.target),
    '',
    [`status: ${segment.status}`, ...shownNotes].join(SEPARATOR),
  ];
  if (segment.previousSource !== undefined) lines.push(prefixedLine('- previous source:', segment.previousSource));
  if (segment.draft !== undefined) lines.push(prefixedLine('- draft:', segment.draft));
  for (const suggestion of segment.suggestions ?? []) {
    lines.push(prefixedLine(`- memory ${suggestion.score}% source:`, suggestion.source));
    lines.push(prefixedLine(`- memory ${suggestion.score}% target:`, suggestion.target));
  }
  return lines;
}

/**
 * Refuses documents no file could represent; these are programming errors upstream (segmentation makes
 * the ids, memory the scores), so they throw instead of writing a file that cannot be read back.
 */
function assertWritable(doc: BilingualDocument): void {
  const seen = new Set<string>();
  for (const paragraph of doc.paragraphs) {
    for (const segment of paragraph.segments) {
      if (segment.id === '') throw new BitextError('input', 'cannot write a bilingual segment with an empty id');
      if (seen.has(segment.id)) {
        throw new BitextError('input', `cannot write two bilingual segments with the same id ${JSON.stringify(segment.id)}`);
      }
      seen.add(segment.id);
      for (const suggestion of segment.suggestions ?? []) {
        if (!Number.isInteger(suggestion.score) || suggestion.score < 0 || suggestion.score > 100) {
          throw new BitextError(
            'input',
            `memory score of segment ${segment.id} must be an integer 0..100, got ${suggestion.score}`,
          );
        }
      }
    }
  }
}

export function toBilingualMarkdown(doc: BilingualDocument, options: ToBilingualMarkdownOptions = {}): string {
  assertWritable(doc);
  const frontMatter = writeFrontMatter(
    {
      source: doc.source.path,
      sourceHash: doc.source.hash,
      sourceLanguage: doc.source.language,
      targetLanguage: doc.targetLanguage,
      ...(doc.format === undefined ? {} : { format: doc.format }),
      backend: doc.backend,
      glossaryHash: doc.glossaryHash,
    },
    countStatuses(doc),
  );
  const title = flattenDerivedText(options.title ?? defaultTitle(doc));
  const lines = ['---', ...frontMatter, '---', '', title === '' ? '#' : `# ${title}`, '', INSTRUCTIONS, ''];
  for (const paragraph of doc.paragraphs) {
    lines.push(headingLine(paragraph.kind, paragraph.detail), '');
    const codec = codecFor(doc.format, paragraph.kind);
    for (const segment of paragraph.segments) {
      lines.push(...segmentLines(segment, options.notes?.get(segment.id) ?? [], codec), '');
    }
  }
  return lines.join('\n');
}
