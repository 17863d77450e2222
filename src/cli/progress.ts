// Progress of a translate run on stderr, so stdout stays clean for the report and JSON.
//
// On a terminal (and not in CI, not --quiet): one bar per target language, segments and characters sent
// of what the run plans to send, redrawn in place at most every REDRAW_MS. Lines that must be read (each
// retry, backend messages, with --verbose each request) are written above the bars and stay. Without a
// terminal there are no bars, only those lines, one per event.
//
// Hand-written rather than cli-progress: the bars need three terminal operations (cursor up, clear down,
// write), and cli-progress 3.12 would need a workaround for each of the things this renderer must get
// right — its multi-bar drops lines logged after the last redraw when stopped, its gracefulExit option
// swallows Ctrl-C (npkgz/cli-progress#126), it cuts lines by UTF-16 length counting colour codes, and its
// redraw timer keeps the process alive if stop() is missed on an error path. Here the redraw timer is
// unref'd, lines are written at once, and `renderBars` is a pure function the tests call.
import type { LanguageCode, ProgressEvent, ProgressListener } from '../core/types.js';
import { t } from './i18n.js';
import type { Style } from './style.js';

const REDRAW_MS = 100;

interface Writable {
  write(text: string): unknown;
  readonly isTTY?: boolean;
  readonly columns?: number;
}

export interface LanguageProgress {
  readonly lang: LanguageCode;
  segments: number;
  characters: number;
  /** Unknown when the workflow sent no `plan` (an older library, a caller of its own). */
  totalSegments: number | undefined;
  totalCharacters: number | undefined;
}

export interface ProgressOptions {
  readonly stream: Writable;
  /** Draw bars: stderr is a terminal, not CI, not --quiet. */
  readonly bars: boolean;
  readonly quiet: boolean;
  readonly verbose: boolean;
  readonly style: Style;
}

export interface Progress {
  readonly listener: ProgressListener;
  /** Clears the bars; call before the report is printed, also when the run failed. */
  stop(): void;
}

type Env = Readonly<Record<string, string | undefined>>;

/** CI services set CI (GitHub Actions, GitLab, Travis, …); `CI=false` and `CI=0` mean no. */
export function inCi(env: Env): boolean {
  return env.CI !== undefined && env.CI !== '' && env.CI !== 'false' && env.CI !== '0';
}

export function wantBars(stream: Writable, env: Env, quiet: boolean): boolean {
  return stream.isTTY === true && !inCi(env) && !quiet && env.TERM !== 'dumb';
}

export function createProgress(options: ProgressOptions): Progress {
  const { stream, style } = options;
  const languages = new Map<LanguageCode, LanguageProgress>();
  let drawn = 0;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;

  const clear = (): string => (drawn > 0 ? `\u001b[${drawn}A\r\u001b[J` : '');
  const draw = (): string => {
    const lines = options.bars ? renderBars([...languages.values()], stream.columns ?? 80, style) : [];
    drawn = lines.length;
    return lines.map((line) => `${line}\n`).join('');
  };
  const redraw = (): void => {
    timer = undefined;
    if (!stopped) stream.write(`${clear()}${draw()}`);
  };
  const scheduleRedraw = (): void => {
    if (!options.bars || timer !== undefined || stopped) return;
    timer = setTimeout(redraw, REDRAW_MS);
    // Progress must never be what keeps the process running.
    timer.unref();
  };
  /** A line that stays: above the bars, which are drawn again below it. */
  const line = (text: string): void => {
    if (stopped) {
      stream.write(`${text}\n`);
      return;
    }
    stream.write(`${clear()}${text}\n${options.bars ? draw() : ''}`);
  };

  const languageOf = (lang: LanguageCode): LanguageProgress => {
    let entry = languages.get(lang);
    if (!entry) languages.set(lang, (entry = { lang, segments: 0, characters: 0, totalSegments: undefined, totalCharacters: undefined }));
    return entry;
  };

  const listener = (event: ProgressEvent): void => {
    switch (event.type) {
      case 'plan': {
        const entry = languageOf(event.lang);
        entry.totalSegments = event.segments;
        entry.totalCharacters = event.characters;
        scheduleRedraw();
        break;
      }
      case 'batch-start':
        if (options.verbose) {
          line(`  ${t('progress.request', { lang: event.lang, segments: t('count.segments', { count: event.segments }), characters: t('count.characters', { count: event.characters }) })}`);
        }
        break;
      case 'batch-done': {
        const entry = languageOf(event.lang);
        entry.segments += event.segments;
        entry.characters += event.characters;
        if (options.verbose) {
          line(`  ${t('progress.sent', { lang: event.lang, segments: t('count.segments', { count: event.segments }), characters: t('count.characters', { count: event.characters }) })}`);
        } else {
          scheduleRedraw();
        }
        break;
      }
      case 'retry':
        // Visible by default, also without a terminal: a retry can mean a character billed twice.
        if (!options.quiet) line(`  ${style.yellow(t('progress.retry', { attempt: event.attempt, delay: event.delayMs }))}: ${event.reason}`);
        break;
      case 'message':
        if (!options.quiet) line(`  ${event.text}`);
        break;
    }
  };

  return {
    listener,
    stop: () => {
      if (stopped) return;
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      stream.write(clear());
      drawn = 0;
      stopped = true;
    },
  };
}

const FULL = '█';
const EMPTY = '░';

/**
 * The bars, one line per language, each at most `columns - 1` wide so that no line wraps (a wrapped line
 * would throw off the cursor arithmetic of the redraw): `en ████░░░░  40%  8/20 segments · 512/1280 characters`.
 */
export function renderBars(languages: readonly LanguageProgress[], columns: number, style: Style): string[] {
  const width = Math.max(20, columns) - 1;
  const labelWidth = Math.max(0, ...languages.map((l) => l.lang.length));
  return languages.map((l) => {
    const label = l.lang.padEnd(labelWidth);
    const fraction = l.totalCharacters ? Math.min(1, l.characters / l.totalCharacters) : l.totalSegments ? Math.min(1, l.segments / l.totalSegments) : undefined;
    const percent = fraction === undefined ? '' : t('progress.percent', { percent: String(Math.floor(fraction * 100)).padStart(3) });
    const segments =
      l.totalSegments === undefined
        ? t('count.segments', { count: l.segments })
        : t('progress.ofSegments', { done: l.segments, count: l.totalSegments });
    const characters =
      l.totalCharacters === undefined
        ? t('count.characters', { count: l.characters })
        : t('progress.ofCharacters', { done: l.characters, count: l.totalCharacters });
    const counts = `${segments} · ${characters}`;
    const fixed = [...`${label}  ${percent}  ${counts}`].length + 1;
    const barWidth = fraction === undefined ? 0 : Math.min(30, width - fixed);
    if (barWidth < 10) return truncate(`${label}  ${percent ? `${percent}  ` : ''}${counts}`, width);
    const filled = Math.round(fraction! * barWidth);
    const bar = `${style.green(FULL.repeat(filled))}${style.dim(EMPTY.repeat(barWidth - filled))}`;
    return `${style.bold(label)} ${bar} ${percent}  ${counts}`;
  });
}

function truncate(text: string, width: number): string {
  const chars = [...text];
  return chars.length <= width ? text : `${chars.slice(0, width - 1).join('')}…`;
}
