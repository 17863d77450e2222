import type { Command } from 'commander';
import { BitextError } from '../../core/errors.js';
import { projectStatus } from '../../workflow/status.js';
import { languageFolders, layoutOf } from '../../workflow/project.js';
import { describeError, EXIT, exitCodeFor } from '../exit-codes.js';
import { t } from '../i18n.js';
import { projectOptions, resolveConfig, type CommonFlags } from '../project-config.js';
import { renderStatus, renderTodo, statusJson } from '../render.js';
import { uiOf } from '../ui.js';

interface StatusFlags extends CommonFlags {
  json?: boolean;
  todo?: boolean;
}

export async function runStatus(command: Command, paths: string[], flags: StatusFlags): Promise<number> {
  const ui = uiOf(command);
  const { config, warnings } = await resolveConfig(command, paths, flags, process.cwd());
  for (const warning of warnings) ui.diagnostic(warning);
  const options = await projectOptions(config, { onWarning: (w) => ui.diagnostic(w) });
  const targets = options.targets.length > 0 ? options.targets : await languageFolders(layoutOf(options));
  if (targets.length === 0) throw new BitextError('usage', t('status.noTranslations'));
  const report = await projectStatus({ ...options, targets, now: () => new Date(), ...(flags.todo ? { todo: true } : {}) });
  const text = report.todo ? renderTodo(report, { style: ui.out }) : renderStatus(report, { style: ui.out, quiet: ui.quiet });
  ui.print(ui.json ? `${JSON.stringify(statusJson(report), null, 2)}\n` : text);
  // Like every command: errors on standard error with the `bitext:` prefix, the exit code of the first.
  for (const problem of report.problems) ui.error(describeError(problem, { verbose: ui.verbose }));
  const [first] = report.problems;
  return first === undefined ? EXIT.ok : exitCodeFor(first);
}
