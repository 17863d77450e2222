// markup — the target carries the source's markup alike: the same emphasis, identical link URLs, inline
// code verbatim (the source format compares them and fills `segment.markup`), and every placeholder of a
// template or an i18n string (`{{name}}`, `{0}`, `%s`, `%(name)s`, `${name}`, `$t(key)`) kept as it is.
import type { Check, Finding, QaSegment } from '../types.js';

/** Placeholders a template engine or an i18n library would fill in: kept verbatim, or the page breaks. */
const PLACEHOLDER = /\{\{[^{}]{1,80}\}\}|\$\{[^{}]{1,80}\}|\$t\([^()]{1,80}\)|%(?:\([A-Za-z_][\w]*\))?[-+ #0]*\d*(?:\.\d+)?[sdifx]|%\d+\$[sd]|\{\d{1,2}\}/g;

function placeholders(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => m[0]).sort();
}

export const markupCheck: Check = {
  id: 'markup',
  description: 'Inline markup and template placeholders of the source are in the target, as written.',
  rules: {
    'markup-missing': { severity: 'error', description: 'Source markup is missing from the target: "**Kanzler**" → "chancellor" loses the bold.' },
    'markup-changed': { severity: 'error', description: 'Source markup was changed: a link URL edited, inline code `npm` typed as `pnpm`.' },
    'markup-extra': { severity: 'warning', description: 'The target has markup the source does not: "_today_" added.' },
    'markup-block': { severity: 'warning', description: 'The target reads as a heading, list or quote, not as text: "- Punkt" starts a list.' },
    'markup-placeholder': { severity: 'error', description: 'A template placeholder ({{name}}, %s, $t(key)) is missing or changed: "{{count}} Artikel" → "{{anzahl}} articles".' },
  },
  run(segment: QaSegment): Finding[] {
    const findings: Finding[] = [];
    for (const problem of segment.markup ?? []) {
      const rule = `markup-${problem.kind}`;
      const hint =
        problem.kind === 'extra'
          ? 'remove it, unless the translation needs it'
          : problem.kind === 'block'
            ? 'put a backslash before its first character'
            : 'write the markup as in the source line above (same URL, same inline code)';
      findings.push({ rule, severity: problem.severity, message: problem.message, hint });
    }
    const wanted = placeholders(segment.source);
    const got = placeholders(segment.target);
    const missing = wanted.filter((p) => {
      const at = got.indexOf(p);
      if (at < 0) return true;
      got.splice(at, 1);
      return false;
    });
    if (missing.length > 0) {
      findings.push({
        rule: 'markup-placeholder',
        severity: 'error',
        message: `placeholder${missing.length === 1 ? '' : 's'} ${missing.map((p) => `"${p}"`).join(', ')} of the source ${missing.length === 1 ? 'is' : 'are'} not in the target`,
        hint: 'copy the placeholder unchanged into the translation; it is filled in by the site, not translated',
      });
    }
    return findings;
  },
};
