import { createRequire } from 'node:module';
import type { Argument as ArgumentType, Command as CommandType, Help as HelpType, Option as OptionType } from 'commander';
import { describeError, EXIT, exitCodeFor, jsonError } from './exit-codes.js';
import { BitextError } from '../core/errors.js';
import { BACKEND_NAMES } from '../backends/registry.js';
import { VERSION } from '../version.js';
import { detectUiLanguage, later, resolveText, setUiLanguage, t, UI_LANGUAGES } from './i18n.js';
import { styleFor, type Style } from './style.js';

// Commander is CommonJS. Imported as ESM, Node first scans its source for the names it exports (the
// cjs-module-lexer), which cost `bitext --help` 7-8 ms of its start-up here; required, it loads directly.
const { Argument, Command, CommanderError, Help, InvalidArgumentError, Option } = createRequire(import.meta.url)('commander') as typeof import('commander');
type Command = CommandType;
type Option = OptionType;
type Argument = ArgumentType;
type Help = HelpType;

type Env = Readonly<Record<string, string | undefined>>;

export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];

/** Options every command that works on a project takes; their defaults come from the config. */
function projectOptions(command: Command, translationsFlag = '--out <dir>'): Command {
  return command
    .option('--config <file>', later('option.config'))
    .option(translationsFlag, later('option.out'))
    .option('--glossary <file>', later('option.glossary'))
    .option('--no-glossary', later('option.noGlossary'))
    .option('--front-matter <keys>', later('option.frontMatter'), parseList);
}

function json(command: Command): Command {
  return command.option('--json', later('option.json'));
}

/** An example command line, or one with a comment (made with `later`, so it is translated when shown). */
type Example = string | readonly [command: string, comment: string];

function examples(command: Command, lines: readonly Example[], style: Style): Command {
  const line = (example: Example) => (typeof example === 'string' ? example : `${example[0]}   ${style.dim(`# ${resolveText(example[1])}`)}`);
  return command.addHelpText('after', () => `\n${style.bold(t('help.examples'))}\n${lines.map((example) => `  $ ${line(example)}`).join('\n')}\n`);
}

/** Commander's own help words, and the parts of option lines it writes, in the UI language. */
function translatedHelp(style: Style): Partial<Help> {
  const titles: Record<string, () => string> = {
    'Usage:': () => t('help.usage'),
    'Arguments:': () => t('help.arguments'),
    'Options:': () => t('help.options'),
    'Global Options:': () => t('help.globalOptions'),
    'Commands:': () => t('help.commands'),
  };
  /** `(choices: …, default: …)` as commander writes it, in words of the UI language. */
  const describe = (description: string, choices: readonly string[] | undefined, defaultValue: unknown, defaultDescription: string | undefined): string => {
    const extra: string[] = [];
    if (choices) extra.push(t('help.choices', { choices: choices.map((c) => JSON.stringify(c)).join(', ') }));
    // An object default (the `--set` collector's {}) means "none" to the user: not shown.
    if (defaultValue !== undefined && (defaultDescription !== undefined || typeof defaultValue !== 'object')) {
      extra.push(t('help.default', { value: defaultDescription ?? JSON.stringify(defaultValue) }));
    }
    return extra.length === 0 ? description : `${description}${description ? ' ' : ''}(${extra.join(', ')})`;
  };
  // configureHelp copies these onto commander's Help instance: methods, so `this` is that instance.
  // Descriptions are message ids until here (see `later`): only what is shown is translated.
  return {
    showGlobalOptions: true,
    styleTitle: (title: string) => style.bold(titles[title]?.() ?? title),
    commandDescription: (command: Command) => resolveText(command.description()),
    subcommandDescription: (command: Command) => resolveText(command.summary() || command.description()),
    optionDescription(option: Option): string {
      // As commander shows them: the defaults of options that take a value, not of --no-… switches.
      const takesValue = option.required || option.optional;
      return describe(resolveText(option.description), option.argChoices, takesValue ? option.defaultValue : undefined, option.defaultValueDescription);
    },
    argumentDescription(argument: Argument): string {
      return describe(resolveText(argument.description), argument.argChoices, argument.defaultValue, argument.defaultValueDescription);
    },
    // --version belongs to bitext itself; under a command it would only print the same number.
    visibleGlobalOptions(this: Help, command: Command): Option[] {
      return Help.prototype.visibleGlobalOptions.call(this, command).filter((option) => option.long !== '--version');
    },
  };
}

/** Commander wiring only: each action parses options, calls the library and renders. */
export function buildProgram(env: Env = process.env): Command {
  const helpStyle = styleFor(process.stdout, env);
  const program = new Command()
    .name('bitext')
    .description(later('program.description'))
    .version(VERSION, '-V, --version', later('option.version'))
    .helpOption('-h, --help', later('option.help'))
    .helpCommand('help [command]', later('command.help'))
    .configureHelp(translatedHelp(helpStyle))
    .showHelpAfterError(t('help.afterError'))
    .exitOverride()
    .configureOutput({
      outputError: (text, write) => write(text),
      getOutHasColors: () => helpStyle.enabled,
      getErrHasColors: () => styleFor(process.stderr, env).enabled,
    })
    .addOption(new Option('-q, --quiet', later('option.quiet')).conflicts('verbose'))
    .addOption(new Option('--verbose', later('option.verbose')))
    .addOption(new Option('--ui-lang <lang>', later('option.uiLang')).choices(UI_LANGUAGES));
  examples(program, ['bitext init', 'bitext translate --backend mock --to en', 'BITEXT_LANG=de bitext status', 'bitext help translate'], helpStyle);

  examples(
    json(
      program
        .command('init')
        .description(later('init.description'))
        .option('--to <langs>', later('init.option.to'), parseList)
        .option('--backend <name>', later('init.option.backend', { names: BACKEND_NAMES.join(', ') }))
        .option('--keep-existing', later('init.option.keepExisting')),
    ).action(async (opts, command: Command) => {
      const { runInit } = await import('./commands/init.js');
      process.exitCode = await runInit(command, opts);
    }),
    ['bitext init', 'bitext init --to en,fr --backend deepl', 'bitext init --keep-existing --json'],
    helpStyle,
  );

  examples(
    json(
      projectOptions(
        program
          .command('translate')
          .description(later('translate.description'))
          .argument('[paths...]', later('translate.argument.paths')),
      )
        .option('--to <langs>', later('translate.option.to'), parseList)
        .option('--backend <name>', later('translate.option.backend', { names: BACKEND_NAMES.join(', ') }))
        .option('--dry-run', later('translate.option.dryRun'))
        .option('--frozen', later('translate.option.frozen'))
        .option('--max-characters <n>', later('translate.option.maxCharacters'), parseCount)
        .option('--concurrency <n>', later('translate.option.concurrency'), parseCount)
        .option('--no-context', later('translate.option.noContext'))
        .option('--set <key=value>', later('translate.option.set'), collectSetting, {}),
    ).action(async (paths: string[], opts, command: Command) => {
      const { runTranslate } = await import('./commands/translate.js');
      process.exitCode = await runTranslate(command, paths, opts);
    }),
    [
      'bitext translate --backend mock --to en',
      'bitext translate articles/ --to en,fr --dry-run',
      ['bitext translate --frozen', later('translate.example.frozen')],
      ['bitext translate --quiet --json > report.json', later('translate.example.json')],
    ],
    helpStyle,
  );

  examples(
    program
      .command('segment')
      .description(later('segment.description'))
      .argument('[file]', later('segment.argument.file'), '-')
      .addOption(new Option('--format <format>', later('segment.option.format')).choices(['jsonl', 'text']).default('jsonl'))
      .option('--json', later('segment.option.json'))
      .action(async (file: string, opts: { format: 'jsonl' | 'text'; json?: boolean }) => {
        const { runSegment } = await import('./commands/segment.js');
        process.exitCode = await runSegment(file, opts);
      }),
    ['bitext segment seeds/000_559d78c4b1b37f76.txt --format text', "echo 'Der 75. Jahrestag ist am 3. Oktober. Er kam z. B. um 14.30 Uhr.' | bitext segment -"],
    helpStyle,
  );

  examples(
    json(
      projectOptions(
        program
          .command('status')
          .description(later('status.description'))
          .argument('[paths...]', later('argument.paths')),
      )
        .option('--to <langs>', later('option.toExisting'), parseList)
        .option('--todo', later('option.todo')),
    ).action(async (paths: string[], opts, command: Command) => {
      const { runStatus } = await import('./commands/status.js');
      process.exitCode = await runStatus(command, paths, opts);
    }),
    ['bitext status', 'bitext status --todo', 'bitext status --to en --json', 'BITEXT_LANG=de bitext status'],
    helpStyle,
  );

  examples(
    json(
      projectOptions(
        program
          .command('check')
          .description(later('check.description'))
          .argument('[paths...]', later('argument.paths')),
      ).option('--to <langs>', later('option.toExisting'), parseList),
    ).action(async (paths: string[], opts, command: Command) => {
      const { runCheck } = await import('./commands/check.js');
      process.exitCode = await runCheck(command, paths, opts);
    }),
    ['bitext check', 'bitext check --to en --json'],
    helpStyle,
  );

  examples(
    json(
      projectOptions(
        program
          .command('publish')
          .description(later('publish.description'))
          .argument('[paths...]', later('argument.paths')),
        '--translations <dir>',
      )
        .option('--to <langs>', later('option.toExisting'), parseList)
        .option('--out <dir>', later('publish.option.out'))
        .option('--include-unreviewed', later('publish.option.includeUnreviewed'))
        .option('--check', later('publish.option.check'))
        .option('--force', later('publish.option.force')),
    ).action(async (paths: string[], opts, command: Command) => {
      const { runPublish } = await import('./commands/publish.js');
      process.exitCode = await runPublish(command, paths, opts);
    }),
    ['bitext publish', 'bitext publish --to en --include-unreviewed', 'bitext publish --out site/content', ['bitext publish --check', later('publish.example.check')]],
    helpStyle,
  );

  const tm = examples(
    program.command('tm').description(later('tm.description')),
    ['bitext tm export --to en --out memory-en.tmx', 'bitext tm import memory-en.tmx'],
    helpStyle,
  );
  examples(
    tm
      .command('export')
      .description(later('tm.export.description'))
      .requiredOption('--to <lang>', later('tm.export.option.to'))
      .addOption(new Option('--format <format>', later('tm.export.option.format')).choices(['tmx']).default('tmx'))
      .option('--out <file>', later('tm.export.option.out'))
      .option('--json', later('tm.export.option.json'))
      .action(async (opts, command: Command) => {
        const { runTmExport } = await import('./commands/tm.js');
        process.exitCode = await runTmExport(command, opts);
      }),
    ['bitext tm export --to en --out memory-en.tmx', 'bitext tm export --to en > memory-en.tmx', 'bitext tm export --to en --out memory-en.tmx --json'],
    helpStyle,
  );
  examples(
    json(
      tm
        .command('import')
        .description(later('tm.import.description'))
        .argument('<file>', later('tm.import.argument.file'))
        .option('--to <lang>', later('tm.import.option.to')),
    ).action(async (file: string, opts, command: Command) => {
      const { runTmImport } = await import('./commands/tm.js');
      process.exitCode = await runTmImport(command, file, opts);
    }),
    ['bitext tm import memory-en.tmx', 'bitext tm import agency.tmx --to fr'],
    helpStyle,
  );

  examples(
    program
      .command('completion')
      .description(later('completion.description'))
      .addArgument(new Argument('<shell>', later('completion.argument.shell')).choices(SHELLS))
      .action(async (shell: Shell) => {
        const { completionScript } = await import('./completion.js');
        process.stdout.write(completionScript(program, shell));
        process.exitCode = EXIT.ok;
      }),
    ['source <(bitext completion bash)', 'bitext completion zsh > "${fpath[1]}/_bitext"', 'bitext completion fish > ~/.config/fish/completions/bitext.fish'],
    helpStyle,
  );

  return program;
}

function parseList(value: string): string[] {
  const list = value
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
  if (list.length === 0) throw new InvalidArgumentError(t('argument.invalidList'));
  return list;
}

function parseCount(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n)) throw new InvalidArgumentError(t('argument.invalidCount'));
  return n;
}

function collectSetting(value: string, previous: Record<string, string>): Record<string, string> {
  const at = value.indexOf('=');
  if (at <= 0) throw new InvalidArgumentError(t('argument.invalidSetting'));
  return { ...previous, [value.slice(0, at).trim()]: value.slice(at + 1).trim() };
}

export async function main(argv: readonly string[], env: Env = process.env): Promise<number> {
  setUiLanguage(detectUiLanguage(argv, env));
  const program = buildProgram(env);
  let running: Command | undefined;
  program.hook('preAction', (_, actionCommand) => {
    running = actionCommand;
  });
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version end with code 0; usage mistakes were already printed by commander. A --json
      // caller still gets its one JSON document on stdout: the command never ran, so `running` is unset.
      if (error.exitCode === 0) return EXIT.ok;
      const named = jsonCommandOf(program, argv);
      if (named !== undefined) {
        const usage = new BitextError('usage', error.message.replace(/^error: /, ''));
        process.stdout.write(`${JSON.stringify(jsonError(commandPath(named), usage), null, 2)}\n`);
      }
      return EXIT.usage;
    }
    const verbose = program.opts().verbose === true;
    const style = styleFor(process.stderr, env);
    process.stderr.write(`${style.red('bitext:')} ${describeError(error, { verbose })}\n`);
    // A --json caller reads stdout: it gets one JSON document there even when the command failed.
    if (running?.opts().json === true) process.stdout.write(`${JSON.stringify(jsonError(commandPath(running), error), null, 2)}\n`);
    return exitCodeFor(error);
  }
}

/**
 * The command `argv` names when it asks for `--json` and that command has the option; else undefined.
 * Read from the words themselves, for an error commander raised before any action ran.
 */
function jsonCommandOf(program: Command, argv: readonly string[]): Command | undefined {
  const end = argv.indexOf('--');
  const words = end === -1 ? argv : argv.slice(0, end);
  if (!words.includes('--json')) return undefined;
  let command: Command = program;
  for (let at = 0; at < words.length; at += 1) {
    const word = words[at] as string;
    if (word === '--ui-lang') at += 1;
    if (word.startsWith('-')) continue;
    const sub = command.commands.find((c) => c.name() === word || c.aliases().includes(word));
    if (sub === undefined) break;
    command = sub;
  }
  return command !== program && command.options.some((option) => option.long === '--json') ? command : undefined;
}

/** `translate`, `tm export`: the words after `bitext` that name a command. */
export function commandPath(command: Command): string {
  const names: string[] = [];
  for (let c: Command | null = command; c?.parent; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}
