import type { Block, Diagnostic, LanguageCode, Segment, SegmentId } from '../core/types.js';
import type { BilingualDocument, BilingualSegment } from '../bilingual/types.js';
import { FORMAT_VERSION, hashMachineText, toBilingualMarkdown } from '../bilingual/index.js';
import { termReminders } from '../glossary/index.js';
import { resolvedTerms } from '../glossary/resolve-terms.js';
import type { DocumentPlan } from './plan.js';
import type { Received } from './execute.js';
import type { CheckContext } from './qa.js';
import { GLOSSARY_NOTE, SEVERITY_MARK } from './status-notes.js';
import { DEFAULT_SOURCE_LANGUAGE } from '../core/language.js';

/** Puts the translations received into the planned document. Pure. */
export function applyPlan(
  plan: DocumentPlan,
  translations: ReadonlyMap<string, Received> | undefined,
  options: { readonly backend: string; readonly glossaryHash: string; readonly sourceLanguage?: string },
): BilingualDocument {
  // Answers recovered from an interrupted run's journal came from the backend too.
  let usedBackend = plan.recovered > 0;
  const paragraphs = plan.paragraphs.map((paragraph) => ({
    kind: paragraph.block.kind,
    ...detailOf(paragraph.block),
    segments: paragraph.segments.map((segment): BilingualSegment => {
      const result = segment.need ? translations?.get(segment.base.source) : undefined;
      if (!result) return segment.base;
      usedBackend = true;
      if (segment.need === 'draft') return { ...segment.base, draft: result.target };
      // A reviewer's comment stays with the segment when its translation arrives (accepted findings were
      // for the target that was there, and go).
      const { suggestions, comment } = segment.base;
      return {
        id: segment.base.id,
        status: 'machine',
        source: segment.base.source,
        target: result.target,
        machineHash: hashMachineText(result.target),
        ...(comment !== undefined ? { comment } : {}),
        ...(suggestions ? { suggestions } : {}),
      };
    }),
  }));
  return {
    version: FORMAT_VERSION,
    source: { path: plan.source.path, hash: plan.source.hash, language: options.sourceLanguage ?? DEFAULT_SOURCE_LANGUAGE },
    targetLanguage: plan.lang,
    ...(plan.source.format === 'markdown' ? { format: 'markdown' as const } : {}),
    backend: usedBackend ? options.backend : (plan.previous?.backend ?? ''),
    glossaryHash: options.glossaryHash,
    // Front-matter lines a person added (`reviewer: Anna`) are theirs: kept as written.
    ...(plan.previous?.extraFrontMatter ? { extraFrontMatter: plan.previous.extraFrontMatter } : {}),
    paragraphs,
  };
}

/** What the reviewer sees after the kind of a block: a heading's level, a front-matter key. */
function detailOf(block: Block): { detail?: string } {
  if (block.kind === 'heading' && block.depth !== undefined) return { detail: `h${block.depth}` };
  if (block.kind === 'front-matter' && block.field !== undefined) return { detail: block.field };
  return {};
}

/** The source segments of a plan by id, for checks and notes. */
export function sourcesOf(plan: DocumentPlan): Map<SegmentId, Segment> {
  return new Map(plan.paragraphs.flatMap((p) => p.segments.map((s) => [s.base.id, s.segment] as const)));
}

/** Renders the reviewer's file with the per-segment notes: required glossary terms and QA findings. */
export function renderDocument(doc: BilingualDocument, context: CheckContext, findings: readonly Diagnostic[]): string {
  return toBilingualMarkdown(doc, { notes: segmentNotes(context, doc.targetLanguage, doc.paragraphs.flatMap((p) => p.segments), findings) });
}


function segmentNotes(
  context: CheckContext,
  lang: LanguageCode,
  segments: readonly BilingualSegment[],
  findings: readonly Diagnostic[],
): Map<string, string[]> {
  const notes = new Map<string, string[]>();
  // Findings by segment, in their order: one pass, not one per segment (a long document has both by the thousand).
  const found = new Map<string, Diagnostic[]>();
  for (const finding of findings) {
    if (finding.segmentId === undefined) continue;
    const list = found.get(finding.segmentId);
    if (list) list.push(finding);
    else found.set(finding.segmentId, [finding]);
  }
  for (const segment of segments) {
    const lines: string[] = [];
    const plain = context.sources?.get(segment.id)?.plain ?? segment.source;
    const reminders = termReminders(resolvedTerms(context.glossary, plain, lang));
    if (reminders.length > 0) lines.push(`${GLOSSARY_NOTE}${reminders.join('; ')}`);
    for (const finding of found.get(segment.id) ?? []) lines.push(`${SEVERITY_MARK[finding.severity]} ${finding.message} (${finding.rule})`);
    if (lines.length > 0) notes.set(segment.id, lines);
  }
  return notes;
}
