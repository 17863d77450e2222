// Pins the public surface of the config stage: the CLI and workflow will build on it, so removing or
// renaming an export has to show up here.
import { expect, it } from 'vitest';
import * as config from '../../src/config/index.js';

it('exports the documented config API', () => {
  expect(Object.keys(config).sort()).toEqual([
    'CONFIG_FILE_NAMES',
    'CONFIG_VERSION',
    'DEFAULT_FRONT_MATTER_KEYS',
    'MAX_CONCURRENCY',
    'RULE_SETTINGS',
    'SOURCE_FILE_EXTENSIONS',
    'checkBackendSettings',
    'checkLanguageCode',
    'configKeys',
    'defaultConfig',
    'expandSources',
    'findConfigFile',
    'initProject',
    'loadConfig',
    'mergeFlags',
    'parseConfig',
    'planInit',
    'primaryLanguage',
    'readConfig',
  ]);
});
