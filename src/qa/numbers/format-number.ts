// Writes a source number the way the target language would, for the hints: "245 billion", "245 milliards",
// "245.000 millones", "245 млрд", "2450亿". A suggestion, not the only accepted form.
import { integerLength, plainDigits, scaleDecimal, type Decimal } from './decimal.js';
import { primaryLanguage } from '../text.js';

interface Style {
  readonly decimal: string;
  readonly group: string;
  /** Scale words by power of ten, largest first; `plural` for mantissas of 2 and more. */
  readonly scales: ReadonlyArray<{ readonly power: number; readonly singular: string; readonly plural: string; readonly glued?: boolean }>;
  readonly rangeWord: string;
  /** French: "1,5 milliard", plural only from two; elsewhere everything but exactly one is plural. */
  readonly pluralFromTwo?: boolean;
  /** Repeat the scale after each number of a range (Chinese: 2200亿至2450亿). */
  readonly repeatScale?: boolean;
  readonly months?: readonly string[];
  time(hour: number, minute: number): string;
}

const two = (n: number): string => String(n).padStart(2, '0');

const STYLES: Readonly<Record<string, Style>> = {
  en: {
    decimal: '.',
    group: ',',
    scales: [
      { power: 12, singular: 'trillion', plural: 'trillion' },
      { power: 9, singular: 'billion', plural: 'billion' },
      { power: 6, singular: 'million', plural: 'million' },
    ],
    rangeWord: ' to ',
    months: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
    time: (h, m) => `${h % 12 === 0 ? 12 : h % 12}:${two(m)} ${h < 12 ? 'a.m.' : 'p.m.'}`,
  },
  fr: {
    decimal: ',',
    group: '\u202F',
    scales: [
      { power: 12, singular: 'billion', plural: 'billions' },
      { power: 9, singular: 'milliard', plural: 'milliards' },
      { power: 6, singular: 'million', plural: 'millions' },
    ],
    rangeWord: ' à ',
    pluralFromTwo: true,
    months: ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'],
    time: (h, m) => (m === 0 ? `${h} h` : `${h} h ${two(m)}`),
  },
  es: {
    decimal: ',',
    group: '.',
    scales: [
      { power: 12, singular: 'billón', plural: 'billones' },
      { power: 9, singular: 'mil millones', plural: 'mil millones' },
      { power: 6, singular: 'millón', plural: 'millones' },
    ],
    rangeWord: ' a ',
    months: ['enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto', 'septiembre', 'octubre', 'noviembre', 'diciembre'],
    time: (h, m) => `${h}.${two(m)}`,
  },
  ru: {
    decimal: ',',
    group: '\u00A0',
    scales: [
      { power: 12, singular: 'трлн', plural: 'трлн' },
      { power: 9, singular: 'млрд', plural: 'млрд' },
      { power: 6, singular: 'млн', plural: 'млн' },
    ],
    rangeWord: '–',
    months: ['января', 'февраля', 'марта', 'апреля', 'мая', 'июня', 'июля', 'августа', 'сентября', 'октября', 'ноября', 'декабря'],
    time: (h, m) => `${h}:${two(m)}`,
  },
  zh: {
    decimal: '.',
    group: '',
    scales: [
      { power: 8, singular: '亿', plural: '亿', glued: true },
      { power: 4, singular: '万', plural: '万', glued: true },
    ],
    rangeWord: '至',
    repeatScale: true,
    months: ['1月', '2月', '3月', '4月', '5月', '6月', '7月', '8月', '9月', '10月', '11月', '12月'],
    time: (h, m) => `${h}:${two(m)}`,
  },
  ja: {
    decimal: '.',
    group: '',
    scales: [
      { power: 8, singular: '億', plural: '億', glued: true },
      { power: 4, singular: '万', plural: '万', glued: true },
    ],
    rangeWord: '〜',
    repeatScale: true,
    months: ['1月', '2月', '3月', '4月', '5月', '6月', '7月', '8月', '9月', '10月', '11月', '12月'],
    time: (h, m) => `${h}:${two(m)}`,
  },
  de: {
    decimal: ',',
    group: '.',
    scales: [
      { power: 12, singular: 'Billion', plural: 'Billionen' },
      { power: 9, singular: 'Milliarde', plural: 'Milliarden' },
      { power: 6, singular: 'Million', plural: 'Millionen' },
    ],
    rangeWord: ' bis ',
    months: ['Januar', 'Februar', 'März', 'April', 'Mai', 'Juni', 'Juli', 'August', 'September', 'Oktober', 'November', 'Dezember'],
    time: (h, m) => `${h}.${two(m)} Uhr`,
  },
};

const GENERIC: Style = { decimal: '.', group: '', scales: [], rangeWord: '–', time: (h, m) => `${h}:${two(m)}` };

function styleOf(lang: string): Style {
  return STYLES[primaryLanguage(lang)] ?? GENERIC;
}

function writeDigits(value: Decimal, style: Style, groupFrom = 5): string {
  const { integer, fraction } = plainDigits(value);
  // Four-digit numbers stay ungrouped by default: years, and the style most newsrooms use ("2500 people").
  const grouped = style.group === '' || integer.length < groupFrom ? integer : integer.replace(/\B(?=(\d{3})+(?!\d))/g, style.group);
  return fraction === '' ? grouped : `${grouped}${style.decimal}${fraction}`;
}

interface Split {
  readonly mantissa: string;
  readonly scale: string;
  readonly glued: boolean;
  readonly power: number;
}

/** The largest scale word that leaves a short mantissa: 2.45e11 → 245 + billion. */
function splitScale(value: Decimal, style: Style, power?: number): Split {
  for (const scale of style.scales) {
    if (power !== undefined && scale.power !== power) continue;
    if (power === undefined && integerLength(value) <= scale.power) continue;
    const mantissa = scaleDecimal(value, -scale.power);
    if (plainDigits(mantissa).fraction.length > 2) continue;
    const { integer, fraction } = plainDigits(mantissa);
    const big = style.pluralFromTwo === true ? integer !== '1' : integer !== '1' || fraction !== '';
    return { mantissa: writeDigits(mantissa, style), scale: big ? scale.plural : scale.singular, glued: scale.glued === true, power: scale.power };
  }
  return { mantissa: writeDigits(value, style), scale: '', glued: false, power: 0 };
}

function join(split: Split): string {
  if (split.scale === '') return split.mantissa;
  return split.glued ? `${split.mantissa}${split.scale}` : `${split.mantissa} ${split.scale}`;
}

/** One number as the target language writes it; `grouped` groups four-digit numbers too (1,000). */
export function formatNumber(value: Decimal, lang: string, options: { readonly grouped?: boolean } = {}): string {
  const style = styleOf(lang);
  if (options.grouped === true) return writeDigits(value, style, 4);
  return join(splitScale(value, style));
}

/** A range ("220 to 245 billion"), sharing the scale word where the language does. */
export function formatRange(values: readonly Decimal[], lang: string): string {
  const style = styleOf(lang);
  const last = values[values.length - 1];
  if (last === undefined) return '';
  const common = splitScale(last, style);
  const parts = values.map((value) => splitScale(value, style, common.power === 0 ? undefined : common.power));
  const shared = parts.every((part) => part.power === common.power && part.scale !== '') && !style.repeatScale;
  if (shared) return `${parts.map((part) => part.mantissa).join(style.rangeWord)}${common.glued ? '' : ' '}${common.scale}`;
  return parts.map(join).join(style.rangeWord);
}

export function formatMonth(month: number, lang: string): string {
  return styleOf(lang).months?.[month - 1] ?? String(month);
}

export function formatTime(minutes: number, lang: string): string {
  return styleOf(lang).time(Math.floor(minutes / 60), minutes % 60);
}
