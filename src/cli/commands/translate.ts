import type { Command } from 'commander';
import { translate, type TranslateReport } from '../../workflow/translate.js';
import { describeError, EXIT, exitCodeFor } from '../exit-codes.js';
import { t } from '../i18n.js';
import { createProgress, wantBars } from '../progress.js';
import { backendOf, projectOptions, requireTargets, resolveConfig, type CommonFlags } from '../project-config.js';
import { describeInterruption, renderTranslateReport, reportToJson } from '../render.js';
import { uiOf } from '../ui.js';

interface TranslateFlags extends CommonFlags {
  dryRun?: boolean;
  frozen?: boolean;
  json?: boolean;
}

/** Ctrl-C and `kill`: the first one stops the run gracefully, a second one quits at once. */
const STOP_SIGNALS = ['SIGINT', 'SIGTERM'] as const;
type StopSignal = (typeof STOP_SIGNALS)[number];

export async function runTranslate(command: Command, paths: string[], flags: TranslateFlags): Promise<number> {
  const controller = new AbortController();
  let caught: StopSignal | undefined;
  const onSignal = (name: StopSignal): void => {
    if (caught !== undefined) {
      // Nothing is left corrupt: every file is replaced atomically, every answer received is in the
      // journal, and the lock of a process that has ended is taken over by the next run.
      process.stderr.write(`bitext: ${t('translate.signalAgain', { signal: name })}\n`);
      process.exit(signalExitCode(name));
    }
    caught = name;
    process.stderr.write(`bitext: ${name === 'SIGINT' ? t('translate.stoppingInt') : t('translate.stoppingTerm')}\n`);
    controller.abort(new Error(`stopped by ${name}`));
  };
  for (const name of STOP_SIGNALS) process.on(name, onSignal);
  try {
    const code = await translateWith(command, paths, flags, controller.signal);
    return caught === undefined ? code : signalExitCode(caught);
  } finally {
    for (const name of STOP_SIGNALS) process.off(name, onSignal);
  }
}

function signalExitCode(name: StopSignal): number {
  return name === 'SIGINT' ? EXIT.interrupted : EXIT.terminated;
}

async function translateWith(command: Command, paths: string[], flags: TranslateFlags, signal: AbortSignal): Promise<number> {
  const ui = uiOf(command);
  const { config, warnings } = await resolveConfig(command, paths, flags, process.cwd());
  for (const warning of warnings) ui.diagnostic(warning);
  const targets = requireTargets(config);
  const backend = backendOf(config);
  const progress = createProgress({
    stream: process.stderr,
    bars: wantBars(process.stderr, ui.env, ui.quiet),
    quiet: ui.quiet,
    verbose: ui.verbose,
    style: ui.err,
  });
  let report: TranslateReport;
  try {
    report = await translate({
      ...(await projectOptions(config, { targets, onWarning: (w) => ui.diagnostic(w) })),
      backend: backend.spec,
      env: process.env,
      now: () => new Date(),
      dryRun: flags.dryRun ?? false,
      frozen: flags.frozen ?? false,
      ...(config.maxCharacters !== undefined ? { maxCharacters: config.maxCharacters } : {}),
      ...(backend.concurrency !== undefined ? { concurrency: backend.concurrency } : {}),
      context: config.context,
      backendSettings: backend.settings,
      onProgress: progress.listener,
      signal,
    });
  } finally {
    progress.stop();
  }
  ui.print(ui.json ? `${JSON.stringify(reportToJson(report), null, 2)}\n` : renderTranslateReport(report, { style: ui.out, quiet: ui.quiet }));
  for (const problem of report.problems) ui.error(describeError(problem, { verbose: ui.verbose }));
  if (report.interrupted) ui.error(describeInterruption(report.interrupted));
  if (report.backendError) {
    ui.error(describeError(report.backendError, { verbose: ui.verbose }));
    if (report.backendError.kind === 'quota') ui.error(t('translate.quotaHint'));
    return exitCodeFor(report.backendError);
  }
  if (report.problems[0]) return exitCodeFor(report.problems[0]);
  return EXIT.ok;
}
