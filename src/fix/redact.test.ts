// What the diff of `fix --dry-run` hides: every credential, found by the YAML structure or in the
// text of a line, and nothing that is not one.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_INPUTS } from '../controls/inputs.js';
import { lineRedactor } from './redact.js';
import { scrubText } from './redact-text.js';

function redacted(text: string): string[] {
  const line = lineRedactor(text, DEFAULT_INPUTS);
  return text.split('\n').map((_, i) => line(i + 1));
}

describe('lineRedactor', () => {
  it('hides values of keys and env vars named like credentials, Secret data and key material', () => {
    const text = [
      'kind: Secret',
      'data: {anything: c2VjcmV0}',
      'stringData:',
      '  other: plain',
      '---',
      'env:',
      '- name: DB-PASSWORD',
      '  value: s1',
      '- {name: API_TOKEN, value: "s2"}',
      'auth:',
      '  nested: s3',
      'tokens: [s4, s5]',
      'cert: |',
      '  -----BEGIN EC PRIVATE KEY-----',
      '  s6',
      '  -----END EC PRIVATE KEY-----',
      'password: 123456',
    ].join('\n');
    assert.deepEqual(redacted(text), [
      'kind: Secret',
      'data: {anything: <redacted>}',
      'stringData:',
      '  other: <redacted>',
      '---',
      'env:',
      '- name: DB-PASSWORD',
      '  value: <redacted>',
      '- {name: API_TOKEN, value: <redacted>}',
      'auth:',
      '  nested: <redacted>',
      'tokens: [<redacted>, <redacted>]',
      'cert: <redacted>',
      '  <redacted>',
      '  <redacted>',
      '  <redacted>',
      'password: <redacted>',
    ]);
  });

  it('hides credentials inside strings, arguments and comments, keeping the rest of the line', () => {
    const text = [
      'args: ["--db-password=s1", "--verbose"]',
      'command:',
      '- --api-key',
      '- s2',
      '- sh -c "app --token s3 --port 80"',
      'url: postgres://admin:s4@db:5432/shop',
      'conn: "Server=db;Password=s5;Timeout=3"',
      'last: \'{"env":[{"name":"DB_PASSWORD","value":"s6"}]}\'',
      'x: 1  # secret: s7',
      'q: "a \\"quoted\\" --password=s8"',
    ].join('\n');
    assert.deepEqual(redacted(text), [
      'args: ["--db-password=<redacted>", "--verbose"]',
      'command:',
      '- --api-key',
      '- <redacted>',
      '- sh -c "app --token <redacted> --port 80"',
      'url: postgres://<redacted>@db:5432/shop',
      'conn: "Server=db;Password=<redacted>;Timeout=3"',
      'last: <redacted>',
      'x: 1  # secret: <redacted>',
      'q: <redacted>',
    ]);
  });

  it('leaves alone what only looks like a credential by its name', () => {
    const text = [
      'automountServiceAccountToken: false',
      'args: [--authorization-mode=Node,RBAC, --token-auth-file=/etc/tokens.csv]',
      'env:',
      '- {name: TOKEN_URL, value: "https://auth.example.com/token"}',
      '- {name: DB_PASSWORD, valueFrom: {secretKeyRef: {name: db, key: password}}}',
      '- {name: MYSQL_ALLOW_EMPTY_PASSWORD, value: "yes"}',
      'volumes: [{name: certs, secret: {secretName: tls}}]',
      'image: nginx:1.27',
    ].join('\n');
    assert.deepEqual(redacted(text), text.split('\n'));
  });

  it('keeps CRLF line ends out of the lines and redacts a file that does not parse by its text', () => {
    assert.deepEqual(redacted('a: 1\r\npassword: x\r\n'), ['a: 1', 'password: <redacted>', '']);
    assert.deepEqual(redacted('password: [unclosed\ntoken = s1'), ['password: [<redacted>', 'token = <redacted>']);
  });
});

describe('scrubText', () => {
  it('redacts URL user info, name=value and name: value pairs, flag values and token patterns', () => {
    const inputs = DEFAULT_INPUTS;
    assert.equal(scrubText('https://ghp_x@github.com/a', inputs), 'https://<redacted>@github.com/a');
    assert.equal(scrubText('?user=u&access_key=s1&x=2', inputs), '?user=u&access_key=<redacted>&x=2');
    assert.equal(scrubText('{"password": "s\\"2", "user": "u"}', inputs), '{"password": "<redacted>", "user": "u"}');
    assert.equal(scrubText('ARGS: --db-password=s3', inputs), 'ARGS: --db-password=<redacted>');
    assert.equal(scrubText('key AKIAABCDEFGHIJKLMNOP here', inputs), 'key <redacted> here');
    assert.equal(scrubText('nothing: here', inputs), 'nothing: here');
  });
});
