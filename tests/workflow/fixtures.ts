// Shared builders for the workflow unit tests: sources from text, a first translated run, reviewer edits.
import { sourceFromText } from '../../src/sources/read-sources.js';
import type { SourceDocument } from '../../src/core/types.js';
import type { BilingualDocument, BilingualSegment } from '../../src/bilingual/types.js';
import { addToMemory, createMemory, type MemoryEntry, type TranslationMemory } from '../../src/memory/index.js';
import { planDocument, type DocumentPlan, type PlannedSegment, type PlanResources } from '../../src/workflow/plan.js';
import { applyPlan } from '../../src/workflow/apply.js';

export const PAIR = { source: 'de', target: 'en' } as const;
export const PATH = 'src/artikel.txt';

/** A source from paragraphs of sentences (one paragraph per line). */
export function source(paragraphs: readonly (readonly string[])[]): SourceDocument {
  return sourceFromText(`${paragraphs.map((p) => p.join(' ')).join('\n')}\n`, PATH);
}

export function memoryOf(entries: readonly Partial<MemoryEntry>[] = []): TranslationMemory {
  const full = entries.map(
    (e): MemoryEntry => ({ origin: 'human', status: 'approved', changed: '2026-11-01T10:00:00.000Z', source: '', target: '', ...e }),
  );
  return addToMemory(createMemory(PAIR), full).memory;
}

export function resources(
  options: {
    memory?: TranslationMemory;
    machineTargets?: ReadonlyMap<string, string>;
    rejected?: ReadonlySet<string>;
    recovered?: ReadonlyMap<string, string>;
    fallbacks?: readonly TranslationMemory[];
  } = {},
): PlanResources {
  return {
    memory: options.memory ?? memoryOf(),
    machineTargets: options.machineTargets ?? new Map(),
    rejected: options.rejected ?? new Set(),
    ...(options.recovered ? { recovered: options.recovered } : {}),
    ...(options.fallbacks ? { fallbacks: options.fallbacks } : {}),
  };
}

/** What the fake backend answers for a source sentence. */
export const machine = (text: string): string => `EN ${text}`;

/** Applies a plan as if the backend had answered every segment that needed it. */
export function applyAnswered(plan: DocumentPlan): BilingualDocument {
  const answers = new Map<string, { target: string; problems: string[] }>();
  for (const s of planned(plan)) if (s.need) answers.set(s.base.source, { target: machine(s.base.source), problems: [] });
  return applyPlan(plan, answers, { backend: 'mock', glossaryHash: '' });
}

/** The bilingual file after a first run over the given paragraphs (every segment machine-translated). */
export function firstRun(paragraphs: readonly (readonly string[])[]): BilingualDocument {
  return applyAnswered(planDocument(source(paragraphs), 'en', undefined, resources()));
}

/** A reviewer's edit of the segment with this source. Throws if no segment has it, so a typo cannot pass. */
export function edit(doc: BilingualDocument, text: string, change: (s: BilingualSegment) => BilingualSegment): BilingualDocument {
  let found = false;
  const paragraphs = doc.paragraphs.map((p) => ({
    ...p,
    segments: p.segments.map((s) => {
      if (s.source !== text) return s;
      found = true;
      return change(s);
    }),
  }));
  if (!found) throw new Error(`no segment with source ${JSON.stringify(text)}`);
  return { ...doc, paragraphs };
}

export function segmentsOf(doc: BilingualDocument): BilingualSegment[] {
  return doc.paragraphs.flatMap((p) => p.segments);
}

export function planned(plan: DocumentPlan): PlannedSegment[] {
  return plan.paragraphs.flatMap((p) => p.segments);
}

export function plannedBySource(plan: DocumentPlan, text: string): PlannedSegment {
  const found = planned(plan).find((s) => s.base.source === text);
  if (!found) throw new Error(`no planned segment with source ${JSON.stringify(text)}`);
  return found;
}
