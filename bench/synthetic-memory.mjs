// Deterministic German-like news sentences for the fuzzy-lookup tests and the 50k-entry bench: one
// source for both (types in synthetic-memory.d.mts), so they measure the same data.

/** mulberry32: tiny seeded PRNG, so every run measures the same data. */
export function seededRandom(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FUNCTION_WORDS = (
  'der die das den dem des ein eine einen einem einer und oder aber doch nicht auch noch schon nur sehr mehr ' +
  'in im an am auf aus bei mit nach von vor zu zum zur über unter für gegen ohne um durch seit bis wie als wenn ' +
  'dass weil ob sich er sie es wir ihr man hat haben ist sind war waren wird werden wurde wurden kann können soll ' +
  'sollen muss müssen will wollen hatte hätte wäre sei heute gestern morgen jetzt bereits laut demnach zudem'
).split(' ');

const STEMS = (
  'Regierung Bund Land Stadt Gemeinde Polizei Gericht Kanzler Minister Ministerin Präsident Partei Wahl Haushalt ' +
  'Steuer Rente Schule Klinik Arzt Bahn Zug Straße Brücke Energie Strom Gas Preis Markt Bank Firma Arbeit Lohn ' +
  'Streik Klima Wetter Regen Sturm Hochwasser Ernte Bauer Forschung Studie Universität Verkehr Unfall Feuerwehr ' +
  'Verband Bürger Jahr Monat Woche Tag Zahl Prozent Euro Million Milliarde Bericht Entscheidung Gesetz Vorschlag'
).split(' ');

const VERBS = (
  'beschlossen angekündigt erklärt gefordert kritisiert bestätigt abgelehnt vorgestellt gemeldet berichtet ' +
  'gestiegen gesunken eröffnet geschlossen verschoben genehmigt untersucht veröffentlicht verhandelt geplant'
).split(' ');

const SUFFIXES = ['', '', '', 's', 'en', 'n', 'e', 'er'];

function pick(random, items) {
  return items[Math.floor(random() * items.length)];
}

function noun(random) {
  const first = pick(random, STEMS);
  const word = random() < 0.35 ? first + pick(random, STEMS).toLowerCase() : first;
  return word + pick(random, SUFFIXES);
}

export function germanSentence(random) {
  const words = [];
  const length = 6 + Math.floor(random() * 18);
  for (let i = 0; i < length; i += 1) words.push(random() < 0.45 ? noun(random) : pick(random, FUNCTION_WORDS));
  if (random() < 0.3) words.push(String(Math.floor(random() * 2000)));
  words.push(pick(random, VERBS));
  const text = words.join(' ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

/** Replaces a few words, as an editor's later version of the same sentence would. */
export function editSentence(random, sentence, edits) {
  const words = sentence.split(' ');
  for (let i = 0; i < edits; i += 1) {
    const at = Math.floor(random() * words.length);
    words[at] = random() < 0.5 ? pick(random, FUNCTION_WORDS) : noun(random);
  }
  return words.join(' ');
}

export function syntheticEntries(count, seed) {
  const random = seededRandom(seed);
  const entries = [];
  for (let i = 0; i < count; i += 1) {
    const source = germanSentence(random);
    entries.push({
      source,
      target: `EN ${i}: ${source}`,
      origin: random() < 0.5 ? 'human' : 'machine',
      status: 'reviewed',
      changed: new Date(Date.UTC(2024, 0, 1) + i * 1000).toISOString(),
    });
  }
  return entries;
}
