// The report of a run that skipped settled documents (run-state.ts): the documents it planned and those it
// skipped, in the run's order (language, then source), the skipped ones as the state records them — their
// counts and their findings, which are what planning them again would give.
import { join } from 'node:path';
import type { Diagnostic, LanguageCode } from '../core/types.js';
import { shownPath } from './layout.js';
import type { Project } from './project.js';
import type { DocumentReport } from './translate.js';
import type { JobResult } from './write-results.js';

/** A document of a run in one language: the key of the run's maps of reports. */
export const documentKey = (lang: LanguageCode, path: string): string => `${lang}\u0000${path}`;

export function withSkipped(project: Project, files: readonly JobResult[]): { documents: DocumentReport[]; diagnostics: Diagnostic[] } {
  if (project.skipped.length === 0) return { documents: files.map((f) => f.report), diagnostics: files.flatMap((f) => f.diagnostics) };
  const byKey = new Map(files.map((f) => [documentKey(f.report.lang, f.report.source), f] as const));
  const skipped = new Map(project.skipped.map((doc) => [doc.path, doc] as const));
  const documents: DocumentReport[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const lang of project.targets) {
    for (const path of project.order) {
      const file = byKey.get(documentKey(lang, path));
      if (file) {
        documents.push(file.report);
        diagnostics.push(...file.diagnostics);
        continue;
      }
      const doc = skipped.get(path);
      const recorded = doc?.state.files[lang];
      if (!doc || !recorded) continue;
      documents.push({
        source: path,
        lang,
        file: shownPath(project.layout, join(project.layout.translations, lang, `${doc.name}.md`)),
        outcome: 'unchanged',
        counts: recorded.counts,
        memoryHits: 0,
        reused: 0,
        recovered: 0,
        toSend: 0,
      });
      diagnostics.push(...recorded.diagnostics);
    }
  }
  return { documents, diagnostics };
}
