// Compares the numbers of a German source with those of its translation, by value. The source's atoms
// are matched against the target's readings; what is left over on either side becomes a finding.
import { distance } from 'fastest-levenshtein';
import type { NumberLanguage } from './lexicon.js';
import { readNumbers, type Atom, type AtomKind, type NumberToken, type Reading, type Strength } from './read-numbers.js';

export interface SourceNumber {
  /** Index into `NumberComparison.source`. */
  readonly token: number;
  readonly atom: Atom;
  /** Keys the target may match: one, or several where the source itself can be read two ways. */
  readonly keys: readonly string[];
}

export interface TargetNumber {
  /** Index into `NumberComparison.target`. */
  readonly token: number;
  readonly atom: Atom;
}

export interface NumberComparison {
  readonly source: readonly NumberToken[];
  readonly target: readonly NumberToken[];
  /** Source numbers with no counterpart in the target. */
  readonly missing: readonly SourceNumber[];
  /** Source numbers whose place a different target number seems to take. */
  readonly changed: ReadonlyArray<{ readonly source: SourceNumber; readonly target: TargetNumber }>;
  /** Target tokens that match the source only in another language's convention, while the target
   * language reads them as something else ("1.000" in English is one). */
  readonly misread: ReadonlyArray<{ readonly token: number; readonly reading: Reading; readonly native: Reading }>;
  /** Target tokens that match the source only in another language's convention ("3,5" in English). */
  readonly format: ReadonlyArray<{ readonly token: number; readonly reading: Reading }>;
  /** Tokens readers could take two ways (`side` says where). */
  readonly ambiguous: ReadonlyArray<{ readonly side: 'source' | 'target'; readonly token: number; readonly reading?: Reading }>;
  /** Target numbers the source does not have. */
  readonly extra: readonly TargetNumber[];
  /** Unmatched source number words (soft): named in messages about extra target numbers. */
  readonly unmatchedWords: readonly SourceNumber[];
  /** The reading the matcher chose for each target token. */
  readonly chosen: readonly Reading[];
  /** A score or ratio of the source („2:1“) the target has the other way round ("1-2"). */
  readonly swapped: ReadonlyArray<{ readonly source: string; readonly target: string }>;
}

const TARGET_DIGIT = /[0-9０-９]/;
const NONE_TAKEN: ReadonlySet<number> = new Set();

function emptyComparison(): NumberComparison {
  return { source: [], target: [], missing: [], changed: [], misread: [], format: [], ambiguous: [], extra: [], unmatchedWords: [], chosen: [], swapped: [] };
}

/**
 * The common case, decided without the general matcher: every number of the source is in the target, in
 * the same order, each target token readable one way only in the language's own convention, nothing
 * ambiguous. Words that only confirm a 1 ("ein", "a") are left out on both sides. When this holds the
 * general matcher would pair them one to one and report nothing.
 */
function matchesInOrder(source: readonly NumberToken[], target: readonly NumberToken[]): boolean {
  const sourceAtoms: Array<readonly string[]> = [];
  for (const token of source) {
    if (token.ambiguity !== undefined) return false;
    const first = token.readings[0];
    if (first === undefined) return false;
    if (token.readings.length > 1) {
      if (!token.readings.every((reading) => reading.atoms.length === 1)) return false;
      if (first.atoms[0]?.strength !== 'license') sourceAtoms.push(token.readings.map((reading) => reading.atoms[0]?.key ?? ''));
      continue;
    }
    for (const atom of first.atoms) if (atom.strength !== 'license') sourceAtoms.push([atom.key]);
  }
  let k = 0;
  for (const token of target) {
    const reading = token.readings[0];
    if (token.ambiguity !== undefined || token.readings.length !== 1 || reading === undefined || reading.rank !== 0) return false;
    for (const atom of reading.atoms) {
      if (atom.strength === 'license') continue;
      if (!(sourceAtoms[k]?.includes(atom.key) ?? false)) return false;
      k++;
    }
  }
  return k === sourceAtoms.length;
}

/** A digit 1 standing alone (not in 10, 1.5 or 21). */
const LONE_ONE = /(?<![\d.,])1(?![\d.,]\d|\d)/;

const STRENGTH_ORDER: Readonly<Record<Strength, number>> = { hard: 0, soft: 1, license: 2 };

/** The source tokens as atoms to be found: a token with several one-atom readings is one atom with several keys. */
function sourceNumbers(tokens: readonly NumberToken[]): SourceNumber[] {
  const out: SourceNumber[] = [];
  tokens.forEach((token, index) => {
    const readings = token.readings;
    const first = readings[0];
    if (first === undefined) return;
    if (readings.length > 1 && readings.every((reading) => reading.atoms.length === 1)) {
      const atom = first.atoms[0];
      if (atom !== undefined) out.push({ token: index, atom, keys: readings.map((reading) => reading.atoms[0]?.key ?? '') });
      return;
    }
    for (const atom of first.atoms) out.push({ token: index, atom, keys: [atom.key] });
  });
  return out;
}

export function compareNumbers(
  sourceText: string,
  targetText: string,
  sourceLang: NumberLanguage,
  targetLang: NumberLanguage,
): NumberComparison {
  // "ein", "one", "un" are no candidates of the windowed reader: where a 1 may need them, read all.
  const sourceTokens = readNumbers(sourceText, sourceLang, 'source', { whole: LONE_ONE.test(targetText) });
  // Nothing in the source, and no digit in the target that could be extra: nothing to compare.
  if (sourceTokens.length === 0 && !TARGET_DIGIT.test(targetText)) return emptyComparison();
  const wanted = sourceNumbers(sourceTokens);
  const targetTokens = readNumbers(targetText, targetLang, 'target', { whole: wanted.some((number) => number.keys.includes('n:1e0')) });
  if (matchesInOrder(sourceTokens, targetTokens)) return { ...emptyComparison(), source: sourceTokens, target: targetTokens, chosen: targetTokens.map((token) => token.readings[0] ?? { atoms: [], rank: 0 }) };
  const used = new Array<boolean>(wanted.length).fill(false);

  /**
   * The best unused source atom for `atom`: one of the same strength (a word for a word, a digit for a
   * digit, so that "drei" does not take the source's 3 from a digit 3), else hard before soft before
   * license; then the first.
   */
  const pick = (atom: Atom, taken: ReadonlySet<number>): number => {
    let best = -1;
    let bestRank = 9;
    for (let k = 0; k < wanted.length; k++) {
      const candidate = wanted[k];
      if (candidate === undefined || used[k] === true || taken.has(k) || !candidate.keys.includes(atom.key)) continue;
      const rank = candidate.atom.strength === atom.strength ? -1 : STRENGTH_ORDER[candidate.atom.strength];
      if (rank < bestRank) {
        best = k;
        bestRank = rank;
      }
    }
    return best;
  };

  const chosen: Reading[] = targetTokens.map((token) => token.readings[0] ?? { atoms: [], rank: 0 });
  /** Per target token and atom of its chosen reading: the matched source atom or -1. */
  const matches: number[][] = chosen.map((reading) => reading.atoms.map(() => -1));

  // Unambiguous tokens first, strongest atoms first: a digit claims the source's 2 before "two" does.
  for (const strength of ['hard', 'soft', 'license'] as const) {
    targetTokens.forEach((token, t) => {
      if (token.readings.length !== 1) return;
      const reading = chosen[t];
      reading?.atoms.forEach((atom, a) => {
        if (atom.strength !== strength) return;
        const k = pick(atom, NONE_TAKEN);
        if (k >= 0) {
          used[k] = true;
          const row = matches[t];
          if (row !== undefined) row[a] = k;
        }
      });
    });
  }
  // Then each ambiguous token takes the reading that agrees most with the source; ties go to the
  // language's own convention, then to the first reading.
  targetTokens.forEach((token, t) => {
    if (token.readings.length <= 1) return;
    let best: { reading: Reading; found: number[]; count: number } | undefined;
    for (const reading of token.readings) {
      const taken = new Set<number>();
      const found = reading.atoms.map((atom) => {
        const k = pick(atom, taken);
        if (k >= 0) taken.add(k);
        return k;
      });
      const count = found.filter((k) => k >= 0).length;
      if (best === undefined || count > best.count || (count === best.count && reading.rank < best.reading.rank)) {
        best = { reading, found, count };
      }
    }
    if (best === undefined) return;
    chosen[t] = best.reading;
    matches[t] = best.found;
    for (const k of best.found) if (k >= 0) used[k] = true;
  });

  const matchedKeys = new Set<string>();
  wanted.forEach((number, k) => {
    if (used[k] === true) for (const key of number.keys) matchedKeys.add(key);
  });

  const misread: Array<{ token: number; reading: Reading; native: Reading }> = [];
  const format: Array<{ token: number; reading: Reading }> = [];
  const ambiguous: Array<{ side: 'source' | 'target'; token: number; reading?: Reading }> = [];
  sourceTokens.forEach((token, index) => {
    if (token.ambiguity !== undefined) ambiguous.push({ side: 'source', token: index });
  });
  const unmatchedTarget: TargetNumber[] = [];
  targetTokens.forEach((token, t) => {
    const reading = chosen[t];
    const row = matches[t] ?? [];
    if (reading === undefined) return;
    const matchedAny = row.some((k) => k >= 0);
    if (matchedAny && reading.rank === 1) {
      const native = token.readings.find((other) => other.rank === 0 && other.atoms.every((atom) => atom.kind === 'number'));
      if (native !== undefined) misread.push({ token: t, reading, native });
      else format.push({ token: t, reading });
    }
    if (matchedAny && token.ambiguity !== undefined) ambiguous.push({ side: 'target', token: t, reading });
    reading.atoms.forEach((atom, a) => {
      if ((row[a] ?? -1) < 0) unmatchedTarget.push({ token: t, atom });
    });
  });

  const dropMonths = !targetLang.hasMonths;
  const leftover = (kind: AtomKind): boolean => !(dropMonths && kind === 'month');
  // A value the other side has at least once is not reported again: "2024 … 2024" may become "2024 …
  // that year". Not when the target has a number left over that may have taken its place.
  // Nor when a target digit was only accounted for by a word like "ein" or a code's digits.
  const weakMatch = targetTokens.some((_token, t) =>
    (chosen[t]?.atoms ?? []).some((atom, a) => atom.strength === 'hard' && wanted[matches[t]?.[a] ?? -1]?.atom.strength === 'license'),
  );
  const excuseRepeats = !weakMatch && !unmatchedTarget.some((number) => number.atom.strength === 'hard' || (number.atom.strength === 'soft' && number.atom.pairable));
  const missingHard = wanted.filter(
    (number, k) =>
      used[k] !== true && number.atom.strength === 'hard' && leftover(number.atom.kind) && !(excuseRepeats && number.keys.some((key) => matchedKeys.has(key))),
  );
  const sourceKeys = new Set(wanted.flatMap((number) => number.keys));
  const openTarget = unmatchedTarget.filter(
    (number) => number.atom.strength !== 'license' && leftover(number.atom.kind) && !sourceKeys.has(number.atom.key),
  );
  const paired = new Set<TargetNumber>();

  const changed: Array<{ source: SourceNumber; target: TargetNumber }> = [];
  const missing: SourceNumber[] = [];
  for (const number of missingHard) {
    const partner = closest(number, openTarget.filter((candidate) => !paired.has(candidate) && compatible(number.atom, candidate.atom)));
    if (partner !== undefined) {
      paired.add(partner);
      changed.push({ source: number, target: partner });
    } else if (number.atom.kind !== 'code') {
      // A code may be translated away ("G20" → "二十国集团"); only a code that became another is reported.
      missing.push(number);
    }
  }
  // "drei Treffen" → "four meetings": both are words, the pair is a changed number.
  const unmatchedWords = wanted.filter((number, k) => used[k] !== true && number.atom.strength === 'soft' && !number.keys.some((key) => matchedKeys.has(key)));
  if (targetLang.pairWords) {
    for (const number of unmatchedWords) {
      if (!number.atom.pairable) continue;
      const partner = openTarget.find(
        (candidate) => !paired.has(candidate) && candidate.atom.strength === 'soft' && candidate.atom.pairable && candidate.atom.kind === 'number',
      );
      if (partner === undefined) continue;
      paired.add(partner);
      changed.push({ source: number, target: partner });
    }
  }
  // A code the target has with the letters of a source code but other digits ("Covid-29"), although the
  // source's code was found elsewhere in the target: changed, not extra.
  for (const number of openTarget) {
    if (paired.has(number) || number.atom.kind !== 'code') continue;
    const like = wanted.find((candidate) => candidate.atom.kind === 'code' && candidate.atom.codeLetters === number.atom.codeLetters);
    if (like === undefined) continue;
    paired.add(number);
    changed.push({ source: like, target: number });
  }
  const extra = openTarget.filter((number) => !paired.has(number) && number.atom.strength === 'hard' && number.atom.kind !== 'code');
  const stillUnmatchedWords = unmatchedWords.filter((number) => !changed.some((pair) => pair.source === number));

  return {
    source: sourceTokens,
    target: targetTokens,
    missing,
    changed,
    misread,
    format,
    ambiguous,
    extra,
    unmatchedWords: stillUnmatchedWords,
    chosen,
    swapped: swappedScores(sourceTokens, targetTokens, sourceText, targetText),
  };
}

/** Two plain digit runs with a mark between them: "2:1", "2 - 1", "2–1" (not "14:30", which is one time token). */
function pairsOf(tokens: readonly NumberToken[], text: string, gap: RegExp): Array<{ a: string; b: string; text: string }> {
  const out: Array<{ a: string; b: string; text: string }> = [];
  for (let k = 1; k < tokens.length; k++) {
    const a = tokens[k - 1];
    const b = tokens[k];
    if (a === undefined || b === undefined || !/^\d{1,3}$/.test(a.text) || !/^\d{1,3}$/.test(b.text)) continue;
    if (!gap.test(text.slice(a.end, b.start))) continue;
    out.push({ a: String(Number(a.text)), b: String(Number(b.text)), text: text.slice(a.start, b.end) });
  }
  return out;
}

/**
 * A score or ratio („endete 2:1“) whose two numbers the target has the other way round ("ended 1-2"):
 * every number is there, only the order says who won. Conservative: only a German n:m with two different
 * numbers, only when the target writes no n–m pair the same way, and only a pair joined by : or a dash.
 */
function swappedScores(source: readonly NumberToken[], target: readonly NumberToken[], sourceText: string, targetText: string): Array<{ source: string; target: string }> {
  const scores = pairsOf(source, sourceText, /^ ?: ?$/).filter((pair) => pair.a !== pair.b);
  if (scores.length === 0) return [];
  const written = pairsOf(target, targetText, /^ ?[:\-‐–—] ?$/);
  const out: Array<{ source: string; target: string }> = [];
  for (const score of scores) {
    if (written.some((pair) => pair.a === score.a && pair.b === score.b)) continue;
    const other = written.find((pair) => pair.a === score.b && pair.b === score.a);
    if (other !== undefined) out.push({ source: score.text, target: other.text });
  }
  return out;
}

function compatible(source: Atom, target: Atom): boolean {
  if (source.kind !== target.kind) return false;
  if (source.kind === 'code') return source.codeLetters === target.codeLetters;
  return true;
}

/** The target number most like the source one: fewest digit edits ("245" → "254"), then the first. */
function closest(number: SourceNumber, candidates: readonly TargetNumber[]): TargetNumber | undefined {
  let best: TargetNumber | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  const own = number.atom.value?.digits ?? number.atom.key;
  for (const candidate of candidates) {
    const other = candidate.atom.value?.digits ?? candidate.atom.key;
    const d = distance(own, other) + (candidate.atom.strength === 'hard' ? 0 : 0.5);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}
