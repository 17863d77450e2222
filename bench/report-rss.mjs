// Preload for a measured child process: `BITEXT_RSS_FILE=/tmp/rss.json node --import ./bench/report-rss.mjs …`
// writes the process's peak RSS (the kernel's figure, so it is exact) and CPU time when it exits. The
// bench uses it to measure a whole CLI run, start-up included, without /usr/bin/time.
import { writeFileSync } from 'node:fs';

const file = process.env.BITEXT_RSS_FILE;
if (file) {
  process.on('exit', () => {
    const usage = process.resourceUsage();
    writeFileSync(file, JSON.stringify({ maxRssKB: usage.maxRSS, userMs: usage.userCPUTime / 1000, systemMs: usage.systemCPUTime / 1000 }));
  });
}
