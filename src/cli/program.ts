import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { describeError, EXIT, exitCodeFor } from './exit-codes.js';
import { BACKEND_NAMES } from '../backends/registry.js';
import { VERSION } from '../version.js';

/** Options every command that works on a project takes; their defaults come from the config. */
function projectOptions(command: Command): Command {
  return command
    .option('--config <file>', 'project config (default: bitext.config.json, .yaml or .yml in this folder)')
    .option('--out <dir>', 'translations folder: review files, memory and lock (default: translations)')
    .option('--glossary <file>', 'glossary file (default: glossary.json when present)')
    .option('--no-glossary', 'work without a glossary')
    .option('--front-matter <keys>', 'Markdown front-matter keys that are translated, comma-separated', parseList);
}

function output(command: Command): Command {
  return command.option('--json', 'print the report as JSON (versioned; see the README)').option('--verbose', 'show internal details of unexpected errors');
}

function examples(command: Command, lines: readonly string[]): Command {
  return command.addHelpText('after', `\nExamples:\n${lines.map((line) => `  $ ${line}`).join('\n')}\n`);
}

/** Commander wiring only: each action parses options, calls the library and renders. */
export function buildProgram(): Command {
  const program = new Command()
    .name('bitext')
    .description('Translate German publications with machine translation and human review.')
    .version(VERSION)
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({ outputError: (text, write) => write(text) });

  examples(
    program
      .command('init')
      .description('start a project here: bitext.config.json, glossary.json and an example article (never overwrites)')
      .option('--to <langs>', 'target languages of the config (default: en)', parseList)
      .option('--backend <name>', `backend of the config (${BACKEND_NAMES.join(', ')}; default: mock)`)
      .option('--keep-existing', 'leave files that are already there and write only the missing ones')
      .option('--json', 'print what was written as JSON')
      .action(async (opts) => {
        const { runInit } = await import('./commands/init.js');
        process.exitCode = await runInit(opts);
      }),
    ['bitext init', 'bitext init --to en,fr --backend deepl'],
  );

  examples(
    output(
      projectOptions(
        program
          .command('translate')
          .description('translate sources into aligned bilingual Markdown for review (only new or changed sentences are sent)')
          .argument('[paths...]', 'source files, folders or globs (default: the config\'s sources, else seeds/)'),
      )
        .option('--to <langs>', 'target languages, comma-separated (default: the config\'s targetLanguages)', parseList)
        .option('--backend <name>', `translation backend: ${BACKEND_NAMES.join(', ')}, or a module path (default: the config's)`)
        .option('--dry-run', 'show what would be sent and billed; write nothing')
        .option('--frozen', 'fail (exit 9) if anything would be sent or any file would change; for CI')
        .option('--max-characters <n>', 'refuse to start a run that would send more characters', parseCount)
        .option('--concurrency <n>', "requests in flight at once (default: the backend's)", parseCount)
        .option('--no-context', 'do not send the surrounding paragraph as context (fewer, larger requests)')
        .option('--set <key=value>', 'backend setting, repeatable (deepl: en=en-US, pt=pt-BR, formality=more|less, model=quality_optimized, attempts=5)', collectSetting, {})
        .action(async (paths: string[], opts, command: Command) => {
          const { runTranslate } = await import('./commands/translate.js');
          process.exitCode = await runTranslate(command, paths, opts);
        }),
    ),
    [
      'bitext translate --backend mock --to en',
      'bitext translate articles/ --to en,fr --dry-run',
      'bitext translate --frozen   # in CI: exit 9 when anything is out of date',
    ],
  );

  examples(
    program
      .command('segment')
      .description('split a German text into sentences (for inspection and tests)')
      .argument('[file]', 'text file, or - for standard input', '-')
      .addOption(new Option('--format <format>', 'output format').choices(['jsonl', 'text']).default('jsonl'))
      .option('--json', 'the same as --format jsonl')
      .action(async (file: string, opts: { format: 'jsonl' | 'text'; json?: boolean }) => {
        const { runSegment } = await import('./commands/segment.js');
        process.exitCode = await runSegment(file, opts);
      }),
    ['bitext segment seeds/000_559d78c4b1b37f76.txt --format text', "echo 'Der 75. Jahrestag ist am 3. Oktober. Er kam z. B. um 14.30 Uhr.' | bitext segment -"],
  );

  examples(
    output(
      projectOptions(
        program
          .command('status')
          .description('per document and language: segments by state, stale segments, and what the next run would send')
          .argument('[paths...]', 'source files, folders or globs (default: the config\'s sources)'),
      )
        .option('--to <langs>', "target languages (default: the config's, else every language folder)", parseList)
        .option('--todo', 'list every segment that still needs a person (not reviewed or approved, or with a QA error) as file:line'),
    ).action(async (paths: string[], opts, command: Command) => {
      const { runStatus } = await import('./commands/status.js');
      process.exitCode = await runStatus(command, paths, opts);
    }),
    ['bitext status', 'bitext status --todo', 'bitext status --to en --json'],
  );

  examples(
    output(
      projectOptions(
        program
          .command('check')
          .description('run the QA checks on the review files: numbers, glossary, markup, quotes, untranslated text, …; exit 1 on errors')
          .argument('[paths...]', "source files, folders or globs (default: the config's sources)"),
      ).option('--to <langs>', "target languages (default: the config's, else every language folder)", parseList),
    ).action(async (paths: string[], opts, command: Command) => {
      const { runCheck } = await import('./commands/check.js');
      process.exitCode = await runCheck(command, paths, opts);
    }),
    ['bitext check', 'bitext check --to en --json'],
  );

  examples(
    output(
      projectOptions(
        program
          .command('publish')
          .description('publish approved translations: target-language Markdown or text, and i18next resource bundles')
          .argument('[paths...]', 'source files, folders or globs (default: the config\'s sources)'),
      )
        .option('--to <langs>', "target languages (default: the config's, else every language folder)", parseList)
        .option('--published <dir>', 'where to publish (default: the config\'s paths.published, else published)')
        .option('--include-unreviewed', 'publish documents that are not fully approved, recording which segments are not')
        .option('--check', 'write nothing; exit 9 when a published file is missing or out of date (for CI)')
        .option('--force', 'overwrite published files that were edited by hand'),
    ).action(async (paths: string[], opts, command: Command) => {
      const { runPublish } = await import('./commands/publish.js');
      process.exitCode = await runPublish(command, paths, opts);
    }),
    ['bitext publish', 'bitext publish --to en --include-unreviewed', 'bitext publish --check   # in CI'],
  );

  const tm = program.command('tm').description('translation memory: export to and import from TMX 1.4b (OmegaT, Trados, memoQ)');
  examples(
    tm
      .command('export')
      .description('write the project memory as TMX')
      .requiredOption('--to <lang>', 'target language of the memory (e.g. en)')
      .addOption(new Option('--format <format>', 'export format').choices(['tmx']).default('tmx'))
      .option('--out <file>', 'write to this file instead of standard output')
      .action(async (opts) => {
        const { runTmExport } = await import('./commands/tm.js');
        process.exitCode = await runTmExport(opts);
      }),
    ['bitext tm export --to en --out memory-en.tmx'],
  );
  examples(
    tm
      .command('import')
      .description('add the units of a TMX file to the project memory')
      .argument('<file>', 'TMX file')
      .option('--to <lang>', 'target language to import (default: every language in the file)')
      .option('--json', 'print what was imported as JSON')
      .action(async (file: string, opts) => {
        const { runTmImport } = await import('./commands/tm.js');
        process.exitCode = await runTmImport(file, opts);
      }),
    ['bitext tm import memory-en.tmx', 'bitext tm import agency.tmx --to fr'],
  );

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
  const verbose = argv.includes('--verbose');
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version end with code 0; usage mistakes were already printed by commander.
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    process.stderr.write(`bitext: ${describeError(error, { verbose })}\n`);
    return exitCodeFor(error);
  }
}
