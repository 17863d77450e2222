// Types for synthetic-memory.mjs, which the tests (TypeScript) and the bench (plain Node) share.
import type { MemoryEntry } from '../src/memory/index.js';

/** mulberry32: tiny seeded PRNG, so every run sees the same data. */
export function seededRandom(seed: number): () => number;
export function germanSentence(random: () => number): string;
export function editSentence(random: () => number, sentence: string, edits: number): string;
export function syntheticEntries(count: number, seed: number): MemoryEntry[];
