import { translate, type TranslateReport } from '../../workflow/translate.js';
import { describeError, EXIT, exitCodeFor } from '../exit-codes.js';
import { renderProgress, renderTranslateReport, reportToJson } from '../render.js';

interface TranslateFlags {
  to: string[];
  backend: string;
  glossary?: string | false;
  out: string;
  dryRun?: boolean;
  frozen?: boolean;
  maxCharacters?: number;
  concurrency?: number;
  context: boolean;
  set: Record<string, string>;
  json?: boolean;
  frontMatter?: string[];
}

export async function runTranslate(paths: string[], flags: TranslateFlags): Promise<number> {
  const report: TranslateReport = await translate({
    cwd: process.cwd(),
    sources: paths,
    targets: flags.to,
    backend: flags.backend,
    glossary: flags.glossary === false ? null : flags.glossary,
    out: flags.out,
    ...(flags.frontMatter ? { frontMatterKeys: flags.frontMatter } : {}),
    env: process.env,
    now: () => new Date(),
    dryRun: flags.dryRun ?? false,
    frozen: flags.frozen ?? false,
    ...(flags.maxCharacters !== undefined ? { maxCharacters: flags.maxCharacters } : {}),
    ...(flags.concurrency !== undefined ? { concurrency: flags.concurrency } : {}),
    context: flags.context,
    backendSettings: flags.set,
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
