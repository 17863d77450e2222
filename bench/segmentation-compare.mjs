// Compares bitext's sentence splitter with Intl.Segmenter('de') on the two golden sets, and measures the
// throughput of both on about 1 MB of seed text in the same process, their passes interleaved so that
// load from elsewhere on the machine slows both alike. bench/run.mjs imports the functions below.
// Build first: npx tsc -p tsconfig.build.json   Then: node bench/segmentation-compare.mjs [--json]
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { splitSentences } from '../dist/segmentation/index.js';
import { repeatSeedParagraphs, root } from './corpus.mjs';

/**
 * The golden sets: cases.jsonl (320 cases written while the splitter was built) and cases-2.jsonl
 * (written while fixing misses found on independent test data). Both are in-sample for the splitter.
 */
export const CASE_SETS = ['cases.jsonl', 'cases-2.jsonl'];

export function loadCases(set = 'cases.jsonl') {
  return readFileSync(`${root}tests/fixtures/segmentation/${set}`, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line));
}

const segmenter = new Intl.Segmenter('de', { granularity: 'sentence' });
/** Intl.Segmenter per paragraph only: on a whole document it is quadratic. */
export function splitWithIntl(paragraph) {
  return Array.from(segmenter.segment(paragraph), (part) => part.segment.trim()).filter((s) => s !== '');
}

export const splitters = { bitext: splitSentences, 'Intl.Segmenter': splitWithIntl };

function sameList(a, b) {
  return a.length === b.length && a.every((item, i) => item === b[i]);
}

/** Exact-match rate (the whole list of sentences must equal the expected one) per splitter and category. */
export function compareSplitters(cases = loadCases()) {
  const results = {};
  for (const [name, split] of Object.entries(splitters)) {
    const perCategory = {};
    const failures = [];
    let exact = 0;
    for (const c of cases) {
      const got = split(c.input);
      const ok = sameList(got, c.expected);
      const bucket = (perCategory[c.category] ??= { exact: 0, total: 0 });
      bucket.total += 1;
      if (ok) {
        exact += 1;
        bucket.exact += 1;
      } else failures.push(c.id);
    }
    results[name] = { exact, total: cases.length, rate: exact / cases.length, perCategory, failures };
  }
  return results;
}

/** Splits `paragraphs` one by one, as the pipeline does; the best of `runs` passes (after a warm-up). */
export function measureSplitThroughput(split, paragraphs, runs = 5, afterRun = () => {}) {
  const characters = paragraphs.reduce((n, p) => n + p.length, 0);
  split(paragraphs[0] ?? ''); // warm-up of regex caches
  let best = Infinity;
  let sentences = 0;
  for (let run = 0; run < runs; run += 1) {
    const started = performance.now();
    sentences = 0;
    for (const paragraph of paragraphs) sentences += split(paragraph).length;
    best = Math.min(best, performance.now() - started);
    afterRun();
  }
  return { characters, sentences, ms: Number(best.toFixed(1)), charsPerSecond: Math.round((characters / best) * 1000) };
}

/**
 * Throughput of several splitters on the same paragraphs: run r times each splitter once, in turn, and
 * keep each one's best pass, so a burst of load from other processes cannot favour one of them.
 */
export function measureSideBySide(named, paragraphs, runs = 5) {
  const characters = paragraphs.reduce((n, p) => n + p.length, 0);
  const best = {};
  for (const [name, split] of Object.entries(named)) {
    split(paragraphs[0] ?? ''); // warm-up
    best[name] = { ms: Infinity, sentences: 0 };
  }
  for (let run = 0; run < runs; run += 1) {
    for (const [name, split] of Object.entries(named)) {
      const started = performance.now();
      let sentences = 0;
      for (const paragraph of paragraphs) sentences += split(paragraph).length;
      const ms = performance.now() - started;
      if (ms < best[name].ms) best[name] = { ms, sentences };
    }
  }
  return Object.fromEntries(
    Object.entries(best).map(([name, { ms, sentences }]) => [
      name,
      { characters, sentences, ms: Number(ms.toFixed(1)), charsPerSecond: Math.round((characters / ms) * 1000) },
    ]),
  );
}

/** One huge paragraph (seed paragraphs on one line) at 1x and 4x: the time should grow about 4x, not 16x. */
export function measureLinearity(paragraphs) {
  const timeOne = (text) => {
    const started = performance.now();
    splitSentences(text);
    return performance.now() - started;
  };
  const line = paragraphs.slice(0, 2_000).join(' ');
  return { oneLineChars: line.length, ms1x: Number(timeOne(line).toFixed(1)), ms4x: Number(timeOne(line.repeat(4)).toFixed(1)) };
}

function main() {
  const accuracy = Object.fromEntries(CASE_SETS.map((set) => [set, compareSplitters(loadCases(set))]));
  // Throughput: seed paragraphs repeated to ~1 MB, split paragraph by paragraph as the pipeline does.
  const { paragraphs } = repeatSeedParagraphs(1_000_000);
  const throughput = measureSideBySide(splitters, paragraphs, 7);
  const linearity = measureLinearity(paragraphs);

  const report = { accuracy, throughput, linearity };
  if (process.argv.includes('--json')) {
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    return;
  }
  const pct = (r) => `${r.exact}/${r.total} = ${(r.rate * 100).toFixed(1)} %`;
  for (const [set, results] of Object.entries(accuracy)) {
    console.log(`${set} (in-sample)`);
    for (const [name, r] of Object.entries(results)) console.log(`  ${name.padEnd(15)} ${pct(r)}`);
    console.log('  per category            bitext        Intl.Segmenter');
    for (const category of Object.keys(results.bitext.perCategory)) {
      const a = results.bitext.perCategory[category];
      const b = results['Intl.Segmenter'].perCategory[category];
      console.log(`    ${category.padEnd(22)} ${`${a.exact}/${a.total}`.padEnd(13)} ${b.exact}/${b.total}`);
    }
    if (results.bitext.failures.length > 0) console.log(`  bitext failures: ${results.bitext.failures.join(', ')}`);
    console.log('');
  }
  const ours = throughput.bitext;
  const intl = throughput['Intl.Segmenter'];
  console.log(`throughput, ~1 MB of seed paragraphs, same process, passes interleaved, best of 7`);
  console.log(`  bitext          ${ours.charsPerSecond.toLocaleString('en')} chars/s (${ours.ms} ms, ${ours.sentences} sentences)`);
  console.log(`  Intl.Segmenter  ${intl.charsPerSecond.toLocaleString('en')} chars/s (${intl.ms} ms, ${intl.sentences} sentences)`);
  console.log(`  bitext / Intl.Segmenter: ${(ours.charsPerSecond / intl.charsPerSecond).toFixed(2)}×`);
  console.log(`\nsingle ${linearity.oneLineChars.toLocaleString('en')}-char paragraph: ${linearity.ms1x} ms; 4x as long: ${linearity.ms4x} ms`);
}

// Run as a script, not when bench/run.mjs imports it.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
