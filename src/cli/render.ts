import type { Diagnostic, SegmentStatus, Severity } from '../core/types.js';
import { SEGMENT_STATUSES } from '../core/types.js';
import { formatLocation } from '../core/errors.js';
import type { TranslateReport } from '../workflow/translate.js';
import type { StatusReport } from '../workflow/status.js';
import { errorText } from './exit-codes.js';
import { t } from './i18n.js';
import { PLAIN, type Style } from './style.js';

export interface RenderOptions {
  readonly style?: Style;
  /** Only errors and the summary. */
  readonly quiet?: boolean;
}

export function severityWord(severity: Severity, style: Style = PLAIN): string {
  switch (severity) {
    case 'error':
      return style.red(t('severity.error'));
    case 'warning':
      return style.yellow(t('severity.warning'));
    case 'info':
      return style.cyan(t('severity.info'));
  }
}

/** A finding or warning on one line: `file:line: severity: message [segment] (rule)`. */
export function renderDiagnostic(d: Diagnostic, style: Style = PLAIN): string {
  return `${formatLocation(d.file, d.line, d.column)}${severityWord(d.severity, style)}: ${d.message}${d.segmentId ? ` [${d.segmentId}]` : ''} (${d.rule})`;
}

/** What an interrupted run saved and what the next one sends. */
export function describeInterruption(interrupted: NonNullable<TranslateReport['interrupted']>): string {
  const saved = t('count.segments', { count: interrupted.saved });
  if (interrupted.remaining === 0) return t('translate.interruptedDone', { saved });
  return t('translate.interrupted', {
    saved,
    remaining: interrupted.remaining,
    characters: t('count.characters', { count: interrupted.remainingCharacters }),
  });
}

/**
 * Segment counts by state: `3 machine, 2 approved`. The state names are the words reviewers type after
 * `status:` in the review file, so they stay as they are in every UI language.
 */
export function formatCounts(counts: Readonly<Record<SegmentStatus, number>>): string {
  const parts = SEGMENT_STATUSES.filter((s) => counts[s] > 0).map((s) => `${counts[s]} ${s}`);
  return parts.length > 0 ? parts.join(', ') : t('counts.none');
}

function translateOutcome(outcome: TranslateReport['documents'][number]['outcome']): string {
  switch (outcome) {
    case 'written':
      return t('translate.outcome.written');
    case 'unchanged':
      return t('translate.outcome.unchanged');
    case 'skipped':
      return t('translate.outcome.skipped');
    case 'would-write':
      return t('translate.outcome.wouldWrite');
  }
}

export function renderTranslateReport(report: TranslateReport, options: RenderOptions = {}): string {
  const style = options.style ?? PLAIN;
  const quiet = options.quiet ?? false;
  const lines: string[] = [];
  if (report.mode === 'dry-run' && !quiet) {
    lines.push(t('translate.dryRun.head', { backend: report.backend }));
    for (const [lang, items] of report.pending) {
      lines.push('', t('translate.dryRun.wouldSend', { lang }));
      for (const item of items) lines.push(`  ${item.text}`);
    }
    lines.push('');
  }
  if (!quiet) {
    for (const doc of report.documents) {
      const details = [formatCounts(doc.counts)];
      if (doc.memoryHits > 0) details.push(t('translate.fromMemory', { count: doc.memoryHits }));
      if (doc.reused > 0) details.push(t('translate.reused', { count: doc.reused }));
      if (doc.recovered > 0) details.push(t('translate.recovered', { count: doc.recovered }));
      lines.push(t('translate.document', { file: doc.file, outcome: translateOutcome(doc.outcome), details: details.join(', ') }));
    }
  }
  const chars = report.cost.reduce((n, c) => n + c.characters, 0);
  const segs = report.cost.reduce((n, c) => n + c.segments, 0);
  if (report.mode === 'frozen') {
    lines.push(style.bold(report.problems.length > 0 ? t('translate.frozen.problems', { count: report.problems.length }) : t('translate.frozen.upToDate')));
  } else if (report.mode === 'dry-run') {
    for (const c of report.cost) {
      lines.push(t('translate.dryRun.cost', { lang: c.lang, segments: t('count.segments', { count: c.segments }), characters: t('count.characters', { count: c.characters }) }));
    }
    const total = { segments: t('count.segments', { count: segs }), characters: t('count.characters', { count: chars }) };
    lines.push(style.bold(report.backend === 'deepl' ? t('translate.dryRun.totalBilled', total) : t('translate.dryRun.total', total)));
    if (report.overBudget !== undefined) lines.push(style.bold(t('translate.dryRun.overBudget', { characters: t('count.characters', { count: report.overBudget.characters }), max: report.overBudget.maxCharacters })));
  } else {
    const s = report.stats;
    const sent = {
      segments: t('count.segments', { count: s.segments }),
      requests: t('count.requests', { count: s.requests }),
      characters: s.characters,
      billed: s.billedCharacters,
    };
    lines.push(
      s.failedRequests > 0
        ? t('translate.sentWithFailures', { ...sent, failed: t('count.failedAttempts', { count: s.failedRequests }), retried: s.retries })
        : t('translate.sent', sent),
    );
    if (s.markupRetries > 0 && !quiet) lines.push(t('translate.markup', { count: s.markupRetries, flagged: s.markupFlagged }));
    if (report.usage && report.usage.characterLimit > 0 && !quiet) {
      lines.push(t('translate.usage', { used: report.usage.characterCount, limit: report.usage.characterLimit }));
    }
    // Kept under --quiet: it is about money billed.
    if (report.usageGrowth !== undefined && report.usageGrowth > s.billedCharacters) {
      lines.push(
        `${style.yellow(t('translate.usageGrowth.label'))} ${t('translate.usageGrowth', { growth: report.usageGrowth, beyond: report.usageGrowth - s.billedCharacters, billed: s.billedCharacters })}`,
      );
    }
    const counts = sumCounts(report.documents.map((d) => d.counts));
    const errors = report.diagnostics.filter((d) => d.severity === 'error').length;
    const warnings = report.diagnostics.filter((d) => d.severity === 'warning').length;
    lines.push(
      style.bold(
        t('translate.summary', {
          documents: t('count.documents', { count: report.documents.length }),
          written: report.documents.filter((d) => d.outcome === 'written').length,
          counts: formatCounts(counts),
          memory: report.documents.reduce((n, d) => n + d.memoryHits, 0),
          reused: report.documents.reduce((n, d) => n + d.reused, 0),
          errors: t('count.errors', { count: errors }),
          warnings: t('count.warnings', { count: warnings }),
        }),
      ),
    );
  }
  for (const d of report.diagnostics) if (!quiet || d.severity === 'error') lines.push(renderDiagnostic(d, style));
  return `${lines.join('\n')}\n`;
}

function sumCounts(all: readonly Readonly<Record<SegmentStatus, number>>[]): Record<SegmentStatus, number> {
  const sum = Object.fromEntries(SEGMENT_STATUSES.map((s) => [s, 0])) as Record<SegmentStatus, number>;
  for (const counts of all) for (const s of SEGMENT_STATUSES) sum[s] += counts[s];
  return sum;
}

/** `bitext translate --json`, version 1 (documented in the README). */
export function reportToJson(report: TranslateReport): unknown {
  return {
    bitext: 'translate',
    version: 1,
    mode: report.mode,
    backend: report.backend,
    documents: report.documents,
    cost: report.cost,
    pending: Object.fromEntries([...report.pending].map(([lang, items]) => [lang, items.map((i) => i.text)])),
    stats: report.stats,
    usage: report.usage ?? null,
    usageGrowth: report.usageGrowth ?? null,
    diagnostics: report.diagnostics,
    problems: report.problems.map((p) => errorText(p)),
    backendError: report.backendError ? { kind: report.backendError.kind, message: report.backendError.message } : null,
    interrupted: report.interrupted ?? null,
    overBudget: report.overBudget ?? null,
  };
}

/** `file:line: status id  source…` per segment that still needs a person: an editor jumps to each line. */
export function renderTodo(report: StatusReport, options: RenderOptions = {}): string {
  const style = options.style ?? PLAIN;
  const lines: string[] = [];
  for (const item of report.todo ?? []) {
    const source = item.source.length > 60 ? `${item.source.slice(0, 59)}…` : item.source;
    lines.push(`${formatLocation(item.file, item.line)}${item.status} ${item.id}  ${source}`);
    for (const error of item.errors) lines.push(`  ${severityWord('error', style)}: ${error.message} (${error.rule})`);
  }
  const count = report.todo?.length ?? 0;
  lines.push(style.bold(count === 0 ? t('status.todoNone') : t('status.todoCount', { segments: t('count.segments', { count }) })));
  if (report.problems.length > 0) lines.push(t('status.notCounted', { count: report.problems.length }));
  return `${lines.join('\n')}\n`;
}

export function renderStatus(report: StatusReport, options: RenderOptions = {}): string {
  const style = options.style ?? PLAIN;
  const lines: string[] = [];
  if (!options.quiet) {
    for (const doc of report.documents) {
      const next =
        doc.next.segments > 0
          ? t('status.next', { segments: t('count.segments', { count: doc.next.segments }), characters: t('count.characters', { count: doc.next.characters }) })
          : t('status.upToDate');
      const values = { file: doc.file, counts: formatCounts(doc.counts), next };
      lines.push(doc.exists ? t('status.document', values) : t('status.documentNew', values));
      if (doc.stale.length > 0) lines.push(t('status.stale', { ids: doc.stale.join(', ') }));
    }
  }
  // The files that could not be read are errors on standard error (the command prints them); the
  // summary counts what is listed above and says what it left out.
  const behind = report.documents.filter((d) => d.next.segments > 0 || d.stale.length > 0).length;
  const summary = {
    documents: t('count.documents', { count: report.documents.length }),
    languages: t('count.languages', { count: new Set(report.documents.map((d) => d.lang)).size }),
    counts: formatCounts(sumCounts(report.documents.map((d) => d.counts))),
    behind: t('count.documents', { count: behind }),
  };
  lines.push(style.bold(behind > 0 ? t('status.summary', summary) : t('status.summaryUpToDate', summary)));
  if (report.problems.length > 0) lines.push(t('status.notCounted', { count: report.problems.length }));
  return `${lines.join('\n')}\n`;
}

/** `bitext status --json`, version 1. */
export function statusJson(report: StatusReport): unknown {
  return {
    bitext: 'status',
    version: 1,
    documents: report.documents,
    ...(report.todo ? { todo: report.todo } : {}),
    problems: report.problems.map((p) => errorText(p)),
  };
}
