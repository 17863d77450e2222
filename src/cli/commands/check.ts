import type { Command } from 'commander';
import { BitextError } from '../../core/errors.js';
import { checkTranslations, type CheckReport } from '../../workflow/check.js';
import { languageFolders, layoutOf } from '../../workflow/project.js';
import { describeError, errorText, EXIT, exitCodeFor } from '../exit-codes.js';
import { t } from '../i18n.js';
import { projectOptions, resolveConfig, type CommonFlags } from '../project-config.js';
import { renderDiagnostic, type RenderOptions } from '../render.js';
import { PLAIN } from '../style.js';
import { uiOf } from '../ui.js';

interface CheckFlags extends CommonFlags {
  json?: boolean;
}

export async function runCheck(command: Command, paths: string[], flags: CheckFlags): Promise<number> {
  const ui = uiOf(command);
  const { config, warnings } = await resolveConfig(command, paths, flags, process.cwd());
  for (const warning of warnings) ui.diagnostic(warning);
  const options = await projectOptions(config, { onWarning: (w) => ui.diagnostic(w) });
  const targets = options.targets.length > 0 ? options.targets : await languageFolders(layoutOf(options));
  if (targets.length === 0) throw new BitextError('usage', t('check.noTranslations'));
  const report = await checkTranslations({ ...options, targets, now: () => new Date() });
  ui.print(ui.json ? `${JSON.stringify(checkJson(report), null, 2)}\n` : renderCheck(report, { style: ui.out, quiet: ui.quiet }));
  for (const problem of report.problems) ui.error(describeError(problem, { verbose: ui.verbose }));
  if (report.problems[0]) return exitCodeFor(report.problems[0]);
  return report.findings.some((f) => f.severity === 'error') ? EXIT.findings : EXIT.ok;
}

export function renderCheck(report: CheckReport, options: RenderOptions = {}): string {
  const style = options.style ?? PLAIN;
  const lines: string[] = [];
  // What reading the project found (a source with invisible characters, …): said as translate says it.
  if (!options.quiet) for (const w of report.warnings) lines.push(renderDiagnostic(w, style));
  for (const f of report.findings) {
    if (options.quiet && f.severity !== 'error') continue;
    lines.push(renderDiagnostic(f, style));
    if (f.hint) lines.push(`  ${t('check.hint', { hint: f.hint })}`);
  }
  const errors = report.findings.filter((f) => f.severity === 'error').length;
  const warnings = [...report.warnings, ...report.findings].filter((f) => f.severity === 'warning').length;
  const summary = t('check.summary', {
    files: t('count.reviewFiles', { count: report.documents }),
    errors: t('count.errors', { count: errors }),
    warnings: t('count.warnings', { count: warnings }),
  });
  lines.push(style.bold(errors > 0 ? `${summary} ${t('check.fixErrors')}` : summary));
  return `${lines.join('\n')}\n`;
}

/** `bitext check --json`, version 1. */
export function checkJson(report: CheckReport): unknown {
  return { bitext: 'check', version: 1, documents: report.documents, findings: report.findings, warnings: report.warnings, problems: report.problems.map((p) => errorText(p)) };
}
