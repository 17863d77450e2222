import { describe, expect, it } from 'vitest';
import { markupCheck } from '../../src/qa/checks/markup.js';
import type { QaSegment } from '../../src/qa/types.js';

const context = { sourceLanguage: 'de', targetLanguage: 'en' };
const segment = (source: string, target: string, markup: QaSegment['markup'] = []): QaSegment => ({ id: 's1', source, target, status: 'approved', markup });
const rules = (s: QaSegment): string[] => markupCheck.run(s, context).map((f) => `${f.rule}:${f.severity}`);

describe('markup', () => {
  it.each<[string, QaSegment, string[]]>([
    ['good: placeholders kept, in another order', segment('{{count}} Artikel von %s', 'by %s: {{count}} articles'), []],
    ['good: $t and ${} kept', segment('Siehe $t(glossar) und ${name}.', 'See $t(glossar) and ${name}.'), []],
    ['bad: a translated placeholder', segment('{{count}} Artikel', '{{anzahl}} articles'), ['markup-placeholder:error']],
    ['bad: a lost %s', segment('Von %s am %d.', 'By on the %d.'), ['markup-placeholder:error']],
    ['bad: a dropped {0}', segment('Seite {0} von {1}', 'Page {0}'), ['markup-placeholder:error']],
    ['bad: what the source format found', segment('Der Kanzler', 'The chancellor', [{ kind: 'missing', severity: 'error', message: 'strong of the source is missing' }]), ['markup-missing:error']],
    ['warning: markup of the target\'s own', segment('heute', '_today_', [{ kind: 'extra', severity: 'warning', message: 'emphasis is not in the source' }]), ['markup-extra:warning']],
    ['bad: a changed URL', segment('Reuters', 'Reuters', [{ kind: 'changed', severity: 'error', message: 'link to a was changed to link to b' }]), ['markup-changed:error']],
  ])('%s', (_, s, expected) => {
    expect(rules(s)).toEqual(expected);
  });

  it('names the missing placeholder and says how to fix it', () => {
    const [finding] = markupCheck.run(segment('{{count}} Artikel', '{{anzahl}} articles'), context);
    expect(finding?.message).toBe('placeholder "{{count}}" of the source is not in the target');
    expect(finding?.hint).toMatch(/copy the placeholder unchanged/);
  });
});
