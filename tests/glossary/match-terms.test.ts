import { describe, expect, it } from 'vitest';
import {
  compileGlossary,
  createGlossary,
  findTerms,
  requiredTarget,
  sourceForms,
  type GlossaryFileTerm,
} from '../../src/glossary/index.js';

const glossaryOf = (...terms: GlossaryFileTerm[]) => createGlossary(terms).glossary;
const t = (source: string, extra: Partial<GlossaryFileTerm> = {}): GlossaryFileTerm => ({
  source,
  targets: { en: source },
  ...extra,
});
const texts = (terms: GlossaryFileTerm[], sentence: string): string[] =>
  findTerms(glossaryOf(...terms), sentence).map((m) => m.text);

describe('findTerms: inflected forms', () => {
  const cases: Array<[string, GlossaryFileTerm, string, string[]]> = [
    ['base form', t('Ein-China-Prinzip'), 'Russland hält am Ein-China-Prinzip fest.', ['Ein-China-Prinzip']],
    ['genitive -s', t('Ein-China-Prinzip'), 'die Bedeutung des Ein-China-Prinzips', ['Ein-China-Prinzips']],
    ['genitive -es', t('Neujahrsfest'), 'im Vorfeld des Neujahrsfestes', ['Neujahrsfestes']],
    ['genitive of a name', t('China'), 'die Wiedervereinigung Chinas', ['Chinas']],
    ['genitive of a city', t('Moskau'), 'Moskaus Haltung', ['Moskaus']],
    ['weak noun -en', t('Präsident'), 'mit dem russischen Präsidenten', ['Präsidenten']],
    ['plural of a noun in -e', t('Taiwan-Frage'), 'in allen Taiwan-Fragen', ['Taiwan-Fragen']],
    ['dative plural -n', t('Lehrer'), 'mit den Lehrern', ['Lehrern']],
    ['feminine plural -en', t('Kooperationsorganisation'), 'zwei Kooperationsorganisationen', ['Kooperationsorganisationen']],
    ['acronym genitive', t('IWF'), 'die Rolle des IWFs', ['IWFs']],
    ['adjective -en', t('Russische Föderation'), 'Präsident der Russischen Föderation', ['Russischen Föderation']],
    ['adjective -en, plural noun', t('Vereinte Nationen'), 'Gründungsländer der Vereinten Nationen', ['Vereinten Nationen']],
    ['adjective and genitive', t('chinesisches Neujahrsfest'), 'des chinesischen Neujahrsfestes', ['chinesischen Neujahrsfestes']],
    ['lower-case adjective', t('friedliche Wiedervereinigung'), 'der friedlichen Wiedervereinigung', ['friedlichen Wiedervereinigung']],
    ['ordinal adjective', t('Zweiter Weltkrieg'), 'Sieg im Zweiten Weltkrieg', ['Zweiten Weltkrieg']],
    ['invariant place adjective', t('Shanghaier Kooperationsorganisation'), 'in der Shanghaier Kooperationsorganisation', ['Shanghaier Kooperationsorganisation']],
    ['extra forms (irregular plural)', t('Rat', { forms: ['Räte'] }), 'die Räte und den Räten', ['Räte', 'Räten']],
    ['extra form with its own inflections', t('chinesisches Neujahrsfest', { forms: ['chinesisches Neujahrfest'] }), 'des chinesischen Neujahrfestes', ['chinesischen Neujahrfestes']],
    ['truncated compound', t('Staats- und Regierungschefs'), 'sagten die Staats- und Regierungschefs', ['Staats- und Regierungschefs']],
    ['no-break space in the sentence', t('Xi Jinping'), 'Präsident Xi\u00A0Jinping sagte', ['Xi\u00A0Jinping']],
    ['soft hyphen in the sentence', t('Sicherheitsrat'), 'des Sicher\u00ADheitsrats', ['Sicher\u00ADheitsrats']],
    // Decomposed umlauts and a Greek final sigma: a token's key differs from the sentence lower-cased, so
    // the quick look for heads (a substring test) must not decide for such sentences.
    ['decomposed umlaut in the sentence', t('Präsident'), 'mit dem Pra\u0308sidenten', ['Pra\u0308sidenten']],
    ['decomposed umlaut in the term', t('Pra\u0308sident'), 'mit dem Präsidenten', ['Präsidenten']],
    ['final sigma in the sentence', t('ΟΔΥΣΣΕΥΣ', { caseSensitive: false }), 'Ο ΟΔΥΣΣΕΥΣ.ΚΑΙ', ['ΟΔΥΣΣΕΥΣ']],
    ['trailing punctuation in the term', t('U.S.'), 'Die U.S. Army', ['U.S.']],
  ];
  it.each(cases)('%s', (_name, term, sentence, expected) => {
    expect(texts([term], sentence)).toEqual(expected);
  });
});

describe('findTerms: word boundaries and compounds', () => {
  const cases: Array<[string, GlossaryFileTerm, string, string[]]> = [
    ['not the start of a closed word', t('Rat'), 'ein guter Ratgeber', []],
    ['not the end of a closed word', t('Rat'), 'der wissenschaftliche Beirat', []],
    ['not a different noun built on the term', t('Rat'), 'in Raten zahlen', []],
    ['component after a hyphen', t('Sicherheitsrat'), 'der UN-Sicherheitsrat tagt', ['Sicherheitsrat']],
    ['inflected component after a hyphen', t('Sicherheitsrat'), 'Mitglieder des UN-Sicherheitsrats', ['Sicherheitsrats']],
    ['component before a hyphen', t('Ein-China-Prinzip'), 'die Ein-China-Prinzip-Politik', ['Ein-China-Prinzip']],
    ['a dash is not a compound hyphen', t('China'), 'China–Russland', ['China']],
    ['multi-word term needs its separator', t('Taiwan-Frage'), 'Taiwan Frage', []],
    ['multi-word term split by punctuation', t('Xi Jinping'), 'Xi, Jinping', []],
    ['hyphen variants count as hyphen', t('Ein-China-Prinzip'), 'am Ein\u2011China\u2011Prinzip', ['Ein\u2011China\u2011Prinzip']],
    ['every occurrence', t('Putin'), 'Putin sagte, Putins Sprecher und Putin', ['Putin', 'Putins', 'Putin']],
    ['digits are words', t('G20'), 'beim G20-Gipfel, nicht G200', ['G20']],
  ];
  it.each(cases)('%s', (_name, term, sentence, expected) => {
    expect(texts([term], sentence)).toEqual(expected);
  });
});

describe('findTerms: case', () => {
  it('ignores case unless the term is case-sensitive', () => {
    expect(texts([t('Peking')], 'PEKING und peking')).toEqual(['PEKING', 'peking']);
    expect(texts([t('WSJ', { caseSensitive: true })], 'laut WSJ, nicht wsj oder Wsj')).toEqual(['WSJ']);
  });

  it('lets a case-sensitive term capitalise its first letter at the start of a sentence only', () => {
    const term = t('iPhone', { caseSensitive: true });
    expect(texts([term], 'IPhone-Verkäufe steigen.')).toEqual(['IPhone']);
    expect(texts([term], 'Apple. IPhone kommt')).toEqual(['IPhone']);
    expect(texts([term], 'das IPhone kommt')).toEqual([]);
  });

  it('matches lower-case text against a case-insensitive term in a multi-word form', () => {
    expect(texts([t('Vereinte Nationen')], 'der vereinten nationen')).toEqual(['vereinten nationen']);
  });
});

describe('findTerms: overlaps and offsets', () => {
  it('resolves overlapping matches to the longest', () => {
    const glossary = glossaryOf(t('Sicherheitsrat'), t('UN-Sicherheitsrat'), t('Putin'), t('Wladimir Putin'));
    const matches = findTerms(glossary, 'Wladimir Putin und der UN-Sicherheitsrat');
    expect(matches.map((m) => [m.termId, m.text])).toEqual([
      ['wladimir-putin', 'Wladimir Putin'],
      ['un-sicherheitsrat', 'UN-Sicherheitsrat'],
    ]);
  });

  it('keeps non-overlapping matches of different terms in source order', () => {
    const glossary = glossaryOf(t('Peking'), t('Moskau'));
    expect(findTerms(glossary, 'Moskau und Peking').map((m) => m.termId)).toEqual(['moskau', 'peking']);
  });

  it('reports UTF-16 offsets, also after astral characters', () => {
    const sentence = '🇨🇳 Peking 😀 und Moskau';
    const matches = findTerms(glossaryOf(t('Peking'), t('Moskau')), sentence);
    for (const match of matches) expect(sentence.slice(match.start, match.end)).toBe(match.text);
    expect(matches.map((m) => m.start)).toEqual([sentence.indexOf('Peking'), sentence.indexOf('Moskau')]);
  });

  it('returns nothing for an empty sentence or glossary', () => {
    expect(findTerms(glossaryOf(t('Peking')), '')).toEqual([]);
    expect(findTerms(glossaryOf(), 'Peking')).toEqual([]);
  });

  it('compiles once per glossary object', () => {
    const glossary = glossaryOf(t('Peking'));
    expect(compileGlossary(glossary)).toBe(compileGlossary(glossary));
  });
});

describe('findTerms: other source languages', () => {
  it('generates no German inflections when the source is not German', () => {
    const glossary = createGlossary([t('China')], { sourceLanguage: 'en' }).glossary;
    expect(findTerms(glossary, "China and Chinas").map((m) => m.text)).toEqual(['China']);
  });
});

describe('sourceForms', () => {
  it('lists the written form, generated inflections and extra forms', () => {
    const [term] = glossaryOf(t('Ein-China-Prinzip')).terms;
    expect(sourceForms(term!)).toEqual(['Ein-China-Prinzip', 'Ein-China-Prinzips', 'Ein-China-Prinzipes']);
  });

  it('declines adjectives of a multi-word term', () => {
    const [term] = glossaryOf(t('Vereinte Nationen')).terms;
    const forms = sourceForms(term!);
    expect(forms).toContain('Vereinte Nationen');
    expect(forms).toContain('Vereinten Nationen');
    expect(forms).not.toContain('Vereinte-Nationen');
  });

  it('keeps an invariant place adjective invariant', () => {
    const [term] = glossaryOf(t('Shanghaier Kooperationsorganisation')).terms;
    expect(sourceForms(term!)).toEqual(['Shanghaier Kooperationsorganisation', 'Shanghaier Kooperationsorganisationen']);
  });

  it('keeps the separators of the written term', () => {
    const [term] = glossaryOf(t('Staats- und Regierungschefs')).terms;
    expect(sourceForms(term!)).toContain('Staats- und Regierungschefs');
    expect(sourceForms(term!).every((form) => form.startsWith('Staats- und '))).toBe(true);
  });

  it('every listed form is found by findTerms', () => {
    const glossary = glossaryOf(t('friedliche Wiedervereinigung'), t('Rat', { forms: ['Räte'] }), t('U.S.'));
    for (const term of glossary.terms) {
      for (const form of sourceForms(term)) {
        expect(findTerms(glossary, `vor ${form} danach`).map((m) => m.text)).toEqual([form]);
      }
    }
  });
});

describe('requiredTarget', () => {
  const glossary = glossaryOf(
    { source: 'Peking', targets: { en: 'Beijing', 'pt-BR': 'Pequim', fr: { term: 'Pékin', forms: ['Beijing'] } } },
    { source: 'WSJ', doNotTranslate: true },
    { source: 'Xi Jinping', doNotTranslate: true, targets: { zh: '习近平' } },
  );
  const [peking, wsj, xi] = glossary.terms;

  it('returns the explicit target, falling back from a regional to the primary code', () => {
    expect(requiredTarget(peking!, 'en')).toEqual({ term: 'Beijing', forms: [] });
    expect(requiredTarget(peking!, 'en-GB')).toEqual({ term: 'Beijing', forms: [] });
    expect(requiredTarget(peking!, 'pt-br')).toEqual({ term: 'Pequim', forms: [] });
    expect(requiredTarget(peking!, 'fr')).toEqual({ term: 'Pékin', forms: ['Beijing'] });
    expect(requiredTarget(peking!, 'ru')).toBeUndefined();
  });

  it('returns the source itself for doNotTranslate terms, unless a language has its own target', () => {
    expect(requiredTarget(wsj!, 'ru')).toEqual({ term: 'WSJ', forms: [] });
    expect(requiredTarget(xi!, 'en')).toEqual({ term: 'Xi Jinping', forms: [] });
    expect(requiredTarget(xi!, 'zh')).toEqual({ term: '习近平', forms: [] });
  });
});
