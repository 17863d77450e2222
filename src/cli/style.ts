// Colours for the terminal, decided once per stream. Only cli/ colours anything, and only its own framing
// (severity words, the program prefix, progress bars, help titles): never the text of a library message.
//
// Precedence, the same as commander's for help: NO_COLOR (any non-empty value) wins over everything, so a
// user's "no colours, ever" holds even when a tool above sets FORCE_COLOR; then FORCE_COLOR=0|false off;
// FORCE_COLOR (other non-empty values) or CLICOLOR_FORCE (not 0) on, also when piped; else colours when
// the stream is a terminal that has them (Node's hasColors() also honours TERM=dumb).

export interface Style {
  readonly enabled: boolean;
  bold(text: string): string;
  dim(text: string): string;
  red(text: string): string;
  yellow(text: string): string;
  green(text: string): string;
  cyan(text: string): string;
}

type Env = Readonly<Record<string, string | undefined>>;

interface ColourStream {
  readonly isTTY?: boolean;
  hasColors?(): boolean;
}

export function colourWanted(stream: ColourStream, env: Env): boolean {
  if (env.NO_COLOR) return false;
  if (env.NODE_DISABLE_COLORS) return false;
  if (env.FORCE_COLOR === '0' || env.FORCE_COLOR === 'false') return false;
  if (env.FORCE_COLOR) return true;
  if (env.CLICOLOR_FORCE && env.CLICOLOR_FORCE !== '0') return true;
  return stream.isTTY === true && (stream.hasColors?.() ?? false);
}

const sgr = (open: number, close: number) => (text: string) => `\u001b[${open}m${text}\u001b[${close}m`;

const COLOURED: Style = {
  enabled: true,
  bold: sgr(1, 22),
  dim: sgr(2, 22),
  red: sgr(31, 39),
  yellow: sgr(33, 39),
  green: sgr(32, 39),
  cyan: sgr(36, 39),
};

const same = (text: string): string => text;
export const PLAIN: Style = { enabled: false, bold: same, dim: same, red: same, yellow: same, green: same, cyan: same };

export function styleFor(stream: ColourStream, env: Env): Style {
  return colourWanted(stream, env) ? COLOURED : PLAIN;
}
