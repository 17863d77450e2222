// What a backend gets for a segment and what the workflow accepts back. One mechanism for everything that
// must survive translation untouched: the segment's inline codes (emphasis, links, inline code, …) and the
// do-not-translate glossary terms (protected spans) are all placeholders with an id. Every answer is
// checked per segment — the same placeholders, properly nested, protected texts verbatim — and the spacing
// around placeholders is repaired to match the source, so one bad answer never costs the others of its batch.
import type { InlineCode, InlinePart, LanguageCode, Segment, SourceFormatName } from '../core/types.js';
import { PAIRED_CODE_KINDS } from '../core/types.js';
import type { BackendCode, BackendSegment, TranslateResult } from '../backends/types.js';
import type { ResolvedTerm } from '../glossary/index.js';
import { formatByName } from '../sources/formats.js';
import { mergeTextParts } from '../core/inline.js';

/** Languages written without spaces between words: spacing around placeholders is never added there. */
const UNSPACED = new Set(['zh', 'ja', 'th', 'lo', 'km', 'my', 'bo']);

function partsOf(segment: Segment): readonly InlinePart[] {
  if (segment.inline !== undefined) return segment.inline.parts;
  return segment.plain === '' ? [] : [{ type: 'text', text: segment.plain }];
}

function codesOf(segment: Segment): readonly InlineCode[] {
  return segment.inline?.codes ?? [];
}

/**
 * The segment as a backend sees it: its text runs and placeholders, plus a protected placeholder for every
 * do-not-translate term that lies inside one text run, and the imposed translations of the other terms.
 * `terms` are found in `segment.plain`.
 */
export function toBackendSegment(segment: Segment, terms: readonly ResolvedTerm[]): BackendSegment {
  const source = partsOf(segment);
  const codes: BackendCode[] = codesOf(segment).map((code) => ({ id: code.id, kind: code.kind, paired: PAIRED_CODE_KINDS.has(code.kind) }));
  let nextId = codes.reduce((max, code) => Math.max(max, code.id), 0) + 1;
  const keep = terms.filter((term) => term.keep && term.end > term.start);
  const parts: InlinePart[] = [];
  // Offsets in `plain` run over text runs, and one U+FFFC per empty code.
  let offset = 0;
  let k = 0;
  for (const part of source) {
    if (part.type !== 'text') {
      parts.push(part);
      if (part.type === 'empty') offset += 1;
      continue;
    }
    const start = offset;
    const end = offset + part.text.length;
    let cursor = start;
    while (k < keep.length && keep[k]!.start < end) {
      const term = keep[k]!;
      k += 1;
      if (term.start < cursor || term.end > end) continue; // crosses markup: left to the glossary check
      if (term.start > cursor) parts.push({ type: 'text', text: part.text.slice(cursor - start, term.start - start) });
      const id = nextId++;
      codes.push({ id, kind: 'protected', paired: false, text: term.text });
      parts.push({ type: 'empty', id });
      cursor = term.end;
    }
    if (cursor < end) parts.push({ type: 'text', text: part.text.slice(cursor - start) });
    offset = end;
  }
  const text = parts
    .map((part) => (part.type === 'text' ? part.text : part.type === 'empty' ? (codes.find((c) => c.id === part.id)?.text ?? '') : ''))
    .join('');
  const imposed = terms.filter((term) => !term.keep && term.required !== undefined);
  return {
    text,
    parts,
    codes,
    terms: imposed.map((term) => ({ source: term.text, target: term.required!.term })),
  };
}

export type AnswerCheck =
  | { readonly ok: true; readonly parts: readonly InlinePart[] }
  | { readonly ok: false; readonly parts: readonly InlinePart[]; readonly problems: readonly string[] };

function describeCode(code: BackendCode): string {
  return code.kind === 'protected' ? `protected term "${code.text ?? ''}"` : code.kind === 'footnote-ref' ? 'footnote reference' : code.kind;
}

/**
 * Checks a backend's answer against what was sent: every placeholder exactly once, paired ones opened
 * before they close and properly nested. What cannot be placed is left out of `parts` (the text stays), and
 * named in `problems`. A valid answer gets the spacing around its placeholders repaired to match the source.
 */
export function checkAnswer(sent: BackendSegment, result: TranslateResult, lang: LanguageCode): AnswerCheck {
  const byId = new Map(sent.codes.map((code) => [code.id, code]));
  const problems: string[] = result.problem === undefined ? [] : [result.problem];
  const seen = new Map<number, 'open' | 'closed' | 'empty'>();
  const stack: number[] = [];
  const kept: InlinePart[] = [];
  for (const part of result.parts) {
    if (part.type === 'text') {
      if (part.text !== '') kept.push(part);
      continue;
    }
    const code = byId.get(part.id);
    if (code === undefined) {
      problems.push(`an unknown placeholder ${part.id}`);
      continue;
    }
    const state = seen.get(part.id);
    if (part.type === 'empty') {
      if (code.paired) problems.push(`${describeCode(code)} came back without its text`);
      else if (state !== undefined) problems.push(`${describeCode(code)} came back twice`);
      else {
        seen.set(part.id, 'empty');
        kept.push(part);
      }
    } else if (part.type === 'open') {
      if (!code.paired || state !== undefined) problems.push(`${describeCode(code)} opened ${state === undefined ? 'where none belongs' : 'twice'}`);
      else {
        seen.set(part.id, 'open');
        stack.push(part.id);
        kept.push(part);
      }
    } else {
      if (stack[stack.length - 1] !== part.id) {
        problems.push(`${describeCode(code)} closed ${state === 'open' ? 'across other markup' : 'without being opened'}`);
      } else {
        stack.pop();
        seen.set(part.id, 'closed');
        kept.push(part);
      }
    }
  }
  // Opens never closed: drop them, the text stays.
  for (const id of stack) {
    problems.push(`${describeCode(byId.get(id)!)} was never closed`);
    const at = kept.findIndex((part) => part.type === 'open' && part.id === id);
    if (at >= 0) kept.splice(at, 1);
  }
  const merged = mergeTextParts(kept);
  for (const code of sent.codes) {
    if (seen.has(code.id)) continue;
    // A server that ignores tags still copies a protected term verbatim: then nothing is lost.
    const verbatim = code.kind === 'protected' && merged.some((part) => part.type === 'text' && part.text.includes(code.text ?? '\u0000'));
    if (!verbatim) problems.push(`${describeCode(code)} is missing`);
  }
  if (problems.length > 0) return { ok: false, parts: merged, problems: [...new Set(problems)] };
  return { ok: true, parts: repairSpacing(sent.parts, merged, lang) };
}


type Spacing = { before: boolean | undefined; after: boolean | undefined };

/** For each placeholder (by role and id): whether whitespace stands right before and after it. */
function spacingOf(parts: readonly InlinePart[]): Map<string, Spacing> {
  const out = new Map<string, Spacing>();
  parts.forEach((part, i) => {
    if (part.type === 'text') return;
    const prev = parts[i - 1];
    const next = parts[i + 1];
    out.set(`${part.type}:${part.id}`, {
      before: prev?.type === 'text' ? /\s$/u.test(prev.text) : undefined,
      after: next?.type === 'text' ? /^\s/u.test(next.text) : undefined,
    });
  });
  return out;
}

/**
 * Backends move or eat the spaces next to tags ("Wort<x/>Text", "** fett**"). Where the source had a space
 * next to a placeholder and the answer has a word glued to it, a space goes back; where the source had none
 * and the answer has one, it goes. Unspaced languages only ever lose spaces.
 */
function repairSpacing(source: readonly InlinePart[], answer: readonly InlinePart[], lang: LanguageCode): InlinePart[] {
  const want = spacingOf(source);
  const unspaced = UNSPACED.has(lang.toLowerCase().split('-')[0] ?? '');
  const out = answer.map((part) => ({ ...part }));
  out.forEach((part, i) => {
    if (part.type === 'text') return;
    const wanted = want.get(`${part.type}:${part.id}`);
    if (wanted === undefined) return;
    const prev = out[i - 1];
    const next = out[i + 1];
    if (prev?.type === 'text' && wanted.before !== undefined) {
      const has = /\s$/u.test(prev.text);
      if (wanted.before && !has && !unspaced && /[\p{L}\p{N}]$/u.test(prev.text)) out[i - 1] = { type: 'text', text: `${prev.text} ` };
      if (!wanted.before && has) out[i - 1] = { type: 'text', text: prev.text.replace(/\s+$/u, '') };
    }
    if (next?.type === 'text' && wanted.after !== undefined) {
      const has = /^\s/u.test(next.text);
      if (wanted.after && !has && !unspaced && /^[\p{L}\p{N}]/u.test(next.text)) out[i + 1] = { type: 'text', text: ` ${next.text}` };
      if (!wanted.after && has) out[i + 1] = { type: 'text', text: next.text.replace(/^\s+/u, '') };
    }
  });
  return out.filter((part) => part.type !== 'text' || part.text !== '');
}

/**
 * The answer as the target a reviewer edits: protected placeholders become their text again, the rest is
 * rendered by the source's format (inline Markdown for Markdown, the text itself for plain text).
 */
export function answerToTarget(parts: readonly InlinePart[], sent: BackendSegment, segment: Segment, format: SourceFormatName): string {
  const protectedText = new Map(sent.codes.filter((code) => code.kind === 'protected').map((code) => [code.id, code.text ?? '']));
  const own: InlinePart[] = [];
  for (const part of parts) {
    const text = part.type === 'empty' ? protectedText.get(part.id) : undefined;
    own.push(text === undefined ? part : { type: 'text', text });
  }
  return formatByName(format).renderTarget(mergeTextParts(own), segment);
}
