/** Human output of `thaiyyal init`: what was written, then the next steps. */
import type { ScaffoldResult } from '../app/init.js';
import { palette, type OutStream } from './style.js';

/** Lists written files and prints the next steps to try. */
export function renderScaffoldResult(result: ScaffoldResult, out: OutStream): string {
  const c = palette(out);
  const lines = result.files.map(
    (f) => `${c.green(f.action === 'created' ? '+' : '~')} ${f.action} ${f.path}`,
  );
  const cd = result.dir === '.' || result.dir === '' ? '' : `cd ${result.dir}\n  `;
  lines.push(
    '',
    c.bold('Next steps:'),
    `  ${cd}npm install --save-dev thaiyyal     # pins the CLI and the schema your editor uses`,
    '  npx thaiyyal validate workflows/',
    '  npx thaiyyal run workflows/hello.yaml --input name=you',
    '  npx thaiyyal nodes                     # every node type you can use',
    '',
  );
  return lines.join('\n');
}
