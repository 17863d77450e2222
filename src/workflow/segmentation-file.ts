// The project's segmentation rules on disk: `<memory>/segmentation-<source>.jsonl`, next to the memory it
// belongs with (both are what reviewers taught the project). Read before the sources are segmented;
// appended to by a run that learned rules, atomically. The memory folder gets a `.gitattributes` so git
// merges these line files (and the memory) from two branches by keeping the lines of both.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BitextError } from '../core/errors.js';
import { compileRules, inForce, NO_RULES, parseRules, serializeRules, type RuleRecord, type SegmentationRule, type SegmentationRules } from '../segmentation/rules.js';
import { decodeUtf8, describeFsError } from '../io/read-text.js';
import { ensureDirectory, writeFileAtomic } from '../io/atomic-write.js';
import { shownPath, type ProjectLayout } from './layout.js';

export function rulesPath(layout: ProjectLayout): string {
  return join(layout.memory, `segmentation-${layout.sourceLanguage}.jsonl`);
}

export interface LoadedRules {
  readonly rules: SegmentationRules;
  readonly records: readonly RuleRecord[];
}

export async function readRulesFile(layout: ProjectLayout): Promise<LoadedRules> {
  const path = rulesPath(layout);
  const shown = shownPath(layout, path);
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { rules: NO_RULES, records: [] };
    throw new BitextError('input', describeFsError(error), { file: shown, cause: error });
  }
  const records = parseRules(decodeUtf8(bytes, shown), shown);
  return { rules: compileRules(records), records };
}

/** The rules of `learned` not yet in force, as records to append (each once). */
export function newRecords(loaded: LoadedRules, learned: readonly (SegmentationRule & { readonly from?: string })[], now: Date): RuleRecord[] {
  let rules = loaded.rules;
  const out: RuleRecord[] = [];
  for (const rule of learned) {
    if (inForce(rules, rule)) continue;
    rules = compileRules([...rules.list, rule]);
    out.push({ kind: rule.kind, left: rule.left, right: rule.right, ...(rule.from === undefined ? {} : { from: rule.from }), changed: now.toISOString() });
  }
  return out;
}

export async function appendRules(layout: ProjectLayout, loaded: LoadedRules, added: readonly RuleRecord[]): Promise<void> {
  if (added.length === 0) return;
  const path = rulesPath(layout);
  await ensureDirectory(layout.memory, layout.memory, shownPath(layout, layout.memory));
  await writeFileAtomic(path, serializeRules([...loaded.records, ...added]), { root: layout.memory, displayPath: shownPath(layout, path) });
  await ensureGitAttributes(layout);
}

const ATTRIBUTES = '# bitext: line files merge by keeping the lines of both branches\n*.jsonl merge=union\n';

/** Writes `<memory>/.gitattributes` once; a file a person wrote is left alone. */
export async function ensureGitAttributes(layout: ProjectLayout): Promise<void> {
  const path = join(layout.memory, '.gitattributes');
  const exists = await readFile(path).then(
    () => true,
    () => false,
  );
  if (!exists) await writeFileAtomic(path, ATTRIBUTES, { root: layout.memory, displayPath: shownPath(layout, path) });
}
