// Benchmark corpora: German news documents, plain text and Markdown (front matter, headings, lists, links,
// emphasis, code), made from the seed articles and bench/german-text.mjs by a seeded PRNG. Deterministic:
// the same options give the same bytes, so every run measures the same work (`corpusDigest` proves it).
//
// A corpus is plain data first (documents → blocks → segments), then rendered and written; the benchmark
// keeps the data to know its own reference figures (unique segments, their characters) without asking
// bitext, and to change chosen sentences for a re-run.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { BOILERPLATE, codeBlock, germanHeadline, germanListItem, germanSentence, germanTitle, pick, renderParts } from './german-text.mjs';
import { seededRandom } from './synthetic-memory.mjs';

export const root = fileURLToPath(new URL('..', import.meta.url));

/** The seed articles joined, one paragraph per line (as the source reader sees them). */
export function readSeedText() {
  const dir = join(root, 'seeds');
  return readdirSync(dir)
    .filter((name) => name.endsWith('.txt'))
    .sort()
    .map((name) => readFileSync(join(dir, name), 'utf8'))
    .join('\n');
}

/** Seed paragraphs (non-blank lines) repeated until they hold at least `minChars` characters. */
export function repeatSeedParagraphs(minChars) {
  const seedParagraphs = readSeedText()
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  const paragraphs = [];
  let characters = 0;
  while (characters < minChars) {
    for (const paragraph of seedParagraphs) {
      paragraphs.push(paragraph);
      characters += paragraph.length;
    }
  }
  return { paragraphs, characters };
}

/**
 * Whole sentences of the seeds, split at ". " before a capital and kept when they end in a mark. A crude
 * split is enough here: these sentences are reused verbatim, and bitext's splitter decides what a segment
 * is when the corpus is read (the bench counts what bitext reports, and checks it against its own count).
 */
export function seedSentences() {
  return readSeedText()
    .split('\n')
    .flatMap((line) => line.trim().split(/(?<=[a-zäöüß][.!?])\s+(?=[A-ZÄÖÜ„])/u))
    .filter((s) => /[.!?]$/.test(s) && s.length > 40 && !/\d\.$/.test(s));
}

const DEFAULTS = {
  seed: 1,
  documents: 1000,
  /** Mean segments per document; sizes vary log-normally around it (real archives do). */
  meanSegments: 120,
  /** Exact total of segments: the log-normal sizes are scaled to it (overrides the mean). */
  totalSegments: undefined,
  /** Fixed size per document in bytes instead (for the one-big-corpus measurement). */
  documentBytes: undefined,
  markdownShare: 0.4,
  /** Share of paragraph sentences drawn from recurring text (boilerplate, quotes, the seeds). */
  repeatShare: 0.1,
  /** Share of paragraphs copied whole from an earlier document (follow-up articles). */
  paragraphCopyShare: 0.03,
  /** Whether this bitext reads .md: if not, Markdown documents are written as their plain text (.txt). */
  markdown: true,
  prefix: 'doc',
};

/** Plans a corpus (plain data). `seg` = { md, plain }; a .txt document uses `plain`. */
export function generateCorpus(options = {}) {
  const o = { ...DEFAULTS, ...options };
  const random = seededRandom(o.seed);
  const pool = recurringPool(seededRandom(o.seed ^ 0x5eed));
  const paragraphsSoFar = [];
  const docs = [];
  const targets = documentSizes(o);
  for (let d = 0; d < o.documents; d += 1) {
    const isMarkdown = random() < o.markdownShare;
    const format = isMarkdown && o.markdown ? 'md' : 'txt';
    const name = `${o.prefix}-${String(d).padStart(4, '0')}.${format}`;
    const target = targets[d];
    const doc = { name, format, written: isMarkdown ? 'markdown' : 'text', blocks: [] };
    const seg = (parts) => renderParts(parts, random, { markup: isMarkdown });
    let segments = 0;
    let bytes = 0;
    const add = (block) => {
      doc.blocks.push(block);
      segments += blockSegments(block).length;
      bytes += block.kind === 'code' ? block.text.length : blockSegments(block).reduce((n, s) => n + s.md.length + 2, 0);
    };
    if (isMarkdown) {
      add({
        kind: 'front',
        title: seg(germanTitle(random)),
        description: seg(germanSentence(random)),
        date: `${2020 + Math.floor(random() * 6)}-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`,
        author: pick(random, ['Redaktion', 'Anna Weber', 'Jonas Krüger', 'dpa', 'Sabine Nowak']),
        tags: [pick(random, ['politik', 'wirtschaft', 'lokales', 'wissen']), pick(random, ['berlin', 'china', 'verkehr', 'klima', 'bildung'])],
      });
    } else {
      add({ kind: 'heading', depth: 1, seg: seg(germanTitle(random)) });
    }
    let sinceHeading = 0;
    // Blocks never overshoot the document's size: the last list or paragraph is cut to fit.
    while (segments < target && bytes < (o.documentBytes ?? Infinity)) {
      const roll = random();
      const room = target - segments;
      const copy = paragraphsSoFar.length > 50 ? paragraphsSoFar[Math.floor(random() * paragraphsSoFar.length)] : undefined;
      if (sinceHeading > 3 && roll < 0.18) {
        add({ kind: 'heading', depth: 2, seg: seg(germanHeadline(random)) });
        sinceHeading = 0;
      } else if (isMarkdown && roll < 0.24) {
        const items = Array.from({ length: Math.min(room, 2 + Math.floor(random() * 4)) }, () => seg(germanListItem(random)));
        add({ kind: 'list', ordered: random() < 0.3, items });
      } else if (isMarkdown && roll < 0.26) {
        add({ kind: 'code', ...codeBlock(random) });
      } else if (copy && copy.segs.length <= room && roll < 0.26 + o.paragraphCopyShare) {
        add(copy);
        sinceHeading += 1;
      } else {
        const length = Math.min(room, 1 + Math.floor(random() * 3) + Math.floor(random() * 3));
        const segs = Array.from({ length }, () => (random() < o.repeatShare ? pool[Math.floor(pool.length * random() ** 2)] : seg(germanSentence(random))));
        const block = { kind: 'paragraph', segs };
        add(block);
        // Only plain paragraphs are copied, so a copy reads the same in either format.
        if (segs.every((s) => s.md === s.plain) && paragraphsSoFar.length < 5000) paragraphsSoFar.push(block);
        sinceHeading += 1;
      }
    }
    docs.push(doc);
  }
  return { options: o, docs };
}

/** Recurring text: newsroom boilerplate, the seed sentences, and a few thousand sentences that recur. */
function recurringPool(random) {
  const plain = (text) => ({ md: text, plain: text });
  const generated = Array.from({ length: 3000 }, () => renderParts(germanSentence(random), random, { markup: false }));
  return [...BOILERPLATE.map(plain), ...seedSentences().map(plain), ...generated];
}

/**
 * Segments per document: log-normal around the mean (a few long articles, many short ones), from a PRNG
 * stream of their own; scaled to `totalSegments` when given (largest remainders, so the sum is exact).
 */
function documentSizes(o) {
  if (o.documentBytes !== undefined) return Array.from({ length: o.documents }, () => Infinity);
  const random = seededRandom(o.seed ^ 0x512e);
  const raw = Array.from({ length: o.documents }, () => Math.max(12, logNormal(random, o.meanSegments, 0.55)));
  if (o.totalSegments === undefined) return raw.map(Math.round);
  const sum = raw.reduce((a, b) => a + b, 0);
  // Every document holds at least its title (and a Markdown one its description): 3 leaves room for both.
  const scaled = raw.map((r) => Math.max(3, (r * o.totalSegments) / sum));
  const sizes = scaled.map(Math.floor);
  let missing = o.totalSegments - sizes.reduce((a, b) => a + b, 0);
  const order = scaled.map((value, i) => [value - Math.floor(value), i]).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; missing > 0; k = (k + 1) % order.length, missing -= 1) sizes[order[k][1]] += 1;
  return sizes;
}

/** Log-normal with the given mean (sigma in log space). */
function logNormal(random, mean, sigma) {
  const u = Math.max(random(), 1e-12);
  const v = random();
  const normal = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  return Math.exp(Math.log(mean) - (sigma * sigma) / 2 + sigma * normal);
}

/** The segments of a block in reading order (what a translator sees). */
export function blockSegments(block) {
  switch (block.kind) {
    case 'front':
      return [block.title, block.description];
    case 'heading':
      return [block.seg];
    case 'paragraph':
      return block.segs;
    case 'list':
      return block.items;
    default:
      return [];
  }
}

/** A segment's source text as the document holds it. */
export const segmentText = (doc, seg) => (doc.format === 'md' ? seg.md : seg.plain);

export function renderDocument(doc) {
  return doc.format === 'md' ? renderMarkdown(doc) : renderText(doc);
}

function renderMarkdown(doc) {
  const out = [];
  for (const block of doc.blocks) {
    switch (block.kind) {
      case 'front':
        // JSON strings are YAML double-quoted scalars: a colon in a title needs no thought.
        out.push(
          [
            '---',
            `title: ${JSON.stringify(block.title.md)}`,
            `description: ${JSON.stringify(block.description.md)}`,
            `date: ${block.date}`,
            `author: ${block.author}`,
            `tags: [${block.tags.join(', ')}]`,
            '---',
          ].join('\n'),
        );
        break;
      case 'heading':
        out.push(`${'#'.repeat(block.depth)} ${block.seg.md}`);
        break;
      case 'paragraph':
        out.push(block.segs.map((s) => s.md).join(' '));
        break;
      case 'list':
        out.push(block.items.map((s, i) => `${block.ordered ? `${i + 1}.` : '-'} ${s.md}`).join('\n'));
        break;
      case 'code':
        out.push(`\`\`\`${block.lang}\n${block.text}\n\`\`\``);
        break;
    }
  }
  return `${out.join('\n\n')}\n`;
}

/** Plain text: one paragraph per line; headings and list items are lines of their own, code is left out. */
function renderText(doc) {
  const lines = [];
  for (const block of doc.blocks) {
    if (block.kind === 'paragraph') lines.push(block.segs.map((s) => s.plain).join(' '));
    else if (block.kind !== 'code') lines.push(...blockSegments(block).map((s) => s.plain));
  }
  return `${lines.join('\n')}\n`;
}

/** Writes every document (or only `onlyDocs`) under `dir`. */
export function writeCorpus(corpus, dir, onlyDocs = corpus.docs) {
  mkdirSync(dir, { recursive: true });
  let bytes = 0;
  let largest = 0;
  const digest = createHash('sha256');
  for (const doc of onlyDocs) {
    const text = renderDocument(doc);
    const size = Buffer.byteLength(text);
    bytes += size;
    largest = Math.max(largest, size);
    digest.update(doc.name).update('\0').update(text);
    writeFileSync(join(dir, doc.name), text);
  }
  return { files: onlyDocs.length, bytes, largest, digest: digest.digest('hex').slice(0, 16) };
}

/** What the corpus holds, counted by the bench itself: segments, unique segment texts, their characters. */
export function describeCorpus(corpus) {
  const occurrences = new Map();
  let segments = 0;
  const formats = { md: 0, txt: 0 };
  for (const doc of corpus.docs) {
    formats[doc.format] += 1;
    for (const block of doc.blocks) {
      for (const seg of blockSegments(block)) {
        segments += 1;
        const key = segmentText(doc, seg);
        const seen = occurrences.get(key);
        if (seen) seen.count += 1;
        else occurrences.set(key, { count: 1, plain: seg.plain });
      }
    }
  }
  let uniqueCharacters = 0;
  for (const { plain } of occurrences.values()) uniqueCharacters += [...plain].length;
  return { documents: corpus.docs.length, formats, segments, uniqueSegments: occurrences.size, uniqueCharacters, occurrences };
}

/**
 * Changes `count` sentences that occur once in the corpus, each in a different document spread over the
 * corpus, so that exactly `count` new segments need translating. Returns the changed documents.
 */
export function changeSentences(corpus, count) {
  const { occurrences } = describeCorpus(corpus);
  const changedDocs = [];
  const step = Math.floor(corpus.docs.length / count);
  for (let i = 0; i < count; i += 1) {
    const doc = corpus.docs[i * step + Math.floor(step / 2)];
    const paragraphs = doc.blocks.filter((b) => b.kind === 'paragraph');
    let done = false;
    for (const block of paragraphs.slice(Math.floor(paragraphs.length / 2)).concat(paragraphs)) {
      const at = block.segs.findIndex((s) => occurrences.get(segmentText(doc, s))?.count === 1 && s.plain.endsWith('.'));
      if (at < 0) continue;
      const old = block.segs[at];
      const edit = (text) => `${text.slice(0, -1)}, hieß es am Abend.`;
      const changed = { md: edit(old.md), plain: edit(old.plain) };
      if (occurrences.has(segmentText(doc, changed))) continue;
      // A copy of the block, so that paragraphs shared with other documents stay as they were.
      doc.blocks[doc.blocks.indexOf(block)] = { ...block, segs: block.segs.map((s, j) => (j === at ? changed : s)) };
      changedDocs.push(doc);
      done = true;
      break;
    }
    if (!done) throw new Error(`changeSentences: no sentence of ${doc.name} occurs only once`);
  }
  return changedDocs;
}

/** Every paragraph's plain text (what a sentence splitter is given), in corpus order. */
export function corpusParagraphs(corpus) {
  return corpus.docs.flatMap((doc) =>
    doc.blocks.flatMap((block) => (block.kind === 'paragraph' ? [block.segs.map((s) => s.plain).join(' ')] : blockSegments(block).map((s) => s.plain))),
  );
}
