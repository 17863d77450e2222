import type { Command } from 'commander';
import { translate, type TranslateReport } from '../../workflow/translate.js';
import { describeError, EXIT, exitCodeFor } from '../exit-codes.js';
import { backendOf, projectOptions, requireTargets, resolveConfig, type CommonFlags } from '../project-config.js';
import { describeInterruption, renderDiagnostic, renderProgress, renderTranslateReport, reportToJson } from '../render.js';

interface TranslateFlags extends CommonFlags {
  dryRun?: boolean;
  frozen?: boolean;
  json?: boolean;
  verbose?: boolean;
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
      process.stderr.write(`bitext: ${name} again: quitting at once; the answers received so far are in the journal, and the next run uses them\n`);
      process.exit(signalExitCode(name));
    }
    caught = name;
    const [what, again] = name === 'SIGINT' ? ['Ctrl-C', 'Ctrl-C again'] : ['SIGTERM', 'a second signal'];
    process.stderr.write(`bitext: ${what}: stopping — no new request starts; saving what was received (${again} quits at once)\n`);
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
    signal,
  });
  process.stdout.write(flags.json ? `${JSON.stringify(reportToJson(report), null, 2)}\n` : renderTranslateReport(report));
  for (const problem of report.problems) process.stderr.write(`bitext: ${describeError(problem)}\n`);
  if (report.interrupted) process.stderr.write(`bitext: ${describeInterruption(report.interrupted)}\n`);
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
