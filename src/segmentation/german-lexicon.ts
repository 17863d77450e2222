// Word lists the sentence splitter consults. Kept apart from the splitting logic so an editor can extend
// them without reading the state machine. Every list is deliberately conservative: a missing entry costs a
// wrong split in rare text; a wrong entry (a real word listed as an abbreviation) costs wrong merges in
// common text. Entries match case-sensitively (see classifyAbbreviation), which is what lets the weekday
// "So." be listed although the word "so." ends ordinary sentences.
//
// Where the entries come from: the abbreviations the splitter was built with (news copy), plus a pass
// through LanguageTool's German sentence-splitting rules (languagetool-org/languagetool,
// languagetool-core/src/main/resources/org/languagetool/resource/segment.srx, section "German", LGPL
// data; only the abbreviation names were taken, no code) and Duden's list of common abbreviations,
// keeping those that occur in news and are not also a German word or name. Left out on purpose, because
// the bare word ends sentences: Gen. (das Gen), Part. (der Part), Franz. (the name), Dir. (Dir in
// letters), islam. (Islam), pol. (Pol), span. (Span), met. (Met), geh., trans., Ind., Mod., Temp.
// Lower-case entries also match their capitalised form (see classifyAbbreviation), so each one was
// checked in both spellings.

/**
 * How an abbreviation behaves before the next word.
 * - `never-final`: a title or a connective that always continues the sentence (Dr., z. B., bzw., Nr.).
 * - `list-final`: closes enumerations and often ends a sentence (usw., etc., u. v. m.); a capitalised next
 *   word starts a new sentence, because nothing in German grammar attaches a noun after "usw.".
 * - `unit-final`: may end a sentence but is just as often followed by a noun (5 Mio. Euro, 3. Jan. 2024,
 *   im 19. Jh. entstand); only a known sentence starter after it (Die, Dann, Er …) starts a new sentence.
 */
export type AbbreviationClass = 'never-final' | 'list-final' | 'unit-final';

const NEVER_FINAL = [
  // connectives and phrases, written without inner spaces (the splitter joins "z. B." to "z.B.")
  'z.B.', 'z.T.', 'z.Zt.', 'd.h.', 'u.a.', 'u.U.', 'i.d.R.', 'i.A.', 'i.V.', 'o.g.', 'v.a.', 'u.E.', 'm.E.',
  'bzw.', 'ca.', 'vgl.', 'inkl.', 'exkl.', 'zzgl.', 'abzgl.', 'insb.', 'bspw.', 'sog.', 'gem.', 'lt.', 'bzgl.',
  'betr.', 'zit.', 'geb.', 'verh.', 'verw.', 'hrsg.', 'Hrsg.', 'ehem.', 'stellv.', 'max.', 'mind.',
  'ggü.', 'vs.', 'allg.', 'urspr.', 'entspr.', 'einschl.', 'ausschl.', 'näml.', 'Bsp.',
  // titles and forms of address
  'Dr.', 'Prof.', 'Dipl.', 'Ing.', 'Mag.', 'Hr.', 'Hrn.', 'Fr.', 'Frl.', 'Mr.', 'Mrs.', 'Ms.', 'St.', 'Hl.',
  'med.', 'jur.', 'phil.', 'rer.', 'nat.', 'habil.', 'mult.', 'em.', 'apl.', 'Univ.', 'Pfr.', 'Präs.', 'Vors.', 'Gebr.',
  // reference markers that always precede a number or a name
  'Nr.', 'Abs.', 'Abb.', 'Tab.', 'Bd.', 'Bde.', 'Jg.', 'Kap.', 'Ziff.', 'Rn.', 'Rdnr.', 'Anm.', 'Ausg.',
  'Vol.', 'No.', 'Tel.', 'Fax.', 'Az.', 'Pos.', 'Lfd.', 'lfd.', 'Slg.', 'Aufl.', 'Sp.', 'Hbf.', 'Reg.',
  'BGBl.', 'GBl.', 'ABl.',
  // added from the LanguageTool/Duden pass (see the top of this file)
  // adjectives and adverbs that always precede what they qualify: denominations, languages, origins
  'kath.', 'ev.', 'evang.', 'luth.', 'röm.', 'griech.', 'jüd.', 'christl.', 'dt.', 'engl.', 'frz.', 'ital.',
  'lat.', 'russ.', 'poln.', 'tschech.', 'österr.', 'schweiz.', 'amerik.', 'amerikan.', 'brit.', 'europ.',
  'bayr.', 'hebr.', 'chin.', 'germ.', 'kgl.', 'ehrw.', 'kfm.', 'kaufm.', 'techn.', 'wiss.', 'staatl.',
  'ärztl.', 'akad.', 'hist.', 'gegr.', 'gest.', 'gez.', 'verst.', 'zahlr.', 'eigtl.', 'eigentl.', 'insbes.',
  'bezügl.', 'jew.', 'sel.', 'frdl.', 'möbl.', 'priv.', 'spez.', 'übl.', 'ugs.', 'versch.', 'zw.', 'wg.',
  'ggfs.', 'bes.', 'amtl.', 'anschl.', 'außerord.', 'chem.', 'incl.', 'resp.', 'od.', 'stud.', 'rd.',
  'jmd.', 'jmdm.', 'jmdn.', 'jmds.',
  'i.e.', 'i.S.d.', 'i.S.v.', 'i.H.v.', 'i.d.F.', 'i.W.', 'i.e.S.', 'i.w.S.', 'i.Allg.', 'm.a.W.', 'm.W.',
  'z.Hd.', 'z.H.', 'z.Z.', 'p.A.', 'v.l.n.r.', 'h.c.',
  // titles, ranks and offices before a name
  'Abg.', 'Bgm.', 'Doz.', 'Frhr.', 'Hptm.', 'Kpt.', 'Kapt.', 'Maj.', 'Oberstlt.', 'Adm.', 'Gefr.', 'Uffz.',
  'Feldw.', 'Sgt.', 'Kard.', 'Msgr.', 'Mme.', 'Mlle.', 'Kfm.', 'Hg.', 'Wwe.', 'Obm.', 'Exz.', 'Fam.',
  // reference and address markers that precede a number, a date or a name
  'Bek.', 'RdErl.', 'Erl.', 'Beschl.', 'Urt.', 'Nrn.', 'Abschn.', 'Abh.', 'Anh.', 'Anl.', 'Bl.', 'Fn.',
  'Hs.', 'Rz.', 'Tz.', 'Lfg.', 'Bearb.', 'Einl.', 'Vorb.', 'Lit.', 'Fig.', 'Taf.', 'Abk.', 'Bem.', 'Bed.',
  'Jb.', 'Kto.', 'Postf.', 'Fa.', 'Inh.', 'Bez.', 'Kr.', 'Krs.', 'Lkr.', 'Ldkr.', 'Gde.', 'Kt.', 'Pl.',
  'Hptst.', 'Prov.', 'Inst.', 'Akad.',
] as const;

const LIST_FINAL = [
  'usw.', 'etc.', 'usf.', 'u.s.w.', 'u.v.m.', 'u.a.m.', 'u.Ä.', 'o.Ä.', 'u.ä.', 'o.ä.', 'ff.',
  'dgl.', 'desgl.', 'u.dgl.', 'u.v.a.', 'ebd.', 'a.a.O.',
  // "nach Art. 5 GG" but "ein Betrug dieser Art. Müller sagte …": before a number it is the article of
  // a law, before a capitalised word it is the noun ending a sentence, which is how list-final behaves.
  'Art.',
] as const;

const UNIT_FINAL = [
  'Mio.', 'Mrd.', 'Tsd.', 'Bio.', 'Jh.', 'Jhd.', 'Jhdt.', 'Jahrh.', 'Std.', 'Min.', 'Sek.', 'Mon.',
  'Jan.', 'Feb.', 'Febr.', 'Mär.', 'Apr.', 'Jun.', 'Jul.', 'Aug.', 'Sep.', 'Sept.', 'Okt.', 'Nov.', 'Dez.',
  'Mo.', 'Di.', 'Mi.', 'Do.', 'Sa.', 'So.',
  'ggf.', 'evtl.', 'Str.', 'Jr.', 'Sr.', 'Co.', 'Inc.', 'Ltd.', 'Corp.', 'Bros.', 'e.V.', 'a.D.', 'i.R.',
  'v.Chr.', 'n.Chr.', 'Chr.', 'Th.', 'Ch.', 'Wm.', 's.o.', 's.u.', 'f.', 'Verf.', 'Abt.', 'Kfz.', 'Pkw.', 'Lkw.',
  // added from the LanguageTool/Duden pass (see the top of this file)
  // Austrian and other month spellings, time words
  'Jän.', 'Mrz.', 'Hj.', 'Jhs.', 'tägl.', 'wöchentl.', 'monatl.', 'jährl.', 'mtl.', 'vorm.', 'nachm.',
  'zzt.', 'zz.', 'Zt.', 'd.J.', 'd.M.', 'lfd.J.', 'Ank.', 'Abf.',
  // units and quantities
  'Mill.', 'Pfd.', 'Stk.', 'Stck.', 'Ztr.', 'Pf.', 'Dtzd.', 'Mwst.', 'MwSt.', 'v.H.', 'ü.d.M.', 'u.d.M.',
  'ü.M.', 'ct.', 'cts.', 'Expl.', 'Pers.',
  // places, firms and publications that often close a sentence ("am Bhf.", "Müller & Nachf.")
  'Bhf.', 'Verl.', 'Red.', 'Ges.', 'Hochsch.', 'Gymn.', 'i.Br.', 'Nachf.', 'Forts.',
  // directions, persons' suffixes
  'nördl.', 'südl.', 'östl.', 'westl.', 'jun.', 'sen.', 'zus.', 'gesch.',
] as const;

function buildTable(): { exact: Map<string, AbbreviationClass>; folded: Map<string, AbbreviationClass> } {
  const exact = new Map<string, AbbreviationClass>();
  const folded = new Map<string, AbbreviationClass>();
  const add = (list: readonly string[], cls: AbbreviationClass): void => {
    for (const entry of list) {
      exact.set(entry, cls);
      // Only lower-case entries fold: "Usw." at a sentence start is "usw.", but "mag." is not "Mag.".
      const first = entry.charAt(0);
      if (first === first.toLowerCase()) folded.set(entry.toLowerCase(), cls);
    }
  };
  add(NEVER_FINAL, 'never-final');
  add(LIST_FINAL, 'list-final');
  add(UNIT_FINAL, 'unit-final');
  return { exact, folded };
}

const TABLE = buildTable();

/** Every entry as written (for tests that walk the whole list). */
export function abbreviationEntries(): readonly string[] {
  return [...TABLE.exact.keys()];
}

// A cheap first test before abbreviation candidates are built (most bodies before a full stop are plain
// words). A candidate's last piece is what follows its last "." or "-" before the final "." ("z.B." ->
// "B", "Dipl.-Ing." -> "Ing", "usw." -> "usw"). No entry holds a "-", and lower-casing maps letters one by
// one and never makes a "." or "-", so a candidate that matches an entry (as spelled or folded) has that
// entry's last piece (as spelled or in lower case); and then also its length and, in lower case, its
// first and last letter, which is what the first look compares.

/** Where the last piece of `body` (a candidate without its final ".") starts. */
function lastPieceStart(body: string): number {
  let i = body.length;
  while (i > 0 && body.charCodeAt(i - 1) !== 0x2e && body.charCodeAt(i - 1) !== 0x2d) i -= 1; // . -
  return i;
}

/** Lower case of each Latin-1 code unit, which lower-cases one to one. */
const LATIN1_LOWER = Uint16Array.from({ length: 0x100 }, (_, code) => String.fromCharCode(code).toLowerCase().charCodeAt(0));

/** Length, lower-case first and last letter of the piece [start, end) of `text`, or -1 outside Latin-1. */
function pieceKey(text: string, start: number, end: number): number {
  const first = text.charCodeAt(start);
  const last = text.charCodeAt(end - 1);
  if (first >= 0x100 || last >= 0x100) return -1;
  return ((end - start) << 16) | ((LATIN1_LOWER[first] as number) << 8) | (LATIN1_LOWER[last] as number);
}

const withoutStop = (entry: string): string => entry.slice(0, -1);
const lastPieceOf = (body: string): string => body.slice(lastPieceStart(body));
/** The last pieces of the entries, as spelled and (for the entries that fold) in lower case. */
const LAST_PIECES = new Set([...TABLE.exact.keys()].map((entry) => lastPieceOf(withoutStop(entry))));
const FOLDED_LAST_PIECES = new Set([...TABLE.folded.keys()].map((entry) => lastPieceOf(withoutStop(entry))));
const LONGEST_LAST_PIECE = Math.max(...[...LAST_PIECES].map((piece) => piece.length));
const PIECE_KEYS = new Set([...LAST_PIECES].map((piece) => pieceKey(piece, 0, piece.length)));

/**
 * False when no abbreviation candidate ending in `body` (without its final ".") can be an entry: no
 * entry ends in its last piece, in either spelling.
 */
export function mayEndAbbreviation(body: string): boolean {
  const start = lastPieceStart(body);
  if (start === body.length || body.length - start > LONGEST_LAST_PIECE) return false;
  const key = pieceKey(body, start, body.length);
  if (key >= 0 && !PIECE_KEYS.has(key)) return false;
  const piece = start === 0 ? body : body.slice(start);
  return LAST_PIECES.has(piece) || FOLDED_LAST_PIECES.has(piece.toLowerCase());
}

/**
 * Classifies `candidate` (pieces joined without spaces, ending in "."): exact spelling first; a
 * capitalised candidate may also match a lower-case entry, so "Z.B." and "Usw." at a sentence start match,
 * while lower-case words such as "mag." never match a capitalised entry ("Mag.").
 */
export function classifyAbbreviation(candidate: string): AbbreviationClass | undefined {
  const exact = TABLE.exact.get(candidate);
  if (exact !== undefined) return exact;
  const first = candidate.charAt(0);
  if (first === first.toLowerCase()) return undefined;
  return TABLE.folded.get(candidate.toLowerCase());
}

/**
 * Capitalised words that open German sentences but never follow an ordinal, a unit abbreviation or an
 * initial inside a sentence: articles, pronouns, conjunctions, sentence adverbs, and prepositions that
 * start adverbials ("Im Jahr …", "Nach Angaben …"). Nouns are excluded on purpose ("am 3. Mai",
 * "5 Mio. Euro", "zum 1. Mal" must stay together), which is why e.g. "Morgen" is missing.
 */
export const SENTENCE_STARTERS: ReadonlySet<string> = new Set([
  // articles and determiners
  'Der', 'Die', 'Das', 'Den', 'Dem', 'Des', 'Ein', 'Eine', 'Einen', 'Einem', 'Einer', 'Eines',
  'Dieser', 'Diese', 'Dieses', 'Diesem', 'Diesen', 'Dies', 'Jener', 'Jene', 'Jenes', 'Jeder', 'Jede', 'Jedes',
  'Alle', 'Viele', 'Einige', 'Manche', 'Mehrere', 'Beide', 'Kein', 'Keine', 'Keiner', 'Solche', 'Welche',
  'Welcher', 'Welches',
  // pronouns and possessives
  'Ich', 'Du', 'Er', 'Sie', 'Es', 'Wir', 'Ihr', 'Man', 'Mein', 'Meine', 'Dein', 'Deine', 'Sein', 'Seine',
  'Ihre', 'Unser', 'Unsere', 'Euer', 'Eure', 'Niemand', 'Jemand', 'Nichts', 'Etwas', 'Wer', 'Was', 'Wem',
  'Wen', 'Wessen', 'Mich', 'Mir', 'Ihm', 'Ihn', 'Ihnen', 'Uns', 'Dort', 'Hier', 'Da',
  // conjunctions and connecting adverbs
  'Und', 'Oder', 'Aber', 'Doch', 'Denn', 'Sondern', 'Dann', 'Danach', 'Daher', 'Deshalb', 'Deswegen',
  'Darum', 'Dabei', 'Dafür', 'Dagegen', 'Damit', 'Davor', 'Dazu', 'Darauf', 'Daraufhin', 'Darüber',
  'Trotzdem', 'Dennoch', 'Jedoch', 'Allerdings', 'Zwar', 'Zudem', 'Außerdem', 'Ebenso', 'Ebenfalls',
  'Also', 'So', 'Somit', 'Sonst', 'Vielmehr', 'Immerhin', 'Zumindest', 'Auch', 'Nur', 'Noch', 'Schon',
  'Bereits', 'Erst', 'Zunächst', 'Anschließend', 'Schließlich', 'Letztlich', 'Insgesamt', 'Stattdessen',
  'Inzwischen', 'Mittlerweile', 'Derzeit', 'Bisher', 'Damals', 'Heute', 'Gestern', 'Jetzt', 'Nun',
  'Später', 'Zuvor', 'Seitdem', 'Dadurch', 'Hingegen', 'Indes', 'Indessen', 'Offenbar', 'Vermutlich',
  'Wahrscheinlich', 'Tatsächlich', 'Gleichzeitig', 'Zugleich', 'Weiterhin', 'Überdies',
  'Wenn', 'Als', 'Weil', 'Obwohl', 'Während', 'Nachdem', 'Bevor', 'Seit', 'Falls', 'Ob', 'Dass', 'Sobald',
  'Wie', 'Wo', 'Wann', 'Warum', 'Weshalb', 'Wieso', 'Woher', 'Wohin', 'Womit', 'Wozu',
  // prepositions (and their contractions) that open adverbials
  'Im', 'In', 'Am', 'An', 'Auf', 'Aus', 'Bei', 'Beim', 'Mit', 'Nach', 'Von', 'Vom', 'Vor', 'Zu', 'Zum',
  'Zur', 'Ab', 'Für', 'Gegen', 'Ohne', 'Um', 'Unter', 'Über', 'Laut', 'Trotz', 'Wegen', 'Neben', 'Bis', 'Ins',
  'Angesichts', 'Zwischen', 'Hinter', 'Durch', 'Gemäß', 'Infolge', 'Aufgrund', 'Anders',
  // common sentence-initial particles in reports
  'Vgl', 'Ja', 'Nein', 'Bitte', 'Danke', 'Mehr', 'Weitere', 'Weiter', 'Ganz', 'Fast', 'Rund', 'Knapp', 'Etwa',
]);

/**
 * Words after which a bare number followed by "." is an ordinal even when it has four digits
 * ("der 1000. Besucher", "am 2024. Tag"): a determiner or a contracted preposition never precedes a year
 * that closes a sentence.
 */
export const ORDINAL_DETERMINERS: ReadonlySet<string> = new Set([
  'der', 'die', 'das', 'dem', 'den', 'des', 'am', 'im', 'zum', 'zur', 'vom', 'beim', 'ins', 'ein', 'eine',
  'einem', 'einen', 'einer', 'eines', 'sein', 'seine', 'seinem', 'seinen', 'seiner', 'ihr', 'ihre', 'ihrem',
  'ihren', 'ihrer', 'unser', 'unsere', 'unserem', 'unseren', 'dieser', 'diese', 'diesem', 'diesen', 'dieses',
  'jeder', 'jede', 'jedem', 'jeden', 'mein', 'meine', 'meinem', 'meinen',
]);

/**
 * Words after which a short number is a quantity or a label, never an ordinal: German needs an article
 * between them and an ordinal ("auf den 3. Platz", "beim 3. Versuch", "zum 3. Mal"), so "stieg auf 12."
 * and "auf Platz 3." end the sentence before any capitalised word. Prepositions that do take bare
 * ordinals in dates ("ab 3. Mai", "bis 5. Mai", "von 3. bis 5. Mai", "seit 1. Januar") are left out.
 */
export const CARDINAL_CONTEXT: ReadonlySet<string> = new Set([
  'auf', 'bei', 'um', 'über', 'unter', 'zu', 'als', 'rund', 'etwa', 'knapp', 'fast', 'nur', 'gut', 'insgesamt',
  'ca.', 'circa', 'mindestens', 'höchstens', 'maximal', 'minus', 'plus',
  'platz', 'rang', 'nummer', 'teil', 'kapitel', 'folge', 'runde', 'gruppe', 'tabelle', 'seite', 'abbildung',
  'stufe', 'level', 'jahr', 'version',
]);
