import { describe, expect, it } from 'vitest';
import type { SegmentStatus } from '../../src/core/types.js';
import { untranslatedCheck } from '../../src/qa/checks/untranslated.js';
import type { QaTerm } from '../../src/qa/types.js';
import { rulesOf, runCheck } from './helpers.js';

type Row = [name: string, status: SegmentStatus, lang: string, source: string, target: string, rules: string[]];

const GERMAN = 'China sei bereit, den Geist der gegenseitigen Unterstützung mit der russischen Seite aufrechtzuerhalten.';

const rows: Row[] = [
  // good
  ['a translation', 'approved', 'en', GERMAN, 'China was ready to uphold the spirit of mutual support with the Russian side.', []],
  ['new segment without a target', 'new', 'en', GERMAN, '', []],
  ['machine target from the mock backend', 'machine', 'fr', GERMAN, `(MOCK fr) ${GERMAN}`, []],
  ['identical name', 'approved', 'en', 'Xi Jinping', 'Xi Jinping', []],
  ['identical acronym', 'approved', 'fr', 'WSJ', 'WSJ', []],
  ['identical tag', 'approved', 'en', 'rrt-allgemeines', 'rrt-allgemeines', []],
  ['identical number', 'approved', 'en', '2024', '2024', []],
  ['identical opaque span and punctuation', 'approved', 'en', '\uFFFC – \uFFFC', '\uFFFC – \uFFFC', []],
  ['English words that are German too', 'approved', 'en', 'Sie könnten sterben.', 'They will die, also in war, so the man said.', []],
  ['name particles', 'approved', 'en', 'Ursula von der Leyen sagte das.', 'Ursula von der Leyen said so.', []],
  ['a German title kept as a name', 'approved', 'en', 'Das berichtete Der Spiegel.', 'Der Spiegel reported it, as did Die Zeit.', []],
  ['French des, es, sein', 'approved', 'fr', 'Er ist der Sohn eines Arztes.', 'Tu es au sein des pays membres.', []],
  ['Spanish es, den', 'approved', 'es', 'Es ist ein Land.', 'Es un país que den a conocer.', []],
  ['Dutch is not judged', 'approved', 'nl', 'Er ist in der Stadt.', 'Die man was in de stad.', []],
  // bad
  ['approved without a target', 'approved', 'en', GERMAN, '', ['untranslated-empty']],
  ['edited without a target', 'edited', 'en', GERMAN, '   ', ['untranslated-empty']],
  ['identical to the source', 'approved', 'en', 'Foto von VCG', 'Foto von VCG', ['untranslated-identical']],
  ['identical German sentence', 'approved', 'en', GERMAN, GERMAN, ['untranslated-german']],
  ['identical German in a Chinese target', 'reviewed', 'zh', GERMAN, GERMAN, ['untranslated-german']],
  ['mostly German', 'approved', 'en', GERMAN, 'China sei bereit, den Geist der gegenseitigen Unterstützung with the Russian side aufrechtzuerhalten.', ['untranslated-german']],
  ['German words left in', 'approved', 'en', 'Die Gespräche waren nicht erfolgreich und endeten.', 'The talks were nicht successful und ended.', ['untranslated-german-words']],
  ['German words left in Russian', 'approved', 'ru', 'Die Gespräche waren nicht erfolgreich und endeten.', 'Переговоры были nicht успешными und закончились.', ['untranslated-german-words']],
  ['German words left in French', 'approved', 'fr', 'Die Gespräche waren nicht erfolgreich und endeten.', 'Les négociations nicht réussies und terminées.', ['untranslated-german-words']],
  ['mock output approved', 'approved', 'fr', GERMAN, `(MOCK fr) ${GERMAN}`, ['untranslated-mock']],
  ['mock output reviewed', 'reviewed', 'en', 'Hallo', '(MOCK en) Hallo', ['untranslated-mock']],
];

describe('untranslated check', () => {
  it.each(rows)('%s', (_name, status, lang, source, target, rules) => {
    expect(rulesOf(runCheck(untranslatedCheck, lang, source, target, { status }))).toEqual(rules);
  });

  it('ignores German words inside a do-not-translate term', () => {
    const term: QaTerm = {
      termId: 'tag', text: 'Tag der Deutschen Einheit', source: 'Tag der Deutschen Einheit',
      required: { term: 'Tag der Deutschen Einheit', forms: [] }, forbidden: [], doNotTranslate: true, caseSensitive: true,
    };
    const source = 'Am Tag der Deutschen Einheit und danach.';
    const target = 'On the Tag der Deutschen Einheit, and after it, the day of unity.';
    expect(runCheck(untranslatedCheck, 'en', source, target, { status: 'approved', terms: [term] })).toEqual([]);
  });

  it('names the German words it found', () => {
    const [finding] = runCheck(untranslatedCheck, 'en', 'Die Gespräche waren nicht erfolgreich und endeten.', 'The talks were nicht successful und ended.', { status: 'approved' });
    expect(finding?.message).toBe('the target has German words: "nicht" and "und"');
  });
});
