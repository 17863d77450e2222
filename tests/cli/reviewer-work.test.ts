// No text a person typed is ever lost (issue #13): 300 rounds of source changes (insertions, deletions,
// changes, moves) and reviewer work (typing under any status, typing into stale segments and leaving them
// stale, resolving them, setting `new`), each followed by a run. After every run each text a person typed
// is in a review file or in the memory. Most runs call the library's translate() in this process (fast);
// every fifteenth goes through the built CLI, so both doors are tested on the same history.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { seededRandom } from '../../bench/synthetic-memory.mjs';
import type { BilingualSegment } from '../../src/bilingual/types.js';
import { translate } from '../../src/workflow/translate.js';
import { runCli, tempProject } from '../helpers/cli.js';
import { editReview, readReview, segmentsOf } from '../helpers/review.js';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ dir, cleanup } = await tempProject({ seeds: false, glossary: false }));
  await mkdir(join(dir, 'src'));
});
afterEach(async () => cleanup());

const FILES = ['eins', 'zwei'];
const review = (name: string) => join(dir, 'translations', 'en', `${name}.md`);
const ROUNDS = 300;
const CLI_EVERY = 15;

describe('randomized reviewer work over re-runs', () => {
  it(`loses none of the texts people typed in ${ROUNDS} rounds`, async () => {
    const seed = Number(process.env.BITEXT_SEED ?? 20261314);
    const random = seededRandom(seed); // replay a failure with BITEXT_SEED
    const pick = <T,>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
    let counter = 0;
    const sentence = () => `Bericht ${++counter} nennt ${counter * 3} Teilnehmer aus ${counter % 7} Ländern.`;
    const documents = new Map(FILES.map((name) => [name, [[sentence(), sentence()], [sentence(), sentence(), sentence()]]]));
    /** Every text a person typed, with the round and how. */
    const typed = new Map<string, string>();
    const ops: Record<string, number> = {};
    const count = (op: string) => (ops[op] = (ops[op] ?? 0) + 1);
    let clock = Date.UTC(2026, 0, 1);

    const writeSources = async () => {
      for (const [name, paragraphs] of documents) {
        await writeFile(join(dir, 'src', `${name}.txt`), `${paragraphs.filter((p) => p.length > 0).map((p) => p.join(' ')).join('\n')}\n`);
      }
    };
    const run = async (round: number) => {
      if (round % CLI_EVERY === 0) {
        const r = await runCli(['translate', 'src', '--backend', 'mock', '--to', 'en', '--no-glossary'], { cwd: dir });
        expect(r.code, `round ${round}: ${r.stderr}`).toBe(0);
        return;
      }
      clock += 60_000;
      const report = await translate({ cwd: dir, sources: ['src'], targets: ['en'], glossary: null, backend: 'mock', env: {}, now: () => new Date(clock) });
      expect(report.problems, `round ${round}`).toEqual([]);
    };
    /** Where every typed text must be: some review file's target, or the memory. */
    const checkNothingLost = async (context: string) => {
      const inFiles = new Set<string>();
      for (const name of FILES) {
        for (const s of segmentsOf(await readReview(review(name)))) inFiles.add(s.target);
      }
      const memory = await readFile(join(dir, 'translations', 'memory', 'de-en.jsonl'), 'utf8').catch(() => '');
      const inMemory = new Set(
        memory
          .split('\n')
          .slice(1)
          .filter(Boolean)
          .map((line) => (JSON.parse(line) as { target: string }).target),
      );
      const lost = [...typed].filter(([text]) => !inFiles.has(text) && !inMemory.has(text));
      expect(lost, context).toEqual([]);
    };

    await writeSources();
    await run(1);
    for (let round = 2; round <= ROUNDS + 1; round++) {
      const context = `seed ${seed}, round ${round}`;
      // 1. A reviewer works on one or two segments of one file.
      const name = pick(FILES);
      const touched = new Set<string>(); // typing twice over one segment before a run is the person's own undo
      for (let k = 0; k < 1 + Math.floor(random() * 2); k++) {
        const segments = segmentsOf(await readReview(review(name))).filter((s) => !touched.has(s.id));
        if (segments.length === 0) break;
        const target = pick(segments);
        touched.add(target.id);
        const text = `Typed ${round}.${k} for ${target.id}`;
        let change: (s: BilingualSegment) => BilingualSegment;
        let op: string;
        if (target.status === 'stale') {
          op = pick(['type-into-stale', 'resolve-stale', 'resolve-stale-typing'] as const);
          if (op === 'type-into-stale') change = (s) => ({ ...s, target: text });
          else if (op === 'resolve-stale') change = (s) => ({ ...s, status: 'approved' });
          else change = (s) => ({ ...s, target: text, status: pick(['edited', 'reviewed', 'approved'] as const) });
        } else if (target.status === 'machine' && random() < 0.25) {
          op = 'set-new';
          change = (s) => ({ ...s, status: 'new' });
        } else {
          op = 'type';
          const status = pick(['new', 'machine', 'edited', 'reviewed', 'approved'] as const);
          change = (s) => ({ ...s, target: text, status });
        }
        if (op !== 'set-new' && op !== 'resolve-stale') typed.set(text, `${context}: ${op} (${target.status})`);
        count(op);
        await editReview(review(name), (s) => s.id === target.id, change);
      }

      // 2. The source changes in one place (before the run: the run sees both at once).
      const paragraphs = documents.get(pick(FILES))!;
      const p = pick(paragraphs.filter((x) => x.length > 0).length > 0 ? paragraphs.filter((x) => x.length > 0) : paragraphs);
      const at = Math.floor(random() * p.length);
      let op = pick(['insert', 'delete', 'change', 'change', 'move'] as const);
      // A document keeps at least one sentence (an empty source is an error of its own).
      if (p.length === 0 || (op !== 'insert' && op !== 'change' && paragraphs.flat().length <= 1)) op = 'insert';
      count(op);
      if (op === 'insert') p.splice(at, 0, sentence());
      else if (op === 'delete') p.splice(at, 1);
      else if (op === 'change') p[at] = p[at]!.replace(/\.$/, random() < 0.5 ? ', hieß es.' : ' am Montag.');
      else {
        const [moved] = p.splice(at, 1);
        const to = pick([...documents.values()].flat());
        to.splice(Math.floor(random() * (to.length + 1)), 0, moved!);
      }
      await writeSources();

      await run(round);
      await checkNothingLost(context);
    }
    for (const op of ['type', 'type-into-stale', 'resolve-stale', 'resolve-stale-typing', 'set-new', 'insert', 'delete', 'change', 'move']) {
      expect(ops[op] ?? 0, `${op} never happened with seed ${seed}`).toBeGreaterThan(0);
    }
    console.info(`reviewer work (BITEXT_SEED=${seed}): ${ROUNDS} rounds, ${typed.size} texts typed, 0 lost; ${JSON.stringify(ops)}`);
  }, 300_000);
});
