import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface SegmentationCase {
  readonly id: string;
  readonly category: string;
  readonly input: string;
  readonly expected: readonly string[];
}

const CASES_PATH = fileURLToPath(new URL('../fixtures/segmentation/cases.jsonl', import.meta.url));

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

/** Reads the golden segmentation cases (one JSON object per line). */
export function loadCases(): SegmentationCase[] {
  return readFileSync(CASES_PATH, 'utf8')
    .split('\n')
    .filter((line) => line.trim().length > 0)
    .map((line, index) => {
      const parsed: unknown = JSON.parse(line);
      if (!isCase(parsed)) throw new Error(`cases.jsonl line ${index + 1} is not a segmentation case`);
      return parsed;
    });
}
