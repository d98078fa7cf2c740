/** Security-sensitive changes between two workflow versions, and the items the decision weighs. */
import { describe, expect, it } from 'vitest';
import {
  assessGovernanceFile,
  assessWorkflow,
  looksLikeWorkflow,
} from '../../../src/core/governance/assess.js';
import { parseCodeowners } from '../../../src/core/governance/codeowners.js';
import { securityChanges, urlHost } from '../../../src/core/governance/security.js';
import { parseWorkflow } from '../../../src/core/validate.js';
import type { Workflow } from '../../../src/core/workflow.js';
import { expressionOptionsOf, nodeTypes } from '../../../src/nodes/registry.js';

const HEAD = 'apiVersion: thaiyyal.dev/v1\nkind: Workflow\nname: deploy\n';
function wf(body: string): Workflow {
  const { workflow, diagnostics } = parseWorkflow(HEAD + body, 'deploy.yaml', nodeTypes);
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return workflow!;
}

const BASE = wf(`inputs:
  target: {type: string, default: staging}
nodes:
  fetch:
    type: http
    url: https://api.example.com/status
  build:
    type: exec
    command: make
    args: [build]
outputs:
  status: \${{ nodes.fetch.output.status }}
`);

describe('urlHost', () => {
  it.each([
    ['https://API.example.com:8443/x?y', 'api.example.com:8443'],
    ['https://user:pw@example.com/', 'example.com'],
    ['http://example.com', 'example.com'],
    ['https://hooks.example.com/${{ inputs.path }}', 'hooks.example.com'],
    ['https://hooks.example.com?q=${{ inputs.q }}', 'hooks.example.com'],
    ['https://api-${{ inputs.region }}.example.com/', 'api-*'],
    ['https://${{ inputs.host }}/x', '*'],
    ['${{ inputs.baseUrl }}/echo', '*'],
    ['not a url', '*'],
  ])('%s → %s', (url, host) => {
    expect(urlHost(url)).toBe(host);
  });
});

describe('securityChanges', () => {
  it('finds nothing when nothing sensitive changed', () => {
    const after = wf(`inputs:
  target: {type: string, default: prod}
nodes:
  fetch:
    type: http
    url: https://api.example.com/v2/status
  build:
    type: exec
    command: make
    args: [build]
`);
    expect(securityChanges(BASE, after, expressionOptionsOf)).toEqual([]);
  });

  it('finds a new exec, a changed command, a new host, a computed host and a new secret', () => {
    const after = wf(`inputs:
  target: {type: string}
nodes:
  fetch:
    type: http
    url: https://api.example.com/status
    headers:
      authorization: Bearer \${{ secrets.API_TOKEN }}
  notify:
    type: http
    url: https://hooks.slack.com/services/\${{ secrets.SLACK_PATH }}
  anywhere:
    type: http
    url: \${{ inputs.target }}
  build:
    type: exec
    command: make
    args: [build, deploy]
  ship:
    type: exec
    command: ./ship.sh
    shell: true
`);
    expect(securityChanges(BASE, after, expressionOptionsOf).map((c) => c.message)).toEqual([
      'exec node "build" now runs `make build deploy` (was `make build`)',
      'new exec node "ship" runs `sh -c ./ship.sh`',
      'http node "notify" calls a new host hooks.slack.com',
      'http node "anywhere" calls a URL computed at run time (any host)',
      'new secret referenced: secrets.API_TOKEN',
      'new secret referenced: secrets.SLACK_PATH',
    ]);
  });

  it('treats everything in a new workflow as new', () => {
    expect(securityChanges(undefined, BASE, expressionOptionsOf).map((c) => c.kind)).toEqual([
      'exec',
      'http-host',
    ]);
  });
});

describe('assessWorkflow', () => {
  const codeowners = parseCodeowners(
    '*.yaml @acme/flows\n/workflows/deploy/ @acme/ops\n',
    'CODEOWNERS',
  ).codeowners;

  it('takes the bump from the semantic diff and owners from CODEOWNERS and the base owners: field', () => {
    const before = wf(`owners: ['@olga']\nnodes:\n  a: {type: log, message: hi}\n`);
    const after = wf(
      `owners: ['@mallory']\ninputs:\n  extra: {type: string, default: x}\nnodes:\n  a: {type: log, message: hi}\n`,
    );
    const item = assessWorkflow({
      file: { path: 'workflows/deploy/app.yaml', status: 'modified' },
      before: { workflow: before },
      after: { workflow: after },
      codeowners,
      expressionOptionsOf,
    });
    expect(item).toMatchObject({ bump: 'minor', name: 'deploy', kind: 'workflow' });
    // changing who owns the workflow is security-sensitive
    expect(item.security.map((s) => s.message)).toEqual(['owners: adds @mallory and removes @olga']);
    // the head's owners: (@mallory) do not count: a change cannot appoint its own approvers
    expect(item.owners).toEqual(['@acme/ops', '@olga']);
    expect(item.changes).toContain('minor: inputs.extra added — new optional input');
  });

  it.each([
    ['added', undefined, { workflow: BASE }, 'minor'],
    ['removed', { workflow: BASE }, undefined, 'major'],
    ['modified', { workflow: BASE }, { invalid: 'x.yaml:1:1: bad [schema]' }, 'major'],
  ] as const)('%s → %s', (status, before, after, bump) => {
    const item = assessWorkflow({
      file: { path: 'x.yaml', status },
      before,
      after,
      codeowners,
      expressionOptionsOf,
    });
    expect(item.bump).toBe(bump);
    expect(item.owners).toEqual(['@acme/flows']);
    if (after && 'invalid' in after) expect(item.invalid).toBe(after.invalid);
  });

  it('marks governance files', () => {
    expect(assessGovernanceFile({ path: 'CODEOWNERS', status: 'modified' }, codeowners)).toMatchObject({
      kind: 'governance',
      owners: [],
    });
  });

  it('recognises workflow YAML', () => {
    expect(looksLikeWorkflow(HEAD)).toBe(true);
    expect(looksLikeWorkflow('name: ci\non: push\n')).toBe(false);
    expect(looksLikeWorkflow(undefined)).toBe(false);
  });
});
