// Runs `thaiyyal run FILE` through the real CLI entry (bin/run.js, in this process; bench/run.js
// passes the V8 flags of its shebang) and reports the process's peak RSS on stderr's last line
// when it exits.
import { join } from 'node:path';

const file = process.argv[2];
process.argv = [process.argv[0], join(import.meta.dirname, '..', 'bin', 'run.js'), 'run', file, '--quiet'];
process.on('exit', (code) => {
  if (code === 0)
    process.stderr.write(
      `${JSON.stringify({ maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024) })}\n`,
    );
});
await import('../bin/run.js');
