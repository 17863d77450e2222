// Server-side glossaries for DeepL, through deepl-node's v3 (multilingual) glossary API. One glossary per
// language pair, named after a hash of its entries, so an unchanged glossary.json costs one list call.
import { createHash } from 'node:crypto';
import { GlossaryEntries, GlossaryNotFoundError, type DeepLClient, type MultilingualGlossaryInfo } from 'deepl-node';
import type { LanguagePair } from '../core/types.js';
import { requiredTarget, sourceForms, type Glossary } from '../glossary/index.js';
import { baseLanguage, utf8Bytes } from './deepl-request.js';
import type { GlossaryRef } from './types.js';

export const GLOSSARY_NAME_PREFIX = 'bitext';
/** DeepL's per-term limit. */
const MAX_TERM_BYTES = 1024;

export interface GlossaryEntryPlan {
  /** Source form -> target term, in glossary order; valid for DeepL (unique, trimmed, no control chars). */
  readonly entries: readonly (readonly [string, string])[];
  /** Human-readable reasons for forms left out. */
  readonly skipped: readonly string[];
  /** `bitext-<src>-<target code>-<12 hex>`. */
  readonly name: string;
  readonly sourceLang: string;
  readonly targetLang: string;
}

/** Why DeepL would reject this term, or undefined when it is fine. */
function invalidTermReason(term: string): string | undefined {
  if (term.length === 0) return 'is empty';
  if (term !== term.trim()) return 'has leading or trailing white space';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u0080-\u009f\u2028\u2029]/.test(term)) return 'contains a tab, newline or control character';
  if (utf8Bytes(term) > MAX_TERM_BYTES) return `is longer than ${MAX_TERM_BYTES} UTF-8 bytes`;
  return undefined;
}

/**
 * `bitext-de-en-`, `bitext-de-en-gb-`: the whole target code, so that regional variants (`en-GB`, `en-US`),
 * whose approved terms may differ, each keep a glossary of their own (DeepL's dictionary is of the base
 * language for both) instead of deleting each other's as obsolete.
 */
export function glossaryNamePrefix(pair: LanguagePair): string {
  return `${GLOSSARY_NAME_PREFIX}-${baseLanguage(pair.source)}-${pair.target.toLowerCase()}-`;
}

/** One of bitext's glossaries for this very prefix: `bitext-de-en-` + 12 hex digits, not `bitext-de-en-gb-…`. */
function isNamedFor(name: string, prefix: string): boolean {
  return name.startsWith(prefix) && /^[0-9a-f]{12}$/.test(name.slice(prefix.length));
}

/**
 * The entries DeepL gets for one language pair: every source form the matcher knows (written and inflected)
 * of each term that has a target in that language, mapped to the approved target. Do-not-translate terms are
 * left out: they are protected with XML in the request instead.
 */
export function planGlossaryEntries(glossary: Glossary, pair: LanguagePair): GlossaryEntryPlan {
  const entries: (readonly [string, string])[] = [];
  const bySource = new Map<string, string>();
  const skipped: string[] = [];
  for (const term of glossary.terms) {
    if (term.doNotTranslate) continue;
    const target = requiredTarget(term, pair.target);
    if (target === undefined) continue;
    const targetText = target.term.trim();
    const targetProblem = invalidTermReason(targetText);
    if (targetProblem !== undefined) {
      skipped.push(`term "${term.id}": target ${JSON.stringify(target.term)} ${targetProblem}`);
      continue;
    }
    for (const raw of sourceForms(term, glossary.sourceLanguage)) {
      const form = raw.trim();
      const problem = invalidTermReason(form);
      if (problem !== undefined) {
        skipped.push(`term "${term.id}": source form ${JSON.stringify(raw)} ${problem}`);
        continue;
      }
      const previous = bySource.get(form);
      if (previous === undefined) {
        bySource.set(form, targetText);
        entries.push([form, targetText]);
      } else if (previous !== targetText) {
        skipped.push(`term "${term.id}": source form "${form}" already maps to "${previous}"`);
      }
    }
  }
  const digest = createHash('sha256').update(JSON.stringify(entries)).digest('hex').slice(0, 12);
  return {
    entries,
    skipped,
    name: `${glossaryNamePrefix(pair)}${digest}`,
    sourceLang: baseLanguage(pair.source),
    targetLang: baseLanguage(pair.target),
  };
}

function hasDictionary(info: MultilingualGlossaryInfo, plan: GlossaryEntryPlan): boolean {
  return info.dictionaries.some(
    (d) =>
      baseLanguage(d.sourceLangCode) === plan.sourceLang &&
      baseLanguage(d.targetLangCode) === plan.targetLang &&
      d.entryCount === plan.entries.length,
  );
}

export interface GlossarySyncResult {
  readonly ref: GlossaryRef | undefined;
  readonly created: boolean;
  readonly deleted: readonly string[];
}

/**
 * Makes the server hold exactly the glossary `plan` describes for its pair: reuses one with the same name
 * (and a matching dictionary), otherwise creates it, then deletes bitext's other glossaries for that pair.
 * Glossaries not named by bitext are never touched. `avoidId` is a glossary known to be gone.
 */
export async function syncGlossary(
  client: DeepLClient,
  plan: GlossaryEntryPlan,
  options: { readonly avoidId?: string } = {},
): Promise<GlossarySyncResult> {
  const prefix = plan.name.slice(0, plan.name.lastIndexOf('-') + 1);
  const own = (await client.listMultilingualGlossaries()).filter((g) => isNamedFor(g.name, prefix));
  let ref: GlossaryRef | undefined;
  let created = false;
  if (plan.entries.length > 0) {
    const reusable = own.find((g) => g.name === plan.name && g.glossaryId !== options.avoidId && hasDictionary(g, plan));
    if (reusable !== undefined) {
      ref = { id: reusable.glossaryId, name: reusable.name };
    } else {
      const entries = new GlossaryEntries({ entries: Object.fromEntries(plan.entries) });
      const info = await client.createMultilingualGlossary(plan.name, [
        { sourceLangCode: plan.sourceLang, targetLangCode: plan.targetLang, entries },
      ]);
      ref = { id: info.glossaryId, name: info.name };
      created = true;
    }
  }
  const deleted: string[] = [];
  for (const obsolete of own) {
    if (obsolete.glossaryId === ref?.id || obsolete.glossaryId === options.avoidId) continue;
    try {
      await client.deleteMultilingualGlossary(obsolete.glossaryId);
      deleted.push(obsolete.glossaryId);
    } catch (error) {
      // Someone (another run) deleted it first: the goal is reached.
      if (!(error instanceof GlossaryNotFoundError)) throw error;
    }
  }
  return { ref, created, deleted };
}
