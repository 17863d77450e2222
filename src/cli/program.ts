import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { describeError, EXIT, exitCodeFor } from './exit-codes.js';
import { BACKEND_NAMES } from '../backends/registry.js';
import { VERSION } from '../version.js';


/** Commander wiring only: each action parses options, calls the library and renders. */
export function buildProgram(): Command {
  const program = new Command()
    .name('bitext')
    .description('Translate German publications with machine translation and human review.')
    .version(VERSION)
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({ outputError: (text, write) => write(text) });

  program
    .command('translate')
    .description('translate sources into aligned bilingual Markdown for review (only new or changed sentences are sent)')
    .argument('[paths...]', 'source files or folders', ['seeds'])
    .requiredOption('--to <langs>', 'target languages, comma-separated (e.g. en or en,fr)', parseList)
    .addOption(new Option('--backend <name>', `translation backend (${BACKEND_NAMES.join(', ')})`).makeOptionMandatory())
    .option('--glossary <file>', 'glossary file (default: glossary.json when present)')
    .option('--no-glossary', 'translate without a glossary')
    .option('--out <dir>', 'output folder', 'translations')
    .option('--front-matter <keys>', 'Markdown front-matter keys to translate, comma-separated (default: title, subtitle, description, summary, excerpt, caption, alt, image.caption, image.alt)', parseList)
    .option('--dry-run', 'show what would be sent and billed; write nothing')
    .option('--frozen', 'fail (exit 9) if anything would be sent or any file would change; for CI')
    .option('--max-characters <n>', 'refuse to start a run that would send more characters', parseCount)
    .option('--concurrency <n>', 'requests in flight at once (default: the backend\'s)', parseCount)
    .option('--no-context', 'do not send the surrounding paragraph as context (fewer, larger requests)')
    .option('--set <key=value>', 'backend setting, repeatable (deepl: en=en-US, pt=pt-BR, formality=more|less, model=quality_optimized, attempts=5)', collectSetting, {})
    .option('--json', 'print the report as JSON')
    .action(async (paths: string[], opts) => {
      const { runTranslate } = await import('./commands/translate.js');
      process.exitCode = await runTranslate(paths, opts);
    });

  program
    .command('segment')
    .description('split a German text into sentences (for inspection and tests)')
    .argument('[file]', 'text file, or - for standard input', '-')
    .addOption(new Option('--format <format>', 'output format').choices(['jsonl', 'text']).default('jsonl'))
    .action(async (file: string, opts: { format: 'jsonl' | 'text' }) => {
      const { runSegment } = await import('./commands/segment.js');
      process.exitCode = await runSegment(file, opts);
    });

  program
    .command('status')
    .description('per document and language: segments by state, stale segments, and what the next run would send')
    .argument('[paths...]', 'source files or folders', ['seeds'])
    .option('--to <langs>', 'target languages (default: every language folder in the output folder)', parseList)
    .option('--glossary <file>', 'glossary file (default: glossary.json when present)')
    .option('--no-glossary', 'ignore the glossary')
    .option('--out <dir>', 'output folder', 'translations')
    .option('--front-matter <keys>', 'Markdown front-matter keys to translate, comma-separated', parseList)
    .option('--json', 'print JSON')
    .action(async (paths: string[], opts) => {
      const { runStatus } = await import('./commands/status.js');
      process.exitCode = await runStatus(paths, opts);
    });

  program
    .command('publish')
    .description('publish approved translations: target-language Markdown or text, and i18next resource bundles')
    .argument('[paths...]', 'source files or folders', ['seeds'])
    .option('--to <langs>', 'target languages (default: every language folder of the translations folder)', parseList)
    .option('--out <dir>', 'translations folder (review files)', 'translations')
    .option('--published <dir>', 'where to publish (default: published)')
    .option('--glossary <file>', 'glossary file (default: glossary.json when present)')
    .option('--no-glossary', 'ignore the glossary')
    .option('--front-matter <keys>', 'Markdown front-matter keys that are translated, comma-separated', parseList)
    .option('--include-unreviewed', 'publish documents that are not fully approved, recording which segments are not')
    .option('--check', 'write nothing; exit 9 when a published file is missing or out of date (for CI)')
    .option('--force', 'overwrite published files that were edited by hand')
    .option('--json', 'print the report as JSON')
    .action(async (paths: string[], opts) => {
      const { runPublish } = await import('./commands/publish.js');
      process.exitCode = await runPublish(paths, opts);
    });

  const tm = program.command('tm').description('translation memory: export to and import from TMX 1.4b (OmegaT, Trados, memoQ)');
  tm.command('export')
    .description('write the project memory as TMX')
    .requiredOption('--to <lang>', 'target language of the memory (e.g. en)')
    .addOption(new Option('--format <format>', 'export format').choices(['tmx']).default('tmx'))
    .option('--out <file>', 'write to this file instead of standard output')
    .action(async (opts) => {
      const { runTmExport } = await import('./commands/tm.js');
      process.exitCode = await runTmExport(opts);
    });
  tm.command('import')
    .description('add the units of a TMX file to the project memory')
    .argument('<file>', 'TMX file')
    .option('--to <lang>', 'target language to import (default: every language in the file)')
    .action(async (file: string, opts) => {
      const { runTmImport } = await import('./commands/tm.js');
      process.exitCode = await runTmImport(file, opts);
    });

  return program;
}

function parseList(value: string): string[] {
  const list = value
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
  if (list.length === 0) throw new InvalidArgumentError('expected a comma-separated list, e.g. en,fr');
  return list;
}

function parseCount(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n)) throw new InvalidArgumentError('expected a whole number, e.g. 50000');
  return n;
}

function collectSetting(value: string, previous: Record<string, string>): Record<string, string> {
  const at = value.indexOf('=');
  if (at <= 0) throw new InvalidArgumentError('expected key=value, e.g. en=en-US');
  return { ...previous, [value.slice(0, at).trim()]: value.slice(at + 1).trim() };
}

export async function main(argv: readonly string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version end with code 0; usage mistakes were already printed by commander.
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    process.stderr.write(`bitext: ${describeError(error)}\n`);
    return exitCodeFor(error);
  }
}
