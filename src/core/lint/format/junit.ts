/**
 * `junit`: JUnit XML for CI test reports. One `<testsuite>` per file; one `<testcase>` with
 * a `<failure>` per finding, or a single passing `<testcase>` for a clean file.
 */
import { formatDiagnostic } from '../../diagnostics.js';
import { ruleIdOf, summarize, type Formatter } from './types.js';

/** Escapes text and attribute values, dropping characters XML 1.0 cannot hold. */
export function escapeXml(s: string): string {
  return (
    s
      // eslint-disable-next-line no-control-regex -- exactly the characters XML 1.0 forbids
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
      .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '')
      .replaceAll('&', '&amp;')
      .replaceAll('<', '&lt;')
      .replaceAll('>', '&gt;')
      .replaceAll('"', '&quot;')
      .replaceAll("'", '&apos;')
  );
}

/** @example junit(results, ctx).startsWith('<?xml') // true */
export const junit: Formatter = (results) => {
  const s = summarize(results);
  const total = results.reduce((n, r) => n + Math.max(1, r.findings.length), 0);
  const failures = s.errors + s.warnings + s.infos;
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="thaiyyal lint" tests="${total}" failures="${failures}" errors="0">`,
  ];
  for (const r of results) {
    const file = escapeXml(r.file);
    const n = r.findings.length;
    out.push(`  <testsuite name="${file}" tests="${Math.max(1, n)}" failures="${n}" errors="0">`);
    if (n === 0) out.push(`    <testcase classname="${file}" name="${file}"/>`);
    for (const f of r.findings) {
      const id = escapeXml(ruleIdOf(f));
      const where = `${f.range.start.line}:${f.range.start.col}`;
      out.push(
        `    <testcase classname="${file}" name="${where} ${id}">`,
        `      <failure type="${id}" message="${escapeXml(f.message)}">${escapeXml(`${formatDiagnostic(f)} (${f.severity})`)}</failure>`,
        '    </testcase>',
      );
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return `${out.join('\n')}\n`;
};
