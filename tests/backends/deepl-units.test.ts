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
import { escapeXmlText, fromXml, toXml } from '../../src/backends/deepl-xml.js';
import type { BackendCode, BackendSegment } from '../../src/backends/types.js';
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

/** A backend segment with a protected placeholder over each given character index. */
function withProtected(text: string, at: readonly number[]): BackendSegment {
  const parts: BackendSegment['parts'][number][] = [];
  const codes: BackendCode[] = [];
  let cursor = 0;
  for (const k of [...new Set(at)].sort((a, b) => a - b)) {
    if (k < cursor || k >= text.length) continue;
    if (k > cursor) parts.push({ type: 'text', text: text.slice(cursor, k) });
    const id = codes.length + 1;
    codes.push({ id, kind: 'protected', paired: false, text: text.slice(k, k + 1) });
    parts.push({ type: 'empty', id });
    cursor = k + 1;
  }
  if (cursor < text.length) parts.push({ type: 'text', text: text.slice(cursor) });
  return { text, parts, codes, terms: [] };
}

describe('wire-size bound', () => {
  const worstChars = fc.constantFrom('&', '<', '>', 'a', ' ', 'ä', '€', '😀', '„', '+', '%');

  it('any request the workflow batches within limits (placeholders counted) encodes to at most 128 KiB', () => {
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
            const spans = Array.from({ length: spansPerSegment }, (_, k) => k).filter((k) => k < text.length);
            // The workflow's batching weighs every placeholder (itemBytes); so does this budget.
            budget -= 24 * spans.length;
            if (budget < 0) break;
            segments.push(withProtected(text, spans));
          }
          fc.pre(budget >= 0 && segments.length > 0);
          const bytes = measureTranslateBody({
            texts: segments.map(toXml),
            sourceLang: 'de',
            targetLang: 'pt-PT',
            context: context === '' ? undefined : escapeXmlText(context),
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

describe('placeholders as XML', () => {
  const segment: BackendSegment = {
    text: 'A&B <C> Tesla lesen',
    parts: [
      { type: 'text', text: 'A&B <C> ' },
      { type: 'empty', id: 3 },
      { type: 'text', text: ' ' },
      { type: 'open', id: 1 },
      { type: 'text', text: 'lesen' },
      { type: 'close', id: 1 },
      { type: 'empty', id: 2 },
    ],
    codes: [
      { id: 1, kind: 'strong', paired: true },
      { id: 2, kind: 'code', paired: false },
      { id: 3, kind: 'protected', paired: false, text: 'Tesla' },
    ],
    terms: [],
  };

  it('writes paired codes as <g>, empty ones as <x/>, protected terms inside <k>, and escapes the text', () => {
    expect(toXml(segment)).toBe('A&amp;B &lt;C&gt; <k id="3">Tesla</k> <g id="1">lesen</g><x id="2"/>');
  });

  it('reads entities, character references and placeholders in another order back', () => {
    expect(fromXml('<x id="2"/> <g id=\'1\'>read</g> &amp; <k id="3">Tesla</k> &#228;&#xE4; &quot;q&apos;', segment)).toEqual({
      parts: [
        { type: 'empty', id: 2 },
        { type: 'text', text: ' ' },
        { type: 'open', id: 1 },
        { type: 'text', text: 'read' },
        { type: 'close', id: 1 },
        { type: 'text', text: ' & ' },
        { type: 'empty', id: 3 },
        { type: 'text', text: ' ää "q\'' },
      ],
    });
  });

  it.each([
    ['<k id="3">TESLA</k> wins', /protected term "Tesla" came back as "TESLA"/],
    ['<b>AfD</b>', /unexpected element/],
    ['<k id="3">Tesla', /unclosed <k>/],
    ['&nbsp; x', /unknown entity/],
    ['a < b', /unexpected markup/],
    ['x</g>', /without an opening tag/],
  ])('reports %j as a problem of this segment only, keeping its text', (xml, reason) => {
    const read = fromXml(xml, segment);
    expect(read.problem).toMatch(reason);
    expect(read.parts.some((p) => p.type === 'text')).toBe(true);
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
    // Named for the whole target code: en-GB's glossary is not en-US's (nor en's), though DeepL's dictionary is of `en`.
    expect(plan.name).toMatch(/^bitext-de-en-gb-[0-9a-f]{12}$/);
    expect(planGlossaryEntries(createGlossary(terms).glossary, { source: 'de', target: 'en' }).name).toMatch(/^bitext-de-en-[0-9a-f]{12}$/);
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
