import { describe, expect, it } from 'vitest';
import * as bitext from '../src/index.js';

describe('library entry point', () => {
  it('exports exactly the documented surface (a change here is an API change)', () => {
    expect(Object.keys(bitext).sort()).toEqual(
      [
        'BACKEND_NAMES',
        'FORMAT_VERSION',
        'I18NEXT_OPTIONS',
        'checkTranslations',
        'compileRules',
        'initProject',
        'listRules',
        'loadConfig',
        'parseConfig',
        'parseRules',
        'publish',
        'resolveTerms',
        'runChecks',
        'serializeRules',
        'BackendError',
        'BitextError',
        'HUMAN_STATUSES',
        'OBJECT_REPLACEMENT',
        'PAIRED_CODE_KINDS',
        'SEGMENT_STATUSES',
        'addToMemory',
        'assignSegmentIds',
        'checkGlossary',
        'compileGlossary',
        'countStatuses',
        'createBackend',
        'createMemory',
        'findSourceFiles',
        'findTerms',
        'fromBilingualMarkdown',
        'fromTmx',
        'hashMachineText',
        'lookupExact',
        'lookupFuzzy',
        'parseGlossary',
        'planDocument',
        'projectStatus',
        'readMemory',
        'readSource',
        'readSources',
        'requiredTarget',
        'segmentText',
        'sourceForms',
        'sourceFromText',
        'splitParagraphs',
        'splitSentences',
        'toBilingualMarkdown',
        'toTmx',
        'translate',
        'writeMemory',
      ].sort(),
    );
  });

  it('loads no backend SDK until a backend is created (start-up stays fast)', async () => {
    const { execFileSync } = await import('node:child_process');
    const { ROOT } = await import('./helpers/cli.js');
    const probe = (extra: string) =>
      execFileSync(
        process.execPath,
        [
          '--input-type=module',
          '-e',
          `await import('./dist/index.js'); ${extra}
           const { createRequire } = await import('node:module');
           const cache = Object.keys(createRequire(import.meta.url).cache);
           process.stdout.write(String(cache.some((k) => k.includes('deepl-node'))));`,
        ],
        { cwd: ROOT, encoding: 'utf8' },
      );
    expect(probe('')).toBe('false');
    // The probe can tell: once the DeepL backend module is imported, deepl-node is in the cache.
    expect(probe("await import('./dist/backends/deepl.js');")).toBe('true');
  });
});

describe('the bitext command', () => {
  it('is executable after the build, so `npx bitext` runs right after `npm ci`', async () => {
    const { execFileSync } = await import('node:child_process');
    const { accessSync, constants } = await import('node:fs');
    const { ROOT, CLI } = await import('./helpers/cli.js');
    expect(() => accessSync(CLI, constants.X_OK)).not.toThrow();
    const out = execFileSync('npx', ['--no-install', 'bitext', '--version'], { cwd: ROOT, encoding: 'utf8' });
    expect(out.trim()).toBe((await import('../src/version.js')).VERSION);
  });

  it('reports the version of package.json', async () => {
    const { readFileSync } = await import('node:fs');
    const { ROOT } = await import('./helpers/cli.js');
    const pkg = JSON.parse(readFileSync(`${ROOT}/package.json`, 'utf8')) as { version: string };
    expect((await import('../src/version.js')).VERSION).toBe(pkg.version);
  });
});
