// Helpers for tests that edit the golden file the way a reviewer or an editor would.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { BilingualDocument, BilingualSegment } from '../../src/bilingual/index.js';

export const BASIC = readFileSync(fileURLToPath(new URL('../fixtures/bilingual/basic.md', import.meta.url)), 'utf8');

/** Replaces the one line equal to `line` (it must occur exactly once) with `replacement` (may be several lines or ''). */
export function replaceLine(text: string, line: string, replacement: string | null): string {
  const lines = text.split('\n');
  const at = lines.flatMap((l, i) => (l === line ? [i] : []));
  if (at.length !== 1 || at[0] === undefined) throw new Error(`line ${JSON.stringify(line)} occurs ${at.length} times`);
  if (replacement === null) lines.splice(at[0], 1);
  else lines[at[0]] = replacement;
  return lines.join('\n');
}

/** 1-based number of the line equal to `line` (exactly once). */
export function lineNumberOf(text: string, line: string): number {
  const lines = text.split('\n');
  const at = lines.flatMap((l, i) => (l === line ? [i + 1] : []));
  if (at.length !== 1 || at[0] === undefined) throw new Error(`line ${JSON.stringify(line)} occurs ${at.length} times`);
  return at[0];
}

export function withSegment(doc: BilingualDocument, id: string, patch: Partial<BilingualSegment>): BilingualDocument {
  return {
    ...doc,
    paragraphs: doc.paragraphs.map((p) => ({
      ...p,
      segments: p.segments.map((s) => (s.id === id ? { ...s, ...patch } : s)),
    })),
  };
}
