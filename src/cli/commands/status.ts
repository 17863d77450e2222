import { BitextError } from '../../core/errors.js';
import { projectStatus } from '../../workflow/status.js';
import { languageFolders, layoutOf } from '../../workflow/project.js';
import { describeError, EXIT } from '../exit-codes.js';
import { renderStatus } from '../render.js';

interface StatusFlags {
  to?: string[];
  glossary?: string | false;
  out: string;
  json?: boolean;
  frontMatter?: string[];
}

export async function runStatus(paths: string[], flags: StatusFlags): Promise<number> {
  const cwd = process.cwd();
  const targets = flags.to ?? (await languageFolders(layoutOf({ cwd, out: flags.out })));
  if (targets.length === 0) {
    throw new BitextError('usage', `${flags.out}: no translations yet; pass --to, e.g. --to en`);
  }
  const report = await projectStatus({
    cwd,
    sources: paths,
    targets,
    glossary: flags.glossary === false ? null : flags.glossary,
    out: flags.out,
    ...(flags.frontMatter ? { frontMatterKeys: flags.frontMatter } : {}),
    now: () => new Date(),
  });
  if (flags.json) {
    const json = { documents: report.documents, problems: report.problems.map((p) => describeError(p)) };
    process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
  } else {
    process.stdout.write(renderStatus(report));
  }
  return report.problems.length > 0 ? EXIT.input : EXIT.ok;
}
