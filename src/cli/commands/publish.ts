import { resolve } from 'node:path';
import type { Command } from 'commander';
import { publish, type DocumentPublish, type PublishReport } from '../../workflow/publish.js';
import { describeError, errorText, EXIT, exitCodeFor } from '../exit-codes.js';
import { t } from '../i18n.js';
import { projectOptions, resolveConfig, type CommonFlags } from '../project-config.js';
import { formatCounts, renderDiagnostic, type RenderOptions } from '../render.js';
import { PLAIN } from '../style.js';
import { uiOf } from '../ui.js';

interface PublishFlags extends CommonFlags {
  includeUnreviewed?: boolean;
  check?: boolean;
  force?: boolean;
  json?: boolean;
}

export async function runPublish(command: Command, paths: string[], flags: PublishFlags): Promise<number> {
  const ui = uiOf(command);
  const { config, warnings } = await resolveConfig(command, paths, flags, process.cwd(), { outIs: 'published' });
  for (const warning of warnings) ui.diagnostic(warning);
  const options = await projectOptions(config, { onWarning: (w) => ui.diagnostic(w) });
  const report = await publish({
    ...options,
    ...(flags.out ? { published: resolve(process.cwd(), flags.out) } : {}),
    includeUnreviewed: flags.includeUnreviewed ?? false,
    check: flags.check ?? false,
    force: flags.force ?? false,
    now: () => new Date(),
  });
  ui.print(ui.json ? `${JSON.stringify(publishJson(report), null, 2)}\n` : renderPublish(report, { style: ui.out, quiet: ui.quiet }));
  for (const problem of report.problems) ui.error(describeError(problem, { verbose: ui.verbose }));
  if (report.problems[0]) return exitCodeFor(report.problems[0]);
  if (report.documents.some((d) => d.outcome === 'refused' || d.outcome === 'edited-by-hand')) return EXIT.findings;
  if (report.mode === 'check' && report.documents.some((d) => d.outcome === 'would-write')) return EXIT.frozen;
  return EXIT.ok;
}

function publishedOutcome(outcome: 'written' | 'unchanged' | 'would-write'): string {
  switch (outcome) {
    case 'written':
      return t('publish.outcome.written');
    case 'unchanged':
      return t('publish.outcome.unchanged');
    case 'would-write':
      return t('publish.outcome.wouldWrite');
  }
}

function renderDocument(doc: DocumentPublish, lines: string[]): void {
  const head = `${doc.source} → ${doc.lang}`;
  const at = (line: number | undefined) => `${doc.review}${line ? `:${line}` : ''}`;
  switch (doc.outcome) {
    case 'written':
    case 'unchanged':
    case 'would-write': {
      lines.push(t('publish.document', { head, outcome: publishedOutcome(doc.outcome), counts: formatCounts(doc.counts), files: doc.files.join(', ') }));
      if (doc.unreviewed.length > 0) {
        lines.push(`  ${t('publish.unreviewed', { count: doc.unreviewed.length })}`);
        for (const s of doc.unreviewed) lines.push(`    ${at(s.line)}: ${s.id} ${s.status}`);
      }
      break;
    }
    case 'refused': {
      lines.push(t('publish.refused', { head, count: doc.blockers.length }));
      for (const b of doc.blockers) lines.push(`  ${at(b.line)}: ${b.id} ${b.reason}`);
      const hard = doc.blockers.some((b) => !b.overridable);
      lines.push(`  ${hard ? t('publish.hint.translateFirst') : t('publish.hint.approve')}`);
      break;
    }
    case 'edited-by-hand':
      lines.push(t('publish.editedByHand', { head, files: doc.editedByHand.join(', ') }));
      lines.push(`  ${t('publish.hint.editedByHand', { review: doc.review })}`);
      break;
  }
}

export function renderPublish(report: PublishReport, options: RenderOptions = {}): string {
  const style = options.style ?? PLAIN;
  const lines: string[] = [];
  if (!options.quiet) for (const doc of report.documents) renderDocument(doc, lines);
  for (const d of report.diagnostics) if (d.severity === 'error') lines.push(renderDiagnostic(d, style));
  if (report.documents.length > 0) {
    const count = (outcome: DocumentPublish['outcome']) => report.documents.filter((d) => d.outcome === outcome).length;
    const parts = [
      report.mode === 'check' ? t('publish.summary.outOfDate', { count: count('would-write') }) : t('publish.summary.published', { count: count('written') }),
      t('publish.summary.unchanged', { count: count('unchanged') }),
      t('publish.summary.refused', { count: count('refused') + count('edited-by-hand') }),
    ];
    lines.push(style.bold(t('publish.summary', { documents: t('count.documents', { count: report.documents.length }), parts: parts.join(', ') })));
  }
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}

/** `bitext publish --json`, version 1. */
export function publishJson(report: PublishReport): unknown {
  return {
    bitext: 'publish',
    version: 1,
    mode: report.mode,
    documents: report.documents,
    diagnostics: report.diagnostics,
    problems: report.problems.map((p) => errorText(p)),
  };
}
