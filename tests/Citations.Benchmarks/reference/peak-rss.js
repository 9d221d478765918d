'use strict';
// Preloaded with `node -r peak-rss.js SCRIPT ...`: when the process exits, report its peak resident set size on
// standard error as one line `PEAK_RSS_KB <n>`, so a parent can compare memory without an external tool.
process.on('exit', function () {
  process.stderr.write('PEAK_RSS_KB ' + process.resourceUsage().maxRSS + '\n');
});
