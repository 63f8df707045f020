// The credential name rules: which names mark a credential, which only name one, and the values
// that are never a credential by name.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_INPUTS } from '../inputs.js';
import { compileNameRules, hasPublicIdShape, nameWords, notACredentialByName, sensitiveName } from './secret-names.js';

const defaults = compileNameRules(DEFAULT_INPUTS.sensitiveKeyNames, []);
const entry = (name: string, rules = defaults) => sensitiveName(name, rules)?.entry;

describe('name rules', () => {
  it('splits names into words at separators and camelCase', () => {
    assert.deepEqual(nameWords('dbPassword'), ['db', 'password']);
    assert.deepEqual(nameWords('X-Api-Key'), ['x', 'api', 'key']);
    assert.deepEqual(nameWords('APIKey'), ['api', 'key']);
    assert.deepEqual(nameWords('db.password_file'), ['db', 'password', 'file']);
    assert.deepEqual(nameWords('example.com/api-key'), ['example', 'com', 'api', 'key']);
  });

  it('each default word, as a word or the end of one, plural or not', () => {
    const cases: Array<[string, string]> = [
      ['DB_PASSWORD', 'password'], ['PGPASSWORD', 'password'], ['MYSQL_ROOT_PASSWORD', 'password'], ['ADMIN_PASSWD', 'passwd'],
      ['REDIS_PWD', 'pwd'], ['SSH_PASSPHRASE', 'passphrase'], ['CLIENT_SECRET', 'secret'], ['clientSecrets', 'secret'],
      ['API_TOKEN', 'token'], ['REFRESH_TOKENS', 'token'], ['API_KEY', 'key'], ['apikey', 'key'], ['X-Api-Key', 'key'],
      ['AWS_SECRET_ACCESS_KEY', 'secret'], ['AZURE_STORAGE_KEY', 'key'], ['AZURE_BATCH_ACCOUNT_KEY', 'key'],
      ['TLS_KEY_CONTENT', 'key'], ['private_key', 'key'], ['SIGNING_KEYS', 'key'], ['GOOGLE_CREDENTIALS', 'credential'],
      ['SESSION_JWT', 'jwt'], ['BEARER', 'bearer'], ['BASIC_AUTH', 'auth'], ['HTTPAUTH', 'auth'], ['VAULT_SECRET_ID', 'secret'],
      ['OAUTH_CLIENT_SECRET', 'secret'],
    ];
    for (const [name, word] of cases) assert.equal(entry(name), word, name);
  });

  it('not a word that only contains one (Kubescape matches substrings here)', () => {
    for (const name of ['KEYCLOAK_URL', 'AUTHOR', 'TOKENIZER_MODEL', 'PASSWORDLESS_LOGIN', 'SECRETARY', 'LOG_LEVEL', 'COMPASS', 'OAUTH_CALLBACK']) {
      assert.equal(entry(name), undefined, name);
    }
  });

  it('names that only name a secret, or a setting about it', () => {
    for (const name of [
      'DB_PASSWORD_FILE', 'GITHUB_TOKEN_PATH', 'SECRETS_DIR', 'SECRET_NAME', 'secretKeyRef', 'TOKEN_URL', 'AUTH_MODE', 'AUTH_TYPE',
      'OAUTH_CLIENT_ID', 'PASSWORD_MIN_LENGTH', 'TOKEN_TTL', 'KEY_PREFIX', 'ARGOCD_REDIS_KEY_PREFIX', 'GF_AUTH_BASIC_ENABLED',
      'KEY_VAULT_NAME', 'SECRETS_MANAGER_REGION', 'tls-private-key-file', 'FEATURE_TOKEN_LIMIT', 'AUTH_RETRIES',
      'PUBLIC_KEY', 'JWT_PUBLIC_KEY', 'PARTITION_KEY', 'ROUTING_KEY', 'S3_OBJECT_KEY', 'timeKey', 'levelKey', 'messageKey', 'topologyKey',
    ]) assert.equal(entry(name), undefined, name);
  });

  it('a key id is sensitive only by a value not shaped like a public id', () => {
    assert.deepEqual(sensitiveName('AWS_ACCESS_KEY_ID', defaults), { entry: 'key', keyId: true });
    assert.deepEqual(sensitiveName('GPG_KEY_ID', defaults), { entry: 'key', keyId: true });
    assert.deepEqual(sensitiveName('VAULT_SECRET_ID', defaults), { entry: 'secret', keyId: false });
    for (const v of ['AKIAQ3EGRTZ7XK2MPL4N', '0x4AEE18F83AFDEB23', '3AA5C34371567BD2', '1a2b3c4d-0000-4000-8000-123456789abc',
      'arn:aws:kms:eu-west-1:123456789012:key/1a2b', 'https://shop.vault.azure.net/keys/sign/0123', '42',
      'projects/p/locations/global/keyRings/r/cryptoKeys/k', 'alias/shop', 'signing-key-2024', 'SHA256:nThbg6kXUpJWGl7E1IGOCspRomTxdCARLviKw6E5SY8']) {
      assert.ok(hasPublicIdShape(v), v);
    }
    for (const v of ['wJalrXUtnFEMI/K7MDENG/bPxRfiCYzXq3k9LmN2', 'Hunter2!', 'my secret']) assert.ok(!hasPublicIdShape(v), v);
  });

  it('the list is configurable, with words of several parts, and an allow-list of names', () => {
    const rules = compileNameRules(['pin', 'api_key', 'session-cookie'], ['^API_KEY_HEADER_NAME$', '_ENABLED$']);
    assert.equal(entry('CARD_PIN', rules), 'pin');
    assert.equal(entry('X_API_KEY', rules), 'api_key');
    assert.equal(entry('XAPIKEY', rules), 'api_key', 'a compound');
    assert.equal(entry('SESSION_COOKIE', rules), 'session-cookie');
    assert.equal(entry('DB_PASSWORD', rules), undefined, 'the configured list replaces the defaults');
    assert.equal(entry('api_key_header_name', rules), undefined, 'allowed, case-insensitive');
    assert.equal(entry('PIN_ENABLED', rules), undefined);
    assert.equal(entry('KEY', rules), undefined, 'api_key needs both words');
    assert.deepEqual(compileNameRules(['', ' ', '--'], []).entries, [], 'blank entries are ignored');
  });

  it('reads the first 256 characters of a name', () => {
    assert.equal(entry(`DB_PASSWORD_${'X'.repeat(1_000_000)}`), 'password');
    assert.equal(entry(`${'X_'.repeat(200)}PASSWORD`), undefined);
  });
});

describe('values that are never a credential by name', () => {
  it('blank, switches, file paths, references, placeholders', () => {
    for (const v of ['', '  ', 'true', 'No', 'disabled', '0', '/run/secrets/db-password', './secrets/key.pem', '../key', '~/.aws/credentials',
      '$(DB_PASSWORD)', '${API_TOKEN}', '<password>', 'xxx', 'REPLACE_ME', 'your-password-here', 'dummy']) {
      assert.ok(notACredentialByName(v), JSON.stringify(v));
    }
    for (const v of ['hunter2', 'changeme', 'admin', '/not a path', 'tokens/github', '12345']) assert.ok(!notACredentialByName(v), v);
  });
});
