// Runs one workflow file through the real app twin and reports the process's peak RSS.
import { runWorkflowFile } from '../dist/app/run.js';
import { DEFAULT_CONFIG } from '../dist/core/config.js';

const file = process.argv[2];
const r = await runWorkflowFile({ file, noLog: true, config: { ...DEFAULT_CONFIG, root: process.cwd() } });
if (r.status !== 'succeeded') throw new Error(JSON.stringify(r.error));
console.log(JSON.stringify({ maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024) }));
