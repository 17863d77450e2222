// The CLI's own words in the user's language. The library (errors, QA findings, DeepL's texts) writes
// English and stays English; this module translates only what cli/ says around it.
//
// One i18next instance for the process, set up before commander is built (help texts are translated too).
// Both catalogues are plain TypeScript objects: they compile with the rest, load without a file read, and
// the compiler refuses a German catalogue that lacks an English key or has one too many.
import { createInstance } from 'i18next';
import { en } from './locales/en.js';
import { de } from './locales/de.js';

export const UI_LANGUAGES = ['en', 'de'] as const;
export type UiLanguage = (typeof UI_LANGUAGES)[number];

type PluralSuffix = 'zero' | 'one' | 'two' | 'few' | 'many' | 'other';
type BaseKey<K> = K extends `${infer Base}_${PluralSuffix}` ? Base : K;
/** A message id as code names it: plural forms (`_one`, `_other`) are chosen by `count`. */
export type MessageKey = BaseKey<keyof typeof en>;

export type MessageValues = Readonly<Record<string, string | number | undefined>>;

let translate: ((key: string, values?: MessageValues) => string) | undefined;
let current: UiLanguage = 'en';

/** Sets the UI language for the rest of the process. */
export function setUiLanguage(lang: UiLanguage): void {
  const instance = createInstance();
  void instance.init({
    lng: lang,
    fallbackLng: 'en',
    supportedLngs: [...UI_LANGUAGES],
    resources: { en: { translation: en }, de: { translation: de } },
    // Synchronous: the resources are here, and help must be ready before commander prints it.
    initAsync: false,
    // Keys are flat ids such as `check.summary`; texts contain dots and colons.
    keySeparator: false,
    nsSeparator: false,
    // Terminal text, not HTML.
    interpolation: { escapeValue: false },
  });
  // `{{count, number}}` without ICU's number data, whose first load costs ~18 ms of start-up here.
  instance.services.formatter?.add('number', formatNumber);
  translate = (key, values) => instance.t(key, values as Record<string, unknown>);
  current = lang;
}

/** The digit group separator of each UI language, as `Intl.NumberFormat` writes integers. */
const GROUP_SEPARATOR: Readonly<Record<UiLanguage, string>> = { en: ',', de: '.' };

/**
 * `{{value, number}}`: what i18next's own `number` format writes (`Intl.NumberFormat(lng, options)`), with
 * integers grouped here (a test holds them to Intl for both languages); anything else goes to Intl.
 */
export function formatNumber(value: unknown, lng: string | undefined, options?: Intl.NumberFormatOptions): string {
  const separator = lng === undefined ? undefined : (GROUP_SEPARATOR[lng as UiLanguage] as string | undefined);
  if (separator === undefined || typeof value !== 'number' || !Number.isSafeInteger(value)) return new Intl.NumberFormat(lng, options).format(value as number);
  const digits = String(Math.abs(value));
  let grouped = digits.slice(0, ((digits.length - 1) % 3) + 1);
  for (let at = grouped.length; at < digits.length; at += 3) grouped += separator + digits.slice(at, at + 3);
  return value < 0 ? `-${grouped}` : grouped;
}

export function uiLanguage(): UiLanguage {
  return current;
}

/** The CLI's text for `key` in the UI language; `count` picks the plural form. English until set. */
export function t(key: MessageKey, values?: MessageValues): string {
  if (translate === undefined) setUiLanguage('en');
  return translate!(key, values);
}

/** Marks a message id that stands in a commander description until help shows it. */
const LATER = '\u0000';
const laterValues = new Map<string, MessageValues>();

/**
 * A help text, translated only when it is shown. Commander wants every description when the command
 * tree is built, but a run shows at most one command's help: building ~150 translated strings for each
 * start-up cost more than the rest of the tree. `resolveText` turns it into the text.
 */
export function later(key: MessageKey, values?: MessageValues): string {
  if (values) laterValues.set(key, values);
  return `${LATER}${key}`;
}

/** The text of a description made with `later`; any other text as it is. */
export function resolveText(text: string): string {
  if (!text.startsWith(LATER)) return text;
  const key = text.slice(LATER.length) as MessageKey;
  return t(key, laterValues.get(key));
}

function isUiLanguage(value: string): value is UiLanguage {
  return (UI_LANGUAGES as readonly string[]).includes(value);
}

/** `de_DE.UTF-8`, `de-AT`, `de` -> `de`; `C`, `POSIX` and languages without a catalogue -> `en`. */
export function uiLanguageOf(locale: string): UiLanguage {
  const language = locale.trim().split(/[-_.@]/)[0]!.toLowerCase();
  return isUiLanguage(language) ? language : 'en';
}

/**
 * `--ui-lang` on the command line, else `BITEXT_LANG`, else the system locale as POSIX orders it
 * (`LC_ALL`, `LC_MESSAGES`, `LANG`), else what `Intl` says, else English. The first one that is set
 * decides: `BITEXT_LANG=fr` gives English (there is no French catalogue), not the system's German.
 * An invalid `--ui-lang` is left for commander to refuse, in the language the environment asks for.
 */
export function detectUiLanguage(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  systemLocale: () => string = () => Intl.DateTimeFormat().resolvedOptions().locale,
): UiLanguage {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') break;
    const value = arg === '--ui-lang' ? argv[i + 1] : arg.startsWith('--ui-lang=') ? arg.slice('--ui-lang='.length) : undefined;
    if (value !== undefined && isUiLanguage(value)) return value;
  }
  for (const name of ['BITEXT_LANG', 'LC_ALL', 'LC_MESSAGES', 'LANG']) {
    const value = env[name];
    if (value) return uiLanguageOf(value);
  }
  return uiLanguageOf(systemLocale());
}
