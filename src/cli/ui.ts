// What a command needs to talk to the user: the global flags, a colour style per stream, and the three
// kinds of line it writes to stderr. stdout carries only the report (or JSON); everything else is stderr.
import type { Command } from 'commander';
import type { Diagnostic } from '../core/types.js';
import { renderDiagnostic } from './render.js';
import { PLAIN, styleFor, type Style } from './style.js';

type Env = Readonly<Record<string, string | undefined>>;

export interface Ui {
  /** `--quiet`: only errors and the final summary. */
  readonly quiet: boolean;
  /** `--verbose`: every request and retry, the details of unexpected errors. */
  readonly verbose: boolean;
  readonly json: boolean;
  /** For stdout; plain under --json. */
  readonly out: Style;
  /** For stderr. */
  readonly err: Style;
  readonly env: Env;
  /** The report, on stdout. */
  print(text: string): void;
  /** `bitext: …` on stderr: worth knowing, not a failure. Silent under --quiet. */
  note(text: string): void;
  /** `bitext: …` on stderr, always. */
  error(text: string): void;
  /** A diagnostic on stderr: errors always, warnings and infos unless --quiet. */
  diagnostic(d: Diagnostic): void;
}

export function uiOf(command: Command, env: Env = process.env): Ui {
  const flags = command.optsWithGlobals<{ quiet?: boolean; verbose?: boolean; json?: boolean }>();
  const quiet = flags.quiet === true;
  const json = flags.json === true;
  const out = json ? PLAIN : styleFor(process.stdout, env);
  const err = styleFor(process.stderr, env);
  const prefix = (style: Style) => style.dim('bitext:');
  return {
    quiet,
    verbose: flags.verbose === true,
    json,
    out,
    err,
    env,
    print: (text) => {
      process.stdout.write(text);
    },
    note: (text) => {
      if (!quiet) process.stderr.write(`${prefix(err)} ${text}\n`);
    },
    error: (text) => {
      process.stderr.write(`${err.red('bitext:')} ${text}\n`);
    },
    diagnostic: (d) => {
      if (quiet && d.severity !== 'error') return;
      process.stderr.write(`${d.severity === 'error' ? err.red('bitext:') : prefix(err)} ${renderDiagnostic(d, err)}\n`);
    },
  };
}
