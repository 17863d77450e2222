import { resolve } from 'node:path';
import type { Command } from 'commander';
import { publish, type PublishReport } from '../../workflow/publish.js';
import { describeError, EXIT, exitCodeFor } from '../exit-codes.js';
import { projectOptions, resolveConfig, type CommonFlags } from '../project-config.js';
import { formatCounts, renderDiagnostic } from '../render.js';

interface PublishFlags extends CommonFlags {
  published?: string;
  includeUnreviewed?: boolean;
  check?: boolean;
  force?: boolean;
  json?: boolean;
}

export async function runPublish(command: Command, paths: string[], flags: PublishFlags): Promise<number> {
  const { config, warnings } = await resolveConfig(command, paths, flags, process.cwd());
  for (const warning of warnings) process.stderr.write(`bitext: ${renderDiagnostic(warning)}\n`);
  const options = await projectOptions(config);
  const report = await publish({
    ...options,
    ...(flags.published ? { published: resolve(process.cwd(), flags.published) } : {}),
    includeUnreviewed: flags.includeUnreviewed ?? false,
    check: flags.check ?? false,
    force: flags.force ?? false,
    now: () => new Date(),
  });
  process.stdout.write(flags.json ? `${JSON.stringify(publishJson(report), null, 2)}\n` : renderPublish(report));
  for (const problem of report.problems) process.stderr.write(`bitext: ${describeError(problem)}\n`);
  if (report.problems[0]) return exitCodeFor(report.problems[0]);
  if (report.documents.some((d) => d.outcome === 'refused' || d.outcome === 'edited-by-hand')) return EXIT.findings;
  if (report.mode === 'check' && report.documents.some((d) => d.outcome === 'would-write')) return EXIT.frozen;
  return EXIT.ok;
}

export function renderPublish(report: PublishReport): string {
  const lines: string[] = [];
  for (const doc of report.documents) {
    const head = `${doc.source} → ${doc.lang}`;
    switch (doc.outcome) {
      case 'written':
      case 'unchanged':
      case 'would-write': {
        const verb = { written: 'published', unchanged: 'unchanged', 'would-write': 'out of date' }[doc.outcome];
        lines.push(`${head}: ${verb} (${formatCounts(doc.counts)}): ${doc.files.join(', ')}`);
        if (doc.unreviewed.length > 0) {
          lines.push(`  includes ${doc.unreviewed.length} unreviewed segment${doc.unreviewed.length === 1 ? '' : 's'} (recorded in the front matter):`);
          for (const s of doc.unreviewed) lines.push(`    ${doc.review}${s.line ? `:${s.line}` : ''}: ${s.id} ${s.status}`);
        }
        break;
      }
      case 'refused': {
        const n = doc.blockers.length;
        lines.push(`${head}: not published: ${n} segment${n === 1 ? '' : 's'} not ready`);
        for (const b of doc.blockers) lines.push(`  ${doc.review}${b.line ? `:${b.line}` : ''}: ${b.id} ${b.reason}`);
        const hard = doc.blockers.some((b) => !b.overridable);
        lines.push(
          hard
            ? '  Translate every segment first (bitext translate), then approve them in the review file.'
            : '  Review them and set `status: approved` in the review file, or publish anyway with --include-unreviewed.',
        );
        break;
      }
      case 'edited-by-hand':
        lines.push(`${head}: not published: edited by hand since bitext wrote it: ${doc.editedByHand.join(', ')}`);
        lines.push(`  Put the changes into ${doc.review} (the review file), then delete the published file and publish again; or overwrite it with --force.`);
        break;
    }
  }
  for (const d of report.diagnostics) {
    if (d.severity !== 'error') continue;
    lines.push(`${d.file ?? ''}${d.line ? `:${d.line}` : ''}: ${d.severity}: ${d.message}${d.segmentId ? ` [${d.segmentId}]` : ''} (${d.rule})`);
  }
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}

export function publishJson(report: PublishReport): unknown {
  return {
    bitext: 'publish',
    version: 1,
    mode: report.mode,
    documents: report.documents,
    diagnostics: report.diagnostics,
    problems: report.problems.map((p) => describeError(p)),
  };
}
