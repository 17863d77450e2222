// The pure parts of the DeepL backend: settings, wire-size bound, XML protection, glossary entries,
// error mapping. The HTTP behaviour is in deepl.test.ts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toBackendError } from '../../src/backends/deepl-errors.js';
import { planGlossaryEntries } from '../../src/backends/deepl-glossary.js';
import {
  DEEPL_LIMITS,
  DEEPL_MAX_BODY_BYTES,
  DEFAULT_DEEPL_SETTINGS,
  measureTranslateBody,
  parseDeeplSettings,
  resolveTargetLang,
  utf8Bytes,
} from '../../src/backends/deepl-request.js';
import { protectSegment, unprotectText } from '../../src/backends/deepl-xml.js';
import type { BackendSegment, SegmentTerm } from '../../src/backends/types.js';
import { createGlossary, type Glossary, type GlossaryFileTerm, type GlossaryTerm } from '../../src/glossary/index.js';

describe('parseDeeplSettings', () => {
  it('pins the documented defaults (docs/deepl.md)', () => {
    expect(parseDeeplSettings({})).toEqual({
      formality: undefined,
      modelType: undefined,
      en: 'en-GB',
      pt: 'pt-PT',
      attempts: 5,
      timeoutMs: 30_000,
    });
    expect(parseDeeplSettings()).toBe(DEFAULT_DEEPL_SETTINGS);
  });

  it.each([
    ['more', 'prefer_more'],
    ['less', 'prefer_less'],
    ['formal', 'prefer_more'],
    ['informal', 'prefer_less'],
    ['prefer_more', 'prefer_more'],
    ['default', 'default'],
  ])('formality=%s is sent as %s', (value, sent) => {
    expect(parseDeeplSettings({ formality: value }).formality).toBe(sent);
  });

  it('rejects values it does not know, saying what is expected', () => {
    expect(() => parseDeeplSettings({ formality: 'polite' })).toThrow(/expected one of default, more, less/);
    expect(() => parseDeeplSettings({ model: 'fast' })).toThrow(/quality_optimized, latency_optimized/);
    expect(() => parseDeeplSettings({ attempts: '0' })).toThrow(/from 1 to 10/);
    expect(() => parseDeeplSettings({ timeout: '5s' })).toThrow(/whole number/);
    expect(parseDeeplSettings({ en: 'EN-us', pt: 'pt-br', attempts: '2', timeout: '1500' })).toMatchObject({
      en: 'en-US',
      pt: 'pt-BR',
      attempts: 2,
      timeoutMs: 1500,
    });
  });
});

describe('resolveTargetLang', () => {
  it('picks the configured variant for bare en and pt only', () => {
    const settings = { en: 'en-GB', pt: 'pt-BR' } as const;
    expect(resolveTargetLang('en', settings)).toBe('en-GB');
    expect(resolveTargetLang('EN', settings)).toBe('en-GB');
    expect(resolveTargetLang('en-US', settings)).toBe('en-US');
    expect(resolveTargetLang('pt', settings)).toBe('pt-BR');
    expect(resolveTargetLang('fr', settings)).toBe('fr');
  });
});

describe('wire-size bound', () => {
  const dnt = (start: number, end: number): SegmentTerm => ({ start, end, target: '', doNotTranslate: true });
  const worstChars = fc.constantFrom('&', '<', '>', 'a', ' ', 'ä', '€', '😀', '„', '+', '%');

  it('any request within limits (≤250 protected spans) encodes to at most 128 KiB', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(worstChars, { minLength: 1, maxLength: 400 }), { minLength: 1, maxLength: 50 }),
        fc.array(worstChars, { maxLength: 3000 }),
        fc.nat({ max: 5 }),
        (segmentChars, contextChars, spansPerSegment) => {
          let budget = DEEPL_LIMITS.maxBytes;
          const context = contextChars.join('');
          budget -= utf8Bytes(context);
          const segments: BackendSegment[] = [];
          for (const chars of segmentChars) {
            let text = '';
            for (const c of chars) {
              if (utf8Bytes(c) > budget) break;
              text += c;
              budget -= utf8Bytes(c);
            }
            if (text === '') break;
            const terms = Array.from({ length: spansPerSegment }, (_, k) => k)
              .filter((k) => k < text.length)
              .map((k) => dnt(k, k + 1));
            segments.push({ text, terms });
          }
          fc.pre(budget >= 0 && segments.length > 0);
          const texts = segments.map((s) => protectSegment(s).xml);
          const bytes = measureTranslateBody({
            texts,
            sourceLang: 'de',
            targetLang: 'pt-PT',
            context: context === '' ? undefined : context,
            glossaryId: '01234567-89ab-cdef-0123-456789abcdef',
            formality: 'prefer_more',
            modelType: 'prefer_quality_optimized',
            xml: true,
          });
          expect(bytes).toBeLessThanOrEqual(DEEPL_MAX_BODY_BYTES);
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('XML protection', () => {
  it('wraps spans, escapes the rest and ignores overlapping spans', () => {
    const segment: BackendSegment = {
      text: 'A&B <C> Tesla Motors',
      terms: [
        { start: 8, end: 20, target: 'Tesla Motors', doNotTranslate: true },
        { start: 14, end: 20, target: 'Motors', doNotTranslate: true },
        { start: 0, end: 1, target: 'A', doNotTranslate: false },
      ],
    };
    expect(protectSegment(segment)).toEqual({
      xml: 'A&amp;B &lt;C&gt; <x>Tesla Motors</x>',
      protectedTexts: ['Tesla Motors'],
    });
  });

  it('reads entities and character references back and accepts protected terms in another order', () => {
    expect(unprotectText('<x>Scholz</x> &amp; <x>Merz</x> &#228;&#xE4; &quot;q&apos;', ['Merz', 'Scholz'])).toEqual({
      ok: true,
      text: 'Scholz & Merz ää "q\'',
    });
  });

  it.each([
    ['<x>AFD</x> wins', ['AfD'], /protected terms changed/],
    ['wins', ['AfD'], /protected terms changed/],
    ['<b>AfD</b>', ['AfD'], /unexpected markup/],
    ['<x>AfD', ['AfD'], /unclosed/],
    ['<x><x>AfD</x></x>', ['AfD'], /unexpected markup/],
    ['&nbsp;<x>AfD</x>', ['AfD'], /unknown entity/],
    ['a & b <x>AfD</x>', ['AfD'], /unknown entity/],
  ])('rejects %j', (xml, expected, reason) => {
    const result = unprotectText(xml, expected);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.reason).toMatch(reason);
  });
});

describe('planGlossaryEntries', () => {
  const terms: GlossaryFileTerm[] = [
    { source: 'Bundestag', targets: { en: 'Bundestag' } },
    { source: 'Kanzlerin', targets: { 'en-GB': 'Chancellor' } },
    { source: 'Tesla', doNotTranslate: true, targets: { en: 'Tesla' } },
    { source: 'Ampel', targets: { en: 'traffic light' } },
  ];
  // glossary.json's parser normalises white space and refuses duplicate sources, so terms DeepL would
  // reject can only come from a Glossary built by hand (or a future parser); the backend must still cope.
  const rawTerm = (id: string, source: string, target: string, forms: string[] = []): GlossaryTerm => ({
    id,
    source,
    forms,
    caseSensitive: false,
    doNotTranslate: false,
    targets: { en: { term: target, forms: [] } },
    forbidden: {},
  });
  const rawGlossary = (...list: GlossaryTerm[]): Glossary => ({ version: 1, sourceLanguage: 'de', terms: list, hash: 'x' });

  it('maps every source form to the target, skips do-not-translate and invalid terms', () => {
    const plan = planGlossaryEntries(createGlossary(terms).glossary, { source: 'de', target: 'en-GB' });
    const entries = new Map(plan.entries);
    expect(entries.get('Bundestag')).toBe('Bundestag');
    expect(entries.get('Kanzlerin')).toBe('Chancellor');
    expect([...entries.keys()]).not.toContain('Tesla');
    expect(plan).toMatchObject({ sourceLang: 'de', targetLang: 'en' });
    expect(plan.name).toMatch(/^bitext-de-en-[0-9a-f]{12}$/);
    expect(new Set(plan.entries.map(([s]) => s)).size).toBe(plan.entries.length);
  });

  it('leaves out terms DeepL would reject and says why', () => {
    const plan = planGlossaryEntries(
      rawGlossary(rawTerm('tab', 'Ampel', 'traffic\tlight'), rawTerm('nl', 'Wahl\nkampf', 'campaign'), rawTerm('ok', 'Wahl', 'election')),
      { source: 'de', target: 'en' },
    );
    // (sourceForms re-joins "Wahl\nkampf" with a space; either way no newline reaches DeepL.)
    expect(plan.entries.every(([s, t]) => !/[\t\n]/.test(s + t))).toBe(true);
    expect(new Map(plan.entries).get('Wahl')).toBe('election');
    expect(plan.skipped.join('\n')).toMatch(/term "tab": target .* contains a tab/);
  });

  it('names the glossary by its entries: unchanged entries keep the name, changed ones do not', () => {
    const pair = { source: 'de', target: 'en' };
    const a = planGlossaryEntries(createGlossary(terms).glossary, pair);
    const withNote = planGlossaryEntries(createGlossary([...terms.slice(0, 3), { ...terms[3]!, note: 'x' }]).glossary, pair);
    const changed = planGlossaryEntries(createGlossary([...terms, { source: 'Wahl', targets: { en: 'election' } }]).glossary, pair);
    expect(withNote.name).toBe(a.name);
    expect(changed.name).not.toBe(a.name);
    expect(changed.name.slice(0, 13)).toBe(a.name.slice(0, 13));
  });

  it('keeps the first target when two terms claim the same source form', () => {
    const plan = planGlossaryEntries(rawGlossary(rawTerm('one', 'Bank', 'bank'), rawTerm('two', 'Sitzbank', 'bench', ['Bank'])), {
      source: 'de',
      target: 'en',
    });
    expect(new Map(plan.entries).get('Bank')).toBe('bank');
    expect(plan.skipped.join('\n')).toContain('term "two": source form "Bank" already maps to "bank"');
  });
});

describe('toBackendError', () => {
  const context = { operation: 'a request of 1 text (de→en-GB)', authKey: 'secret:fx', server: 'http://x', attempts: 3 };
  it('maps bare parse errors to bad-response and keeps only a plain cause', () => {
    const error = toBackendError(new SyntaxError('Unexpected token < in JSON secret:fx'), context);
    expect(error.kind).toBe('bad-response');
    expect(error.message).not.toContain('secret:fx');
    expect(error.cause).toEqual({
      source: 'deepl-node',
      errorName: 'SyntaxError',
      statusCode: undefined,
      message: 'Unexpected token < in JSON [redacted]',
    });
  });
});
