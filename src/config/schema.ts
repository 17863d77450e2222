// The one schema of bitext.config.json / .yaml, version 1. Defaults live here and nowhere else; docs/config.md
// documents them and tests/config/docs.test.ts pins the two together. Every schema carries its own
// "expected …" message, so no zod wording reaches the user.
import * as z from 'zod';
import { checkBackendSettings } from './backend-settings.js';
import { checkLanguageCode, LANGUAGE_EXAMPLES, primaryLanguage } from './language.js';
import { describeValue, didYouMean, listChoices } from './suggest.js';
import { BACKEND_CHOICES, checkBackendName, CONFIG_VERSION, DEFAULT_FRONT_MATTER_KEYS, MAX_CONCURRENCY, RULE_SETTINGS } from './constants.js';

export { CONFIG_VERSION, checkBackendName, MAX_CONCURRENCY, RULE_SETTINGS, DEFAULT_FRONT_MATTER_KEYS, type RuleSetting } from './constants.js';

/** What a value should have been; the message the user sees is `expected <what>, got <value>`. */
function expected(what: string, hint: (input: unknown) => string = () => '') {
  return {
    error: (issue: { readonly input?: unknown }): string =>
      issue.input === undefined ? `missing; expected ${what}` : `expected ${what}, got ${describeValue(issue.input)}${hint(issue.input)}`,
  };
}

/** A string checked (and possibly rewritten) by `check`, which returns the value or a problem. */
function checkedString(what: string, check: (value: string) => { value: string } | { problem: string }) {
  return z.string(expected(what)).transform((value, ctx) => {
    const result = check(value);
    if ('problem' in result) {
      ctx.addIssue({ code: 'custom', message: result.problem, input: value });
      return z.NEVER;
    }
    return result.value;
  });
}


const version = z.literal(CONFIG_VERSION, {
  error: (issue) => {
    if (issue.input === undefined) return `missing; expected ${CONFIG_VERSION} (the version of this file's format): add "version": ${CONFIG_VERSION}`;
    const newer = typeof issue.input === 'number' && Number.isInteger(issue.input) && issue.input > CONFIG_VERSION;
    return `expected ${CONFIG_VERSION}, got ${describeValue(issue.input)}${newer ? '; this file is for a newer bitext: upgrade bitext to read it' : ''}`;
  },
});

const languageCode = checkedString(`a language code such as ${LANGUAGE_EXAMPLES}`, (value) => {
  const checked = checkLanguageCode(value);
  return checked.problem === undefined ? { value: checked.code } : { problem: checked.problem };
});

/** A path (relative to the config file's folder unless absolute) with forward slashes, so the file works on every OS. */
function relativePath(what: string) {
  return checkedString(what, (value) => {
    if (value.trim() === '') return { problem: `expected ${what}, got an empty string` };
    if (value.includes('\\')) return { problem: `expected ${what} with forward slashes, got ${describeValue(value)} — did you mean ${JSON.stringify(value.replace(/\\/g, '/'))}?` };
    if (value.includes('\0')) return { problem: `expected ${what}, got a string with a NUL character` };
    return { value };
  });
}

const sourcePattern = relativePath('a file, folder or glob such as "seeds" or "articles/**/*.md"').pipe(
  z.string().refine((value) => !value.startsWith('!'), {
    error: (issue) => `expected a file, folder or glob, got ${describeValue(issue.input)}: put patterns to leave out in "exclude"`,
  }),
);


const backendName = checkedString(BACKEND_CHOICES, checkBackendName);

const settingName = z.string().regex(/^[A-Za-z][A-Za-z0-9_-]*$/);
/** Settings are strings on the command line (`--set k=v`); a file may also write numbers and booleans. */
const settingValue = z
  .union([z.string(), z.number(), z.boolean()], expected('a string, number or boolean'))
  .refine((value) => typeof value !== 'number' || Number.isFinite(value), expected('a finite number'))
  .transform((value) => String(value));

const concurrency = z
  .int(expected(`a whole number from 1 to ${MAX_CONCURRENCY}`))
  .min(1, expected(`a whole number from 1 to ${MAX_CONCURRENCY}`))
  .max(MAX_CONCURRENCY, expected(`a whole number from 1 to ${MAX_CONCURRENCY}`));

const backendObject = z.object(
  {
    name: backendName,
    settings: z
      .record(settingName, settingValue, {
        error: (issue) =>
          issue.code === 'invalid_key'
            ? `expected a setting name (letters, digits, "-" or "_", starting with a letter), got ${describeValue(issue.input)}`
            : `expected an object of settings such as {"formality": "more"}, got ${describeValue(issue.input)}`,
      })
      .default({}),
    concurrency: concurrency.optional(),
  },
  expected('a backend name or {"name": …, "settings": {…}, "concurrency": …}'),
).superRefine((value, ctx) => {
  // Runs even when a sibling key failed, so a wrong setting shows up with the rest.
  if (typeof value.name !== 'string' || typeof value.settings !== 'object') return;
  const settings = Object.fromEntries(Object.entries(value.settings).filter(([, v]) => typeof v === 'string'));
  for (const problem of checkBackendSettings(value.name, settings)) {
    if (problem.severity === 'error') ctx.addIssue({ code: 'custom', path: ['settings', problem.key], message: problem.message, input: settings[problem.key] });
  }
});

const backend = z.union([backendName, backendObject], expected(`${BACKEND_CHOICES}, or {"name": …, "settings": {…}}`));


const ruleSetting = z.enum(RULE_SETTINGS, expected(listChoices(RULE_SETTINGS), (input) => (typeof input === 'string' ? didYouMean(input, RULE_SETTINGS) : '')));

const frontMatterKey = checkedString('a front-matter key such as "title" or "image.caption"', (value) =>
  value.split('.').every((part) => part.trim() !== '') ? { value } : { problem: `expected a front-matter key such as "title" or "image.caption", got ${describeValue(value)}` },
);



/** The file as written, validated; `resolveConfig` turns it into a `ResolvedConfig`. */
export const configSchema = z.object(
  {
    $schema: z.string(expected('the URL or path of a JSON schema')).optional(),
    version,
    sourceLanguage: languageCode.default('de'),
    targetLanguages: z.array(languageCode, expected('a list of language codes such as ["en", "fr"]')).default([]),
    sources: z
      .array(sourcePattern, expected('a list of files, folders or globs such as ["seeds", "articles/**/*.md"]'))
      .min(1, expected('at least one file, folder or glob such as "seeds"'))
      .default(['seeds']),
    exclude: z.array(relativePath('a glob such as "**/drafts/**"'), expected('a list of globs such as ["**/drafts/**"]')).default([]),
    // Absent: glossary.json when that file exists. null: no glossary.
    glossary: z.union([relativePath('a file such as "glossary.json"'), z.null()], expected('a file such as "glossary.json", or null for none')).optional(),
    backend: backend.optional(),
    paths: z
      .object(
        {
          translations: relativePath('a folder such as "translations"').default('translations'),
          // Absent: `<translations>/memory`, so moving the translations folder (or `--out`) moves the memory too.
          memory: relativePath('a folder such as "translations/memory"').optional(),
          published: relativePath('a folder such as "published"').default('published'),
        },
        expected('an object such as {"translations": "translations"}'),
      )
      .prefault({}),
    frontMatter: z
      .object(
        {
          translate: z.array(frontMatterKey, expected('a list of front-matter keys such as ["title", "image.caption"]')).default([...DEFAULT_FRONT_MATTER_KEYS]),
        },
        expected('an object such as {"translate": ["title"]}'),
      )
      .prefault({}),
    qa: z
      .object(
        {
          rules: z
            .record(z.string(), ruleSetting, {
              error: (issue) => `expected an object of rule settings such as {"length-ratio": "off"}, got ${describeValue(issue.input)}`,
            })
            .default({}),
        },
        expected('an object such as {"rules": {"length-ratio": "off"}}'),
      )
      .prefault({}),
    maxCharacters: z
      .int(expected('a whole number of characters such as 50000'))
      .min(0, expected('a whole number of characters such as 50000'))
      .optional(),
    context: z.boolean(expected('true or false')).default(true),
  },
  expected('an object such as {"version": 1, "targetLanguages": ["en"]}'),
).superRefine((value, ctx) => {
  if (typeof value.sourceLanguage !== 'string' || !Array.isArray(value.targetLanguages)) return;
  value.targetLanguages.forEach((code, index) => {
    if (typeof code === 'string' && primaryLanguage(code) === primaryLanguage(value.sourceLanguage)) {
      ctx.addIssue({
        code: 'custom',
        path: ['targetLanguages', index],
        message: `"${code}" is the source language ("${value.sourceLanguage}"); bitext translates from it, not into it: remove it`,
        input: code,
      });
    }
  });
});

export type ConfigFile = z.output<typeof configSchema>;

/** Every key the schema knows, as dotted paths (`backend.settings`, `paths.memory`), for docs and tests. */
export function configKeys(): string[] {
  const keys: string[] = [];
  const visit = (schema: z.ZodType, prefix: string): void => {
    const object = objectIn(schema);
    if (object === undefined) return;
    for (const [key, child] of Object.entries(object.shape)) {
      const path = prefix === '' ? key : `${prefix}.${key}`;
      keys.push(path);
      visit(child as z.ZodType, path);
    }
  };
  visit(configSchema, '');
  return keys;
}

/**
 * The object schema inside wrappers (default, optional, pipe, union), if any: what unknown keys in an object
 * value are checked against.
 */
export function objectIn(schema: z.ZodType): z.ZodObject | undefined {
  if (schema instanceof z.ZodObject) return schema;
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodNullable || schema instanceof z.ZodDefault || schema instanceof z.ZodPrefault) {
    return objectIn(schema.unwrap() as z.ZodType);
  }
  if (schema instanceof z.ZodPipe) return objectIn(schema.in as z.ZodType);
  if (schema instanceof z.ZodUnion) {
    for (const option of schema.options) {
      const found = objectIn(option as z.ZodType);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}
