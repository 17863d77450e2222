import { expect, it } from 'vitest';

import * as segmentation from '../../src/segmentation/index.js';

it('pins the public surface of the segmentation module', () => {
  expect(Object.keys(segmentation).sort()).toEqual([
    'NO_RULES',
    'applyRules',
    'assignSegmentIds',
    'classifyAbbreviation',
    'compileRules',
    'createIdAssigner',
    'hashSegmentId',
    'parseRules',
    'segmentText',
    'serializeRules',
    'splitParagraphs',
    'splitSentences',
  ]);
});
