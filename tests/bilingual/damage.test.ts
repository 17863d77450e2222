import { describe, expect, it } from 'vitest';
import { BitextError } from '../../src/core/errors.js';
import { fromBilingualMarkdown, toBilingualMarkdown } from '../../src/bilingual/index.js';
import { BASIC, lineNumberOf, replaceLine, withSegment } from './edit-helpers.js';
import { SAMPLE_DOCUMENT } from './sample-document.js';

function errorOf(text: string): BitextError {
  try {
    fromBilingualMarkdown(text, 'translations/en/000_beispiel.md');
  } catch (error) {
    if (error instanceof BitextError) return error;
    throw error;
  }
  throw new Error('expected the file to be rejected');
}

interface DamageCase {
  readonly name: string;
  readonly text: string;
  readonly line: number;
  /** Fragments the message must contain: what was found and what was expected. */
  readonly says: readonly string[];
}

const STATUS_LIST = 'new, machine, edited, reviewed, approved, stale';

const cases: readonly DamageCase[] = [
  {
    name: 'unknown status word',
    text: replaceLine(BASIC, '🟠 status: machine', 'status: done'),
    line: lineNumberOf(BASIC, '🟠 status: machine'),
    says: ['unknown status "done"', STATUS_LIST],
  },
  {
    name: 'status line without a word',
    text: replaceLine(BASIC, '🟠 status: machine', 'status:'),
    line: lineNumberOf(BASIC, '🟠 status: machine'),
    says: ['no status word', STATUS_LIST],
  },
  {
    name: 'missing marker (deleted)',
    text: replaceLine(BASIC, '<!-- bitext s2b3c4d5e -->', null),
    line: lineNumberOf(BASIC, '<!-- bitext s2b3c4d5e -->'),
    says: ['missing segment marker', '<!-- bitext <id> -->'],
  },
  {
    name: 'damaged marker',
    text: replaceLine(BASIC, '<!-- bitext s2b3c4d5e -->', '<!-- bitext -->'),
    line: lineNumberOf(BASIC, '<!-- bitext s2b3c4d5e -->'),
    says: ['damaged segment marker', '<!-- bitext <id> -->'],
  },
  {
    name: 'duplicate segment ids',
    text: replaceLine(BASIC, '<!-- bitext s2b3c4d5e -->', '<!-- bitext s1a2b3c4d -->'),
    line: lineNumberOf(BASIC, '<!-- bitext s2b3c4d5e -->'),
    says: ['duplicate segment id "s1a2b3c4d"', `line ${lineNumberOf(BASIC, '<!-- bitext s1a2b3c4d mt=0123456789abcdef -->')}`],
  },
  {
    name: 'missing source line',
    text: replaceLine(BASIC, '> Foto von VCG', null),
    // The blank line below the marker moves up; the first line after it is where the source was expected.
    line: lineNumberOf(BASIC, 'Photo by VCG') - 1,
    says: ['missing source line of segment s1a2b3c4d', '> <source sentence>'],
  },
  {
    name: 'missing status line',
    text: replaceLine(BASIC, '🔴 status: new', null),
    line: lineNumberOf(BASIC, '<!-- bitext s3c4d5e6f mt=fedcba9876543210 -->') - 1,
    says: ['status line of segment s2b3c4d5e', 'status: <word>'],
  },
  {
    name: 'missing status line at the end of the file',
    text: replaceLine(BASIC, '🟡 status: edited', null),
    line: BASIC.split('\n').length - 1,
    says: ['status line of segment s5e6f7081'],
  },
  {
    name: 'second status line',
    text: replaceLine(BASIC, '🟠 status: machine', '🟠 status: machine\nstatus: approved'),
    line: lineNumberOf(BASIC, '🟠 status: machine') + 1,
    says: ['second status line'],
  },
  {
    name: 'broken front matter YAML',
    text: replaceLine(BASIC, 'source: seeds/000_beispiel.txt', 'source: [seeds'),
    line: lineNumberOf(BASIC, 'source: seeds/000_beispiel.txt') + 1,
    says: ['front matter is not valid YAML'],
  },
  {
    name: 'duplicate front matter key',
    text: replaceLine(BASIC, 'source: seeds/000_beispiel.txt', 'source: seeds/000_beispiel.txt\nsource: seeds/other.txt'),
    line: lineNumberOf(BASIC, 'source: seeds/000_beispiel.txt') + 1,
    says: ['front matter is not valid YAML', 'unique'],
  },
  {
    name: 'front matter value that is not text',
    text: replaceLine(BASIC, 'source: seeds/000_beispiel.txt', 'source: [a, b]'),
    line: lineNumberOf(BASIC, 'source: seeds/000_beispiel.txt'),
    says: ['`source:` must be a single text value'],
  },
  {
    name: 'missing front matter key',
    text: replaceLine(BASIC, 'targetLanguage: en', null),
    line: 1,
    says: ['missing `targetLanguage:`'],
  },
  {
    name: 'unknown bitext version',
    text: replaceLine(BASIC, 'bitext: 2', 'bitext: 3'),
    line: 2,
    says: ['unsupported bilingual format version "3"', 'reads versions 1 and 2'],
  },
  {
    name: 'missing bitext version',
    text: replaceLine(BASIC, 'bitext: 2', null),
    line: 1,
    says: ['`bitext:`'],
  },
  {
    name: 'text before the front matter',
    text: `Notes from Anna\n${BASIC}`,
    line: 1,
    says: ['text before the front matter', '"---"'],
  },
  {
    name: 'front matter never closed',
    text: `\n\n${BASIC.replace('\n---\n<!-- bitext-file', '\n<!-- bitext-file')}`,
    line: 3,
    says: ['front matter is never closed'],
  },
  {
    name: 'file line after the front matter removed',
    text: BASIC.replace(/^<!-- bitext-file .*-->\n/m, ''),
    line: lineNumberOf(BASIC, '<!-- bitext-file sourceHash=9f2c1e0b7a6d5c4b3a291807f6e5d4c3b2a1908f7e6d5c4b3a2918070f6e5d4c glossaryHash= backend=mock -->'),
    says: ['right after the front matter'],
  },
  {
    name: 'unresolved merge conflict',
    text: replaceLine(BASIC, '🟠 status: machine', '<<<<<<< HEAD\n🟠 status: machine\n=======\n🔵 status: reviewed\n>>>>>>> anna'),
    line: lineNumberOf(BASIC, '🟠 status: machine'),
    says: ['unresolved merge conflict', '<<<<<<<', '>>>>>>>'],
  },
  {
    name: 'misspelt status word',
    text: replaceLine(BASIC, '🟠 status: machine', '🟠 status: aproved'),
    line: lineNumberOf(BASIC, '🟠 status: machine'),
    says: ['aproved', 'did you mean `approved`'],
  },
  {
    name: 'empty file',
    text: ' \n\n',
    line: 1,
    says: ['empty file'],
  },
  {
    name: 'unknown paragraph kind',
    text: replaceLine(BASIC, '#### ¶ list-item', '#### ¶ bullet'),
    line: lineNumberOf(BASIC, '#### ¶ list-item'),
    says: ['unknown paragraph kind "bullet"', 'paragraph, heading, list-item, blockquote, table-cell, footnote, image-alt, front-matter'],
  },
  {
    name: 'a heading of the reviewer’s own',
    text: replaceLine(BASIC, '🟠 status: machine', '🟠 status: machine\n\n## Notes'),
    line: lineNumberOf(BASIC, '🟠 status: machine') + 2,
    says: ['unexpected Markdown heading', '#### ¶'],
  },
  {
    name: 'an HTML comment of the reviewer’s own',
    text: replaceLine(BASIC, 'Photo by VCG', 'Photo by VCG\n<!-- check the agency name -->'),
    line: lineNumberOf(BASIC, 'Photo by VCG') + 1,
    says: ['unexpected HTML comment'],
  },
  {
    name: 'text after a segment, separated by a blank line',
    text: replaceLine(BASIC, '🟠 status: machine', '🟠 status: machine\n\nI am not sure about this one.'),
    line: lineNumberOf(BASIC, '🟠 status: machine') + 2,
    says: ['unexpected text after the status line of segment s1a2b3c4d', '- draft: …'],
  },
  {
    name: 'memory target without its source line',
    text: replaceLine(BASIC, '- memory 87% source: Das Treffen findet am 4. Mai statt.', null),
    line: lineNumberOf(BASIC, '- memory 87% target: The meeting takes place on 4 May.') - 1,
    says: ['needs a "memory 87% source:" line'],
  },
  {
    name: 'memory source without its target line',
    text: replaceLine(BASIC, '- memory 87% target: The meeting takes place on 4 May.', null),
    line: lineNumberOf(BASIC, '- memory 87% source: Das Treffen findet am 4. Mai statt.'),
    says: ['has no target line'],
  },
  {
    name: 'memory score above 100',
    text: replaceLine(BASIC, '- memory 87% source: Das Treffen findet am 4. Mai statt.', '- memory 870% source: x'),
    line: lineNumberOf(BASIC, '- memory 87% source: Das Treffen findet am 4. Mai statt.'),
    says: ['damaged memory line', '0 to 100'],
  },
  {
    name: 'second draft line',
    text: replaceLine(BASIC, '- draft: The meeting will take place on 3 May.', '- draft: a\n- draft: b'),
    line: lineNumberOf(BASIC, '- draft: The meeting will take place on 3 May.') + 1,
    says: ['second "draft:" line'],
  },
  {
    name: 'segment marker above the first paragraph heading',
    text: replaceLine(BASIC, '# 000_beispiel · de → en', '<!-- bitext s9 -->'),
    line: lineNumberOf(BASIC, '# 000_beispiel · de → en'),
    says: ['before the first paragraph heading'],
  },
];

describe('damaged files are refused with file, line and what was expected', () => {
  it.each(cases)('$name', ({ text, line, says }) => {
    const error = errorOf(text);
    expect(error.code).toBe('input');
    expect(error.file).toBe('translations/en/000_beispiel.md');
    for (const fragment of says) expect(error.message).toContain(fragment);
    expect(error.line).toBe(line);
  });

  it('counts lines the same way with CRLF line ends', () => {
    const text = replaceLine(BASIC, '🟠 status: machine', 'status: done').replace(/\n/g, '\r\n');
    expect(errorOf(text).line).toBe(lineNumberOf(BASIC, '🟠 status: machine'));
  });
});

describe('documents no file can represent are refused when writing', () => {
  it('refuses duplicate ids', () => {
    const doc = withSegment(SAMPLE_DOCUMENT, 's2b3c4d5e', { id: 's1a2b3c4d' });
    expect(() => toBilingualMarkdown(doc)).toThrow(/same id "s1a2b3c4d"/);
  });

  it('refuses an empty id', () => {
    expect(() => toBilingualMarkdown(withSegment(SAMPLE_DOCUMENT, 's1a2b3c4d', { id: '' }))).toThrow(/empty id/);
  });

  it('refuses a memory score that is not an integer percentage', () => {
    const doc = withSegment(SAMPLE_DOCUMENT, 's3c4d5e6f', { suggestions: [{ score: 87.5, source: 'a', target: 'b' }] });
    expect(() => toBilingualMarkdown(doc)).toThrow(/integer 0..100/);
  });
});
