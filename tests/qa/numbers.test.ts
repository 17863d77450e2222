import { describe, expect, it } from 'vitest';
import { numbersCheck } from '../../src/qa/checks/numbers.js';
import type { QaSegment } from '../../src/qa/types.js';

type Row = [name: string, lang: string, source: string, target: string, rules: string[]];

const run = (lang: string, source: string, target: string) => {
  const segment: QaSegment = { id: 's1', source, target, status: 'reviewed' };
  return numbersCheck.run(segment, { sourceLanguage: 'de', targetLanguage: lang });
};

const good: Row[] = [
  // English
  ['decimal comma becomes a point', 'en', 'Die Inflation lag bei 3,5 Prozent.', 'Inflation was 3.5 percent.', []],
  ['percent sign and per cent', 'en', 'Sie stieg um 5 %.', 'It rose by 5 per cent.', []],
  ['German grouping becomes commas', 'en', 'Es kamen 1.000.000 Menschen.', '1,000,000 people came.', []],
  ['grouped thousand', 'en', 'Es kamen 1.000 Menschen.', '1,000 people came.', []],
  ['scale word', 'en', 'Das kostet 1,5 Millionen Euro.', 'It costs 1.5 million euros.', []],
  ['scale glued to a currency', 'en', 'Das kostet 1,5 Mio. Euro.', 'It costs €1.5m.', []],
  ['range shares its scale', 'en', 'der 220 bis 245 Milliarden US-Dollar erreichte', 'which reached 220 to 245 billion dollars', []],
  ['range with each scale written', 'en', 'der 220 bis 245 Milliarden US-Dollar erreichte', 'which reached $220 billion to $245 billion', []],
  ['range with bn', 'en', 'der 220 bis 245 Milliarden US-Dollar erreichte', 'which reached $220bn-$245bn', []],
  ['range with a dash', 'en', 'der 220 bis 245 Milliarden US-Dollar erreichte', 'which reached 220–245bn dollars', []],
  ['Milliarde is billion', 'en', 'eine Milliarde Menschen', 'a billion people', []],
  ['Billion is trillion', 'en', 'Schulden von 2 Billionen Euro', 'debts of 2 trillion euros', []],
  ['million written out', 'en', 'Es kamen 1 Million Menschen.', 'A million people came.', []],
  ['ordinal', 'en', 'den 75. Jahrestag der Beziehungen', 'the 75th anniversary of relations', []],
  ['day and month, US order', 'en', 'am 3. Oktober', 'on October 3', []],
  ['day and month, British order', 'en', 'am 3. Oktober', 'on 3 October', []],
  ['day and month with ordinal suffix', 'en', 'am 3. Oktober', 'on the 3rd of October', []],
  ['numeric date written out', 'en', 'am 01.02.2024', 'on 1 February 2024', []],
  ['numeric date written out, US', 'en', 'am 01.02.2024', 'on February 1, 2024', []],
  ['slash date that reads one way only', 'en', 'am 13.02.2024', 'on 13/02/2024', []],
  ['ISO date', 'en', 'am 01.02.2024', 'on 2024-02-01', []],
  ['German day.month.', 'en', 'Am 3.10. ist Feiertag.', 'October 3 is a holiday.', []],
  ['year', 'en', 'im Jahr 2024', 'in 2024', []],
  ['time, pm', 'en', 'um 14.30 Uhr', 'at 2.30pm', []],
  ['time, p.m.', 'en', 'um 14.30 Uhr', 'at 2:30 p.m.', []],
  ['time, 24 hours', 'en', 'um 14.30 Uhr', 'at 14:30', []],
  ['time, British dot', 'en', 'um 14.30 Uhr', 'at 14.30', []],
  ['full hour', 'en', 'um 14 Uhr', 'at 2pm', []],
  ['noon', 'en', 'um 12 Uhr', 'at noon', []],
  ["o'clock", 'en', 'um 8 Uhr', "at 8 o'clock", []],
  ['full hour in words', 'en', 'um 8 Uhr', 'at eight', []],
  ['evening hour in words', 'en', 'um 20 Uhr', 'at eight in the evening', []],
  ['time range: one Uhr makes both times', 'en', 'Geöffnet ist von 9 bis 17 Uhr.', 'It is open from 9am to 5pm.', []],
  ['time range, a.m. and p.m.', 'en', 'Geöffnet ist von 9 bis 17 Uhr.', 'It is open from 9 a.m. to 5 p.m.', []],
  ['time range, 24 hours', 'en', 'Geöffnet ist von 9 bis 17 Uhr.', 'It is open from 09:00 to 17:00.', []],
  ['time range, bare numbers', 'en', 'Geöffnet ist von 9 bis 17 Uhr.', 'It is open from 9 to 17.', []],
  ['time range with a dash and minutes', 'en', 'Geöffnet ist 9–17.30 Uhr.', 'It is open 9am–5.30pm.', []],
  ['time range with und', 'en', 'zwischen 8 und 20 Uhr', 'between 8am and 8pm', []],
  ['score with a hyphen', 'en', 'Das Spiel endete 2:1.', 'The game ended 2-1.', []],
  ['score with a colon', 'en', 'Das Spiel endete 2:1.', 'The game ended 2:1.', []],
  ['score with an en dash', 'en', 'Das Spiel endete 2:1.', 'The game ended 2–1.', []],
  ['score in words', 'en', 'Das Spiel endete 2:1.', 'The game ended two to one.', []],
  ['a draw reads the same both ways', 'en', 'Das Spiel endete 1:1.', 'The game ended 1-1.', []],
  ['score and a time', 'en', 'Um 14:30 stand es 2:1.', 'At 14:30 it was 2-1.', []],
  ['word to word', 'en', 'Die zwei Länder', 'The two countries', []],
  ['word to digit', 'en', 'Die zwei Länder', 'The 2 countries', []],
  ['digit to word', 'en', 'Die 2 Länder', 'The two countries', []],
  ['a word the translation paraphrases', 'en', 'Die zwei Seiten', 'Both sides', []],
  ['three', 'en', 'drei persönliche Treffen', 'three in-person meetings', []],
  ['twice', 'en', 'sei er zweimal mit Putin zusammengekommen', 'he had met Putin twice', []],
  ['ein as one', 'en', 'Ein Mann und eine Frau', 'One man and a woman', []],
  ['digit one as a word', 'en', 'Es kam 1 Person.', 'One person came.', []],
  ['twelve, twenty, hundred, thousand, zero', 'en', 'zwölf, zwanzig, hundert, tausend und null', '12, 20, a hundred, 1,000 and zero', []],
  ['compound German number word', 'en', 'zweihundertfünfzig Menschen', '250 people', []],
  ['compound written in words', 'en', 'einundzwanzig Menschen', 'twenty-one people', []],
  ['code', 'en', 'beim G20-Gipfel', 'at the G20 summit', []],
  ['code with a hyphen', 'en', 'wegen Covid-19', 'because of COVID-19', []],
  ['opaque span', 'en', 'Siehe \uFFFC für 3 Fälle.', 'See \uFFFC for 3 cases.', []],
  ['repeated year said once', 'en', '2024 war gut, 2024 war besser.', '2024 was good, and better than expected.', []],
  ['seed: trade figures', 'en',
    'Putin lobte das Wachstum des russischen Handels mit China, der schätzungsweise 220 bis 245 Milliarden US-Dollar erreichte im Jahr 2024, laut nationaler Statistik.',
    "Putin praised the growth of Russia's trade with China, which reached an estimated $220 billion to $245 billion in 2024, according to national statistics.", []],
  // French
  ['fr decimal comma', 'fr', 'um 3,5 Prozent', 'de 3,5 %', []],
  ['fr grouping with narrow no-break spaces', 'fr', '1.000.000 Menschen', '1\u202F000\u202F000 personnes', []],
  ['fr grouping with spaces', 'fr', '1.000.000 Menschen', '1 000 000 personnes', []],
  ['fr milliards', 'fr', '220 bis 245 Milliarden US-Dollar', 'entre 220 et 245 milliards de dollars', []],
  ['fr ordinal', 'fr', 'den 75. Jahrestag', 'le 75e anniversaire', []],
  ['fr date', 'fr', 'am 1. Oktober', 'le 1er octobre', []],
  ['fr time', 'fr', 'um 14.30 Uhr', 'à 14 h 30', []],
  ['fr time glued', 'fr', 'um 14.30 Uhr', 'à 14h30', []],
  ['fr time range', 'fr', 'Geöffnet ist von 9 bis 17 Uhr.', 'Ouvert de 9 h à 17 h.', []],
  ['fr words', 'fr', 'drei Länder', 'trois pays', []],
  ['fr compound words', 'fr', 'achtzig Länder', 'quatre-vingts pays', []],
  // Spanish
  ['es grouping with dots', 'es', '1.000.000 Menschen', '1.000.000 personas', []],
  ['es mil millones', 'es', '220 bis 245 Milliarden US-Dollar', 'entre 220 y 245 mil millones de dólares', []],
  ['es thousands of millions', 'es', '220 bis 245 Milliarden US-Dollar', 'entre 220.000 y 245.000 millones de dólares', []],
  ['es ordinal', 'es', 'den 75. Jahrestag', 'el 75.º aniversario', []],
  ['es date', 'es', 'am 3. Oktober', 'el 3 de octubre', []],
  ['es time', 'es', 'um 14.30 Uhr', 'a las 14.30 horas', []],
  ['es time range', 'es', 'Geöffnet ist von 9 bis 17 Uhr.', 'Abierto de 9 a 17 horas.', []],
  ['es words', 'es', 'zwei Länder', 'dos países', []],
  // Russian
  ['ru grouping', 'ru', '1.000.000 Menschen', '1 000 000 человек', []],
  ['ru decimal comma', 'ru', '3,5 Prozent', '3,5 процента', []],
  ['ru млрд range', 'ru', '220 bis 245 Milliarden US-Dollar', '220–245 млрд долларов', []],
  ['ru миллиардов range', 'ru', '220 bis 245 Milliarden US-Dollar', 'от 220 до 245 миллиардов долларов', []],
  ['ru ordinal', 'ru', 'den 75. Jahrestag', '75-ю годовщину', []],
  ['ru date', 'ru', 'am 3. Oktober', '3 октября', []],
  ['ru inflected words', 'ru', 'mit fünf Ländern', 'с пятью странами', []],
  // Chinese
  ['zh 亿', 'zh', '220 Milliarden US-Dollar', '2200亿美元', []],
  ['zh range', 'zh', '220 bis 245 Milliarden US-Dollar', '2200亿至2450亿美元', []],
  ['zh range sharing 亿', 'zh', '220 bis 245 Milliarden US-Dollar', '2200至2450亿美元', []],
  ['zh 万', 'zh', '1.000.000 Menschen', '100万人', []],
  ['zh ordinal', 'zh', 'den 75. Jahrestag', '第75个周年纪念日', []],
  ['zh date', 'zh', 'am 3. Oktober 2024', '2024年10月3日', []],
  ['zh month in numerals', 'zh', 'im Oktober', '十月', []],
  ['zh time', 'zh', 'um 14.30 Uhr', '下午2点30分', []],
  ['zh numerals for a word', 'zh', 'drei Treffen', '三次会晤', []],
  ['zh code translated away', 'zh', 'beim G20-Gipfel', '在二十国集团峰会上', []],
  ['zh full-width digits', 'zh', 'im Jahr 2024', '２０２４年', []],
  // A language without a table: digits only, any grouping.
  ['it digits', 'it', '1.000.000 Menschen am 3. Oktober', '1.000.000 persone il 3 ottobre', []],
];

const bad: Row[] = [
  ['the bug report: 245 became 254', 'fr', 'der schätzungsweise 220 bis 245 Milliarden US-Dollar erreichte', 'qui a atteint 220 et 254 milliards de dollars', ['numbers-changed']],
  ['a number of a range dropped', 'en', 'der 220 bis 245 Milliarden US-Dollar erreichte', 'which reached $220bn', ['numbers-missing']],
  ['Milliarden as million', 'en', '220 Milliarden US-Dollar', '220 million dollars', ['numbers-changed']],
  ['Billion as billion', 'en', 'Schulden von 2 Billionen Euro', 'debts of 2 billion euros', ['numbers-changed']],
  ['zh Milliarden as 亿', 'zh', '220 Milliarden US-Dollar', '220亿美元', ['numbers-changed']],
  ['year changed', 'en', 'im Jahr 2024', 'in 2025', ['numbers-changed']],
  ['year with two digits swapped', 'en', 'im Jahr 2024', 'in 2042', ['numbers-changed']],
  ['number dropped', 'en', 'Er kam mit 5 Kollegen.', 'He came with colleagues.', ['numbers-missing']],
  ['ordinal dropped', 'en', 'den 75. Jahrestag', 'the anniversary', ['numbers-missing']],
  ['extra number', 'en', 'im Jahr 2024', 'in 2024 and 2025', ['numbers-extra']],
  ['month changed', 'en', 'am 3. Oktober', 'on November 3', ['numbers-changed']],
  ['month dropped', 'en', 'am 3. Oktober', 'on the 3rd', ['numbers-missing']],
  ['fr month changed', 'fr', 'am 3. Oktober', 'le 3 novembre', ['numbers-changed']],
  ['day changed', 'en', 'am 3. Oktober', 'on October 4', ['numbers-changed']],
  ['time changed', 'en', 'um 14.30 Uhr', 'at 3.30pm', ['numbers-changed']],
  ['time in the morning instead of the afternoon', 'en', 'um 14.30 Uhr', 'at 2.30am', ['numbers-changed']],
  ['score swapped', 'en', 'Das Spiel endete 2:1.', 'The game ended 1-2.', ['numbers-changed']],
  ['score swapped, colon', 'en', 'Das Spiel endete 2:1.', 'The game ended 1:2.', ['numbers-changed']],
  ['score changed', 'en', 'Das Spiel endete 2:1.', 'The game ended 3-1.', ['numbers-changed']],
  ['full hour changed', 'en', 'um 8 Uhr', 'at nine', ['numbers-missing']],
  ['first time of a range changed', 'en', 'Geöffnet ist von 9 bis 17 Uhr.', 'It is open from 10am to 5pm.', ['numbers-changed']],
  ['second time of a range changed', 'en', 'Geöffnet ist von 9 bis 17 Uhr.', 'It is open from 9am to 6pm.', ['numbers-changed']],
  ['a year before a time is no time', 'en', 'Im Jahr 2024 bis 17 Uhr', 'In 2024 until 5pm', []],
  ['German grouping in English reads as one', 'en', 'Es kamen 1.000 Menschen.', '1.000 people came.', ['numbers-changed']],
  ['German decimal comma in English', 'en', 'Die Inflation lag bei 3,5 Prozent.', 'Inflation was 3,5 percent.', ['numbers-format']],
  ['German grouping in French', 'fr', '1.000.000 Menschen', '1.000.000 personnes', ['numbers-format']],
  ['English decimal point in Russian', 'ru', '3,5 Prozent', '3.5 процента', ['numbers-format']],
  ['slash date readers take two ways', 'en', 'am 01.02.2024', 'on 01/02/2024', ['numbers-ambiguous']],
  ['es comma and three digits', 'es', '3,5 Milliarden Euro', '3,500 millones de euros', ['numbers-ambiguous']],
  ['source 1,000 is ambiguous itself', 'en', 'Er kam 1,000 Mal.', 'He came 1,000 times.', ['numbers-ambiguous']],
  ['word changed into another word', 'en', 'drei persönliche Treffen', 'four in-person meetings', ['numbers-changed']],
  ['fr word changed', 'fr', 'drei Länder', 'quatre pays', ['numbers-changed']],
  ['multiplicative changed', 'en', 'dreimal', 'twice', ['numbers-changed']],
  ['digit where the source has another word', 'en', 'drei Treffen', '4 meetings', ['numbers-extra']],
  ['compound German word dropped', 'en', 'zweihundertfünfzig Menschen', 'many people', ['numbers-missing']],
  ['compound starting with ein dropped', 'en', 'einundzwanzig Menschen', 'many people', ['numbers-missing']],
  ['code changed', 'en', 'Flug MH17', 'flight MH71', ['numbers-changed']],
  ['ru scale changed', 'ru', '245 Milliarden', '245 млн', ['numbers-changed']],
  ['zh date changed', 'zh', 'am 3. Oktober', '11月3日', ['numbers-changed']],
  ['zh full-width year changed', 'zh', 'im Jahr 2024', '２０２５年', ['numbers-changed']],
];

describe('numbers check', () => {
  it.each(good)('good: %s', (_name, lang, source, target, rules) => {
    expect(run(lang, source, target)).toEqual(rules);
  });

  it.each(bad)('bad: %s', (_name, lang, source, target, rules) => {
    expect(run(lang, source, target).map((finding) => finding.rule)).toEqual(rules);
  });

  it('names 245 in the bug report and shows how to write it', () => {
    const [finding] = run('fr', 'der schätzungsweise 220 bis 245 Milliarden US-Dollar erreichte', 'qui a atteint 220 et 254 milliards de dollars');
    expect(finding).toEqual({
      rule: 'numbers-changed',
      severity: 'error',
      message:
        '„245 Milliarden“ (in „220 bis 245 Milliarden“) is missing in the target (found 220, 254 milliards): "254 milliards" stands where the source has „245 Milliarden“',
      hint: 'write 245 milliards as in the source, e.g. "220 à 245 milliards"',
    });
  });

  it('says that the numbers of a score were swapped', () => {
    expect(run('en', 'Das Spiel endete 2:1.', 'The game ended 1-2.')).toEqual([
      { rule: 'numbers-changed', severity: 'error', message: '„2:1“ is "1-2" in the target: the two numbers are swapped', hint: 'write 2-1 (or 2:1) in the order of the source' },
    ]);
  });

  it('lists what the target has when a number is missing', () => {
    const [finding] = run('en', 'der 220 bis 245 Milliarden US-Dollar erreichte', 'which reached $220bn');
    expect(finding?.message).toBe('„245 Milliarden“ (in „220 bis 245 Milliarden“) is missing in the target (found 220bn)');
    expect(finding?.hint).toBe('write 245 billion as in the source, e.g. "220 to 245 billion"');
  });

  it('says how English reads German grouping', () => {
    const [finding] = run('en', 'Es kamen 1.000 Menschen.', '1.000 people came.');
    expect(finding?.message).toBe('"1.000" in the target reads as 1 in en, not 1000 as in the source (German number format)');
    expect(finding?.hint).toBe('write 1,000');
  });

  it('spells out both readings of an ambiguous date', () => {
    const [finding] = run('en', 'am 01.02.2024', 'on 01/02/2024');
    expect(finding?.message).toBe('"01/02/2024" in the target reads as 1 February 2024 in British and January 2, 2024 in American usage');
    expect(finding?.hint).toBe('write it so that it reads one way only, e.g. "1 February 2024"');
  });

  it('writes the hint in the target language', () => {
    const hint = (lang: string, target: string) => run(lang, 'der 220 bis 245 Milliarden US-Dollar erreichte', target)[0]?.hint;
    expect(hint('es', '220.000 millones')).toBe('write 245 mil millones as in the source, e.g. "220 a 245 mil millones"');
    expect(hint('ru', '220 млрд')).toBe('write 245 млрд as in the source, e.g. "220–245 млрд"');
    expect(hint('zh', '2200亿')).toBe('write 2450亿 as in the source, e.g. "2200亿至2450亿"');
  });
});
