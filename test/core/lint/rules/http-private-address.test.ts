import { rule } from '../../../../src/core/lint/rules/http-private-address.js';
import { testRule, wf } from '../../../helpers/rule-tester.js';

const http = (url: string) => wf(`nodes:\n  get:\n    type: http\n    url: ${url}\n`);

testRule(rule, {
  valid: [
    http('https://api.github.com/repos'),
    http('https://8.8.8.8/'),
    {
      name: 'a templated host is checked at run time, not here',
      code: http("'http://${{ inputs.host }}/x'\ninputs:\n  host: {type: string, default: localhost}"),
    },
    {
      name: 'a template after the host does not hide it',
      code: http("'https://example.com/${{ inputs.p }}'\ninputs:\n  p: {type: string, default: x}"),
    },
  ],
  invalid: [
    {
      name: 'loopback IP with a port: at the host, with the http.allow hint',
      code: http('http://127.0.0.1:8080/health'),
      errors: [
        {
          line: 7,
          col: 17,
          message:
            /http node "get" requests 127\.0\.0\.1, a loopback address: the request is blocked at run time \(http\.blocked\); list "127\.0\.0\.1" under http\.allow in thaiyyal\.config\.yaml/,
        },
      ],
      output: null,
    },
    {
      name: 'localhost names',
      code: http('http://api.localhost/'),
      errors: [{ line: 7, col: 17, message: /api\.localhost, a loopback address.*"api\.localhost"/ }],
    },
    {
      name: 'cloud metadata by name and by IP: only an IP entry opens it',
      code: wf(
        'nodes:\n  a:\n    type: http\n    url: http://metadata.google.internal/computeMetadata/v1/\n  b:\n    type: http\n    url: "http://169.254.169.254/latest/meta-data/"\n',
      ),
      errors: [
        { line: 7, col: 17, message: /cloud metadata address.*only an IP or CIDR entry/ },
        { line: 10, col: 18, message: /169\.254\.169\.254, a cloud metadata address/ },
      ],
    },
    {
      name: 'IPv6, private and odd IPv4 forms, after userinfo and before a template',
      code: wf(
        "nodes:\n  a:\n    type: http\n    url: http://[::1]:3000/\n  b:\n    type: http\n    url: 'https://10.1.2.3/${{ inputs.p }}'\n  c:\n    type: http\n    url: http://2130706433/\ninputs:\n  p: {type: string, default: x}\n",
      ),
      errors: [
        { line: 7, col: 17, message: /\[::1\], a loopback address.*"::1"/ },
        { line: 10, col: 19, message: /10\.1\.2\.3, a private address/ },
        { line: 13, col: 17, message: /2130706433, a loopback address.*"127\.0\.0\.1"/ },
      ],
    },
  ],
});
