/** Human output of `thaiyyal init`: what was written, then the next steps. */
import type { ScaffoldResult } from '../app/init.js';
import { palette, type OutStream } from './style.js';

/** Lists written files (and a package.json left alone) and prints the next steps to try. */
export function renderScaffoldResult(result: ScaffoldResult, out: OutStream): string {
  const c = palette(out);
  const lines = result.files.map(
    (f) => `${c.green(f.action === 'created' ? '+' : '~')} ${f.action} ${f.path}`,
  );
  const pinned = `thaiyyal@${result.thaiyyal}`;
  const existing = result.existingPackageJson;
  if (existing) {
    lines.push(
      existing.hasThaiyyal
        ? `${c.dim('=')} kept package.json (it already lists thaiyyal)`
        : `${c.yellow('!')} kept package.json as it is: add thaiyyal to its devDependencies ` +
            `(\`npm install --save-dev ${pinned}\`); CI installs from it`,
    );
  }
  const cd = result.dir === '.' || result.dir === '' ? '' : `cd ${result.dir}\n  `;
  const install =
    existing && !existing.hasThaiyyal
      ? `npm install --save-dev ${pinned}   # pins the CLI and the schema your editor uses`
      : 'npm install                          # installs the thaiyyal pinned in package.json';
  lines.push(
    '',
    c.bold('Next steps:'),
    `  ${cd}${install}`,
    '  npx thaiyyal validate workflows/',
    '  npx thaiyyal run workflows/hello.yaml --input name=you',
    '  npx thaiyyal nodes                     # every node type you can use',
    '',
    `Commit package-lock.json too: CI runs \`npm ci\` when it exists, so it installs exactly the same versions.`,
    '',
  );
  return lines.join('\n');
}
