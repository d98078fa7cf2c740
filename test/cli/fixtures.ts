/** Small workflows shared by the CLI tests. */

export const OK_WORKFLOW = `apiVersion: thaiyyal.dev/v1
kind: Workflow
name: double
inputs:
  a:
    type: number
    default: 21
nodes:
  double:
    type: transform
    expression: inputs.a * 2
  say:
    type: log
    message: 'double is \${{ nodes.double.output }}'
  maybe:
    type: log
    when: \${{ nodes.double.output > 1000 }}
    message: big
outputs:
  result: \${{ nodes.double.output }}
`;

/** `htp` is not a node type (line 6). */
export const INVALID_WORKFLOW = `apiVersion: thaiyyal.dev/v1
kind: Workflow
name: broken
nodes:
  fetch:
    type: htp
    url: https://example.com
`;

export const FAILING_WORKFLOW = `apiVersion: thaiyyal.dev/v1
kind: Workflow
name: failing
nodes:
  first:
    type: transform
    value: 1
  reject:
    type: fail
    code: nope
    message: 'rejected after \${{ nodes.first.output }}'
`;

export const SLOW_WORKFLOW = `apiVersion: thaiyyal.dev/v1
kind: Workflow
name: slow
nodes:
  wait:
    type: delay
    duration: 30s
  after:
    type: log
    needs: [wait]
    message: done
`;
