// `npm run build && node bench/qa.mjs`: times every QA check over 120,000 segments built from the approved
// English seed translations. A third of them get a figure added on both sides (news sentences often carry
// one), and one in twelve a figure that differs, so that the finding paths run too. Prints the total and a
// per-check figure; asserts nothing. Target: well under 2 s for all checks.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { fromBilingualMarkdown } from '../dist/bilingual/index.js';
import { findTerms, forbiddenTargets, parseGlossary, requiredTarget } from '../dist/glossary/index.js';
import { CHECKS, runChecks, runChecksOnSegments } from '../dist/qa/checks/index.js';

const SEGMENTS = 120_000;
const ROUNDS = 5;
const root = fileURLToPath(new URL('..', import.meta.url));
const { glossary } = parseGlossary(readFileSync(join(root, 'glossary.json'), 'utf8'), 'glossary.json');
const byId = new Map(glossary.terms.map((term) => [term.id, term]));

const termsOf = (source) =>
  findTerms(glossary, source).map((match) => {
    const term = byId.get(match.termId);
    const required = requiredTarget(term, 'en');
    return {
      termId: term.id,
      text: match.text,
      source: term.source,
      ...(required === undefined ? {} : { required }),
      forbidden: forbiddenTargets(term, 'en'),
      doNotTranslate: term.doNotTranslate,
      caseSensitive: term.caseSensitive,
    };
  });

const seeds = readdirSync(join(root, 'translations', 'en'))
  .filter((name) => name.endsWith('.md'))
  .sort()
  .flatMap((name) => fromBilingualMarkdown(readFileSync(join(root, 'translations', 'en', name), 'utf8'), name).paragraphs)
  .flatMap((paragraph) => paragraph.segments)
  .map((segment) => ({ ...segment, terms: termsOf(segment.source) }));

/** "… statistics." → "… statistics (1234)." */
const withNumber = (text, n) => {
  const end = /[.!?]$/.test(text) ? text.length - 1 : text.length;
  return `${text.slice(0, end)} (${n})${text.slice(end)}`;
};
const segments = Array.from({ length: SEGMENTS }, (_, i) => {
  const seed = seeds[i % seeds.length];
  if (i % 3 !== 0) return { id: `s${i}`, source: seed.source, target: seed.target, status: 'approved', terms: seed.terms };
  const n = 1000 + i;
  return { id: `s${i}`, source: withNumber(seed.source, n), target: withNumber(seed.target, i % 12 === 0 ? n + 1 : n), status: 'approved', terms: seed.terms };
});
const context = { sourceLanguage: 'de', targetLanguage: 'en' };
const characters = segments.reduce((sum, s) => sum + s.source.length + s.target.length, 0);

/** Wall-clock median and best of ROUNDS, and the process's CPU time per round (steadier on a shared machine). */
function time(fn) {
  const runs = [];
  fn(); // warm-up: the first round also compiles
  let findings = 0;
  const before = process.cpuUsage();
  for (let round = 0; round < ROUNDS; round++) {
    const started = performance.now();
    findings = fn();
    runs.push(performance.now() - started);
  }
  const used = process.cpuUsage(before);
  runs.sort((a, b) => a - b);
  return { median: runs[Math.floor(runs.length / 2)], best: runs[0], cpu: (used.user + used.system) / 1000 / ROUNDS, findings };
}


const log = (text) => process.stdout.write(`${text}\n`);
log(`bitext QA bench · node ${process.version} · ${SEGMENTS.toLocaleString('en')} segments (${(characters / 1e6).toFixed(1)} M characters) · median of ${ROUNDS}`);
const show = (name, r) =>
  log(`${name.padEnd(31)} ${r.median.toFixed(0).padStart(6)} ms  (best ${r.best.toFixed(0)} ms, cpu ${r.cpu.toFixed(0)} ms, ${(r.median * 1000 / SEGMENTS).toFixed(2)} µs/segment, ${r.findings} findings)  target < 2000 ms`);
if (!process.argv.includes('--check')) {
  show('all checks, runChecksOnSegments', time(() => runChecksOnSegments(segments, context).reduce((sum, found) => sum + found.length, 0)));
  show('all checks, runChecks each', time(() => segments.reduce((sum, segment) => sum + runChecks(segment, context).length, 0)));
}
// --all-only: the total alone; --check ID: that check alone (for profiling with node --cpu-prof).
if (process.argv.includes('--all-only')) process.exit(0);
const only = process.argv.includes('--check') ? process.argv[process.argv.indexOf('--check') + 1] : undefined;
for (const check of CHECKS.filter((c) => only === undefined || c.id === only)) {
  const one = time(() => segments.reduce((sum, segment) => sum + check.run(segment, context).length, 0));
  log(`  ${check.id.padEnd(21)} ${one.median.toFixed(0).padStart(6)} ms  (best ${one.best.toFixed(0)} ms, ${one.findings} findings)`);
}
