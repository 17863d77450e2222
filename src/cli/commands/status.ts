import type { Command } from 'commander';
import { BitextError } from '../../core/errors.js';
import { projectStatus } from '../../workflow/status.js';
import { languageFolders, layoutOf } from '../../workflow/project.js';
import { describeError, EXIT } from '../exit-codes.js';
import { projectOptions, resolveConfig, type CommonFlags } from '../project-config.js';
import { renderDiagnostic, renderStatus, renderTodo } from '../render.js';

interface StatusFlags extends CommonFlags {
  json?: boolean;
  todo?: boolean;
}

export async function runStatus(command: Command, paths: string[], flags: StatusFlags): Promise<number> {
  const { config, warnings } = await resolveConfig(command, paths, flags, process.cwd());
  for (const warning of warnings) process.stderr.write(`bitext: ${renderDiagnostic(warning)}\n`);
  const options = await projectOptions(config);
  const targets = options.targets.length > 0 ? options.targets : await languageFolders(layoutOf(options));
  if (targets.length === 0) {
    throw new BitextError('usage', 'no translations yet; pass --to, e.g. --to en, or set "targetLanguages" in bitext.config.json');
  }
  const report = await projectStatus({ ...options, targets, now: () => new Date(), ...(flags.todo ? { todo: true } : {}) });
  if (flags.json) {
    const json = {
      bitext: 'status',
      version: 1,
      documents: report.documents,
      ...(report.todo ? { todo: report.todo } : {}),
      problems: report.problems.map((p) => describeError(p)),
    };
    process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
  } else {
    process.stdout.write(report.todo ? renderTodo(report) : renderStatus(report));
  }
  return report.problems.length > 0 ? EXIT.input : EXIT.ok;
}
