import type { Diagnostic, LanguageCode } from '../core/types.js';
import { HUMAN_STATUSES } from '../core/types.js';
import type { BilingualDocument, BilingualSegment } from '../bilingual/types.js';
import { hashMachineText, toBilingualMarkdown } from '../bilingual/index.js';
import type { Glossary } from '../glossary/types.js';
import { resolveTerms, termReminders } from '../glossary/index.js';
import { checkGlossary } from '../qa/glossary-check.js';
import type { DocumentPlan } from './plan.js';
import type { Received } from './execute.js';
import { DEFAULT_SOURCE_LANGUAGE } from '../core/language.js';

/** Puts the translations received into the planned document. Pure. */
export function applyPlan(
  plan: DocumentPlan,
  translations: ReadonlyMap<string, Received> | undefined,
  options: { readonly backend: string; readonly glossaryHash: string; readonly sourceLanguage?: string },
): BilingualDocument {
  let usedBackend = false;
  const paragraphs = plan.paragraphs.map((paragraph) => ({
    kind: paragraph.block.kind,
    segments: paragraph.segments.map((segment): BilingualSegment => {
      const result = segment.need ? translations?.get(segment.base.source) : undefined;
      if (!result) return segment.base;
      usedBackend = true;
      if (segment.need === 'draft') return { ...segment.base, draft: result.target };
      const { suggestions } = segment.base;
      return {
        id: segment.base.id,
        status: 'machine',
        source: segment.base.source,
        target: result.target,
        machineHash: hashMachineText(result.target),
        ...(suggestions ? { suggestions } : {}),
      };
    }),
  }));
  return {
    version: 1,
    source: { path: plan.source.path, hash: plan.source.hash, language: options.sourceLanguage ?? DEFAULT_SOURCE_LANGUAGE },
    targetLanguage: plan.lang,
    backend: usedBackend ? options.backend : (plan.previous?.backend ?? ''),
    glossaryHash: options.glossaryHash,
    paragraphs,
  };
}

/** QA findings for a document: glossary terms, and human statuses over an empty target. */
export function checkDocument(doc: BilingualDocument, glossary: Glossary | undefined, file: string): Diagnostic[] {
  const segments = doc.paragraphs.flatMap((p) => p.segments);
  const findings: Diagnostic[] = [];
  for (const s of segments) {
    if (s.target === '' && HUMAN_STATUSES.has(s.status)) {
      findings.push({
        severity: 'warning',
        rule: 'empty-target',
        message: `marked ${s.status} but has no translation; write one or set the status to new`,
        file,
        segmentId: s.id,
      });
    }
  }
  if (glossary) {
    const checked = checkGlossary({ glossary, lang: doc.targetLanguage, segments: segments.map(({ id, source, target }) => ({ id, source, target })) });
    findings.push(...checked.map((d) => ({ ...d, file })));
  }
  return findings;
}

/** Renders the reviewer's file with the per-segment notes: required glossary terms and QA findings. */
export function renderDocument(doc: BilingualDocument, glossary: Glossary | undefined, findings: readonly Diagnostic[]): string {
  return toBilingualMarkdown(doc, { notes: segmentNotes(glossary, doc.targetLanguage, doc.paragraphs.flatMap((p) => p.segments), findings) });
}

function segmentNotes(
  glossary: Glossary | undefined,
  lang: LanguageCode,
  segments: readonly BilingualSegment[],
  findings: readonly Diagnostic[],
): Map<string, string[]> {
  const notes = new Map<string, string[]>();
  for (const segment of segments) {
    const lines: string[] = [];
    const reminders = termReminders(resolveTerms(glossary, segment.source, lang));
    if (reminders.length > 0) lines.push(`glossary: ${reminders.join('; ')}`);
    for (const finding of findings) if (finding.segmentId === segment.id) lines.push(`⚠ ${finding.message}`);
    if (lines.length > 0) notes.set(segment.id, lines);
  }
  return notes;
}
