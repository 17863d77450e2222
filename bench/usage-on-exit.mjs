// Preloaded into a measured CLI run (`node --import ./bench/usage-on-exit.mjs dist/cli/main.js …`): at exit,
// writes the process's own resource usage to $BITEXT_BENCH_USAGE, so the peak RSS of a row is that of the
// command alone, as the kernel counted it (maxRSS, KiB). Loads nothing else: the start-up cost is one file.
import { writeFileSync } from 'node:fs';

const file = process.env.BITEXT_BENCH_USAGE;
if (file) {
  process.on('exit', () => {
    const usage = process.resourceUsage();
    writeFileSync(file, JSON.stringify({ maxRssKiB: usage.maxRSS, userMs: usage.userCPUTime / 1000, systemMs: usage.systemCPUTime / 1000 }));
  });
}
