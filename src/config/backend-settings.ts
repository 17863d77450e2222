// Settings of the built-in backends, checked as configuration (before anything is sent) with the key
// each problem is about. DeepL's own parser is the judge, so there is one list of settings and values.
import { BitextError } from '../core/errors.js';
import { parseDeeplSettings } from '../backends/deepl-request.js';
import { describeValue, didYouMean, listChoices } from './suggest.js';

export interface SettingProblem {
  readonly key: string;
  readonly severity: 'error' | 'warning';
  /** Without the key: `expected …, got …`. */
  readonly message: string;
}

/** Checked one by one so each problem names its key. Module backends check theirs when they are created. */
export function checkBackendSettings(name: string, settings: Readonly<Record<string, string>>): SettingProblem[] {
  const problems: SettingProblem[] = [];
  for (const [key, value] of Object.entries(settings)) {
    if (name === 'mock') {
      problems.push({ key, severity: 'error', message: 'the mock backend takes no settings (its knobs are BITEXT_MOCK_* environment variables)' });
    } else if (name === 'deepl') {
      try {
        parseDeeplSettings({ [key]: value });
      } catch (error) {
        if (!(error instanceof BitextError)) throw error;
        problems.push({ key, severity: 'error', message: deeplSettingMessage(error.message, value) });
      }
    }
  }
  return problems;
}

/** DeepL's `deepl: setting k=v is invalid; expected …` / `unknown setting "k"; known settings: a, b` in our form. */
function deeplSettingMessage(message: string, value: string): string {
  const invalid = /is invalid; (expected .*)$/.exec(message)?.[1];
  if (invalid !== undefined) {
    const choices = /^expected one of (.*)$/.exec(invalid)?.[1]?.split(', ');
    if (choices === undefined) return `${invalid}, got ${describeValue(value)}`;
    return `expected one of ${listChoices(choices)}, got ${describeValue(value)}${didYouMean(value, choices)}`;
  }
  const unknown = /^deepl: unknown setting "(.*)"; known settings: (.*)$/.exec(message);
  if (unknown !== null) return `unknown DeepL setting; known settings: ${unknown[2]}${didYouMean(unknown[1]!, unknown[2]!.split(', '))}`;
  return message.replace(/^deepl: /, '');
}
