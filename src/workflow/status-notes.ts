// The notes bitext writes after ` · ` on a segment's status line (glossary reminders, QA findings), and
// what else a reviewer may have typed there. bitext rewrites its notes on every run and never reads them
// back, so a reviewer's own words in that place would vanish: they are moved into the segment's comment,
// with a warning, before anything else reads the file.
import type { Diagnostic, Severity } from '../core/types.js';
import type { BilingualDocument } from '../bilingual/types.js';
import type { StatusNotes } from '../bilingual/from-bilingual-markdown.js';

/** What a reviewer sees at a glance: ✖ must be fixed before publishing, ⚠ worth a look, ℹ for information. */
export const SEVERITY_MARK: Readonly<Record<Severity, string>> = { error: '✖', warning: '⚠', info: 'ℹ' };
/** The glossary reminder: `glossary: Abkommen → agreement`. */
export const GLOSSARY_NOTE = 'glossary: ';

const FINDING_START = new RegExp(`^[${Object.values(SEVERITY_MARK).join('')}]\\uFE0F? `, 'u');
/** A finding note ends with its rule id: `✖ „3“ is missing in the target (found 4) (numbers-changed)`. */
const FINDING_END = /\([a-z][a-z0-9]*(?:-[a-z0-9]+)*\)$/;
const NOTE_SEPARATOR = /[ \t]+·[ \t]+/;

/**
 * The part of a status line's notes bitext did not write, '' when there is none. bitext writes
 * `glossary: …` and `<mark> <message> (<rule-id>)`; a message may itself hold ` · `, so a finding runs to
 * the piece that ends with a rule id. Every other piece is the reviewer's; they are joined with ` · `.
 */
export function reviewerNote(notes: string): string {
  const pieces = notes.split(NOTE_SEPARATOR).map((piece) => piece.trim());
  const own: string[] = [];
  for (let k = 0; k < pieces.length; k++) {
    const piece = pieces[k] ?? '';
    if (piece === '' || piece.startsWith(GLOSSARY_NOTE)) continue;
    if (FINDING_START.test(piece)) {
      while (!FINDING_END.test(pieces[k] ?? '') && k + 1 < pieces.length) k++;
      continue;
    }
    own.push(piece);
  }
  return own.join(' · ');
}

/**
 * The document with every reviewer's note of a status line appended to the segment's comment (after
 * ` · ` when it has one), and a warning with file and line for each.
 */
export function keepReviewerNotes(doc: BilingualDocument, notes: ReadonlyMap<string, StatusNotes>, file: string): { doc: BilingualDocument; warnings: Diagnostic[] } {
  const warnings: Diagnostic[] = [];
  if (notes.size === 0) return { doc, warnings };
  const paragraphs = doc.paragraphs.map((paragraph) => ({
    ...paragraph,
    segments: paragraph.segments.map((segment) => {
      const found = notes.get(segment.id);
      const own = found === undefined ? '' : reviewerNote(found.text);
      if (found === undefined || own === '') return segment;
      warnings.push({
        severity: 'warning',
        rule: 'review-note-moved',
        message: `text after \` · \` on the status line is not a note bitext writes; moved it to \`- comment:\`: ${JSON.stringify(own)}`,
        hint: 'write your own notes on a "- comment: …" line under the status line; bitext rewrites what follows ` · ` on every run',
        file,
        line: found.line,
        segmentId: segment.id,
      });
      const comment = segment.comment === undefined || segment.comment === '' ? own : `${segment.comment} · ${own}`;
      return { ...segment, comment };
    }),
  }));
  return { doc: { ...doc, paragraphs }, warnings };
}
