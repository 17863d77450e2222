// Public surface of the config stage; tests/config/exports.test.ts pins it.
export type { ConfigFormat, ConfigResult, ResolvedBackend, ResolvedConfig, ResolvedPaths, ValueOrigin } from './types.js';
export { CONFIG_VERSION, DEFAULT_FRONT_MATTER_KEYS, MAX_CONCURRENCY, RULE_SETTINGS, CONFIG_FILE_NAMES, type RuleSetting } from './constants.js';
export { configKeys, type ConfigFile } from './schema.js';
export { defaultConfig } from './resolve-config.js';
export { parseConfig, type ParseConfigOptions } from './parse-config.js';
export { checkBackendSettings, type SettingProblem } from './backend-settings.js';
export { checkLanguageCode, primaryLanguage, type LanguageCheck } from './language.js';
export { findConfigFile, loadConfig, readConfig, type LoadConfigOptions, type LoadedConfig } from './load-config.js';
export { mergeFlags, type ConfigFlags } from './merge-flags.js';
export { SOURCE_FILE_EXTENSIONS, expandSources } from './expand-sources.js';
export { initProject, planInit, type InitOptions, type InitResult, type PlanInitOptions, type PlannedFile } from './init-project.js';
