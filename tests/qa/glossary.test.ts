import { describe, expect, it } from 'vitest';
import { glossaryCheck, inflections } from '../../src/qa/checks/glossary.js';
import type { QaTerm } from '../../src/qa/types.js';

interface Entry {
  readonly source: string;
  readonly text?: string;
  readonly targets: Readonly<Record<string, string | { term: string; forms: string[] }>>;
  readonly forbidden?: Readonly<Record<string, string[]>>;
  readonly doNotTranslate?: boolean;
  readonly caseSensitive?: boolean;
}

// What the caller (the workflow) hands the check: terms already resolved for one target language.
const GLOSSARY: Readonly<Record<string, Entry>> = {
  principle: {
    source: 'Ein-China-Prinzip',
    targets: {
      en: 'one-China principle',
      fr: "principe d'une seule Chine",
      ru: { term: 'принцип одного Китая', forms: ['принципа одного Китая'] },
      zh: '一个中国原则',
    },
    forbidden: { en: ['One China policy'], zh: ['一个中国政策'] },
  },
  putin: {
    source: 'Wladimir Putin',
    targets: { en: 'Vladimir Putin', zh: { term: '弗拉基米尔·普京', forms: ['普京'] } },
    forbidden: { en: ['Wladimir'] },
  },
  un: { source: 'Vereinte Nationen', text: 'Vereinten Nationen', targets: { en: { term: 'United Nations', forms: ['UN'] }, ru: 'Организация Объединённых Наций', fr: 'Organisation des Nations unies' } },
  council: { source: 'Rat', targets: { en: 'council' } },
  policy: { source: 'Politik', targets: { en: 'policy' } },
  head: { source: 'Staatschef', targets: { en: 'head of state', fr: "chef d'État", es: 'jefe de Estado' } },
  helmet: { source: 'Blauhelm', targets: { fr: 'casque bleu', es: 'casco azul' } },
  mission: { source: 'Mission', targets: { es: 'misión' } },
  security: { source: 'Sicherheitsrat', targets: { en: 'the Security Council', fr: 'le Conseil de sécurité', es: 'el Consejo de Seguridad' } },
  wsj: { source: 'WSJ', targets: {}, doNotTranslate: true, caseSensitive: true },
  yuan: { source: 'Yuan', targets: { en: 'yuan' }, caseSensitive: true },
  onechina: { source: 'Ein China', targets: { en: 'One China principle' }, forbidden: { en: ['One China'] } },
};

function termsFor(lang: string, keys: readonly string[]): QaTerm[] {
  return keys.map((key) => {
    const entry = GLOSSARY[key];
    if (entry === undefined) throw new Error(`no entry ${key}`);
    const target = entry.targets[lang];
    const required = typeof target === 'string' ? { term: target, forms: [] } : target;
    return {
      termId: key,
      text: entry.text ?? entry.source,
      source: entry.source,
      ...(required === undefined ? {} : { required }),
      forbidden: entry.forbidden?.[lang] ?? [],
      doNotTranslate: entry.doNotTranslate === true,
      caseSensitive: entry.caseSensitive === true,
    };
  });
}

type Row = [name: string, lang: string, terms: string[], target: string, rules: string[]];

const rows: Row[] = [
  // good
  ['required target present', 'en', ['principle'], 'Russia adheres to the one-China principle.', []],
  ['other case', 'en', ['principle'], 'The One-China Principle', []],
  ['accepted form', 'en', ['un'], "the UN's founders", []],
  ['en plural -s', 'en', ['council'], 'the councils met', []],
  ['en plural -ies', 'en', ['policy'], 'their policies differ', []],
  ['en possessive', 'en', ['council'], "the council's decision", []],
  ['en plural possessive', 'en', ['council'], "the councils' decisions", []],
  ['en possessive with a typographic apostrophe', 'en', ['council'], 'the council’s decision', []],
  ['en plural of the head noun before "of"', 'en', ['head'], 'the heads of state met', []],
  ['en leading article optional', 'en', ['security'], "Security Council's members", []],
  ['forbidden only inside the required target', 'en', ['onechina'], 'the One China principle', []],
  ['do-not-translate kept', 'fr', ['wsj'], 'selon le WSJ', []],
  ['case-sensitive term capitalised at the start of a sentence', 'en', ['yuan'], 'Yuan weakened against the dollar.', []],
  ['fr plural of noun and adjective', 'fr', ['helmet'], 'les casques bleus', []],
  ['fr elision before the term', 'fr', ['un'], "l'Organisation des Nations unies", []],
  ['fr typographic apostrophe inside the term', 'fr', ['principle'], 'au principe d’une seule Chine', []],
  ['fr plural before de', 'fr', ['principle'], "les principes d'une seule Chine", []],
  ['fr article contracted', 'fr', ['security'], 'les membres du Conseil de sécurité', []],
  ['fr elision of a capitalised head', 'fr', ['head'], "les chefs d'État", []],
  ['es plural -es', 'es', ['helmet'], 'los cascos azules', []],
  ['es plural with accent', 'es', ['mission'], 'las misiones de paz', []],
  ['es article contracted', 'es', ['security'], 'los miembros del Consejo de Seguridad', []],
  ['ru accepted case form', 'ru', ['principle'], 'Россия придерживается принципа одного Китая.', []],
  ['ru е for ё', 'ru', ['un'], 'Организация Объединенных Наций', []],
  ['zh no word boundaries', 'zh', ['principle'], '俄方坚定奉行一个中国原则。', []],
  ['zh katakana middle dot', 'zh', ['putin'], '弗拉基米尔・普京表示', []],
  ['zh short form', 'zh', ['putin'], '普京表示', []],
  ['no terms', 'en', [], 'One China policy', []],
  ['no target for the language', 'es', ['principle'], 'el principio', []],
  // bad
  ['required target missing', 'en', ['principle'], 'Russia adheres to its principles.', ['glossary-missing-target']],
  ['forbidden and required missing', 'en', ['principle'], 'the One China policy', ['glossary-forbidden', 'glossary-missing-target']],
  ['forbidden plural', 'en', ['principle'], 'the one-China principle, not One China policies', ['glossary-forbidden']],
  ['forbidden German spelling left in', 'en', ['putin'], 'with Wladimir Putin', ['glossary-forbidden', 'glossary-missing-target']],
  ['target inside a longer word', 'en', ['council'], 'the councillor', ['glossary-missing-target']],
  ['do-not-translate translated', 'fr', ['wsj'], 'selon le Wall Street Journal', ['glossary-do-not-translate']],
  ['do-not-translate in another case', 'en', ['wsj'], 'according to the wsj', ['glossary-do-not-translate']],
  ['case-sensitive term capitalised mid-sentence', 'en', ['yuan'], 'the Yuan weakened', ['glossary-missing-target']],
  ['fr another noun', 'fr', ['helmet'], 'les casquettes bleues', ['glossary-missing-target']],
  ['es wrong noun', 'es', ['helmet'], 'los soldados azules', ['glossary-missing-target']],
  ['ru case not listed', 'ru', ['principle'], 'Россия верна принципу одного Китая.', ['glossary-missing-target']],
  ['zh forbidden', 'zh', ['principle'], '俄方坚定奉行一个中国政策。', ['glossary-forbidden', 'glossary-missing-target']],
  ['several terms, in their order', 'en', ['putin', 'principle'], 'Wladimir Putin backs it', ['glossary-forbidden', 'glossary-missing-target', 'glossary-missing-target']],
];

describe('glossary check', () => {
  it.each(rows)('%s', (_name, lang, keys, target, rules) => {
    const findings = glossaryCheck.run(
      { id: 's1', source: '…', target, status: 'reviewed', terms: termsFor(lang, keys) },
      { sourceLanguage: 'de', targetLanguage: lang },
    );
    expect(findings.map((finding) => finding.rule)).toEqual(rules);
  });

  it('reports a term once, however often the caller lists it', () => {
    const terms = [...termsFor('en', ['council']), ...termsFor('en', ['council'])];
    const findings = glossaryCheck.run({ id: 's', source: 'Der Rat und der Rat', target: 'The board', status: 'edited', terms }, { sourceLanguage: 'de', targetLanguage: 'en' });
    expect(findings).toHaveLength(1);
  });

  it('names the inflected source, the glossary term and the target, and says how to fix it', () => {
    const [finding] = glossaryCheck.run(
      { id: 's', source: 'der Vereinten Nationen', target: 'the U.N.', status: 'approved', terms: termsFor('en', ['un']) },
      { sourceLanguage: 'de', targetLanguage: 'en' },
    );
    expect(finding).toEqual({
      rule: 'glossary-missing-target',
      severity: 'warning',
      message: '„Vereinten Nationen“ (glossary term „Vereinte Nationen“) should be translated as "United Nations" (or "UN") in en, but the target does not contain it',
      hint: 'use "United Nations" (or "UN"); plural and possessive forms count',
    });
  });

  it.each([
    ['en', 'policy', ['policy', 'policies', "policy's", "policies'", "policy'"]],
    ['en', 'head of state', ['head of state', 'heads of state']],
    ['en', 'the Security Council', ['the Security Council', 'Security Council', 'Security Councils', "Security Council's", "Security Councils'", "Security Council'"]],
    ['fr', 'casque bleu', ['casque bleu', 'casques bleus']],
    ['fr', 'journal', ['journal', 'journaux']],
    ['es', 'jefe de Estado', ['jefe de Estado', 'jefes de Estado']],
    ['es', 'luz', ['luz', 'luces']],
    ['ru', 'принцип', ['принцип']],
    ['zh', '原则', ['原则']],
  ] as const)('inflections of %s "%s"', (lang, written, expected) => {
    expect(inflections(written, lang)).toEqual(expected);
  });
});
