// `bitext init`: a starter config, glossary and example article, so that `bitext translate` works right
// after it. Planning is pure (what to write); writing never overwrites a file and asks nothing.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { BitextError } from '../core/errors.js';
import { replaceFile } from '../io/atomic-write.js';
import { describeFsError } from '../io/read-text.js';
import { checkLanguageCode, primaryLanguage } from './language.js';
import { CONFIG_FILE_NAMES, checkBackendName } from './constants.js';
import { SOURCE_FILE_EXTENSIONS } from './expand-sources.js';

export interface PlanInitOptions {
  /** Target languages of the starter config; default `["en"]`. */
  readonly targets?: readonly string[];
  /** Backend of the starter config; default `mock`, which needs no key, so the first run works offline. */
  readonly backend?: string;
}

export interface InitOptions extends PlanInitOptions {
  readonly cwd: string;
  /**
   * What to do when a file init would write is already there. `refuse` (default): write nothing and say
   * which. `keep`: leave it as it is and write only the missing files (e.g. a config for an existing project).
   */
  readonly existing?: 'refuse' | 'keep';
}

export interface PlannedFile {
  /** Relative to the project folder, forward slashes. */
  readonly path: string;
  readonly content: string;
}

export interface InitResult {
  /** Files written, relative to the project, in the order written. */
  readonly written: readonly string[];
  /** Files that were already there and left alone (`existing: 'keep'`), including an example skipped because `seeds/` has sources. */
  readonly kept: readonly string[];
}

export const CONFIG_FILE = 'bitext.config.json';
export const EXAMPLE_SOURCE = 'seeds/beispiel.txt';

const EXAMPLE_ARTICLE = `Die Bundesregierung hat am Mittwoch in Berlin den Entwurf eines Gesetzes zur Förderung des öffentlichen Nahverkehrs vorgestellt.

Bis 2030 sollen demnach rund 3,5 Mrd. Euro zusätzlich in Busse und Bahnen fließen, z. B. für neue Strecken im ländlichen Raum. Der Verkehrsminister sprach von einem „wichtigen Schritt für den Klimaschutz“.

Kritik kam von den Kommunen: Sie fürchten, dass die Mittel nicht ausreichen. Der Bundestag soll im Herbst über den Entwurf beraten.
`;

/** The starter files, in the order they are written (the config last: a half-done init has none). */
export function planInit(options: PlanInitOptions = {}): PlannedFile[] {
  const targets = (options.targets ?? ['en']).map((raw) => {
    const checked = checkLanguageCode(raw);
    if (checked.problem !== undefined) throw new BitextError('usage', `target language: ${checked.problem}`);
    if (primaryLanguage(checked.code) === 'de') throw new BitextError('usage', `target language: "${raw}" is the source language ("de"); choose another, e.g. en`);
    return checked.code;
  });
  const backend = options.backend ?? 'mock';
  const checkedBackend = checkBackendName(backend);
  if ('problem' in checkedBackend) throw new BitextError('usage', `backend: ${checkedBackend.problem}`);

  const glossary = {
    version: 1,
    sourceLanguage: 'de',
    terms: [
      {
        source: 'Bundesregierung',
        note: "Germany's federal government; capitalised in English when it means Germany's.",
        targets: { en: 'Federal Government', fr: 'gouvernement fédéral' },
      },
      { source: 'Bundestag', doNotTranslate: true, note: 'The German parliament is called the Bundestag in English and French too.' },
    ],
  };
  const config = {
    version: 1,
    sourceLanguage: 'de',
    targetLanguages: [...new Set(targets)],
    sources: ['seeds'],
    glossary: 'glossary.json',
    backend,
  };
  return [
    { path: 'glossary.json', content: `${JSON.stringify(glossary, null, 2)}\n` },
    { path: EXAMPLE_SOURCE, content: EXAMPLE_ARTICLE },
    { path: CONFIG_FILE, content: `${JSON.stringify(config, null, 2)}\n` },
  ];
}

/**
 * Writes the starter project into `cwd`. Never overwrites: a file that is already there is refused (the
 * default; nothing is written) or kept. The example article is left out when `seeds/` already holds
 * sources, so init never adds a document to someone's articles. Each file is written atomically.
 * Throws `BitextError('output')` naming an existing file.
 */
export async function initProject(options: InitOptions): Promise<InitResult> {
  const plan = planInit(options);
  const present = new Set(await listPresent(options.cwd));
  const seedsHaveSources = await hasSources(join(options.cwd, 'seeds'));
  const isThere = (file: PlannedFile): boolean =>
    file.path === CONFIG_FILE ? CONFIG_FILE_NAMES.some((name) => present.has(name)) : file.path === EXAMPLE_SOURCE ? seedsHaveSources : present.has(file.path);

  const existing = plan.filter(isThere).filter((file) => file.path !== EXAMPLE_SOURCE);
  if (existing.length > 0 && (options.existing ?? 'refuse') === 'refuse') {
    const [first, ...others] = existing.map((file) => (file.path === CONFIG_FILE ? CONFIG_FILE_NAMES.find((name) => present.has(name))! : file.path));
    const also = others.length === 0 ? '' : ` (and ${others.join(', ')})`;
    throw new BitextError('output', `already exists${also}; bitext init never overwrites a file: move it away, or run bitext init --keep-existing to keep it and write only the missing files`, {
      file: first!,
    });
  }

  const written: string[] = [];
  const kept: string[] = [];
  for (const file of plan) {
    if (isThere(file)) {
      kept.push(file.path);
      continue;
    }
    const outcome = await replaceFile(join(options.cwd, ...file.path.split('/')), file.content, {
      root: options.cwd,
      displayPath: file.path,
      expected: null,
    });
    if (outcome === 'unchanged') {
      kept.push(file.path); // someone wrote exactly this file since we looked
      continue;
    }
    if (outcome === 'conflict') {
      throw new BitextError('output', 'appeared while bitext init was writing; left as it is, run init again to see what is missing', { file: file.path });
    }
    written.push(file.path);
  }
  return { written, kept };
}

async function listPresent(folder: string): Promise<string[]> {
  try {
    return await readdir(folder);
  } catch (cause) {
    throw new BitextError('output', `cannot read the project folder (${describeFsError(cause)})`, { file: folder, cause });
  }
}

async function hasSources(folder: string): Promise<boolean> {
  const entries = await readdir(folder, { recursive: true }).catch(() => []);
  return entries.some((entry) => (SOURCE_FILE_EXTENSIONS as readonly string[]).some((ext) => entry.toLowerCase().endsWith(ext)));
}
