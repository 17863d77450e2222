// Pins the public surface of the glossary stage and its QA check: removing or renaming an export is a
// breaking change for the workflow and the DeepL backend, so it has to show up here.
import { expect, it } from 'vitest';
import * as glossary from '../../src/glossary/index.js';
import * as check from '../../src/qa/glossary-check.js';

it('exports the documented glossary API', () => {
  expect(Object.keys(glossary).sort()).toEqual([
    'DEFAULT_SOURCE_LANGUAGE',
    'compileGlossary',
    'createGlossary',
    'findTerms',
    'forbiddenTargets',
    'hashTerms',
    'parseGlossary',
    'requiredTarget',
    'resolveTerms',
    'slugify',
    'sourceForms',
    'termReminders',
    'validateGlossary',
  ]);
  expect(glossary.DEFAULT_SOURCE_LANGUAGE).toBe('de');
});

it('exports the glossary QA check', () => {
  expect(Object.keys(check)).toEqual(['checkGlossary']);
});
