// One benchmark task in a fresh process: `node bench/worker.mjs TASK '{"json":"args"}'`. Prints progress
// to stderr and the result, one JSON line, last on stdout. bench/run.mjs starts these; see there.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

import { round, runCli, startMemorySampler, timed } from './bench-lib.mjs';

const readLines = (file) => readFileSync(file, 'utf8').split('\n').filter((line) => line !== '');

const tasks = {
  /**
   * splitSentences and Intl.Segmenter('de') on the same paragraphs, one paragraph at a time as the
   * pipeline splits them; the golden-case accuracy of both; one long paragraph at ×1 and ×4.
   */
  async segmentation({ paragraphsFile, runs = 3 }) {
    const { compareSplitters, loadCases, measureLinearity, measureSplitThroughput, splitWithIntl } = await import('./segmentation-compare.mjs');
    const { splitSentences } = await import('../dist/segmentation/index.js');
    const paragraphs = readLines(paragraphsFile);
    const memory = startMemorySampler();
    const bitext = measureSplitThroughput(splitSentences, paragraphs, runs, memory.sample);
    const bitextMemory = memory.stop();
    const intl = measureSplitThroughput(splitWithIntl, paragraphs, runs);
    const linearity = measureLinearity(paragraphs);
    const accuracy = compareSplitters(loadCases('cases.jsonl'));
    const accuracy2 = compareSplitters(loadCases('cases-2.jsonl'));
    return { characters: bitext.characters, paragraphs: paragraphs.length, bitext, intl, linearity, accuracy, accuracy2, memory: bitextMemory };
  },

  /**
   * Time to read every file under `dirs` and sha256 it: the floor of any "has anything changed?" check,
   * since a re-run must at least look at every source and bilingual file. Median of `passes`.
   */
  async hashFiles({ dirs, passes = 3 }) {
    const files = dirs.flatMap((dir) => listFiles(dir));
    const times = [];
    let bytes = 0;
    for (let pass = 0; pass < passes; pass += 1) {
      bytes = 0;
      const started = performance.now();
      for (const file of files) {
        const data = readFileSync(file);
        bytes += data.length;
        createHash('sha256').update(data).digest();
      }
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    return { files: files.length, bytes, ms: times[Math.floor(times.length / 2)], runs: times };
  },

  /**
   * lookupFuzzy on a 50 000-entry memory, against an exhaustive search (every entry scored with the same
   * measure: word-level edit distance over the same tokens) as the reference for speed and for the answer;
   * then exact lookups on the same memory.
   */
  async memory({ entries: count = 50_000, queries = 400, exhaustiveQueries = 20, exactQueries = 200_000, passes = 3 }) {
    const { addToMemory, createMemory, lookupExact, lookupFuzzy } = await import('../dist/memory/index.js');
    const { tokenizeSegmentText } = await import('../dist/memory/fuzzy.js');
    const { editSentence, seededRandom, syntheticEntries } = await import('./synthetic-memory.mjs');
    const memory = startMemorySampler();
    const entries = syntheticEntries(count, 7);
    const build = await timed(() => addToMemory(createMemory({ source: 'de', target: 'en' }), entries).memory);
    const tm = build.value;
    const random = seededRandom(99);
    const near = Array.from({ length: queries }, (_, i) => editSentence(random, entries[(i * 163) % entries.length].source, 2));
    const misses = syntheticEntries(queries, 12345).map((e) => e.source);
    const index = await timed(() => lookupFuzzy(tm, 'Aufwärmen des Index.'));
    memory.sample();
    // Best of `passes`: on a shared machine the slowest pass measures the neighbours, not the code.
    const bestOf = (fn) => {
      let best = { ms: Infinity };
      for (let pass = 0; pass < passes; pass += 1) {
        const started = performance.now();
        const value = fn();
        const ms = performance.now() - started;
        if (ms < best.ms) best = { ms, value };
      }
      return best;
    };
    const measure = (list) => {
      const { ms, value: answers } = bestOf(() => list.map((query) => lookupFuzzy(tm, query)[0]?.score ?? 0));
      return { queries: list.length, found: answers.filter((s) => s > 0).length, ms, perSecond: list.length / (ms / 1000), answers };
    };
    const nearHits = measure(near);
    const noMatch = measure(misses);
    memory.sample();

    // Exhaustive: every stored source scored against the query, no filter at all.
    const vocabulary = new Map();
    const toIds = (text) => Int32Array.from(tokenizeSegmentText(text), (word) => vocabulary.get(word) ?? (vocabulary.set(word, vocabulary.size), vocabulary.size - 1));
    const stored = tm.entries.map((entry) => toIds(entry.source));
    const exhaustive = (list) => {
      const started = performance.now();
      const best = list.map((query) => {
        const q = toIds(query);
        let top = 0;
        for (const tokens of stored) {
          const score = 1 - editDistance(q, tokens) / Math.max(q.length, tokens.length);
          if (score > top) top = score;
        }
        return top >= 0.75 ? top : 0;
      });
      const ms = performance.now() - started;
      return { queries: list.length, ms, perSecond: list.length / (ms / 1000), best };
    };
    // lookupFuzzy scores "same words, other case or spacing" 0.99 where the plain measure says 1.
    const agree = (sample, answers) => sample.best.filter((score, i) => Math.abs(score - answers[i]) < 1e-9 || (score === 1 && answers[i] >= 0.99)).length;
    const nearExhaustive = exhaustive(near.slice(0, exhaustiveQueries));
    const missExhaustive = exhaustive(misses.slice(0, exhaustiveQueries));
    memory.sample();

    // Exact: half the queries are stored sources (with stray spaces, which normalisation removes), half absent.
    const exactList = Array.from({ length: exactQueries }, (_, i) => (i % 2 === 0 ? ` ${entries[(i * 7919) % entries.length].source} ` : misses[i % misses.length]));
    lookupExact(tm, 'Aufwärmen.'); // builds the exact index once
    const exact = bestOf(() => exactList.reduce((n, query) => n + (lookupExact(tm, query) !== undefined ? 1 : 0), 0));
    const strip = ({ answers, ...rest }) => rest;
    const stripBest = ({ best, ...rest }) => rest;
    return {
      entries: tm.entries.length,
      buildMs: build.ms,
      indexMs: index.ms,
      nearHits: strip(nearHits),
      noMatch: strip(noMatch),
      exhaustive: {
        nearHits: { ...stripBest(nearExhaustive), agree: agree(nearExhaustive, nearHits.answers) },
        noMatch: { ...stripBest(missExhaustive), agree: agree(missExhaustive, noMatch.answers) },
      },
      exact: { queries: exactList.length, found: exact.value, ms: exact.ms, perSecond: exactList.length / (exact.ms / 1000) },
      memory: memory.stop(),
    };
  },

  /** findTerms on corpus paragraphs with the project glossary. */
  async glossary({ glossaryPath, segmentsFile, runs = 3 }) {
    const { findTerms, parseGlossary } = await import('../dist/glossary/index.js');
    const memory = startMemorySampler();
    const sentences = readLines(segmentsFile);
    const { glossary } = parseGlossary(readFileSync(glossaryPath, 'utf8'), 'glossary.json');
    findTerms(glossary, sentences[0] ?? ''); // compiles the glossary once
    let best = Infinity;
    let matches = 0;
    for (let run = 0; run < runs; run += 1) {
      matches = 0;
      const started = performance.now();
      for (const sentence of sentences) matches += findTerms(glossary, sentence).length;
      best = Math.min(best, performance.now() - started);
      memory.sample();
    }
    return { terms: glossary.terms.length, sentences: sentences.length, matches, ms: best, perSecond: sentences.length / (best / 1000), memory: memory.stop() };
  },

  /**
   * `translate --backend deepl` against the fake DeepL server of tests/helpers (compiled to bench/.build),
   * with `delayMs` added to every /v2/translate request, once per concurrency, each on a fresh project state.
   */
  async deepl({ project, concurrencies, delayMs, timeoutMs }) {
    const { startFakeDeepl } = await import('./.build/fake-deepl-server.js');
    const runs = [];
    for (const concurrency of concurrencies) {
      rmSync(join(project, 'translations'), { recursive: true, force: true });
      const server = await startFakeDeepl({ authKey: 'bench:fx', characterLimit: 1e12 });
      try {
        // One delay per request: enqueue more than any run sends; only /v2/translate takes them.
        server.faults.enqueue(...Array.from({ length: 4000 }, () => ({ kind: 'delay', ms: delayMs, path: '/v2/translate' })));
        // Requests in flight (recorded, not yet answered), sampled while the CLI runs: how well it keeps
        // `concurrency` requests going.
        const inFlight = [];
        const spawned = performance.now();
        let firstAt;
        let lastAt;
        const sampler = setInterval(() => {
          const open = server.requests.filter((r) => r.path === '/v2/translate' && r.status === undefined).length;
          if (open > 0) {
            firstAt ??= performance.now();
            lastAt = performance.now();
          }
          if (open > 0 || inFlight.length > 0) inFlight.push(open);
        }, 10);
        const run = await runCli(['translate', 'sources', '--to', 'en', '--backend', 'deepl', '--concurrency', String(concurrency), '--json'], {
          cwd: project,
          env: { DEEPL_AUTH_KEY: 'bench:fx', DEEPL_SERVER_URL: server.url },
          timeoutMs,
        });
        clearInterval(sampler);
        // Samples after the last answer are the tail of the run (writing files), not the sending phase.
        while (inFlight.length > 0 && inFlight.at(-1) === 0) inFlight.pop();
        const translateRequests = server.requestsTo('/v2/translate').length;
        const { stdout, ...rest } = run;
        runs.push({
          concurrency,
          ...rest,
          stderr: run.ok ? '' : run.stderr.slice(-2000),
          stats: run.ok ? JSON.parse(stdout).stats : undefined,
          translateRequests,
          inFlight: {
            mean: inFlight.length ? inFlight.reduce((x, y) => x + y, 0) / inFlight.length : 0,
            max: Math.max(0, ...inFlight),
            sendingMs: firstAt === undefined ? 0 : lastAt - firstAt,
            beforeFirstMs: firstAt === undefined ? undefined : firstAt - spawned,
            afterLastMs: lastAt === undefined ? undefined : run.wallMs - (lastAt - spawned),
          },
          otherRequests: server.requests.length - translateRequests,
          statuses: [...new Set(server.requests.map((r) => r.status))],
        });
      } finally {
        await server.close();
      }
    }
    return { runs };
  },
};

/** Word-level edit distance (full table: the exhaustive reference takes no shortcut). */
let rowA = new Int32Array(64);
let rowB = new Int32Array(64);
function editDistance(a, b) {
  if (rowA.length <= b.length) {
    rowA = new Int32Array(b.length + 1);
    rowB = new Int32Array(b.length + 1);
  }
  let previous = rowA;
  let current = rowB;
  for (let j = 0; j <= b.length; j += 1) previous[j] = j;
  for (let i = 1; i <= a.length; i += 1) {
    current[0] = i;
    const token = a[i - 1];
    for (let j = 1; j <= b.length; j += 1) {
      current[j] = Math.min(previous[j - 1] + (token === b[j - 1] ? 0 : 1), previous[j] + 1, current[j - 1] + 1);
    }
    [previous, current] = [current, previous];
  }
  return previous[b.length];
}

function listFiles(dir) {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .flatMap((entry) => (entry.isDirectory() ? listFiles(join(dir, entry.name)) : entry.isFile() ? [join(dir, entry.name)] : []));
}

const [task, rawArgs = '{}'] = process.argv.slice(2);
const run = tasks[task];
if (!run) {
  process.stderr.write(`unknown bench task "${task}"; known: ${Object.keys(tasks).join(', ')}\n`);
  process.exit(2);
}
const result = await run(JSON.parse(rawArgs));
process.stdout.write(`${JSON.stringify(roundDeep(result))}\n`);

/** Keeps the JSON readable: 3 significant decimals are more than these measurements can tell apart. */
function roundDeep(value) {
  if (typeof value === 'number') return Number.isInteger(value) ? value : round(value, 3);
  if (Array.isArray(value)) return value.map(roundDeep);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, roundDeep(v)]));
  return value;
}
