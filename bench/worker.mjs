// One benchmark task in a fresh process: `node bench/worker.mjs TASK '{"json":"args"}'`. Prints progress
// to stderr and the result, one JSON line, last on stdout. bench/run.mjs starts these; see there.
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';

import { round, startMemorySampler, timed } from './bench-lib.mjs';

const tasks = {
  /**
   * splitSentences and Intl.Segmenter on the same ~N MB of seed paragraphs, passes interleaved (their
   * chars/s are comparable); a pass of splitSentences alone for its memory; accuracy on both golden sets.
   */
  async segmentation({ megabytes = 5, runs = 3 }) {
    const { repeatSeedParagraphs } = await import('./corpus.mjs');
    const { compareSplitters, loadCases, measureLinearity, measureSideBySide, measureSplitThroughput, splitWithIntl } =
      await import('./segmentation-compare.mjs');
    const { splitSentences } = await import('../dist/segmentation/index.js');
    const memory = startMemorySampler();
    const { paragraphs, characters } = repeatSeedParagraphs(megabytes * 1_000_000);
    measureSplitThroughput(splitSentences, paragraphs, 1, memory.sample);
    const bitextMemory = memory.stop();
    const side = measureSideBySide({ bitext: splitSentences, intl: splitWithIntl }, paragraphs, runs);
    const linearity = measureLinearity(paragraphs);
    const accuracy = compareSplitters(loadCases('cases.jsonl'));
    const accuracy2 = compareSplitters(loadCases('cases-2.jsonl'));
    return { characters, paragraphs: paragraphs.length, ...side, linearity, accuracy, accuracy2, memory: bitextMemory };
  },

  /** One library translate() over a prepared project (see run.mjs for the three phases). */
  async translate({ cwd, sources, targets, glossary }) {
    const { translate } = await import('../dist/workflow/translate.js');
    const memory = startMemorySampler();
    const { ms, value: report } = await timed(() =>
      translate({
        cwd,
        sources,
        targets,
        glossary,
        backend: 'mock',
        env: {},
        now: () => new Date('2025-01-01T00:00:00.000Z'),
      }),
    );
    const counts = report.documents.reduce((sum, d) => sum + Object.values(d.counts).reduce((a, b) => a + b, 0), 0);
    return {
      ms,
      documents: report.documents.length,
      written: report.documents.filter((d) => d.outcome === 'written').length,
      segments: counts,
      memoryHits: report.documents.reduce((sum, d) => sum + d.memoryHits, 0),
      stats: report.stats,
      diagnostics: report.diagnostics.length,
      problems: report.problems.length,
      memory: memory.stop(),
    };
  },

  /** Exact and fuzzy lookups on a 50 000-entry memory (the data of tests/memory/fuzzy.test.ts). */
  async memory({ entries: count = 50_000, queries = 300, exactQueries = 200_000, passes = 3 }) {
    const { addToMemory, createMemory, lookupExact, lookupFuzzy } = await import('../dist/memory/index.js');
    const { editSentence, seededRandom, syntheticEntries } = await import('./synthetic-memory.mjs');
    const memory = startMemorySampler();
    const entries = syntheticEntries(count, 7);
    const build = await timed(() => addToMemory(createMemory({ source: 'de', target: 'en' }), entries).memory);
    const tm = build.value;
    memory.sample();

    const random = seededRandom(99);
    const hits = Array.from({ length: queries }, (_, i) => editSentence(random, entries[(i * 163) % entries.length].source, 2));
    const misses = syntheticEntries(queries, 12345).map((e) => e.source);
    const index = await timed(() => lookupFuzzy(tm, 'Aufwärmen des Index.'));
    memory.sample();
    // Best of `passes`: on a shared machine the slowest pass measures the neighbours, not the code.
    const bestOf = (fn) => {
      let best = { ms: Infinity };
      for (let pass = 0; pass < passes; pass += 1) {
        const started = performance.now();
        const found = fn();
        const ms = performance.now() - started;
        if (ms < best.ms) best = { ms, found };
      }
      return best;
    };
    const fuzzy = (list) => {
      const { ms, found } = bestOf(() => list.reduce((n, query) => n + (lookupFuzzy(tm, query).length > 0 ? 1 : 0), 0));
      return { queries: list.length, found, ms, perSecond: list.length / (ms / 1000) };
    };
    const nearHits = fuzzy(hits);
    const fuzzyMisses = fuzzy(misses);
    memory.sample();

    // Exact: half the queries are stored sources (with stray spaces, which normalisation removes), half absent.
    const exactList = Array.from({ length: exactQueries }, (_, i) =>
      i % 2 === 0 ? ` ${entries[(i * 7919) % entries.length].source} ` : misses[i % misses.length],
    );
    lookupExact(tm, 'Aufwärmen.'); // builds the exact index once
    const { ms: exactMs, found: exactFound } = bestOf(() => exactList.reduce((n, query) => n + (lookupExact(tm, query) !== undefined ? 1 : 0), 0));
    return {
      entries: tm.entries.length,
      buildMs: build.ms,
      indexMs: index.ms,
      nearHits,
      misses: fuzzyMisses,
      exact: { queries: exactList.length, found: exactFound, ms: exactMs, perSecond: exactList.length / (exactMs / 1000) },
      memory: memory.stop(),
    };
  },

  /**
   * `bitext tm import` of a generated TMX (the synthetic memory as bitext exports it), as a user runs it:
   * the built CLI in its own process on a fresh project, then again on the now full memory. Peak RSS is
   * the CLI process's own (bench/report-rss.mjs), start-up included.
   */
  async tmImport({ units = 100_000, runs = 2 }) {
    const { spawnSync } = await import('node:child_process');
    const { mkdtemp, rm, writeFile: write } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { fileURLToPath } = await import('node:url');
    const { addToMemory, createMemory, toTmx } = await import('../dist/memory/index.js');
    const { syntheticEntries } = await import('./synthetic-memory.mjs');
    const cli = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));
    const preload = fileURLToPath(new URL('./report-rss.mjs', import.meta.url));
    const work = await mkdtemp(join(tmpdir(), 'bitext-bench-tm-'));
    try {
      const memory = addToMemory(createMemory({ source: 'de', target: 'en' }), syntheticEntries(units, 3)).memory;
      const tmx = toTmx(memory, { toolVersion: 'bench', now: new Date(0) });
      await write(join(work, 'memory.tmx'), tmx);
      const rssFile = join(work, 'rss.json');
      const importOnce = () => {
        const started = performance.now();
        const child = spawnSync(process.execPath, ['--import', preload, cli, 'tm', 'import', 'memory.tmx'], {
          cwd: work,
          env: { ...process.env, BITEXT_RSS_FILE: rssFile },
          encoding: 'utf8',
        });
        const ms = performance.now() - started;
        if (child.status !== 0) throw new Error(`tm import exited with ${child.status}: ${child.stderr}`);
        return { ms, output: child.stdout.trim(), ...JSON.parse(readFileSync(rssFile, 'utf8')) };
      };
      const best = (list) => list.reduce((a, b) => (b.ms < a.ms ? b : a));
      const fresh = [];
      const again = [];
      for (let run = 0; run < runs; run += 1) {
        await rm(join(work, 'translations'), { recursive: true, force: true });
        fresh.push(importOnce());
        again.push(importOnce());
      }
      return { units: memory.entries.length, megabytes: Buffer.byteLength(tmx) / 1e6, fresh: best(fresh), again: best(again), runs };
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  },

  /** findTerms on every sentence of the generated corpus, with the project glossary. */
  async glossary({ glossaryPath, corpusShape, runs = 3 }) {
    const { compileGlossary, findTerms, parseGlossary } = await import('../dist/glossary/index.js');
    const { splitParagraphs, splitSentences } = await import('../dist/segmentation/index.js');
    const { planCorpus, renderDocument, seedSentences } = await import('./corpus.mjs');
    const seeds = seedSentences();
    const corpus = planCorpus(corpusShape);
    // The sentences as the pipeline sees them: documents rendered, then segmented.
    const sentences = corpus.docs.flatMap((doc) => splitParagraphs(renderDocument(corpus, doc, seeds)).flatMap((p) => splitSentences(p)));
    const characters = sentences.reduce((n, s) => n + s.length, 0);
    const memory = startMemorySampler();
    const { glossary } = parseGlossary(await readFile(glossaryPath, 'utf8'), 'glossary.json');
    const compile = await timed(() => compileGlossary(glossary));
    let best = Infinity;
    let matches = 0;
    let withTerms = 0;
    for (let run = 0; run < runs; run += 1) {
      matches = 0;
      withTerms = 0;
      const started = performance.now();
      for (const sentence of sentences) {
        const found = findTerms(glossary, sentence);
        matches += found.length;
        if (found.length > 0) withTerms += 1;
      }
      best = Math.min(best, performance.now() - started);
      memory.sample();
    }
    return {
      terms: glossary.terms.length,
      sentences: sentences.length,
      characters,
      compileMs: compile.ms,
      ms: best,
      perSecond: sentences.length / (best / 1000),
      matches,
      sentencesWithTerms: withTerms,
      memory: memory.stop(),
    };
  },
};

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
