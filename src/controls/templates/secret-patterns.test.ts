// The credential value rules: each family with values that match and values that must not.
// Fake credentials are assembled from pieces so that no real-looking token sits in the source.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { awsKeyId, awsSecretKey, entropy, findSecret, findSecrets, isPlaceholder, isReference, MAX_EXAMINED } from './secret-patterns.js';

const b64url = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
const BODY36 = 'a1B2c3D4e5'.repeat(3) + 'F6g7H8';
const AWS_ID = 'AKIA' + 'Q3EGRTZ7XK2MPL4N';
const AWS_SECRET = 'h4Xq' + 'K9vLm2P/nR8sT+wY6zB3cD5eF7gJ1kA0oU9i';
const PEM_BODY = 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7';

/** The rule that matches `text`; its redacted form never holds more than the format's prefix. */
function rule(text: string): string | undefined {
  const m = findSecret(text);
  if (m) assert.ok(m.shown.length < 40 && !text.slice(m.index, m.end).includes(m.shown.replace(/\*+.*$/, '').slice(0, 1) + text.slice(m.end - 6, m.end)), m.shown);
  return m?.rule;
}

describe('value rules', () => {
  it('PEM private keys of every type, encrypted ones too, but not a header over documentation', () => {
    for (const type of ['RSA ', 'EC ', 'DSA ', 'OPENSSH ', '', 'ENCRYPTED ']) {
      const text = `-----BEGIN ${type}PRIVATE KEY-----\n${PEM_BODY}\n-----END ${type}PRIVATE KEY-----\n`;
      const m = findSecret(text);
      assert.equal(m?.rule, 'private-key', type);
      assert.equal(m?.shown, `-----BEGIN ${type}PRIVATE KEY-----`);
      assert.equal(m?.index, 0);
      assert.equal(m?.end, text.length - 1);
    }
    assert.match(findSecret(`-----BEGIN ENCRYPTED PRIVATE KEY-----\n${PEM_BODY}`)!.label, /^an encrypted private key/);
    assert.match(findSecret(`-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00112233445566778899AABBCCDDEEFF\n\n${PEM_BODY}`)!.label, /^an encrypted private key \(PEM, RSA\)/);
    assert.equal(rule(`-----BEGIN PGP PRIVATE KEY BLOCK-----\n\n${PEM_BODY}`), 'private-key');
    // escaped line breaks, as in JSON
    assert.equal(rule(`{"key": "-----BEGIN PRIVATE KEY-----\\n${PEM_BODY}\\n-----END PRIVATE KEY-----\\n"}`), 'private-key');
    assert.equal(rule('-----BEGIN RSA PRIVATE KEY-----\n...\n-----END RSA PRIVATE KEY-----'), undefined);
    assert.equal(rule('-----BEGIN PRIVATE KEY-----\n<your key here>\n-----END PRIVATE KEY-----'), undefined);
    assert.equal(rule(`-----BEGIN PUBLIC KEY-----\n${PEM_BODY}\n-----END PUBLIC KEY-----`), undefined);
    assert.equal(rule(`-----BEGIN CERTIFICATE-----\n${PEM_BODY}\n-----END CERTIFICATE-----`), undefined);
  });

  it('JWTs: three base64url parts, the header JSON with alg', () => {
    const token = `${b64url({ alg: 'RS256', kid: 'k1' })}.${b64url({ sub: 'system:serviceaccount:app:api' })}.c2lnbmF0dXJlLW5vdC1yZWFs`;
    assert.equal(rule(token), 'jwt');
    assert.equal(findSecret(token)?.shown, 'eyJ****');
    assert.equal(rule(`Authorization: Bearer ${token}`), 'jwt');
    assert.equal(rule(`${b64url({ alg: 'none' })}.${b64url({ sub: 'x' })}.`), 'jwt', 'an unsigned token (alg none) has an empty signature');
    assert.equal(rule(`${b64url({ typ: 'JWT' })}.${b64url({ sub: 'x' })}.c2lnbmF0dXJl`), undefined, 'no alg');
    assert.equal(rule(`eyJub3QganNvbg.${b64url({ sub: 'x' })}.c2lnbmF0dXJl`), undefined, 'header not JSON');
    assert.equal(rule(b64url({ auths: { 'https://example/v1/': { auth: 'b3BlbnNlc2FtZQ==' } } })), undefined, 'one part: a docker config, not a JWT');
    assert.equal(rule(`${b64url({ alg: 'HS256' })}.${b64url({ sub: 'x' })}`), undefined, 'two parts');
  });

  it('GitHub tokens by prefix, each named', () => {
    const kinds: Record<string, RegExp> = {
      ghp_: /personal access token/, gho_: /OAuth/, ghu_: /user access token/, ghs_: /installation access token/, ghr_: /refresh token/,
    };
    for (const [prefix, label] of Object.entries(kinds)) {
      const m = findSecret(`token=${prefix}${BODY36}`);
      assert.equal(m?.rule, 'github-token', prefix);
      assert.match(m!.label, label);
      assert.equal(m!.shown, `${prefix}****`);
    }
    const fine = `github_pat_11ABCDEFG0${'aB3dE5gH7j'.repeat(7)}xY`;
    assert.equal(fine.length, 11 + 82);
    assert.equal(findSecret(fine)?.label, 'a GitHub fine-grained personal access token');
    assert.equal(rule(`ghp_${BODY36.slice(0, 30)}`), undefined, 'too short');
    assert.equal(rule(`ghp_${'x'.repeat(36)}`), undefined, 'a placeholder');
    assert.equal(rule(`xghp_${BODY36}`), undefined, 'inside a word');
    assert.equal(rule(`ghx_${BODY36}`), undefined, 'not a GitHub prefix');
  });

  it('Slack, Stripe live keys, Azure connection strings', () => {
    assert.equal(rule('xoxb-' + '1234567890-1234567890-AbCdEfGhIjKlMnOp'), 'slack-token');
    assert.equal(findSecret('xoxp-' + '1234567890-abcdefghij')?.shown, 'xoxp-****');
    assert.equal(rule('xoxb-xxxxxxxxxxxxxxxxxx'), undefined);
    assert.equal(rule('xoxq-1234567890-abcdefghij'), undefined);

    assert.equal(findSecret('sk_live_' + '4eC39HqLyjWDarjtT1zdp7dc')?.label, 'a Stripe live secret key');
    assert.equal(findSecret('rk_live_' + '4eC39HqLyjWDarjtT1zdp7dc')?.label, 'a Stripe live restricted key');
    assert.equal(rule('sk_test_' + '4eC39HqLyjWDarjtT1zdp7dc'), undefined, 'test mode');

    const key = 'Xk3jH8qL0vN5mB2wR7tY9uI4oP6aS1dF' + 'G3hJ5kL7zX9cV2bN4mQ8wE0rT6yU1iO3pA5sD7fG9hJ2kL4zX6cV8bN0mQ1w==';
    const storage = `DefaultEndpointsProtocol=https;AccountName=shop;AccountKey=${key};EndpointSuffix=core.windows.net`;
    const m = findSecret(storage)!;
    assert.equal(m.rule, 'azure-connection-string');
    assert.equal(m.shown, 'AccountKey=****');
    assert.equal(storage.slice(m.index, m.end), key);
    assert.match(findSecret(`Endpoint=sb://shop.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=${key}`)!.label, /shared access key/);
    assert.equal(rule('Endpoint=sb://shop.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey'), undefined);
    assert.equal(rule(`DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=${key}`), undefined, 'the emulator\'s published key');
    assert.equal(rule(`AccountKey=${'*'.repeat(40)}`), undefined);
  });

  it('sk- API keys need length and randomness', () => {
    const openai = 'sk-' + 'Ab3dEf6hIj9lMn2pQr5t' + 'T3BlbkFJ' + 'Uv8xYz1bCd4fGh7jKl0n';
    assert.equal(findSecret(openai)?.label, 'an OpenAI API key');
    assert.equal(findSecret(openai)?.shown, 'sk-****');
    const proj = 'sk-proj-' + 'Zq8Wm3Xn7Rb2Kt5Vy9Lp4Hs6Jd1Fg0CaE'.repeat(2);
    assert.equal(findSecret(proj)?.label, 'an OpenAI API key');
    assert.equal(findSecret(proj)?.shown, 'sk-proj-****');
    assert.equal(findSecret('sk-ant-api03-' + 'Zq8Wm3Xn7Rb2Kt5Vy9Lp4Hs6Jd1Fg0CaE'.repeat(2))?.label, 'an Anthropic API key');
    assert.equal(findSecret('sk-' + '9f86d081884c7d659a2feaa0c55ad015')?.label, 'an API secret key (sk-…)');
    assert.equal(rule('sk-' + 'a'.repeat(48)), undefined, 'no entropy');
    assert.equal(rule('sk-' + 'abababababababababababababab1234'), undefined, 'low entropy');
    assert.equal(rule('sk-short1234'), undefined);
    assert.equal(rule('disk-' + '9f86d081884c7d659a2feaa0c55ad015'), undefined, 'part of a word');
  });

  it('Google service account key files, before the private key they hold', () => {
    const json = JSON.stringify({
      type: 'service_account', project_id: 'shop', private_key_id: 'abc',
      private_key: `-----BEGIN PRIVATE KEY-----\n${PEM_BODY}\n-----END PRIVATE KEY-----\n`, client_email: 'a@shop.iam.gserviceaccount.com',
    }, null, 2);
    const m = findSecret(json)!;
    assert.equal(m.rule, 'gcp-service-account');
    assert.ok(json.slice(m.index, m.end).startsWith('"private_key":'));
    assert.equal(rule(JSON.stringify({ type: 'service_account', client_email: 'a@shop.iam.gserviceaccount.com' })), undefined, 'no key in it');
  });

  it('URLs with a password, not without one, not a reference or placeholder', () => {
    const m = findSecret('postgres://shop:s3cr3t-pw@db.shop.svc:5432/shop')!;
    assert.equal(m.rule, 'url-password');
    assert.equal(m.label, 'a postgres:// URL with an embedded password');
    assert.equal(m.shown, 'postgres://****:****@');
    assert.equal('postgres://shop:s3cr3t-pw@db.shop.svc:5432/shop'.slice(m.index, m.end), 'shop:s3cr3t-pw');
    assert.equal(rule('redis://:s3cr3t-pw@redis:6379/0'), 'url-password', 'no user, a password');
    assert.equal(rule('amqp://guest:guest@rabbitmq:5672/'), 'url-password', 'a default password works');
    for (const text of [
      'https://user@example.com/repo.git', 'postgres://shop:@db:5432/shop', 'postgres://shop:$(DB_PASSWORD)@db/shop',
      'mysql://root:${MYSQL_ROOT_PASSWORD}@db/shop', 'postgres://u:<password>@db/shop', 'postgres://u:xxxx@db/shop',
      'https://example.com:8443/path?q=a:b@c', 'git@github.com:acme/app.git', 'postgres://u:{{ .Values.password }}@db/shop',
    ]) assert.equal(rule(text), undefined, text);
  });

  it('an AWS access key id alone is an id; with its secret access key it is a credential', () => {
    assert.equal(rule(AWS_ID), undefined);
    assert.equal(awsKeyId(`key ${AWS_ID}`)?.shown, 'AKIA****');
    assert.equal(awsKeyId('ASIA' + 'Q3EGRTZ7XK2MPL4N')?.shown, 'ASIA****');
    assert.equal(awsKeyId('AKIAIOSFODNN7EXAMPLE'), undefined, 'AWS\'s documentation example');
    assert.equal(awsKeyId('XAKIA' + 'Q3EGRTZ7XK2MPL4N'), undefined);
    const file = `[default]\naws_access_key_id = ${AWS_ID}\naws_secret_access_key = ${AWS_SECRET}\n`;
    const m = findSecret(file)!;
    assert.equal(m.rule, 'aws-key-pair');
    assert.equal(m.label, 'an AWS access key id (AKIA****) with its secret access key');
    assert.equal(file.slice(m.index, m.end), AWS_SECRET);
    assert.ok(awsSecretKey(AWS_SECRET));
    assert.equal(awsSecretKey('da39a3ee5e6b4b0d3255bfef95601890afd80709'), undefined, 'a SHA-1 digest');
    assert.equal(awsSecretKey('wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'), undefined, 'AWS\'s documentation example');
    assert.equal(rule(`${AWS_ID} da39a3ee5e6b4b0d3255bfef95601890afd80709`), undefined);
  });

  it('examines the first 64 KiB of a string only', () => {
    const token = `ghp_${BODY36}`;
    assert.equal(rule('#'.repeat(MAX_EXAMINED - token.length - 1) + ' ' + token), 'github-token');
    assert.equal(rule('#'.repeat(MAX_EXAMINED) + ' ' + token), undefined);
  });

  it('finds every credential of a text with its span, for redaction', () => {
    const text = `a=ghp_${BODY36} b=${AWS_ID} c=-----BEGIN EC PRIVATE KEY----- d=postgres://u:pw@db/x`;
    const found = findSecrets(text).map((m) => [m.rule, text.slice(m.index, m.end)]);
    assert.deepEqual(found, [
      ['github-token', `ghp_${BODY36}`],
      ['aws-access-key-id', AWS_ID],
      ['private-key', '-----BEGIN EC PRIVATE KEY-----'],
      ['url-password', 'u:pw'],
    ]);
    assert.deepEqual(findSecrets('nothing to see here, just words'), []);
    // alone, an AWS secret access key shape is no finding, but it is hidden all the same
    assert.equal(findSecret(`sk = ${AWS_SECRET}`), undefined);
    assert.deepEqual(findSecrets(`sk = ${AWS_SECRET}`).map((m) => m.rule), ['aws-secret-access-key']);
  });
});

describe('references and placeholders', () => {
  it('references', () => {
    for (const v of ['$(DB_PASSWORD)', '$(USER):$(PASS)', '${TOKEN}', '$TOKEN', '{{ .Values.password }}', '$1']) assert.ok(isReference(v), v);
    for (const v of ['$(DB_PASSWORD)x', 'pa$$word', 'plain', '${A}b']) assert.ok(!isReference(v), v);
  });
  it('placeholders, and the default passwords that are not', () => {
    for (const v of ['<password>', '<your-token>', '[password]', 'xxx', 'XXXXXXXX', '***', '...', 'REPLACE_ME', 'replace-me', 'replace_with_real_token',
      'your-password-here', 'YOUR_API_KEY', 'enter-token-here', 'key-goes-here', 'example', 'dummy', 'placeholder', 'TODO', 'n/a', 'null']) {
      assert.ok(isPlaceholder(v), v);
    }
    for (const v of ['changeme', 'admin', 'password', 'hunter2', 'guest', 'example-password', 'xx', 's3cr3t']) assert.ok(!isPlaceholder(v), v);
  });
  it('entropy', () => {
    assert.equal(entropy('aaaa'), 0);
    assert.equal(entropy('abcd'), 2);
  });
});

describe('value rules on hostile text', () => {
  it('64 KiB of near-tokens of every rule is judged in bounded time', () => {
    const K = 64 * 1024;
    for (const text of [
      'eyJhbGciOiJub25lIn0.'.repeat(K / 20), 'eyJ'.repeat(K / 3), 'a://'.repeat(K / 4), `http://${'a:'.repeat(K / 2)}`, 'aB3/'.repeat(K / 4),
      `sk-${'aB3_'.repeat(K / 4)}`, '-----BEGIN '.repeat(K / 11), `"type":"service_account","private_key":"${'\\'.repeat(K)}`,
      'AKIA'.repeat(K / 4), 'AccountKey='.repeat(K / 11), 'xoxb-'.repeat(K / 5), 'ghp_'.repeat(K / 4),
    ]) {
      const t = performance.now();
      findSecret(text);
      findSecrets(text);
      assert.ok(performance.now() - t < 500, `${text.slice(0, 12)}…: ${(performance.now() - t).toFixed(0)} ms`);
    }
  });
});
