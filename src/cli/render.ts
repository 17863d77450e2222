import type { Diagnostic, ProgressListener, SegmentStatus } from '../core/types.js';
import { SEGMENT_STATUSES } from '../core/types.js';
import type { TranslateReport } from '../workflow/translate.js';
import type { StatusReport } from '../workflow/status.js';
import { describeError } from './exit-codes.js';

/** Progress on stderr, one line per event, so stdout stays clean for reports and JSON. */
export function renderProgress(stream: NodeJS.WritableStream): ProgressListener {
  return (event) => {
    switch (event.type) {
      case 'batch-done':
        stream.write(`  sent ${event.segments} segments (${event.characters} characters) → ${event.lang}\n`);
        break;
      case 'retry':
        stream.write(`  retry ${event.attempt} in ${event.delayMs} ms: ${event.reason}\n`);
        break;
      case 'message':
        stream.write(`  ${event.text}\n`);
        break;
      default:
        break;
    }
  };
}

/** What an interrupted run saved and what the next one sends. */
export function describeInterruption(interrupted: NonNullable<TranslateReport['interrupted']>): string {
  const left =
    interrupted.remaining === 0
      ? 'nothing left to send'
      : `${interrupted.remaining.toLocaleString('en')} still to send (${interrupted.remainingCharacters.toLocaleString('en')} characters); run the same command to continue`;
  return `interrupted: ${plural(interrupted.saved, 'segment')} saved, ${left}`;
}

/** `1 segment`, `2 segments`: counts in messages are always grammatical. */
export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n.toLocaleString('en')} ${n === 1 ? word : many}`;
}

/** A finding or warning on one line: `file:line: severity: message [segment] (rule)`. */
export function renderDiagnostic(d: Diagnostic): string {
  const where = d.file === undefined ? '' : `${d.file}${d.line === undefined ? '' : `:${d.line}${d.column === undefined ? '' : `:${d.column}`}`}: `;
  return `${where}${d.severity}: ${d.message}${d.segmentId ? ` [${d.segmentId}]` : ''} (${d.rule})`;
}

export function formatCounts(counts: Record<SegmentStatus, number>): string {
  const parts = SEGMENT_STATUSES.filter((s) => counts[s] > 0).map((s) => `${counts[s]} ${s}`);
  return parts.length > 0 ? parts.join(', ') : 'no segments';
}

export function renderTranslateReport(report: TranslateReport): string {
  const lines: string[] = [];
  if (report.mode === 'dry-run') {
    lines.push(`Dry run with backend ${report.backend}: nothing is sent or written.`);
    for (const [lang, items] of report.pending) {
      lines.push('', `Would send to ${lang}:`);
      for (const item of items) lines.push(`  ${item.text}`);
    }
    lines.push('');
  }
  for (const doc of report.documents) {
    const verb = { written: 'written', unchanged: 'unchanged', skipped: 'not created (nothing translated)', 'would-write': 'would change' }[doc.outcome];
    const memory = doc.memoryHits > 0 ? `, ${doc.memoryHits} from memory` : '';
    const recovered = doc.recovered > 0 ? `, ${doc.recovered} recovered from an interrupted run` : '';
    const reused = doc.reused > 0 ? `, ${doc.reused} reused` : '';
    lines.push(`${doc.file}: ${verb} (${formatCounts(doc.counts)}${memory}${reused}${recovered})`);
  }
  const chars = report.cost.reduce((n, c) => n + c.characters, 0);
  const segs = report.cost.reduce((n, c) => n + c.segments, 0);
  if (report.mode === 'frozen') {
    lines.push(
      report.problems.length > 0
        ? `Frozen check: ${report.problems.length} files could not be read; the others are up to date.`
        : 'Frozen check: translations are up to date.',
    );
  } else if (report.mode === 'dry-run') {
    for (const c of report.cost) lines.push(`${c.lang}: ${c.segments} segments, ${c.characters} characters to send`);
    lines.push(`Total: ${segs} segments, ${chars} characters would be sent${report.backend === 'deepl' ? ' and billed' : ''}.`);
  } else {
    const s = report.stats;
    const failed = s.failedRequests > 0 ? ` (${plural(s.failedRequests, 'failed attempt')}, ${s.retries} retried)` : '';
    lines.push(`Sent ${plural(s.segments, 'segment')} in ${plural(s.requests, 'request')}${failed}: ${s.characters} characters, ${s.billedCharacters} billed.`);
    if (s.markupRetries > 0) {
      lines.push(
        `Markup: ${plural(s.markupRetries, 'segment')} sent again on ${s.markupRetries === 1 ? 'its' : 'their'} own because placeholders did not come back; ${s.markupFlagged} still without all of them, kept and flagged.`,
      );
    }
    if (report.usage && report.usage.characterLimit > 0) {
      lines.push(`Account usage: ${report.usage.characterCount} of ${report.usage.characterLimit} characters.`);
    }
    if (report.usageGrowth !== undefined && report.usageGrowth > s.billedCharacters) {
      lines.push(
        `Warning: the account's usage grew by ${report.usageGrowth} characters during this run, ${report.usageGrowth - s.billedCharacters} more than bitext received translations for (${s.billedCharacters}). An answer was probably lost after it was billed and the request sent again, or another program used the same key.`,
      );
    }
    const counts = sumCounts(report.documents.map((d) => d.counts));
    const written = report.documents.filter((d) => d.outcome === 'written').length;
    const fromMemory = report.documents.reduce((n, d) => n + d.memoryHits, 0);
    const reused = report.documents.reduce((n, d) => n + d.reused, 0);
    const errors = report.diagnostics.filter((d) => d.severity === 'error').length;
    const warnings = report.diagnostics.filter((d) => d.severity === 'warning').length;
    lines.push(
      `Summary: ${plural(report.documents.length, 'document')} (${written} written); segments: ${formatCounts(counts)}; ${fromMemory} from memory, ${reused} reused; QA: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}.`,
    );
  }
  for (const d of report.diagnostics) lines.push(renderDiagnostic(d));
  return `${lines.join('\n')}\n`;
}

function sumCounts(all: readonly Record<SegmentStatus, number>[]): Record<SegmentStatus, number> {
  const sum = Object.fromEntries(SEGMENT_STATUSES.map((s) => [s, 0])) as Record<SegmentStatus, number>;
  for (const counts of all) for (const s of SEGMENT_STATUSES) sum[s] += counts[s];
  return sum;
}

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
    problems: report.problems.map((p) => describeError(p)),
    backendError: report.backendError ? { kind: report.backendError.kind, message: report.backendError.message } : null,
    interrupted: report.interrupted ?? null,
  };
}

export function renderStatus(report: StatusReport): string {
  const lines: string[] = [];
  for (const doc of report.documents) {
    const next = doc.next.segments > 0 ? `next run sends ${doc.next.segments} segments (${doc.next.characters} characters)` : 'up to date';
    lines.push(`${doc.file}${doc.exists ? '' : ' (not yet translated)'}: ${formatCounts(doc.counts)}; ${next}`);
    if (doc.stale.length > 0) lines.push(`  stale: ${doc.stale.join(', ')}`);
  }
  for (const problem of report.problems) lines.push(`error: ${describeError(problem)}`);
  return `${lines.join('\n')}\n`;
}
