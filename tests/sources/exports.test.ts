// Pins the surface of the two untrusted-input readers the workflow will call: renaming or removing an
// export has to show up here.
import { expect, it } from 'vitest';
import * as frontMatter from '../../src/sources/front-matter.js';
import * as strictJson from '../../src/io/strict-json.js';

it('exports the front-matter reader and writers', () => {
  expect(Object.keys(frontMatter).sort()).toEqual([
    'DEFAULT_FRONT_MATTER_POLICY',
    'MAX_ALIAS_COUNT',
    'readSourceFrontMatter',
    'replaceFrontMatterValues',
    'setFrontMatterKeys',
  ]);
  expect(frontMatter.MAX_ALIAS_COUNT).toBe(100);
});

it('exports the strict JSON reader', () => {
  expect(Object.keys(strictJson).sort()).toEqual(['DEFAULT_MAX_JSON_DEPTH', 'StrictJsonError', 'parseStrictJson']);
  expect(strictJson.DEFAULT_MAX_JSON_DEPTH).toBe(1000);
});
