import { describe, expect, it } from 'vitest';
import { canonicalLanguage, importTargetFor, memoryTargetsFor } from '../../src/memory/index.js';

describe('canonicalLanguage', () => {
  it('reads codes case-insensitively and `_` as `-`, and spells them as BCP 47 does', () => {
    expect(['DE-de', 'de_DE', 'de-de', ' De-De '].map(canonicalLanguage)).toEqual(['de-DE', 'de-DE', 'de-DE', 'de-DE']);
    expect(canonicalLanguage('ZH_hant_tw')).toBe('zh-Hant-TW');
    expect(canonicalLanguage('es-419')).toBe('es-419');
  });
});

describe('memoryTargetsFor (lookup order)', () => {
  it.each([
    ['en', ['en']],
    ['en-GB', ['en-GB', 'en']],
    ['EN_gb', ['en-GB', 'en']],
    ['pt-BR', ['pt-BR', 'pt']],
    ['es-419', ['es-419', 'es']],
    ['sr-Latn-RS', ['sr-Latn-RS', 'sr-Latn']], // plain sr is Cyrillic
    ['zh-TW', ['zh-TW']], // plain zh is Simplified
    ['zh-Hant-TW', ['zh-Hant-TW', 'zh-Hant']],
    ['zh-CN', ['zh-CN', 'zh']],
  ])('%s reads %j', (lang, chain) => {
    expect(memoryTargetsFor(lang)).toEqual(chain);
  });
});

describe('importTargetFor', () => {
  it('puts a regional variant into the base memory unless the project keeps the variant', () => {
    expect(importTargetFor('fr-FR')).toBe('fr');
    expect(importTargetFor('fr_ca')).toBe('fr');
    expect(importTargetFor('fr')).toBe('fr');
    expect(importTargetFor('fr-FR', { projectTargets: ['fr-FR'] })).toBe('fr-FR');
    expect(importTargetFor('fr-CA', { projectTargets: ['fr-FR'] })).toBe('fr');
    expect(importTargetFor('fr', { projectTargets: ['fr-FR'] })).toBe('fr');
    expect(importTargetFor('zh-TW')).toBe('zh-TW');
    expect(importTargetFor('sr-Latn-RS')).toBe('sr-Latn');
  });

  it('with a requested target takes it and its variants only, never a sibling or the base of a variant', () => {
    expect(importTargetFor('fr-FR', { requested: 'fr' })).toBe('fr');
    expect(importTargetFor('FR', { requested: 'fr' })).toBe('fr');
    expect(importTargetFor('fr-FR', { requested: 'fr-fr' })).toBe('fr-FR');
    expect(importTargetFor('fr-CA', { requested: 'fr-FR' })).toBeUndefined();
    expect(importTargetFor('fr', { requested: 'fr-FR' })).toBeUndefined();
    expect(importTargetFor('en-US', { requested: 'fr' })).toBeUndefined();
    expect(importTargetFor('zh-TW', { requested: 'zh' })).toBeUndefined();
  });
});
