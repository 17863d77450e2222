// Compares bitext's sentence splitter with Intl.Segmenter('de') on the golden cases, and measures the
// throughput of splitSentences on about 1 MB of seed text.
// Build first: npx tsc -p tsconfig.build.json   Then: node bench/segmentation-compare.mjs [--json]
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { splitParagraphs, splitSentences } from '../dist/segmentation/index.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const cases = readFileSync(`${root}tests/fixtures/segmentation/cases.jsonl`, 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line));

const segmenter = new Intl.Segmenter('de', { granularity: 'sentence' });
/** Intl.Segmenter per paragraph only: on a whole document it is quadratic. */
function splitWithIntl(paragraph) {
  return Array.from(segmenter.segment(paragraph), (part) => part.segment.trim()).filter((s) => s !== '');
}

const splitters = { bitext: splitSentences, 'Intl.Segmenter': splitWithIntl };

function sameList(a, b) {
  return a.length === b.length && a.every((item, i) => item === b[i]);
}

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

// Throughput: seed paragraphs repeated to ~1 MB, split paragraph by paragraph as the pipeline does.
const seedDir = `${root}seeds/`;
const seedText = readdirSync(seedDir)
  .filter((name) => name.endsWith('.txt'))
  .sort()
  .map((name) => readFileSync(seedDir + name, 'utf8'))
  .join('\n');
const paragraphs = [];
let characters = 0;
while (characters < 1_000_000) {
  for (const paragraph of splitParagraphs(seedText)) {
    paragraphs.push(paragraph);
    characters += paragraph.length;
  }
}
function measure(split) {
  split(paragraphs[0] ?? ''); // warm-up of regex caches
  let best = Infinity;
  let sentences = 0;
  for (let run = 0; run < 5; run += 1) {
    const started = performance.now();
    sentences = 0;
    for (const paragraph of paragraphs) sentences += split(paragraph).length;
    best = Math.min(best, performance.now() - started);
  }
  return { characters, sentences, ms: Number(best.toFixed(1)), charsPerSecond: Math.round((characters / best) * 1000) };
}
const throughput = { bitext: measure(splitSentences), 'Intl.Segmenter': measure(splitWithIntl) };

// Linearity check: one huge paragraph (all seed text on one line) at 1x and 4x.
function timeOne(text) {
  const started = performance.now();
  splitSentences(text);
  return performance.now() - started;
}
const line = paragraphs.slice(0, 2_000).join(' ');
const linearity = { oneLineChars: line.length, ms1x: Number(timeOne(line).toFixed(1)), ms4x: Number(timeOne(line.repeat(4)).toFixed(1)) };

const report = { cases: cases.length, results, throughput, linearity };
if (process.argv.includes('--json')) {
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
} else {
  const pct = (r) => `${r.exact}/${r.total} = ${(r.rate * 100).toFixed(1)} %`;
  for (const [name, r] of Object.entries(results)) console.log(`${name.padEnd(15)} ${pct(r)}`);
  console.log('\nper category            bitext        Intl.Segmenter');
  for (const category of Object.keys(results.bitext.perCategory)) {
    const a = results.bitext.perCategory[category];
    const b = results['Intl.Segmenter'].perCategory[category];
    console.log(`  ${category.padEnd(22)} ${`${a.exact}/${a.total}`.padEnd(13)} ${b.exact}/${b.total}`);
  }
  if (results.bitext.failures.length > 0) console.log(`\nbitext failures: ${results.bitext.failures.join(', ')}`);
  console.log('\nthroughput (~1 MB of seed paragraphs, best of 5)');
  for (const [name, t] of Object.entries(throughput)) {
    console.log(`  ${name.padEnd(15)} ${t.charsPerSecond.toLocaleString('en')} chars/s (${t.ms} ms, ${t.sentences} sentences)`);
  }
  console.log(`\nsingle ${linearity.oneLineChars.toLocaleString('en')}-char paragraph: ${linearity.ms1x} ms; 4x as long: ${linearity.ms4x} ms`);
}
