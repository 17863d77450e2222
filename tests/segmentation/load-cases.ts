import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface SegmentationCase {
  readonly id: string;
  readonly category: string;
  readonly input: string;
  readonly expected: readonly string[];
}

/**
 * The golden sets: `cases.jsonl` (320 cases written while the splitter was built) and `cases-2.jsonl`
 * (cases written while fixing errors that independent German test data exposed). Both are in-sample
 * for the splitter; they are kept apart so each figure can be reported on its own.
 */
export type CaseSet = 'cases.jsonl' | 'cases-2.jsonl';

function isCase(value: unknown): value is SegmentationCase {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return (
    typeof record.id === 'string' &&
    typeof record.category === 'string' &&
    typeof record.input === 'string' &&
    Array.isArray(record.expected) &&
    record.expected.every((item) => typeof item === 'string')
  );
}

/** Reads one set of golden segmentation cases (one JSON object per line). */
export function loadCases(set: CaseSet = 'cases.jsonl'): SegmentationCase[] {
  return readFileSync(fileURLToPath(new URL(`../fixtures/segmentation/${set}`, import.meta.url)), 'utf8')
    .split('\n')
    .filter((line) => line.trim().length > 0)
    .map((line, index) => {
      const parsed: unknown = JSON.parse(line);
      if (!isCase(parsed)) throw new Error(`${set} line ${index + 1} is not a segmentation case`);
      return parsed;
    });
}
