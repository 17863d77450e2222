import { distance } from 'fastest-levenshtein';

/**
 * The closest of `candidates` to `word`, when it is close enough to be a slip of the keyboard: the same word
 * in other case, within a quarter of its length in edits (at least 2), or a clipped form of it (`warn` for
 * `warning`). Ties go to the earlier candidate.
 */
export function suggest(word: string, candidates: readonly string[]): string | undefined {
  const clipped = word.length >= 3 ? candidates.find((c) => c.length > word.length && c.toLowerCase().startsWith(word.toLowerCase())) : undefined;
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const d = candidate.toLowerCase() === word.toLowerCase() ? 0 : distance(candidate.toLowerCase(), word.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  if (bestDistance <= Math.max(2, Math.floor(word.length / 4))) return best;
  return clipped;
}

/** ` — did you mean "x"?` or nothing. */
export function didYouMean(word: string, candidates: readonly string[]): string {
  const suggestion = suggest(word, candidates);
  return suggestion === undefined ? '' : ` — did you mean "${suggestion}"?`;
}

/** A value as it appears in a message: strings quoted (and cut), objects by kind. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return value.length === 0 ? 'an empty list' : 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return value.length > 40 ? `${JSON.stringify(value.slice(0, 40))}…` : JSON.stringify(value);
  return String(value);
}

/** `"a", "b" or "c"`. */
export function listChoices(choices: readonly string[]): string {
  const quoted = choices.map((c) => JSON.stringify(c));
  return quoted.length <= 1 ? quoted.join('') : `${quoted.slice(0, -1).join(', ')} or ${quoted[quoted.length - 1]}`;
}
