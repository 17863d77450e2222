import type { Command } from 'commander';
import { BitextError } from '../../core/errors.js';
import { checkTranslations, type CheckReport } from '../../workflow/check.js';
import { languageFolders, layoutOf } from '../../workflow/project.js';
import { describeError, EXIT, exitCodeFor } from '../exit-codes.js';
import { projectOptions, resolveConfig, type CommonFlags } from '../project-config.js';
import { plural, renderDiagnostic } from '../render.js';

interface CheckFlags extends CommonFlags {
  json?: boolean;
}

export async function runCheck(command: Command, paths: string[], flags: CheckFlags): Promise<number> {
  const { config, warnings } = await resolveConfig(command, paths, flags, process.cwd());
  for (const warning of warnings) process.stderr.write(`bitext: ${renderDiagnostic(warning)}\n`);
  const options = await projectOptions(config);
  const targets = options.targets.length > 0 ? options.targets : await languageFolders(layoutOf(options));
  if (targets.length === 0) throw new BitextError('usage', 'no translations to check yet; run bitext translate first, or pass --to');
  const report = await checkTranslations({ ...options, targets, now: () => new Date() });
  process.stdout.write(flags.json ? `${JSON.stringify(checkJson(report), null, 2)}\n` : renderCheck(report));
  for (const problem of report.problems) process.stderr.write(`bitext: ${describeError(problem)}\n`);
  if (report.problems[0]) return exitCodeFor(report.problems[0]);
  return report.findings.some((f) => f.severity === 'error') ? EXIT.findings : EXIT.ok;
}

export function renderCheck(report: CheckReport): string {
  const lines: string[] = [];
  for (const f of report.findings) {
    lines.push(renderDiagnostic(f));
    if (f.hint) lines.push(`  hint: ${f.hint}`);
  }
  const errors = report.findings.filter((f) => f.severity === 'error').length;
  const warnings = report.findings.filter((f) => f.severity === 'warning').length;
  lines.push(`Checked ${plural(report.documents, 'review file')}: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}.${errors > 0 ? ' Fix the errors (or silence one with a reason) before publishing.' : ''}`);
  return `${lines.join('\n')}\n`;
}

export function checkJson(report: CheckReport): unknown {
  return { bitext: 'check', version: 1, documents: report.documents, findings: report.findings, warnings: report.warnings, problems: report.problems.map((p) => describeError(p)) };
}
