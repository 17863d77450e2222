// Edits a review file the way a person does in a text editor: by lines, around the quoted source sentence.
// The layout is the one a user sees (marker, `> source`, blank, target, blank, status line, extra lines);
// the helpers throw when it is not there, so a test cannot pass on a file it failed to edit.

function locate(lines: readonly string[], source: string): { quote: number; target: number; status: number } {
  const quote = lines.findIndex((line) => line === `> ${source}`);
  if (quote < 0) throw new Error(`no source line "> ${source}"`);
  const target = quote + 2;
  const status = lines.findIndex((line, i) => i > target && /status:/u.test(line));
  if (status < 0) throw new Error(`no status line after "> ${source}"`);
  return { quote, target, status };
}

/** Puts `word` after `status:` (a status or an action such as `use-draft`, `join`, `use-memory 2`). */
export function setStatus(text: string, source: string, word: string): string {
  const lines = text.split('\n');
  const { status } = locate(lines, source);
  lines[status] = `status: ${word}`;
  return lines.join('\n');
}

export function setTarget(text: string, source: string, target: string): string {
  const lines = text.split('\n');
  lines[locate(lines, source).target] = target;
  return lines.join('\n');
}

/** Types `line` right under the status line (a `- comment:` or `- accept` line). */
export function addUnderStatus(text: string, source: string, line: string): string {
  const lines = text.split('\n');
  lines.splice(locate(lines, source).status + 1, 0, line);
  return lines.join('\n');
}

/** Replaces the quoted source line (a split mark, or a mistaken edit of the German). */
export function setSourceLine(text: string, source: string, replacement: string): string {
  const lines = text.split('\n');
  lines[locate(lines, source).quote] = `> ${replacement}`;
  return lines.join('\n');
}

/** The status word of the segment with this source. */
export function statusOf(text: string, source: string): string {
  const lines = text.split('\n');
  return /status:\s*(\S+)/u.exec(lines[locate(lines, source).status]!)![1]!;
}

export function targetOf(text: string, source: string): string {
  const lines = text.split('\n');
  return lines[locate(lines, source).target]!;
}
