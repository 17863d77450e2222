// Writes a BilingualDocument as the Markdown file reviewers edit. Deterministic: the same document and
// notes always give the same bytes, so untouched segments never show up in a diff.
import { hash } from 'node:crypto';
import { BitextError } from '../core/errors.js';
import { SEGMENT_STATUSES, type BlockKind, type SegmentStatus } from '../core/types.js';
import { lazyRequire } from '../core/lazy.js';
import { writeHead } from './front-matter.js';
import { PLACEHOLDER, SEPARATOR, STATUS_MARKS } from './syntax.js';
import { codecFor, encodeToken, flattenDerivedText, type LineCodec } from './text-encoding.js';
import type { BilingualDocument, BilingualSegment, SegmentNotes } from './types.js';

const diff = lazyRequire<typeof import('diff')>('diff');

export interface ToBilingualMarkdownOptions {
  /** Per-segment notes (glossary terms, QA findings) shown after the status word; never read back. */
  readonly notes?: SegmentNotes;
  /** Text of the `# ` title line; default `<file name> · <source language> → <target language>`. */
  readonly title?: string;
}

/**
 * How to review, folded away on GitHub (it must not look like a source sentence); plain lines in an editor.
 * Derived: everything before the first paragraph heading is skipped when reading.
 */
const INSTRUCTIONS = [
  '<details><summary>How to review this file</summary>',
  '',
  '- Correct the line under each quoted German sentence (one line per translation; inline Markdown as in the source).',
  '- Set the word after `status:` to `reviewed` or `approved`. 🔴 new, 🟠 machine and 🟣 stale still need a person.',
  '- One word does more: `use-draft` takes the draft of a stale segment, `use-memory` (or `use-memory 2`) a memory suggestion, `join` joins the segment with the next one.',
  '- To split a segment, put `||` where it should be split in its quoted source line.',
  '- Add `- comment: …` under the status line for a note that stays with the segment; `- accept <rule>: <reason>` silences one finding.',
  '- Keep the `<!-- … -->` lines. `bitext status --todo` lists what is left to do.',
  '',
  '</details>',
];

/** Short sha256 (first 16 hex digits) of a machine translation, stored as `mt=` to detect silent edits. */
export function hashMachineText(text: string): string {
  return hash('sha256', text, 'hex').slice(0, 16);
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
  if (segment.action !== undefined) throw new BitextError('input', `cannot write segment ${segment.id} with a pending action; the workflow carries it out first`);
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
    [`${STATUS_MARKS[segment.status]} status: ${segment.status}`, ...shownNotes].join(SEPARATOR),
  ];
  if (segment.comment !== undefined) lines.push(prefixedLine('- comment:', segment.comment));
  for (const accepted of segment.accepted ?? []) lines.push(prefixedLine(`- accept ${accepted.rule}:`, accepted.reason));
  if (segment.previousSource !== undefined) {
    lines.push(prefixedLine('- previous source:', segment.previousSource));
    const changes = wordChanges(segment.previousSource, segment.source);
    if (changes !== undefined) lines.push(`- changes: ${changes}`);
  }
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

/**
 * What changed from the previous to the current source, word by word, in a form that renders on GitHub and
 * reads in an editor: `~~removed~~ **added**`, with the unchanged text around a change shortened to a few
 * words. Derived (never read back); undefined when the two are equal.
 */
export function wordChanges(before: string, after: string): string | undefined {
  if (before === after) return undefined;
  const parts = diff().diffWordsWithSpace(before.replace(/\s+/g, ' '), after.replace(/\s+/g, ' '));
  const keep = 4;
  let out = '';
  parts.forEach((part, i) => {
    const lead = /^\s*/.exec(part.value)?.[0] ?? '';
    const trail = part.value.length > lead.length ? (/\s*$/.exec(part.value)?.[0] ?? '') : '';
    const core = part.value.trim();
    if (part.added || part.removed) {
      if (core === '') return;
      const mark = part.added ? '**' : '~~';
      // "~~2~~ **3**": a removal and the addition that replaces it, apart.
      const gap = out !== '' && !/\s$/.test(out) && lead === '' && /[*~]$/.test(out) ? ' ' : '';
      out += `${gap}${lead}${mark}${escapeDerived(core)}${mark}${trail}`;
      return;
    }
    const words = core.split(' ').filter(Boolean);
    let shown = core;
    if (words.length > keep * 2) {
      if (i === 0) shown = `… ${words.slice(-keep).join(' ')}`;
      else if (i === parts.length - 1) shown = `${words.slice(0, keep).join(' ')} …`;
      else shown = `${words.slice(0, keep).join(' ')} … ${words.slice(-keep).join(' ')}`;
    }
    out += `${lead}${escapeDerived(shown)}${trail}`;
  });
  const line = flattenDerivedText(out);
  return line === '' ? undefined : line;
}

/** Derived text inside Markdown emphasis: the characters that would end or start markup are escaped. */
function escapeDerived(text: string): string {
  return text.replace(/[\\*_~`[\]<>|#]/g, (c) => `\\${c}`);
}

export function toBilingualMarkdown(doc: BilingualDocument, options: ToBilingualMarkdownOptions = {}): string {
  assertWritable(doc);
  const head = writeHead(
    {
      source: doc.source.path,
      sourceHash: doc.source.hash,
      sourceLanguage: doc.source.language,
      targetLanguage: doc.targetLanguage,
      ...(doc.format === undefined ? {} : { format: doc.format }),
      backend: doc.backend,
      glossaryHash: doc.glossaryHash,
    },
    doc.extraFrontMatter ?? [],
  );
  const title = flattenDerivedText(options.title ?? defaultTitle(doc));
  const lines = [...head, '', title === '' ? '#' : `# ${title}`, '', ...INSTRUCTIONS, ''];
  for (const paragraph of doc.paragraphs) {
    lines.push(headingLine(paragraph.kind, paragraph.detail), '');
    const codec = codecFor(doc.format, paragraph.kind);
    for (const segment of paragraph.segments) {
      lines.push(...segmentLines(segment, options.notes?.get(segment.id) ?? [], codec), '');
    }
  }
  return lines.join('\n');
}
