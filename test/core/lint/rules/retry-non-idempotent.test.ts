import { rule } from '../../../../src/core/lint/rules/retry-non-idempotent.js';
import { testRule, wf } from '../../../helpers/rule-tester.js';

const post = (extra: string, method = 'POST') =>
  wf(
    `nodes:\n  create:\n    type: http\n    method: ${method}\n    url: https://api.example.com/orders\n    json: {sku: A1}\n    timeout: 5s\n${extra}`,
  );

testRule(rule, {
  valid: [
    post(''),
    post('    retry: 1\n'),
    post('    retry: 3\n', 'PUT'),
    post('    retry: 3\n', 'DELETE'),
    {
      name: 'an idempotency key makes retries safe',
      code: post('    retry: 3\n    headers: {Idempotency-Key: order-42}\n'),
    },
    {
      name: 'retrying only connection failures is safe',
      code: post('    retry: {attempts: 3, on: [http.connect]}\n'),
    },
    {
      name: 'a template method is not judged',
      code: post('    retry: 3\n', "'${{ inputs.m }}'").replace(
        'nodes:',
        'inputs:\n  m: {type: string}\nnodes:',
      ),
    },
  ],
  invalid: [
    {
      name: 'POST with its own retry: reported at the retry',
      code: post('    retry: 3\n'),
      errors: [
        {
          line: 11,
          col: 12,
          message:
            'http node "create" sends POST with 3 attempts: a retry after a timeout or 5xx may repeat a write the server already applied; send an "Idempotency-Key" header, or limit retries with "retry: {on: [http.connect]}" to requests that never reached the server',
        },
      ],
      output: null,
    },
    {
      name: 'PATCH retried through defaults: reported at the method',
      code: post('', 'PATCH').replace('nodes:', 'defaults:\n  retry: {attempts: 2}\nnodes:'),
      errors: [{ line: 9, col: 13, message: /sends PATCH with 2 attempts \(from defaults.retry\)/ }],
    },
    {
      name: 'retrying status errors is not safe',
      code: post('    retry: {attempts: 3, on: [http.connect, http.status]}\n'),
      errors: [{ line: 11 }],
    },
  ],
});
