import { describe, expect, it } from 'vitest';
import * as memory from '../../src/memory/index.js';

describe('memory module surface', () => {
  it('exports exactly the documented names', () => {
    expect(Object.keys(memory).sort()).toEqual(
      [
        'CASE_ONLY_SCORE',
        'DEFAULT_FUZZY_LIMIT',
        'DEFAULT_FUZZY_THRESHOLD',
        'MEMORY_FORMAT_VERSION',
        'MEMORY_ORIGINS',
        'TMX_DEFAULT_HUMAN_STATUS',
        'TMX_DEFAULT_ORIGIN',
        'addToMemory',
        'canonicalLanguage',
        'createTmxDecoder',
        'createTmxReader',
        'importTargetFor',
        'isUnresolved',
        'memoryTargetsFor',
        'createMemory',
        'decodeTmx',
        'entriesFor',
        'foldSegmentText',
        'formatTmxDate',
        'fromTmx',
        'lookupExact',
        'lookupFuzzy',
        'memoryPath',
        'normalizeSegmentText',
        'parseMemory',
        'readMemory',
        'serializeMemory',
        'toTmx',
        'tokenizeSegmentText',
        'writeMemory',
      ].sort(),
    );
  });

  it('pins the documented defaults', () => {
    expect(memory.MEMORY_FORMAT_VERSION).toBe(1);
    expect(memory.TMX_DEFAULT_ORIGIN).toBe('human');
    expect(memory.TMX_DEFAULT_HUMAN_STATUS).toBe('edited');
    expect(memory.CASE_ONLY_SCORE).toBe(0.99);
    expect(memory.formatTmxDate(new Date('2024-05-01T12:34:56.789Z'))).toBe('20240501T123456Z');
  });
});
