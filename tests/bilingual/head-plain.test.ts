// writeHead writes the usual head (plain values) without the YAML library; this holds it to the library's
// output, so files are byte for byte what they were.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { plainYaml, yamlLines } from '../../src/bilingual/front-matter.js';

const head = (source: string, target = 'en') => ({ bitext: 2, source, format: 'markdown', sourceLanguage: 'de', targetLanguage: target });

describe('the head without the YAML library', () => {
  it('writes what the library writes for every value it takes', () => {
    const samples = ['seeds/000_559d78c4b1b37f76.txt', 'src/a.txt', 'a', 'e5', 'yes', 'no', 'on', 'Off', 'inf', 'nan', 'x.y-z_w/v', 'pt-BR', 'zh-Hans', 'en-GB'];
    for (const value of samples) {
      const data = head(value, value);
      const plain = plainYaml(data);
      expect(plain, value).toBeDefined();
      expect(plain).toEqual(yamlLines(data));
    }
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z][A-Za-z0-9_./-]{0,20}$/), (value) => {
        const data = head(value, value);
        const plain = plainYaml(data);
        if (plain !== undefined) expect(plain).toEqual(yamlLines(data));
      }),
      { numRuns: 2000 },
    );
  });

  it('leaves to the library what plain style cannot hold', () => {
    for (const value of ['true', 'NULL', '1.5', '0x1F', '.inf', '2024/a.txt', 'a b.txt', 'a: b', "it's", '#x', 'ä.txt', '']) {
      expect(plainYaml(head(value)), value).toBeUndefined();
    }
  });
});
