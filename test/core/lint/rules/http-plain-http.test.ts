import { rule } from '../../../../src/core/lint/rules/http-plain-http.js';
import { testRule, wf } from '../../../helpers/rule-tester.js';

const http = (url: string) => wf(`nodes:\n  get:\n    type: http\n    url: ${url}\n`);

testRule(rule, {
  valid: [
    http('https://api.example.com/'),
    {
      name: 'loopback and private targets are http-private-address findings',
      code: http('http://127.0.0.1:8080/'),
    },
    http('http://localhost:3000/'),
    { name: 'local network names', code: http('http://printer.local/status') },
    http('http://intranet/'),
    http('http://build.corp.internal/'),
    {
      name: 'a templated host is unknown',
      code: http("'http://${{ inputs.h }}/'\ninputs:\n  h: {type: string, default: x}"),
    },
  ],
  invalid: [
    {
      name: 'a public host over http: the fix switches the scheme',
      code: http('http://api.example.com/v1'),
      errors: [
        {
          line: 7,
          col: 10,
          message: /http node "get" requests api\.example\.com over plain http:\/\/.*use https:\/\//,
        },
      ],
      output: http('https://api.example.com/v1'),
    },
    {
      name: 'quoted, upper-case scheme, template after the host, public IP literal',
      code: wf(
        'nodes:\n  a:\n    type: http\n    url: \'HTTP://example.org/${{ inputs.p }}\'\n  b:\n    type: http\n    url: "http://93.184.216.34/"\ninputs:\n  p: {type: string, default: x}\n',
      ),
      errors: [
        { line: 7, col: 11 },
        { line: 10, col: 11, message: /93\.184\.216\.34/ },
      ],
      output: wf(
        'nodes:\n  a:\n    type: http\n    url: \'https://example.org/${{ inputs.p }}\'\n  b:\n    type: http\n    url: "https://93.184.216.34/"\ninputs:\n  p: {type: string, default: x}\n',
      ),
    },
  ],
});
