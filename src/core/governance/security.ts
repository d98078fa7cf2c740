/**
 * Security-sensitive changes between two versions of a workflow: a new or changed `exec`
 * command, a new HTTP host, a new secret referenced, a change of its `owners:` (who approves
 * its future changes). These need a security owner's approval (docs/governance.md). Pure.
 */
import type { ExpressionOptionsOf } from '../graph.js';
import { externalRefs } from '../secrets-used.js';
import type { Json, Workflow } from '../workflow.js';

export type SecurityChange =
  | { kind: 'exec'; node: string; command: string; previous?: string; message: string }
  | { kind: 'http-host'; node: string; host: string; message: string }
  | { kind: 'secret'; name: string; message: string }
  | { kind: 'owners'; added: string[]; removed: string[]; message: string };

/** Node types whose options are inspected. */
export interface SecurityScan {
  /** Types that run processes (their `command` and `args`). */
  execTypes: readonly string[];
  /** Types that make HTTP requests (their `url`). */
  httpTypes: readonly string[];
}

export const DEFAULT_SECURITY_SCAN: SecurityScan = { execTypes: ['exec'], httpTypes: ['http'] };

const OPEN = '${{';

/**
 * The host a URL option reaches, as far as its text says: the literal host of a literal URL
 * or of a template's literal prefix (`https://api.example.com/${{ … }}` → `api.example.com`);
 * a host that is partly computed keeps its literal start with `*` (`https://${{ x }}.example.com` → `*`,
 * `https://api-${{ x }}` → `api-*`); a URL computed whole is `*` (any host).
 * @example urlHost('https://API.example.com:8443/x?y') // 'api.example.com:8443'
 */
export function urlHost(url: string): string {
  const cut = url.indexOf(OPEN);
  const literal = cut < 0 ? url : url.slice(0, cut);
  const m = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]*)([/?#]|$)/i.exec(literal);
  if (m && (m[2] !== '' || cut < 0)) {
    const authority = m[1]!.replace(/^.*@/, '').toLowerCase();
    return authority === '' ? '*' : authority;
  }
  const partial = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]*)$/i.exec(literal);
  if (partial) return `${partial[1]!.replace(/^.*@/, '').toLowerCase()}*`;
  return '*';
}

const commandText = (options: Record<string, Json>): string => {
  const cmd =
    typeof options['command'] === 'string' ? options['command'] : JSON.stringify(options['command']);
  const args = Array.isArray(options['args']) ? options['args'].map((a) => String(a)) : [];
  return `${options['shell'] === true ? 'sh -c ' : ''}${[cmd, ...args].join(' ')}`;
};

function hostsOf(wf: Workflow | undefined, scan: SecurityScan): Map<string, string> {
  const hosts = new Map<string, string>(); // host → first node using it
  if (!wf) return hosts;
  const types = new Set(scan.httpTypes);
  for (const node of Object.values(wf.nodes)) {
    if (!types.has(node.type)) continue;
    const url = node.options['url'];
    const host = typeof url === 'string' ? urlHost(url) : '*';
    if (!hosts.has(host)) hosts.set(host, node.id);
  }
  return hosts;
}

/**
 * What `after` does that `before` did not, security-wise. `before` undefined means a new
 * workflow: every exec, host and secret in it is new.
 * @example securityChanges(base, head, expressionOptionsOf) // [{kind: 'secret', name: 'DEPLOY_KEY', …}]
 */
export function securityChanges(
  before: Workflow | undefined,
  after: Workflow,
  expressionOptionsOf: ExpressionOptionsOf,
  scan: SecurityScan = DEFAULT_SECURITY_SCAN,
): SecurityChange[] {
  const out: SecurityChange[] = [];
  const execTypes = new Set(scan.execTypes);
  for (const node of Object.values(after.nodes)) {
    if (!execTypes.has(node.type)) continue;
    const command = commandText(node.options);
    const old = before?.nodes[node.id];
    if (old && execTypes.has(old.type)) {
      const previous = commandText(old.options);
      if (previous !== command) {
        out.push({
          kind: 'exec',
          node: node.id,
          command,
          previous,
          message: `exec node "${node.id}" now runs \`${command}\` (was \`${previous}\`)`,
        });
      }
    } else {
      out.push({
        kind: 'exec',
        node: node.id,
        command,
        message: `new exec node "${node.id}" runs \`${command}\``,
      });
    }
  }
  const oldHosts = hostsOf(before, scan);
  for (const [host, node] of hostsOf(after, scan)) {
    if (oldHosts.has(host)) continue;
    out.push({
      kind: 'http-host',
      node,
      host,
      message:
        host === '*'
          ? `http node "${node}" calls a URL computed at run time (any host)`
          : `http node "${node}" calls a new host ${host}`,
    });
  }
  if (before) {
    const added = after.owners.filter((o) => !before.owners.includes(o));
    const removed = before.owners.filter((o) => !after.owners.includes(o));
    if (added.length > 0 || removed.length > 0) {
      const parts = [
        ...(added.length > 0 ? [`adds ${added.join(', ')}`] : []),
        ...(removed.length > 0 ? [`removes ${removed.join(', ')}`] : []),
      ];
      out.push({ kind: 'owners', added, removed, message: `owners: ${parts.join(' and ')}` });
    }
  }
  const oldSecrets = new Set(before ? externalRefs(before, expressionOptionsOf).secrets : []);
  for (const name of externalRefs(after, expressionOptionsOf).secrets) {
    if (!oldSecrets.has(name))
      out.push({ kind: 'secret', name, message: `new secret referenced: secrets.${name}` });
  }
  return out;
}
