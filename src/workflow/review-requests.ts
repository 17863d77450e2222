// What a reviewer asked for in the review file that needs the source to do: `join` in place of the status
// and a split mark `||` typed into a source line (both become segmentation rules), a German source line
// edited by mistake (put back, with a warning: the German lives in the source file), and the warnings for
// actions that cannot be done (`applyAction` in align.ts does the others). Pure: the result is the file as
// the planner should read it, the rules to learn, and what to tell.
import type { Diagnostic, InlineCodeKind, InlinePart, Segment, SourceDocument } from '../core/types.js';
import { OBJECT_REPLACEMENT } from '../core/types.js';
import type { BilingualDocument, BilingualSegment } from '../bilingual/types.js';
import type { SegmentationRule } from '../segmentation/rules.js';
import { formatByName } from '../sources/formats.js';
import { SPLIT_MARK } from './align.js';

export interface ReviewRequests {
  /** The file with its actions done and mistaken source edits put back. */
  readonly doc: BilingualDocument;
  /** Joins and splits asked for, in plain text (as the splitter sees it). */
  readonly rules: readonly SegmentationRule[];
  /** What could not be done, or was undone, by segment id (the caller adds file and line). */
  readonly warnings: readonly Diagnostic[];
}

const space = (text: string): string => text.replace(/\s+/g, ' ').trim();

export function readReviewRequests(doc: BilingualDocument, source: SourceDocument): ReviewRequests {
  const current = source.blocks.flatMap((b) => b.segments);
  const byText = new Map<string, Segment>();
  for (const s of current) if (!byText.has(space(s.text))) byText.set(space(s.text), s);
  const rules: SegmentationRule[] = [];
  const warnings: Diagnostic[] = [];
  const warn = (segment: BilingualSegment, rule: string, message: string, hint: string): void => {
    warnings.push({ severity: 'warning', rule, message, hint, segmentId: segment.id });
  };
  const oldCount = doc.paragraphs.reduce((n, p) => n + p.segments.length, 0);
  // The file was written from this very source (same hash, same number of segments): a source line that
  // differs from the sentence at its place was typed into the review file.
  const sameSource = doc.source.hash === source.hash && oldCount === current.length;
  let position = 0;

  const paragraphs = doc.paragraphs.map((paragraph) => ({
    ...paragraph,
    segments: paragraph.segments.map((segment, i): BilingualSegment => {
      const at = position++;
      const s = segment;
      const action = s.action;
      if (action?.kind === 'use-draft' && s.draft === undefined) {
        warn(s, 'review-action', '`use-draft` on a segment without a draft: nothing to take', 'use-draft takes the "- draft:" line of a stale segment; set a status word instead');
      }
      if (action?.kind === 'use-memory' && s.suggestions?.[action.index - 1] === undefined) {
        const count = s.suggestions?.length ?? 0;
        warn(
          s,
          'review-action',
          `\`use-memory${action.index === 1 ? '' : ` ${action.index}`}\`: the segment has ${count === 0 ? 'no memory suggestion' : `only ${count} memory suggestion${count === 1 ? '' : 's'}`}`,
          count === 0 ? 'set a status word instead' : `use a number from 1 to ${count}`,
        );
      }
      const here = byText.get(space(s.source));
      if (action?.kind === 'join') {
        const next = paragraph.segments[i + 1];
        const there = next === undefined ? undefined : byText.get(space(next.source));
        if (next === undefined) {
          warn(s, 'review-action', '`join` on the last segment of its paragraph: there is no next segment to join with', 'join works within a paragraph; set a status word instead');
        } else if (here === undefined || there === undefined) {
          warn(s, 'review-action', '`join`: the source of this segment or the next one changed since the file was written', 'run translate again and set `join` on the segment as it is now');
        } else rules.push({ kind: 'join', left: here.plain, right: there.plain });
      }
      if (here !== undefined) return s;
      if (s.source.includes(SPLIT_MARK)) {
        const whole = byText.get(space(s.source.split(SPLIT_MARK).join(' ')));
        const pieces = s.source.split(SPLIT_MARK).map((p) => p.trim());
        const cut = whole === undefined ? undefined : markupCut(pieces, whole, source);
        if (whole !== undefined && cut !== undefined && pieces.every((p) => p !== '')) {
          warn(
            s,
            'review-action',
            `\`||\` inside ${cut}: cannot split inside a link (or other markup); the segment was left as it was`,
            'put `||` outside it, between the two sentences, e.g. "> Laut [Reuters](https://…) kam er. || Dann ging er."',
          );
          return { ...s, source: whole.text };
        }
        if (whole !== undefined && pieces.every((p) => p !== '')) {
          const plains = pieces.map((p) => plainOf(p, whole, source));
          for (let k = 0; k + 1 < plains.length; k++) rules.push({ kind: 'split', left: plains[k]!, right: plains[k + 1]! });
          return s;
        }
        if (whole !== undefined) {
          warn(s, 'review-action', '`||` at the start or end of the source line: nothing to split off', 'put || between the two sentences, e.g. "> Erster Teil. || Zweiter Teil."');
          return { ...s, source: whole.text };
        }
      }
      // A sentence of the current source contains it, or it contains one: the segmentation changed (a
      // rule learned elsewhere), which alignment handles; not an edit.
      const resegmented = current.some((c) => space(c.text).includes(space(s.source)) || space(s.source).includes(space(c.text)));
      if (sameSource && !resegmented) {
        const original = current[at]!;
        warn(
          s,
          'review-source-edited',
          `the German source line was changed in the review file; bitext put the sentence of ${source.path} back`,
          `change the German in ${source.path} instead (the review file shows it, it does not hold it)`,
        );
        return { ...s, source: original.text };
      }
      return s;
    }),
  }));
  return { doc: { ...doc, paragraphs }, rules, warnings };
}

const MARKUP_NAMES: Readonly<Partial<Record<InlineCodeKind, string>>> = {
  link: 'a link',
  image: 'an image',
  autolink: 'a link',
  strong: 'bold text',
  emphasis: 'emphasised text',
  strikethrough: 'struck-through text',
  code: 'inline code',
  math: 'math',
  'footnote-ref': 'a footnote reference',
  html: 'inline HTML',
};

/**
 * The markup a `||` cuts through, named for the reviewer ("a link"), or undefined when every piece keeps
 * its markup whole: the pieces together must hold every code of the sentence, and a link cut in two is a
 * link in neither piece.
 */
function markupCut(pieces: readonly string[], whole: Segment, source: SourceDocument): string | undefined {
  if (whole.inline === undefined) return undefined;
  // By kind and shape: a link cut in two may leave its bare URL, which reads as an empty autolink.
  const count = (kinds: Map<string, number>, type: string, kind: InlineCodeKind | undefined): void => {
    if (kind !== undefined) kinds.set(`${type} ${kind}`, (kinds.get(`${type} ${kind}`) ?? 0) + 1);
  };
  const wanted = new Map<string, number>();
  const kindOf = new Map(whole.inline.codes.map((c) => [c.id, c.kind]));
  for (const part of whole.inline.parts) if (part.type === 'open' || part.type === 'empty') count(wanted, part.type, kindOf.get(part.id));
  const found = new Map<string, number>();
  for (const piece of pieces) {
    const parsed = formatByName(source.format).parseTarget(piece, whole);
    const kinds = new Map([...whole.inline.codes, ...(parsed.ownCodes ?? [])].map((c) => [c.id, c.kind]));
    for (const part of parsed.parts) if (part.type === 'open' || part.type === 'empty') count(found, part.type, kinds.get(part.id));
  }
  for (const [key, n] of wanted) {
    if ((found.get(key) ?? 0) < n) return MARKUP_NAMES[key.split(' ')[1] as InlineCodeKind] ?? 'markup';
  }
  return undefined;
}

/** A piece of a segment's source line, as the splitter sees it: markup removed, one U+FFFC per code. */
function plainOf(text: string, segment: Segment, source: SourceDocument): string {
  if (segment.inline === undefined) return text;
  const parsed = formatByName(source.format).parseTarget(text, segment);
  const kinds = new Map([...segment.inline.codes, ...(parsed.ownCodes ?? [])].map((c) => [c.id, c.kind]));
  return parsed.parts.map((p: InlinePart) => (p.type === 'text' ? p.text : p.type === 'empty' ? (kinds.get(p.id) === 'break' ? '\n' : OBJECT_REPLACEMENT) : '')).join('');
}
