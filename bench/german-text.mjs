// German news text for the benchmark corpora: sentences, headlines and list items built from templates and
// word lists, driven by a seeded PRNG (bench/synthetic-memory.mjs), so the same seed gives the same text.
//
// A sentence is a list of parts: plain strings, and spans a Markdown document may mark up ({ span }) or
// that are code ({ code }). `renderParts` turns them into the Markdown a writer would type and into the
// plain text a reader sees; .txt documents use the plain text only. The text carries what trips up sentence
// splitters in German news: ordinal dates (am 3. Oktober), abbreviations (z. B., u. a., Nr., Prof. Dr.),
// times (14.30 Uhr), decimal commas, thousands dots, quotes „…“ and parentheses.

export const pick = (random, items) => items[Math.floor(random() * items.length)];
const chance = (random, p) => random() < p;
const int = (random, min, max) => min + Math.floor(random() * (max - min + 1));

const MONTHS = ['Januar', 'Februar', 'März', 'April', 'Mai', 'Juni', 'Juli', 'August', 'September', 'Oktober', 'November', 'Dezember'];
const WEEKDAYS = ['Montag', 'Dienstag', 'Mittwoch', 'Donnerstag', 'Freitag', 'Samstag', 'Sonntag'];
const CITIES = [
  'Berlin', 'Hamburg', 'München', 'Köln', 'Frankfurt am Main', 'Stuttgart', 'Düsseldorf', 'Leipzig', 'Dresden', 'Hannover',
  'Nürnberg', 'Bremen', 'Bochum', 'Münster', 'Kiel', 'Rostock', 'Erfurt', 'Magdeburg', 'Potsdam', 'Saarbrücken', 'Mainz',
  'Freiburg im Breisgau', 'Regensburg', 'Görlitz', 'Peking', 'Moskau', 'Astana', 'Kasan', 'Wien', 'Zürich',
];
const SURNAMES = ['Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Meyer', 'Wagner', 'Becker', 'Schulz', 'Hoffmann', 'Koch', 'Richter', 'Klein', 'Wolf', 'Schröder', 'Neumann', 'Schwarz', 'Zimmermann', 'Braun', 'Krüger', 'Hofmann', 'Hartmann', 'Lange', 'Schmitt', 'Werner', 'Krause', 'Özdemir', 'Nowak', 'Yılmaz', 'Kowalski'];
const WOMEN = ['Anna', 'Leonie', 'Sophie', 'Marie', 'Hannah', 'Aylin', 'Katharina', 'Julia', 'Sabine', 'Petra', 'Ursula', 'Fatma'];
const MEN = ['Jonas', 'Lukas', 'Felix', 'Paul', 'Elias', 'Tobias', 'Mehmet', 'Stefan', 'Thomas', 'Andreas', 'Jürgen', 'Wladimir'];
const PARTIES = ['SPD', 'CDU', 'CSU', 'Grüne', 'FDP', 'Linke', 'BSW', 'Freie Wähler'];
/** [dative, nominative]: „sagte der Zeitung“, „wie die Zeitung berichtete“. */
const PAPERS = [
  ['der „Süddeutschen Zeitung“', 'die „Süddeutsche Zeitung“'], ['der „Frankfurter Allgemeinen Zeitung“', 'die „Frankfurter Allgemeine Zeitung“'],
  ['der Deutschen Presse-Agentur', 'die Deutsche Presse-Agentur'], ['der „Rheinischen Post“', 'die „Rheinische Post“'], ['der „Zeit“', 'die „Zeit“'],
  ['der Nachrichtenagentur Reuters', 'die Nachrichtenagentur Reuters'], ['der Agentur Xinhua', 'die Agentur Xinhua'], ['dem „Tagesspiegel“', 'der „Tagesspiegel“'],
  ['dem Sender NDR', 'der Sender NDR'], ['dem „Handelsblatt“', 'das „Handelsblatt“'],
];
const paperDative = (r) => pick(r, PAPERS)[0];
const paperNominative = (r) => pick(r, PAPERS)[1];
const WOMEN_ROLES = ['Bürgermeisterin', 'Landrätin', 'Ministerin', 'Sprecherin', 'Abgeordnete', 'Vorsitzende', 'Direktorin', 'Staatssekretärin', 'Polizeipräsidentin'];
const MEN_ROLES = ['Bürgermeister', 'Landrat', 'Minister', 'Sprecher', 'Abgeordnete', 'Vorsitzende', 'Direktor', 'Staatssekretär', 'Polizeipräsident'];
const ROLE_PLACE = [(r) => ` aus ${pick(r, CITIES)}`, (r) => ` (${pick(r, PARTIES)})`, () => ''];
/** „Ministerin Anna Weber“: role and name agree. */
const titledPerson = (r) => {
  const woman = r() < 0.5;
  const role = pick(r, woman ? WOMEN_ROLES : MEN_ROLES);
  return `${role} ${pick(r, woman ? WOMEN : MEN)} ${pick(r, SURNAMES)}${pick(r, ROLE_PLACE)(r)}`;
};

/** Subjects in the nominative singular (the verbs below agree with them). */
const SUBJECTS = [
  () => 'die Bundesregierung', () => 'die Landesregierung', (r) => `der Stadtrat von ${pick(r, CITIES)}`, () => 'das Statistische Bundesamt',
  (r) => `die Polizei in ${pick(r, CITIES)}`, (r) => `ein Sprecher des ${pick(r, ['Innenministeriums', 'Finanzministeriums', 'Verkehrsministeriums', 'Gesundheitsministeriums', 'Auswärtigen Amts'])}`,
  () => 'die Gewerkschaft Verdi', (r) => titledPerson(r).replace(/ \(.*\)$/, ''), () => 'die Deutsche Bahn',
  (r) => `das Landgericht ${pick(r, CITIES)}`, (r) => `Prof. Dr. ${pick(r, SURNAMES)} von der Universität ${pick(r, CITIES)}`,
  () => 'die Europäische Zentralbank (EZB)', () => 'der Bundestag', () => 'die Verbraucherzentrale', () => 'der Deutsche Wetterdienst (DWD)',
  (r) => `die Feuerwehr ${pick(r, CITIES)}`, () => 'der Sicherheitsrat der Vereinten Nationen', () => 'der chinesische Staatspräsident',
  () => 'der russische Präsident', (r) => `die ${pick(r, ['Verkehrsgesellschaft', 'Wohnungsbaugesellschaft', 'Handwerkskammer'])} ${pick(r, CITIES)}`,
  (r) => `der Vorstand der ${pick(r, ['Sparkasse', 'Volksbank', 'Messe', 'Flughafengesellschaft', 'Wohnungsbaugenossenschaft'])} ${pick(r, CITIES)}`,
  () => 'das Robert Koch-Institut', () => 'die Kultusministerkonferenz', () => 'der Bund der Steuerzahler',
];
const OBJECTS = [
  () => 'einen neuen Haushaltsentwurf', (r) => `die Pläne für den Ausbau der A ${int(r, 1, 99)}`, (r) => `ein Förderprogramm über ${money(r)}`,
  () => 'strengere Regeln für E-Scooter', (r) => `den Bau von ${thousands(r, 200, 12000)} Wohnungen`, () => 'eine Studie zur Lage der Kliniken',
  () => 'die Erhöhung des Mindestlohns', () => 'ein Tempolimit auf Autobahnen', () => 'die Schließung mehrerer Filialen',
  (r) => `die Sanierung der Brücke über die ${pick(r, ['Elbe', 'Spree', 'Isar', 'Weser', 'Mosel', 'Oder', 'Donau'])}`, () => 'neue Regeln für das Bürgergeld',
  () => 'den Ausbau der Ganztagsschulen', () => 'ein Verbot von Silvesterfeuerwerk', () => 'die Reform der Grundsteuer', () => 'einen Warnstreik im Nahverkehr',
  (r) => `die Senkung des Leitzinses um ${decimal(r, 0.25, 0.75, 2)} Prozentpunkte`, () => 'eine Kooperation mit chinesischen Hochschulen',
  () => 'den Kompromiss zur Wärmepumpe', () => 'die Abschaffung der Maskenpflicht', () => 'den Entwurf für ein neues Klimaschutzgesetz',
];
const PARTICIPLES = ['vorgelegt', 'beschlossen', 'angekündigt', 'kritisiert', 'gestoppt', 'verteidigt', 'bestätigt', 'vorgestellt', 'abgelehnt', 'verschoben', 'gefordert', 'begrüßt'];
const PLURAL_NOUNS = ['Verbraucherpreise', 'Mieten', 'Baugenehmigungen', 'Insolvenzen', 'Übernachtungen', 'Asylanträge', 'Verkehrsunfälle', 'Neuzulassungen', 'Exporte nach China', 'Studienanfänger', 'Krankmeldungen', 'Firmengründungen'];
const QUOTES = [
  'Wir werden alles tun, um die Versorgung zu sichern', 'Das ist ein wichtiger Schritt für die ganze Region', 'Die Lage ist ernst, aber beherrschbar',
  'Niemand hat mit einem solchen Ansturm gerechnet', 'Wir brauchen jetzt schnell Klarheit', 'So kann es nicht weitergehen',
  'Die Zahlen sprechen eine deutliche Sprache', 'Wir haben aus den Fehlern der Vergangenheit gelernt', 'Das Geld ist gut angelegt',
  'Am Ende zählt, was bei den Menschen ankommt', 'Für Panik gibt es keinen Grund', 'Wir stehen erst am Anfang',
];
const ADJECTIVES = ['überfällig', 'unverantwortlich', 'mutig', 'verfrüht', 'richtig', 'enttäuschend', 'kurzsichtig', 'vernünftig'];
const TOPICS = ['Haushalt', 'Verkehrswende', 'Wohnungsbau', 'Energiepreise', 'Bildung', 'Gesundheit', 'Klimaschutz', 'Digitalisierung', 'Landwirtschaft', 'Außenpolitik', 'Tarifstreit', 'Kommunalwahl'];
const HOSTS = ['www.destatis.de', 'www.bundesregierung.de', 'www.bahn.de', 'www.dwd.de', 'www.verbraucherzentrale.de', 'www.example.org'];
const FILES = ['verkehr_2024.csv', 'haushalt-entwurf.pdf', 'mieten.json', 'wahlergebnis.xlsx', 'pegel_elbe.csv'];

function money(r) {
  return chance(r, 0.5) ? `${decimal(r, 1.2, 980, 1)} Millionen Euro` : `${thousands(r, 1200, 950000)} Euro`;
}
/** A number with German thousands dots, e.g. 12.500. */
function thousands(r, min, max) {
  return new Intl.NumberFormat('de-DE').format(int(r, min, max));
}
/** A number with a German decimal comma, e.g. 2,4. */
function decimal(r, min, max, digits) {
  return (min + r() * (max - min)).toFixed(digits).replace('.', ',');
}
function date(r) {
  return `${int(r, 1, 28)}. ${pick(r, MONTHS)}`;
}
function time(r) {
  return pick(r, [
    () => `am ${pick(r, WEEKDAYS)}`,
    () => `am ${date(r)}`,
    () => `am ${date(r)} ${int(r, 2019, 2026)}`,
    () => `seit Anfang ${int(r, 2015, 2025)}`,
    () => `bereits im ${pick(r, MONTHS)}`,
    () => `gegen ${int(r, 6, 22)}.${pick(r, ['00', '15', '30', '45'])} Uhr`,
    () => `in der Nacht zu ${pick(r, WEEKDAYS)}`,
    () => `Mitte ${pick(r, MONTHS)}`,
  ])();
}
const capital = (text) => text.charAt(0).toUpperCase() + text.slice(1);
const person = (r) => `${pick(r, r() < 0.5 ? WOMEN : MEN)} ${pick(r, SURNAMES)}`;

/** Clause ending in a subjunctive verb, for reported speech. */
const CLAUSES = [
  (r) => [`die Zahl der ${pick(r, PLURAL_NOUNS)} um ${decimal(r, 0.3, 14.9, 1)} Prozent gestiegen sei`],
  (r) => [`der Bau bis ${int(r, 2026, 2035)} dauern werde`],
  (r) => [`rund ${thousands(r, 1000, 250000)} Menschen betroffen seien`],
  () => ['es keine Verletzten gegeben habe'],
  (r) => ['man ', { span: pick(r, ['keine Alternative', 'wenig Spielraum', 'einen klaren Auftrag', 'großen Nachholbedarf']) }, ' sehe'],
  (r) => [`die Kosten auf ${money(r)} gestiegen seien`],
  (r) => [`die Gespräche ${time(r)} fortgesetzt würden`],
  (r) => ['die Entscheidung u. a. auf ', { span: pick(r, ['neuen Daten', 'einem Gutachten', 'Hinweisen aus der Bevölkerung']) }, ' beruhe'],
];

/** Sentence templates: each returns parts; the final mark is part of the template. */
const SENTENCES = [
  (r) => [capital(time(r)), ` hat ${pick(r, SUBJECTS)(r)} `, { span: pick(r, OBJECTS)(r) }, ` ${pick(r, PARTICIPLES)}.`],
  (r) => [capital(pick(r, SUBJECTS)(r)), ` teilte ${time(r)} mit, dass `, ...pick(r, CLAUSES)(r), '.'],
  (r) => [`„${pick(r, QUOTES)}“, sagte ${titledPerson(r)} ${paperDative(r)}${pick(r, ['', ` am ${pick(r, WEEKDAYS)}`, ` am ${date(r)}`])}.`],
  (r) => [`Nach Angaben des Statistischen Bundesamts ${pick(r, ['stiegen', 'sanken'])} die `, { span: pick(r, PLURAL_NOUNS) }, ` im ${pick(r, ['ersten', 'zweiten', 'dritten', 'vierten'])} Quartal um ${decimal(r, 0.2, 9.9, 1)} Prozent.`],
  (r) => {
    const from = int(r, 1, 20);
    return [`Die ${pick(r, ['Messe', 'Konferenz', 'Tagung', 'Ausstellung', 'Buchmesse'])} findet vom ${from}. bis ${from + int(r, 1, 7)}. ${pick(r, MONTHS)} in ${pick(r, CITIES)} statt.`];
  },
  (r) => ['Weitere Informationen gibt es ', { link: 'auf der Website', url: `https://${pick(r, HOSTS)}/${pick(r, ['presse', 'aktuelles', 'daten'])}/${int(r, 100, 99999)}` }, ` der ${pick(r, ['Behörde', 'Stadt', 'Bahn', 'Verbraucherzentrale'])}.`],
  (r) => [`Laut ${pick(r, ['einem internen Papier', 'dem Finanzplan', 'Schätzungen des Bundes', 'einem Bericht der Landesregierung'])} kostet das Projekt rund ${money(r)}, u. a. für `, { span: pick(r, ['neue Gleise', 'Personal', 'die Planung', 'Lärmschutz', 'die Digitalisierung der Ämter']) }, '.'],
  (r) => [`${person(r)} (${pick(r, PARTIES)}) kritisierte die Entscheidung als `, { span: pick(r, ADJECTIVES) }, '.'],
  (r) => [`Wie geht es ${pick(r, ['', 'nach der Wahl ', 'nach dem Urteil ', 'nach dem Streik ', 'jetzt '])}weiter mit ${pick(r, ['dem Hafen', 'der Klinik', 'dem Stahlwerk', 'den Schulen', 'dem Flughafen', 'dem Theater', 'der Messe', 'dem Freibad', 'der Stadtbahn'])} in ${pick(r, CITIES)}?`],
  (r) => [`${pick(r, ['Wer zahlt für', 'Wann kommt', 'Was bringt', 'Wem nützt'])} ${pick(r, OBJECTS)(r).replace(ARTICLE, '')} in ${pick(r, CITIES)}?`],
  (r) => [`Die Feuerwehr war ${time(r)} mit ${int(r, 12, 240)} Einsatzkräften in ${pick(r, CITIES)} vor Ort; verletzt wurde ${pick(r, ['niemand', 'eine Person leicht', 'ein Feuerwehrmann', 'eine Anwohnerin schwer'])}.`],
  (r) => [`Der Prozess gegen den ${int(r, 19, 78)}-Jährigen beginnt am ${date(r)} vor dem Landgericht ${pick(r, CITIES)}.`],
  (r) => [`Im Vergleich zum Vorjahr sank die Zahl der ${pick(r, PLURAL_NOUNS)} um ${thousands(r, 100, 9000)} auf ${thousands(r, 10000, 900000)}.`],
  (r) => [`Die Abstimmung ${pick(r, ['im Stadtrat', 'im Landtag', 'im Bundestag', 'im Kreistag', 'über den Haushalt', 'über das Bürgerbegehren'])} ist für ${pick(r, WEEKDAYS)}, den ${date(r)}, geplant.`],
  (r) => [`Bis zum Jahr ${int(r, 2030, 2045)} sollen in ${pick(r, CITIES)} ${int(r, 40, 95)} Prozent ${pick(r, ['des Stroms', 'der Wärme', 'der Energie'])} aus `, { span: pick(r, ['erneuerbaren Energien', 'Wind und Sonne', 'heimischen Quellen']) }, ' stammen.'],
  (r) => [`Das Unternehmen beschäftigt weltweit ca. ${thousands(r, 800, 240000)} Mitarbeiterinnen und Mitarbeiter, davon ${int(r, 10, 60)} Prozent in Deutschland.`],
  (r) => ['Die Daten stehen in der Datei ', { code: pick(r, FILES) }, ` zur Verfügung, Stand: ${date(r)} ${int(r, 2022, 2025)}.`],
  (r) => [`Ob die Pläne ${pick(r, ['', 'noch ', 'wie geplant '])}${time(r)} umgesetzt werden, ist ${pick(r, ['offen', 'unklar', 'fraglich'])}: Die ${pick(r, PARTIES)} will ${pick(r, ['klagen', 'ein Volksbegehren starten', 'den Haushalt blockieren', 'einen Untersuchungsausschuss'])}.`],
  (r) => [`Zuvor hatten ${pick(r, ['Anwohner', 'Eltern', 'Pendler', 'Landwirte', 'Ärztinnen und Ärzte'])} in ${pick(r, CITIES)} ${pick(r, ['mehrfach', 'wochenlang', 'erneut'])} gegen `, { span: pick(r, OBJECTS)(r) }, ' protestiert.'],
  (r) => [`Die Regierung in ${pick(r, ['Peking', 'Moskau', 'Berlin', 'Paris', 'Astana', 'Wien'])} betonte ${time(r)}, man halte ${pick(r, ['am Multilateralismus', 'am Ein-China-Prinzip', 'an dem Abkommen', 'an der Partnerschaft', 'an den Klimazielen', 'an der Schuldenbremse'])} fest.`],
  (r) => [`Das ${pick(r, ['Bündnis', 'Gremium', 'Komitee', 'Präsidium', 'Kuratorium'])} ${pick(r, ['in ', 'aus '])}${pick(r, CITIES)} tagt ${pick(r, ['wieder', 'erst wieder', 'voraussichtlich'])} am ${date(r)}, Beginn ist um ${int(r, 8, 20)}.30 Uhr.`],
  (r) => {
    const [verb, rest] = pick(r, [['warnte', 'vor weiteren Verzögerungen'], ['rechnet', 'mit steigenden Kosten'], ['geht', 'von einer Einigung aus'], ['hofft', 'auf eine schnelle Lösung'], ['setzt', 'auf Gespräche']]);
    return [`${capital(pick(r, SUBJECTS)(r))} ${verb} ${time(r)} ${rest}, wie ${paperNominative(r)} berichtete.`];
  },
  (r) => [`„${pick(r, QUOTES)}!“, rief ${person(r)} den Demonstrierenden zu.`],
];

const HEADLINES = [
  (r) => [`${pick(r, TOPICS)} ${int(r, 2024, 2026)}: ${pick(r, ['Stadtrat stimmt über Sparpaket ab', 'Was sich jetzt ändert', 'Die wichtigsten Fragen und Antworten', 'Streit um die Kosten'])}`],
  (r) => [`Was ${pick(r, ['die neuen Regeln', 'das Urteil', 'die Reform', 'der Streik', 'der Beschluss'])} für ${pick(r, ['Mieter', 'Pendler', 'Familien', 'Rentner', 'Studierende', 'Landwirte', 'Eltern'])} in ${pick(r, CITIES)} bedeutet`.replace(/die neuen Regeln(.*)bedeutet$/, 'die neuen Regeln$1bedeuten')],
  (r) => [`${pick(r, CITIES)}: ${pick(r, ['Großeinsatz nach Brand in Lagerhalle', 'Neue Brücke freigegeben', 'Streik legt Nahverkehr lahm', 'Hochwasser geht zurück'])}`],
  (r) => [`${pick(r, ['Warum', 'Wie', 'Wann'])} ${pick(r, ['die Preise wieder steigen', 'der Ausbau so lange dauert', 'die Gespräche scheiterten'])}`],
  (r) => [`${person(r)} im Interview: „${pick(r, QUOTES)}“`],
];
const LIST_ITEMS = [
  (r) => [`Die Frist für ${pick(r, ['Anträge', 'Einsprüche', 'Bewerbungen', 'Stellungnahmen', 'Anmeldungen'])} endet am ${date(r)} ${int(r, 2024, 2026)}.`],
  (r) => [`${pick(r, ['Anträge', 'Anmeldungen', 'Rückfragen'])} sind ${pick(r, WEEKDAYS).replace(/$/, 's')} bis ${int(r, 12, 18)} Uhr im ${pick(r, ['Rathaus', 'Bürgerbüro', 'Landratsamt'])} ${pick(r, CITIES)} möglich.`],
  (r) => [{ span: pick(r, PLURAL_NOUNS) }, `: plus ${decimal(r, 0.5, 12, 1)} Prozent`],
  (r) => [`Kosten: rund ${money(r)}`],
  (r) => {
    const city = pick(r, CITIES);
    return ['Kontakt: ', { link: `Bürgertelefon ${city}`, url: `https://${pick(r, HOSTS)}/kontakt/${int(r, 10, 999)}` }, ` (Mo.–Fr. ${int(r, 7, 9)} bis ${int(r, 15, 18)} Uhr)`];
  },
  (r) => [`${pick(r, ['Geplant', 'Neu', 'Beschlossen', 'Offen'])}: ${pick(r, OBJECTS)(r).replace(ARTICLE, '')} ab dem ${date(r)}`],
];
/** Fixed sentences newsrooms repeat in many articles. */
export const BOILERPLATE = [
  'Weitere Informationen folgen.', 'Die Polizei bittet Zeugen, sich zu melden.', 'Die Ermittlungen dauern an.', 'Eine Stellungnahme lag zunächst nicht vor.',
  'Der Artikel wurde aktualisiert.', 'Die Redaktion hat die Angaben nicht unabhängig prüfen können.', 'Mehr dazu lesen Sie in Kürze.',
  'Es gilt die Unschuldsvermutung.', 'Das Unternehmen wollte sich auf Anfrage nicht äußern.', 'Mit Material von dpa und Reuters.',
];

const ARTICLE = /^(einen|eine|ein|den|die|das) /;

/** Attributions a reporter adds to a statement (before its full stop). */
const ATTRIBUTIONS = [
  (r) => `, wie ${pick(r, ['ein Sprecher', 'eine Sprecherin', 'die Stadt', 'das Ministerium'])} ${time(r)} mitteilte`,
  (r) => `, hieß es aus ${pick(r, ['Kreisen der Stadtverwaltung', 'Regierungskreisen', 'dem Rathaus', 'Verhandlungskreisen'])} in ${pick(r, CITIES)}`,
  (r) => `, so ${titledPerson(r)}`,
  (r) => `, berichtete ${paperNominative(r)} ${time(r)}`,
  (r) => ` (Stand: ${date(r)}, ${int(r, 6, 22)}.${pick(r, ['00', '15', '30', '45'])} Uhr)`,
];

export function germanSentence(random) {
  const parts = pick(random, SENTENCES)(random);
  const last = parts.at(-1);
  // A statement may carry an attribution; questions, exclamations and quotes already say who speaks.
  if (typeof last === 'string' && last.endsWith('.') && !/sagte|berichtete|Stand:|zu\.$/.test(last) && random() < 0.4) {
    return [...parts.slice(0, -1), `${last.slice(0, -1)}${pick(random, ATTRIBUTIONS)(random)}.`];
  }
  return parts;
}
export function germanHeadline(random) {
  return pick(random, HEADLINES)(random);
}
export function germanListItem(random) {
  return pick(random, LIST_ITEMS)(random);
}
export function germanTitle(random) {
  return [`${pick(random, TOPICS)}: ${pick(random, ['Neue Pläne für', 'Streit um', 'Einigung bei', 'Kritik an'])} ${pick(random, OBJECTS)(random).replace(ARTICLE, '')} in ${pick(random, CITIES)}`];
}

const CODE_BLOCKS = [
  (r) => ['csv', `Jahr;Wert\n${int(r, 2018, 2021)};${decimal(r, 1, 9, 1)}\n${int(r, 2022, 2025)};${decimal(r, 1, 9, 1)}`],
  (r) => ['json', `{ "stadt": "${pick(r, CITIES)}", "einwohner": ${int(r, 20000, 3700000)} }`],
  (r) => ['sh', `curl -s https://${pick(r, HOSTS)}/api/v1/daten?jahr=${int(r, 2020, 2025)} | jq '.[0]'`],
];
export function codeBlock(random) {
  const [lang, text] = pick(random, CODE_BLOCKS)(random);
  return { lang, text };
}

/**
 * Parts → { md, plain }. Spans get Markdown emphasis, strong emphasis or a link when `markup` is on, with
 * the given probability each; code is always code in Markdown.
 */
export function renderParts(parts, random, { markup }) {
  let md = '';
  let plain = '';
  for (const part of parts) {
    if (typeof part === 'string') {
      md += part;
      plain += part;
    } else if ('code' in part) {
      md += markup ? `\`${part.code}\`` : part.code;
      plain += part.code;
    } else if ('link' in part) {
      md += markup ? `[${part.link}](${part.url})` : `${part.link} (${part.url})`;
      plain += markup ? part.link : `${part.link} (${part.url})`;
    } else {
      const roll = markup ? random() : 1;
      md += roll < 0.12 ? `**${part.span}**` : roll < 0.22 ? `*${part.span}*` : part.span;
      plain += part.span;
    }
  }
  return { md, plain };
}
