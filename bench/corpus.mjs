// Synthetic German corpora for the benchmarks, made from the seed articles so that the text has the length,
// vocabulary and punctuation of real news. Deterministic: every run measures the same work.
import { readFileSync, readdirSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { splitParagraphs, splitSentences } from '../dist/segmentation/index.js';

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

/** Seed paragraphs repeated until they hold at least `minChars` characters. */
export function repeatSeedParagraphs(minChars) {
  const seedParagraphs = splitParagraphs(readSeedText());
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

/** Full sentences of the seeds (captions and tags without a final mark are left out). */
export function seedSentences() {
  return splitParagraphs(readSeedText())
    .flatMap((p) => splitSentences(p))
    .filter((s) => /[.!?]$/.test(s) && s.length > 40);
}

const MONTHS = ['Januar', 'Februar', 'März', 'April', 'Mai', 'Juni', 'Juli', 'August', 'September', 'Oktober', 'November', 'Dezember'];
const german = new Intl.NumberFormat('de-DE');

/**
 * Sentence number `n`: a seed sentence with a clause carrying `n` (and, for `revision` > 0, a different
 * wording), so every sentence of the corpus is distinct and the memory cannot shortcut the work. The clauses
 * use what German news is full of: ordinal dates, thousands separators, abbreviations.
 */
export function makeSentence(seeds, n, revision = 0) {
  const seed = seeds[n % seeds.length];
  const body = seed.slice(0, -1);
  const mark = seed.slice(-1);
  const day = 1 + (n % 28);
  const month = MONTHS[n % 12];
  const year = 1990 + (n % 40);
  const edited = revision > 0 ? ` (aktualisiert, Fassung ${revision})` : '';
  switch (n % 4) {
    case 0:
      return `${body}, meldete die Agentur unter Nr. ${n} am ${day}. ${month} ${year} in Peking${edited}${mark}`;
    case 1:
      return `${body} (Meldung ${german.format(n)})${edited}${mark}`;
    case 2:
      return `${body}, hieß es in einem Bericht über ${german.format(n * 7 + 1000)} Euro${edited}${mark}`;
    default:
      return `${body}, so ein Sprecher zum Vorgang ${n} am Montag${edited}${mark}`;
  }
}

/**
 * A project of `documents` × `paragraphs` × `sentences` as plain data: docs[d].paragraphs[p][s] is the
 * sentence number, so a later run can change chosen sentences and rewrite only their documents.
 */
export function planCorpus({ documents, paragraphs, sentences }) {
  const docs = [];
  let n = 0;
  for (let d = 0; d < documents; d += 1) {
    const doc = { name: `doc-${String(d).padStart(4, '0')}.txt`, paragraphs: [] };
    for (let p = 0; p < paragraphs; p += 1) {
      const ids = [];
      for (let s = 0; s < sentences; s += 1) ids.push(n++);
      doc.paragraphs.push(ids);
    }
    docs.push(doc);
  }
  return { docs, sentenceCount: n, revisions: new Map() };
}

export function renderDocument(corpus, doc, seeds) {
  return `${doc.paragraphs.map((ids) => ids.map((n) => makeSentence(seeds, n, corpus.revisions.get(n) ?? 0)).join(' ')).join('\n')}\n`;
}

/** Writes every document (or only `onlyDocs`) under `dir`; returns the characters written. */
export async function writeCorpus(corpus, dir, seeds, onlyDocs) {
  await mkdir(dir, { recursive: true });
  let characters = 0;
  for (const doc of onlyDocs ?? corpus.docs) {
    const text = renderDocument(corpus, doc, seeds);
    characters += text.length;
    await writeFile(join(dir, doc.name), text);
  }
  return characters;
}

/**
 * Revises every `1/share`-th sentence (spread over the corpus by a fixed stride) and returns the documents
 * that changed. `share` = 0.01 changes 1 % of the sentences.
 */
export function reviseSentences(corpus, share, revision = 1) {
  const step = Math.round(1 / share);
  const changedDocs = new Set();
  let changed = 0;
  for (const doc of corpus.docs) {
    for (const ids of doc.paragraphs) {
      for (const n of ids) {
        // Offset by a prime so that the revised sentences are not always the first of a paragraph.
        if ((n + 37) % step !== 0) continue;
        corpus.revisions.set(n, revision);
        changedDocs.add(doc);
        changed += 1;
      }
    }
  }
  return { changed, docs: [...changedDocs] };
}
