import type { Command } from 'commander';
import { translate, type TranslateReport } from '../../workflow/translate.js';
import { describeError, EXIT, exitCodeFor } from '../exit-codes.js';
import { backendOf, projectOptions, requireTargets, resolveConfig, type CommonFlags } from '../project-config.js';
import { renderDiagnostic, renderProgress, renderTranslateReport, reportToJson } from '../render.js';

interface TranslateFlags extends CommonFlags {
  dryRun?: boolean;
  frozen?: boolean;
  json?: boolean;
  verbose?: boolean;
}

export async function runTranslate(command: Command, paths: string[], flags: TranslateFlags): Promise<number> {
  const { config, warnings } = await resolveConfig(command, paths, flags, process.cwd());
  for (const warning of warnings) process.stderr.write(`bitext: ${renderDiagnostic(warning)}\n`);
  const targets = requireTargets(config);
  const backend = backendOf(config);
  const report: TranslateReport = await translate({
    ...(await projectOptions(config, { targets })),
    backend: backend.spec,
    env: process.env,
    now: () => new Date(),
    dryRun: flags.dryRun ?? false,
    frozen: flags.frozen ?? false,
    ...(config.maxCharacters !== undefined ? { maxCharacters: config.maxCharacters } : {}),
    ...(backend.concurrency !== undefined ? { concurrency: backend.concurrency } : {}),
    context: config.context,
    backendSettings: backend.settings,
    onProgress: flags.json ? undefined : renderProgress(process.stderr),
  });
  process.stdout.write(flags.json ? `${JSON.stringify(reportToJson(report), null, 2)}\n` : renderTranslateReport(report));
  for (const problem of report.problems) process.stderr.write(`bitext: ${describeError(problem)}\n`);
  if (report.backendError) {
    process.stderr.write(`bitext: ${describeError(report.backendError)}\n`);
    if (report.backendError.kind === 'quota') {
      process.stderr.write('bitext: the quota is used up; every translation received so far is saved. Run the same command again when there is quota: only what is missing will be sent.\n');
    }
    return exitCodeFor(report.backendError);
  }
  if (report.problems[0]) return exitCodeFor(report.problems[0]);
  return EXIT.ok;
}
