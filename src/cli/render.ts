import type { ProgressListener, SegmentStatus } from '../core/types.js';
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
    const reused = doc.reused > 0 ? `, ${doc.reused} reused` : '';
    lines.push(`${doc.file}: ${verb} (${formatCounts(doc.counts)}${memory}${reused})`);
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
    lines.push(
      `Sent ${s.segments} segments in ${s.requests} requests${s.failedRequests ? ` (${s.failedRequests} more failed, ${s.retries} retried)` : ''}: ${s.characters} characters, ${s.billedCharacters} billed.`,
    );
    if (report.usage && report.usage.characterLimit > 0) {
      lines.push(`Account usage: ${report.usage.characterCount} of ${report.usage.characterLimit} characters.`);
    }
  }
  for (const d of report.diagnostics) {
    lines.push(`${d.file ? `${d.file}: ` : ''}${d.severity}: ${d.message}${d.segmentId ? ` [${d.segmentId}]` : ''} (${d.rule})`);
  }
  return `${lines.join('\n')}\n`;
}

export function reportToJson(report: TranslateReport): unknown {
  return {
    mode: report.mode,
    backend: report.backend,
    documents: report.documents,
    cost: report.cost,
    pending: Object.fromEntries([...report.pending].map(([lang, items]) => [lang, items.map((i) => i.text)])),
    stats: report.stats,
    usage: report.usage ?? null,
    diagnostics: report.diagnostics,
    problems: report.problems.map((p) => describeError(p)),
    backendError: report.backendError ? { kind: report.backendError.kind, message: report.backendError.message } : null,
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
