import { readFile } from 'node:fs/promises';

/** The mock backend's request log (`BITEXT_MOCK_LOG`), read on: the texts sent since the last call. */
export interface MockLog {
  sentSinceLastCall(): Promise<string[]>;
}

export function mockLog(path: string): MockLog {
  let seen = 0;
  return {
    async sentSinceLastCall() {
      const lines = (await readFile(path, 'utf8').catch(() => '')).split('\n').filter(Boolean);
      const fresh = lines.slice(seen).flatMap((l) => (JSON.parse(l) as { texts: string[] }).texts);
      seen = lines.length;
      return fresh;
    },
  };
}
