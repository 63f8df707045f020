// Loaded with `node --import ./bench/rss-probe.mjs ...`: when the process exits, writes its peak
// resident set size (the whole process: V8 heap, buffers, native code) to $PALISADE_BENCH_RSS_FILE.
import fs from 'node:fs';

const file = process.env.PALISADE_BENCH_RSS_FILE;
if (file) {
  process.on('exit', () => {
    fs.writeFileSync(file, String(process.resourceUsage().maxRSS * 1024));
  });
}
