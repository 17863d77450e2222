// A project's own segmentation rules: where a reviewer said "these two are one sentence" (`join`) or "this is
// two sentences" (`||` in the source line). The German splitter stays what it is; the rules correct its
// output, in every document and for every target language, the way OmegaT's project-level segmentation
// rules or memoQ's join/split do. Rules are text, not positions, so they survive edits elsewhere and apply
// wherever the same sentences meet again.
//
// The texts are plain (markup removed: one U+FFFC per inline code), as the splitter sees them, with runs of
// whitespace read as one space.
import { BitextError } from '../core/errors.js';

export interface SegmentationRule {
  readonly kind: 'join' | 'split';
  /** The text before the boundary: a whole sentence (join), or the end of the first part (split). */
  readonly left: string;
  /** The text after it. */
  readonly right: string;
}

/** Rules in force, looked up by pair; a later rule for the same pair replaces an earlier one. */
export interface SegmentationRules {
  readonly list: readonly SegmentationRule[];
  /** `left \u0000 right` of every join in force. */
  readonly joins: ReadonlySet<string>;
  /** Every split in force, by its left text. */
  readonly splits: ReadonlyMap<string, readonly string[]>;
}

export const NO_RULES: SegmentationRules = { list: [], joins: new Set(), splits: new Map() };

export function normalizeSpace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

const keyOf = (left: string, right: string): string => `${left}\u0000${right}`;

/** The rules in force after `list`, in order (a join and a split of the same pair: the later wins). */
export function compileRules(list: readonly SegmentationRule[]): SegmentationRules {
  if (list.length === 0) return NO_RULES;
  const last = new Map<string, SegmentationRule>();
  for (const rule of list) {
    const clean = { kind: rule.kind, left: normalizeSpace(rule.left), right: normalizeSpace(rule.right) };
    if (clean.left === '' || clean.right === '') continue;
    const key = keyOf(clean.left, clean.right);
    last.delete(key); // keep the order of the latest occurrence
    last.set(key, clean);
  }
  const joins = new Set<string>();
  const splits = new Map<string, string[]>();
  for (const [key, rule] of last) {
    if (rule.kind === 'join') joins.add(key);
    else splits.set(rule.left, [...(splits.get(rule.left) ?? []), rule.right]);
  }
  return { list: [...last.values()], joins, splits };
}

/** True when the rule (or the same pair with the same kind) is in force already. */
export function inForce(rules: SegmentationRules, rule: SegmentationRule): boolean {
  const left = normalizeSpace(rule.left);
  const right = normalizeSpace(rule.right);
  return rule.kind === 'join' ? rules.joins.has(keyOf(left, right)) : (rules.splits.get(left)?.includes(right) ?? false);
}

/**
 * Applies the rules to the splitter's sentences of one paragraph (verbatim slices of it, in order): first
 * the splits, then the joins, left to right, so a chain of joins makes one sentence. Returns verbatim,
 * trimmed slices again.
 */
export function applyRules(paragraph: string, sentences: readonly string[], rules: SegmentationRules): string[] {
  if (rules.list.length === 0 || sentences.length === 0) return [...sentences];
  // Offsets of each sentence in the paragraph.
  let cursor = 0;
  let spans: { start: number; end: number }[] = sentences.map((sentence) => {
    const at = paragraph.indexOf(sentence, cursor);
    const start = at < 0 ? cursor : at;
    cursor = start + sentence.length;
    return { start, end: cursor };
  });
  if (rules.splits.size > 0) spans = spans.flatMap((span) => splitSpan(paragraph, span, rules.splits));
  if (rules.joins.size > 0) {
    const joined: { start: number; end: number }[] = [];
    for (const span of spans) {
      const previous = joined[joined.length - 1];
      if (previous && rules.joins.has(keyOf(normalizeSpace(paragraph.slice(previous.start, previous.end)), normalizeSpace(paragraph.slice(span.start, span.end))))) {
        joined[joined.length - 1] = { start: previous.start, end: span.end };
      } else joined.push(span);
    }
    spans = joined;
  }
  return spans.map((span) => paragraph.slice(span.start, span.end));
}

/** Cuts a sentence wherever a split rule's left text ends and its right text follows after whitespace. */
function splitSpan(paragraph: string, span: { start: number; end: number }, splits: ReadonlyMap<string, readonly string[]>): { start: number; end: number }[] {
  const text = paragraph.slice(span.start, span.end);
  // Normalised text with a map back to offsets in `text`.
  const chars: string[] = [];
  const offsets: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const ws = /\s/.test(text[i]!);
    if (ws && (chars.length === 0 || chars[chars.length - 1] === ' ')) continue;
    chars.push(ws ? ' ' : text[i]!);
    offsets.push(i);
  }
  const normal = chars.join('');
  const cuts = new Set<number>();
  for (const [left, rights] of splits) {
    for (let at = normal.indexOf(left); at !== -1; at = normal.indexOf(left, at + 1)) {
      const boundary = at + left.length;
      if (normal[boundary] !== ' ') continue;
      if (rights.some((right) => normal.startsWith(right, boundary + 1))) cuts.add(boundary);
    }
  }
  if (cuts.size === 0) return [span];
  const out: { start: number; end: number }[] = [];
  let from = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    const end = offsets[cut]!; // the space after the left text
    out.push({ start: span.start + from, end: span.start + end });
    from = offsets[cut + 1]!;
  }
  out.push({ start: span.start + from, end: span.end });
  return out.map((s) => trimSpan(paragraph, s)).filter((s) => s.end > s.start);
}

function trimSpan(text: string, span: { start: number; end: number }): { start: number; end: number } {
  let { start, end } = span;
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  return { start, end };
}

// ---------------------------------------------------------------------------------------------------------
// The rules file: JSON Lines, one rule per line, appended in the order they were learned, so two branches
// that each learned rules merge line by line (`merge=union`).

export const RULES_FORMAT_VERSION = 1;

export interface RuleRecord extends SegmentationRule {
  /** The review file the request came from, as shown. */
  readonly from?: string;
  readonly changed?: string;
}

export function parseRules(text: string, file: string): RuleRecord[] {
  const records: RuleRecord[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  let header = false;
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    const at = { file, line: index + 1 };
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new BitextError('input', 'not a JSON line; every line is one rule such as {"join":["Erster Satz.","Zweiter Satz."]}', at);
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new BitextError('input', 'expected an object such as {"join":["…","…"]} or {"split":["…","…"]}', at);
    }
    const record = value as Record<string, unknown>;
    if ('bitext-segmentation' in record) {
      if (record['bitext-segmentation'] !== RULES_FORMAT_VERSION) {
        throw new BitextError('input', `unsupported segmentation rules version ${JSON.stringify(record['bitext-segmentation'])}; this bitext reads version ${RULES_FORMAT_VERSION}`, at);
      }
      header = true;
      return;
    }
    const kind = 'join' in record ? 'join' : 'split' in record ? 'split' : undefined;
    const pair = kind === undefined ? undefined : record[kind];
    if (kind === undefined || !Array.isArray(pair) || pair.length !== 2 || pair.some((p) => typeof p !== 'string' || p.trim() === '')) {
      throw new BitextError('input', 'expected {"join":["left sentence","right sentence"]} or {"split":["text before","text after"]}', at);
    }
    records.push({
      kind,
      left: pair[0] as string,
      right: pair[1] as string,
      ...(typeof record['from'] === 'string' ? { from: record['from'] } : {}),
      ...(typeof record['changed'] === 'string' ? { changed: record['changed'] } : {}),
    });
  });
  if (!header && records.length > 0) {
    throw new BitextError('input', `missing header: the first line must be {"bitext-segmentation":${RULES_FORMAT_VERSION}}`, { file, line: 1 });
  }
  return records;
}

export function serializeRules(records: readonly RuleRecord[]): string {
  const lines = [JSON.stringify({ 'bitext-segmentation': RULES_FORMAT_VERSION })];
  for (const r of records) {
    lines.push(JSON.stringify({ [r.kind]: [r.left, r.right], ...(r.from === undefined ? {} : { from: r.from }), ...(r.changed === undefined ? {} : { changed: r.changed }) }));
  }
  return `${lines.join('\n')}\n`;
}
