// Reads the bilingual Markdown file back. A line-based state machine: each line is classified once by its
// first characters (the writer escapes text so that it never looks like structure), then the segment
// grammar marker → source → target → status → extras is walked, tolerating what editors and reviewers do
// to blank lines, line ends and wrapping, and refusing, with a line number, anything it cannot place.
import { BitextError } from '../core/errors.js';
import { SEGMENT_STATUSES, type BlockKind, type SegmentStatus } from '../core/types.js';
import { distance } from 'fastest-levenshtein';
import { readHead } from './front-matter.js';
import {
  ACCEPT_LINE,
  ACCEPT_START,
  ACTIONS,
  BLOCK_KINDS,
  CHANGES_LINE,
  COMMENT_LINE,
  COMMENT_START,
  DRAFT_LINE,
  FORMAT_VERSION,
  HEADING_LINE,
  MARKER_LINE,
  MARKER_START,
  MEMORY_LINE,
  MEMORY_START,
  PLACEHOLDER_START,
  PREVIOUS_SOURCE_LINE,
  QUOTE_LINE,
  SEPARATOR,
  STATUS_LINE,
} from './syntax.js';
import { codecFor, decodeToken, type LineCodec } from './text-encoding.js';
import type { BilingualDocument, BilingualParagraph, BilingualSegment, ReviewAction, Suggestion } from './types.js';

type ClassifiedLine =
  | { readonly kind: 'blank' }
  | { readonly kind: 'heading'; readonly blockKind: BlockKind }
  | { readonly kind: 'marker'; readonly id: string; readonly machineHash: string }
  | { readonly kind: 'quote'; readonly encoded: string }
  | { readonly kind: 'status'; readonly status: SegmentStatus; readonly action?: ReviewAction; readonly notes: string }
  | { readonly kind: 'previous-source' | 'draft' | 'comment'; readonly encoded: string }
  | { readonly kind: 'accept'; readonly rule: string; readonly encoded: string }
  | { readonly kind: 'changes' }
  | { readonly kind: 'memory'; readonly score: number; readonly side: 'source' | 'target'; readonly encoded: string }
  | { readonly kind: 'text'; readonly encoded: string };

interface Line {
  /** Without leading/trailing spaces and tabs, which editors add and remove at will. */
  readonly text: string;
  /** 1-based. */
  readonly number: number;
}

const MARKER_HINT = '"<!-- bitext <id> -->" (keep the <!-- … --> lines as they are)';
const EXTRAS_HINT = '"- comment: …", "- accept <rule>: <reason>", "- previous source: …", "- draft: …", "- memory NN% source: …" / "target: …"';
const ATX_HEADING = /^#{1,6}(?:[ \t]|¶|$)/;
const STATUS_LIST = SEGMENT_STATUSES.join(', ');
const WORDS: readonly string[] = [...SEGMENT_STATUSES, ...ACTIONS];

function trimBlanks(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && (text[start] === ' ' || text[start] === '\t')) start += 1;
  while (end > start && (text[end - 1] === ' ' || text[end - 1] === '\t')) end -= 1;
  return text.slice(start, end);
}

function isBlockKind(value: string): value is BlockKind {
  return (BLOCK_KINDS as readonly string[]).includes(value);
}
/** The known word nearest to a typo (`aproved` → `approved`), when it is near enough to be meant. */
function closest(word: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of known) {
    const d = distance(word, candidate);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return word !== '' && bestDistance <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

function isStatus(value: string): value is SegmentStatus {
  return (SEGMENT_STATUSES as readonly string[]).includes(value);
}

class LineReader {
  private readonly fail: (message: string, line: number) => never;
  /** Markdown files: a line of inline Markdown may start with an HTML comment of the source's own. */
  markdown = false;

  constructor(
    readonly lines: readonly Line[],
    readonly file: string,
  ) {
    this.fail = (message, line) => {
      throw new BitextError('input', message, { file, line });
    };
  }

  error(message: string, line: number): never {
    return this.fail(message, line);
  }

  /** Line number to blame when the file ended where something was expected. */
  get endLine(): number {
    return this.lines.length;
  }

  classify(line: Line): ClassifiedLine {
    const text = line.text;
    if (text === '') return { kind: 'blank' };
    const first = text.charAt(0);
    // `#1 on the list` typed by a reviewer is text, as in Markdown; `# Notes` would be a heading.
    if (first === '#' && ATX_HEADING.test(text)) return this.classifyHeading(line);
    if (first === '<' && COMMENT_START.test(text)) return this.classifyComment(line);
    if (first === '>') return { kind: 'quote', encoded: QUOTE_LINE.exec(text)?.[1] ?? '' };
    const status = STATUS_LINE.exec(text);
    if (status !== null) return this.classifyStatus(status[1] ?? '', line);
    const previous = PREVIOUS_SOURCE_LINE.exec(text);
    if (previous !== null) return { kind: 'previous-source', encoded: previous[1] ?? '' };
    const draft = DRAFT_LINE.exec(text);
    if (draft !== null) return { kind: 'draft', encoded: draft[1] ?? '' };
    const comment = COMMENT_LINE.exec(text);
    if (comment !== null) return { kind: 'comment', encoded: comment[1] ?? '' };
    if (ACCEPT_START.test(text)) {
      const accept = ACCEPT_LINE.exec(text);
      if (accept === null) this.error('damaged accept line; expected "- accept <rule id>: <reason>", e.g. "- accept numbers-changed: rounded on purpose"', line.number);
      return { kind: 'accept', rule: (accept[1] ?? '').toLowerCase(), encoded: accept[2] ?? '' };
    }
    if (CHANGES_LINE.test(text)) return { kind: 'changes' };
    if (MEMORY_START.test(text)) return this.classifyMemory(line);
    return { kind: 'text', encoded: text };
  }

  private classifyHeading(line: Line): ClassifiedLine {
    const match = HEADING_LINE.exec(line.text);
    if (match === null) {
      this.error(
        `unexpected Markdown heading ${JSON.stringify(line.text)}; only paragraph headings "#### ¶" or "#### ¶ <kind>" belong here`,
        line.number,
      );
    }
    // The kind is the first word; what follows (`h2`, a front-matter key) is shown for the reader only.
    const kind = match[1] === undefined ? 'paragraph' : (trimBlanks(match[1]).split(/[ \t]/, 1)[0] ?? '');
    if (!isBlockKind(kind)) {
      this.error(`unknown paragraph kind ${JSON.stringify(kind)}; expected one of: ${BLOCK_KINDS.join(', ')}`, line.number);
    }
    return { kind: 'heading', blockKind: kind };
  }

  private classifyComment(line: Line): ClassifiedLine {
    if (!MARKER_START.test(line.text) && this.markdown) return { kind: 'text', encoded: line.text };
    if (!MARKER_START.test(line.text)) {
      this.error(
        'unexpected HTML comment; only segment markers "<!-- bitext … -->" may stand on their own line (remove it, or write your remark elsewhere)',
        line.number,
      );
    }
    const match = MARKER_LINE.exec(line.text);
    const id = match?.[1] === undefined ? undefined : decodeToken(match[1]);
    const machineHash = match?.[2] === undefined ? '' : decodeToken(match[2]);
    if (id === undefined || machineHash === undefined) {
      this.error(`damaged segment marker; expected "<!-- bitext <id> -->" or "<!-- bitext <id> mt=<hash> -->"`, line.number);
    }
    return { kind: 'marker', id, machineHash };
  }

  private classifyStatus(rest: string, line: Line): ClassifiedLine {
    const word = /^[^\s·]*/.exec(rest)?.[0] ?? '';
    const status = word.toLowerCase();
    const dot = rest.indexOf(SEPARATOR);
    const notes = dot === -1 ? '' : rest.slice(dot + SEPARATOR.length);
    if (isStatus(status)) return { kind: 'status', status, notes };
    if (status === 'use-draft') return { kind: 'status', status: 'edited', action: { kind: 'use-draft' }, notes };
    if (status === 'join') return { kind: 'status', status: 'edited', action: { kind: 'join' }, notes };
    if (status === 'use-memory') {
      const index = Number(/^[^\s·]*[ \t]+(\d{1,2})(?:[ \t]|$)/.exec(rest)?.[1] ?? '1');
      return { kind: 'status', status: 'edited', action: { kind: 'use-memory', index }, notes };
    }
    const found = word === '' ? 'no status word' : `unknown status ${JSON.stringify(word)}`;
    const guess = closest(status, WORDS);
    this.error(`${found}${guess === undefined ? '' : ` — did you mean \`${guess}\`?`}; expected one of: ${STATUS_LIST} (or use-draft, use-memory, join)`, line.number);
  }

  private classifyMemory(line: Line): ClassifiedLine {
    const match = MEMORY_LINE.exec(line.text);
    const score = match?.[1] === undefined ? Number.NaN : Number(match[1]);
    const side = match?.[2]?.toLowerCase();
    if (match === null || !(score <= 100) || (side !== 'source' && side !== 'target')) {
      this.error('damaged memory line; expected "- memory NN% source: …" or "- memory NN% target: …" with NN from 0 to 100', line.number);
    }
    return { kind: 'memory', score, side, encoded: match[3] ?? '' };
  }
}

/** Joins a wrapped value back into one line and decodes it. */
function decodeParts(parts: readonly string[], codec: LineCodec): string {
  return codec.decode(parts.join(' '));
}

function decodeTarget(parts: readonly string[], codec: LineCodec): string {
  const kept = parts.map((part) => trimBlanks(part.replace(PLACEHOLDER_START, ''))).filter((part) => part !== '');
  return decodeParts(kept, codec);
}

interface SegmentRead {
  readonly segment: BilingualSegment;
  readonly next: number;
  /** The text after ` · ` on the status line and on lines wrapped from it, if any. */
  readonly notes?: StatusNotes;
}

/** What a status line holds after ` · ` (bitext's notes, or a reviewer's words), and the status line's number. */
export interface StatusNotes {
  readonly text: string;
  readonly line: number;
}

function readSegment(
  reader: LineReader,
  start: number,
  marker: { readonly id: string; readonly machineHash: string },
  codec: LineCodec,
): SegmentRead {
  const { lines } = reader;
  const name = `segment ${marker.id}`;
  let i = start + 1;
  let current: ClassifiedLine | undefined;
  const peek = (): ClassifiedLine | undefined => {
    const line = lines[i];
    current = line === undefined ? undefined : reader.classify(line);
    return current;
  };
  const here = (): number => lines[i]?.number ?? reader.endLine;

  while (peek()?.kind === 'blank') i += 1;
  const sourceParts: string[] = [];
  for (let c = peek(); c?.kind === 'quote'; c = peek()) {
    sourceParts.push(c.encoded);
    i += 1;
  }
  if (sourceParts.length === 0) {
    reader.error(`missing source line of ${name}: expected "> <source sentence>" right after its marker`, here());
  }

  const targetParts: string[] = [];
  for (let c = peek(); c?.kind === 'blank' || c?.kind === 'text'; c = peek()) {
    if (c.kind === 'text') targetParts.push(c.encoded);
    i += 1;
  }
  const statusLine = current;
  if (statusLine?.kind !== 'status') {
    reader.error(`expected the status line of ${name} after its translation: "status: <word>" (one of: ${STATUS_LIST})`, here());
  }
  const statusNumber = here();
  i += 1;

  let previousSource: string[] | undefined;
  let draft: string[] | undefined;
  let comment: string[] | undefined;
  const accepted: { rule: string; reason: string[] }[] = [];
  const suggestions: { score: number; source: string[]; target: string[] }[] = [];
  let pendingMemory: { score: number; source: string[]; line: number } | undefined;
  // Where a wrapped continuation line belongs: the last extra value, or the status line (its notes, which
  // the document does not hold; the caller may ask for them).
  const statusNotes: string[] = statusLine.notes === '' ? [] : [statusLine.notes];
  let continued: string[] = statusNotes;
  let afterBlank = false;

  for (let c = peek(); c !== undefined && c.kind !== 'marker' && c.kind !== 'heading'; c = peek()) {
    const lineNumber = here();
    switch (c.kind) {
      case 'blank':
        afterBlank = true;
        i += 1;
        continue;
      case 'previous-source':
      case 'draft':
      case 'comment': {
        const label = c.kind === 'draft' ? '"draft:"' : c.kind === 'comment' ? '"comment:"' : '"previous source:"';
        if ((c.kind === 'draft' ? draft : c.kind === 'comment' ? comment : previousSource) !== undefined) {
          reader.error(`second ${label} line for ${name}; keep one${c.kind === 'comment' ? ' (write the whole comment on one line)' : ''}`, lineNumber);
        }
        const parts = [c.encoded];
        if (c.kind === 'draft') draft = parts;
        else if (c.kind === 'comment') comment = parts;
        else previousSource = parts;
        continued = parts;
        break;
      }
      case 'accept': {
        const entry = { rule: c.rule, reason: [c.encoded] };
        accepted.push(entry);
        continued = entry.reason;
        break;
      }
      case 'changes':
        // Derived from the previous and current source; a wrapped continuation is ignored with it.
        continued = [];
        break;
      case 'memory':
        if (c.side === 'source') {
          if (pendingMemory !== undefined) {
            reader.error(`"memory ${pendingMemory.score}% source:" line of ${name} has no target line after it`, pendingMemory.line);
          }
          pendingMemory = { score: c.score, source: [c.encoded], line: lineNumber };
          continued = pendingMemory.source;
        } else {
          if (pendingMemory?.score !== c.score) {
            reader.error(`"memory ${c.score}% target:" line of ${name} needs a "memory ${c.score}% source:" line right above it`, lineNumber);
          }
          const target = [c.encoded];
          suggestions.push({ score: c.score, source: pendingMemory.source, target });
          pendingMemory = undefined;
          continued = target;
        }
        break;
      case 'text':
        if (afterBlank) {
          reader.error(`unexpected text after the status line of ${name}; expected ${EXTRAS_HINT}, or the next segment marker ${MARKER_HINT}`, lineNumber);
        }
        continued.push(c.encoded);
        break;
      case 'quote':
        reader.error(`missing segment marker before this source line; expected ${MARKER_HINT}`, lineNumber);
      // falls through: error() never returns
      case 'status':
        reader.error(`second status line for ${name}; keep one "status: <word>" line per segment`, lineNumber);
    }
    afterBlank = false;
    i += 1;
  }
  if (pendingMemory !== undefined) {
    reader.error(`"memory ${pendingMemory.score}% source:" line of ${name} has no target line after it`, pendingMemory.line);
  }

  const segment: BilingualSegment = {
    id: marker.id,
    status: statusLine.status,
    ...(statusLine.action === undefined ? {} : { action: statusLine.action }),
    source: decodeParts(sourceParts, codec),
    target: decodeTarget(targetParts, codec),
    machineHash: marker.machineHash,
    ...(previousSource === undefined ? {} : { previousSource: decodeParts(previousSource, codec) }),
    ...(draft === undefined ? {} : { draft: decodeParts(draft, codec) }),
    ...(comment === undefined ? {} : { comment: decodeParts(comment, codec) }),
    ...(accepted.length === 0 ? {} : { accepted: accepted.map((a) => ({ rule: a.rule, reason: decodeParts(a.reason, codec) })) }),
    ...(suggestions.length === 0
      ? {}
      : {
          suggestions: suggestions.map(
            (s): Suggestion => ({ score: s.score, source: decodeParts(s.source, codec), target: decodeParts(s.target, codec) }),
          ),
        }),
  };
  const notes = trimBlanks(statusNotes.join(' '));
  return { segment, next: i, ...(notes === '' ? {} : { notes: { text: notes, line: statusNumber } }) };
}

function splitLines(text: string): string[] {
  const withoutBom = text.startsWith('\ufeff') ? text.slice(1) : text;
  return withoutBom.split(/\r\n|\r|\n/);
}

/**
 * Parses a bilingual Markdown file. `file` only names the file in errors. Throws `BitextError('input')`
 * with `file` and `line` when the file is damaged beyond what an editor or a reviewer would do to it.
 */
export function fromBilingualMarkdown(
  text: string,
  file: string,
  options: {
    /** Filled with the notes of every status line that has some, by segment id: what the document leaves out. */
    readonly statusNotes?: Map<string, StatusNotes>;
  } = {},
): BilingualDocument {
  const rawLines = splitLines(text);
  const lines: Line[] = rawLines.map((raw, index) => ({ text: trimBlanks(raw), number: index + 1 }));
  const reader: LineReader = new LineReader(lines, file);
  // Before anything else: a git merge left both sides in the file. Nothing in it can be trusted until a
  // person chose, so nothing is read (and nothing written).
  const conflict = rawLines.findIndex((raw) => /^(?:<{7}(?: |$)|>{7}(?: |$)|\|{7}(?: |$))/.test(raw));
  if (conflict !== -1) {
    reader.error(
      `unresolved merge conflict at line ${conflict + 1}: keep the lines you want between "<<<<<<<" and ">>>>>>>" (one version of each segment), delete the marker lines ("<<<<<<<", "=======", ">>>>>>>"), then run again`,
      conflict + 1,
    );
  }

  let open = 0;
  while (lines[open]?.text === '') open += 1;
  const openLine = lines[open];
  if (openLine === undefined) {
    reader.error(`empty file; a bilingual file starts with front matter ("---", "bitext: ${FORMAT_VERSION}", …)`, 1);
  }
  if (openLine.text !== '---') {
    reader.error('text before the front matter; a bilingual file must start with a "---" line (remove what is above it)', openLine.number);
  }
  let close = open + 1;
  while (close < lines.length && lines[close]?.text !== '---' && lines[close]?.text !== '...') close += 1;
  if (close >= lines.length) {
    reader.error('front matter is never closed; expected a "---" line after it', openLine.number);
  }
  const head = readHead(rawLines.slice(open + 1, close), open + 2, { text: lines[close + 1]?.text, line: close + 2 }, file);
  const meta = head.fields;
  reader.markdown = meta.format === 'markdown';

  let i = close + 1;
  // Title and instructions are derived text; everything up to the first paragraph heading is skipped.
  for (let line = lines[i]; line !== undefined && !HEADING_LINE.test(line.text); line = lines[i]) {
    if (MARKER_START.test(line.text)) {
      reader.error('segment marker before the first paragraph heading; expected a "#### ¶" line above it', line.number);
    }
    i += 1;
  }

  const paragraphs: { kind: BlockKind; segments: BilingualSegment[] }[] = [];
  const markerLines = new Map<string, number>();
  for (let line = lines[i]; line !== undefined; line = lines[i]) {
    const c = reader.classify(line);
    if (c.kind === 'blank') {
      i += 1;
    } else if (c.kind === 'heading') {
      paragraphs.push({ kind: c.blockKind, segments: [] });
      i += 1;
    } else if (c.kind === 'marker') {
      const earlier = markerLines.get(c.id);
      if (earlier !== undefined) {
        reader.error(`duplicate segment id ${JSON.stringify(c.id)}: already used by the marker on line ${earlier}`, line.number);
      }
      markerLines.set(c.id, line.number);
      const kind = paragraphs[paragraphs.length - 1]?.kind ?? 'paragraph';
      const read = readSegment(reader, i, c, codecFor(meta.format, kind));
      // The preamble loop stopped at a heading, so a paragraph is always open here.
      paragraphs[paragraphs.length - 1]?.segments.push(read.segment);
      if (read.notes !== undefined) options.statusNotes?.set(c.id, read.notes);
      i = read.next;
    } else if (c.kind === 'quote') {
      reader.error(`missing segment marker before this source line; expected ${MARKER_HINT}`, line.number);
    } else {
      reader.error(`unexpected line; expected a segment marker ${MARKER_HINT} or a paragraph heading "#### ¶"`, line.number);
    }
  }

  const result: BilingualDocument = {
    version: head.version,
    source: { path: meta.source, hash: meta.sourceHash, language: meta.sourceLanguage },
    targetLanguage: meta.targetLanguage,
    ...(meta.format === undefined ? {} : { format: meta.format }),
    backend: meta.backend,
    glossaryHash: meta.glossaryHash,
    ...(head.extra.length === 0 ? {} : { extraFrontMatter: head.extra }),
    paragraphs: paragraphs satisfies BilingualParagraph[],
  };
  return result;
}

/**
 * The line of every segment's marker in a bilingual file, by segment id: where an editor should jump to
 * work on it. Tolerant like the reader (CRLF, a BOM, indentation).
 */
export function segmentLines(text: string): Map<string, number> {
  const lines = new Map<string, number>();
  splitLines(text).forEach((raw, index) => {
    const match = MARKER_LINE.exec(trimBlanks(raw));
    const id = match?.[1] === undefined ? undefined : decodeToken(match[1]);
    if (id !== undefined && !lines.has(id)) lines.set(id, index + 1);
  });
  return lines;
}
