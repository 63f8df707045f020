import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { convertToHostname, lookupCredentials, runHelper } from './credentials.js';

let dir: string;
let oldPath: string | undefined;
before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'palisade-creds-'));
  const bin = path.join(dir, 'bin');
  fs.mkdirSync(bin);
  const helper = (name: string, body: string): void => fs.writeFileSync(path.join(bin, `docker-credential-${name}`), `#!/bin/sh\n${body}\n`, { mode: 0o755 });
  helper('good', 'read server; printf \'{"ServerURL":"%s","Username":"u-%s","Secret":"s3"}\' "$server" "$server"');
  helper('none', 'echo "credentials not found in native keychain"; exit 1');
  helper('slow', 'sleep 5');
  helper('loud', 'head -c 200000 /dev/zero | tr "\\0" a');
  helper('token', 'printf \'{"Username":"<token>","Secret":"refresh"}\'');
  oldPath = process.env.PATH;
  process.env.PATH = `${bin}${path.delimiter}${oldPath}`;
});
after(() => {
  process.env.PATH = oldPath;
  fs.rmSync(dir, { recursive: true, force: true });
});

function config(name: string, doc: unknown): string {
  const d = path.join(dir, name);
  fs.mkdirSync(d, { recursive: true });
  fs.writeFileSync(path.join(d, 'config.json'), JSON.stringify(doc));
  return d;
}

describe('docker credentials', () => {
  it('ConvertToHostname drops the scheme and the path', () => {
    assert.equal(convertToHostname('https://index.docker.io/v1/'), 'index.docker.io');
    assert.equal(convertToHostname('http://reg.example:5000/v2'), 'reg.example:5000');
    assert.equal(convertToHostname('reg.example'), 'reg.example');
  });

  it('reads auths: base64 user:password (split at the first colon), or username/password', async () => {
    const d = config('auths', { auths: {
      'reg.example:5000': { auth: Buffer.from('alice:pa:ss').toString('base64') },
      'https://other.example/v1/': { username: 'bob', password: 'pw' },
      'https://index.docker.io/v1/': { auth: Buffer.from('hub:hubpw').toString('base64') },
    } });
    assert.deepEqual(await lookupCredentials('reg.example:5000', d), { username: 'alice', password: 'pa:ss' });
    assert.deepEqual(await lookupCredentials('other.example', d), { username: 'bob', password: 'pw' });
    assert.deepEqual(await lookupCredentials('docker.io', d), { username: 'hub', password: 'hubpw' });
    assert.equal(await lookupCredentials('reg.example', d), undefined, 'the port is part of the host');
    assert.equal(await lookupCredentials('x', path.join(dir, 'missing')), undefined);
  });

  it('asks credHelpers for the host, else credsStore, with Docker Hub\'s server address; falls back to auths', async () => {
    const d = config('helpers', { credHelpers: { 'reg.example': 'good' }, credsStore: 'none', auths: { 'plain.example': { auth: Buffer.from('p:q').toString('base64') } } });
    assert.deepEqual(await lookupCredentials('reg.example', d), { username: 'u-reg.example', password: 's3' });
    assert.deepEqual(await lookupCredentials('plain.example', d), { username: 'p', password: 'q' }, 'credsStore knows nothing');
    const hub = config('hub', { credsStore: 'good' });
    assert.deepEqual(await lookupCredentials('docker.io', hub), { username: 'u-https://index.docker.io/v1/', password: 's3' });
  });

  it('bounds a helper in time and output, refuses odd names, and ignores identity tokens', async () => {
    await assert.rejects(runHelper('slow', 'x', 300), /docker-credential-slow did not answer within 300 ms/);
    await assert.rejects(runHelper('loud', 'x'), /docker-credential-loud wrote more than 65536 bytes/);
    await assert.rejects(runHelper('../../bin/sh', 'x'), /is not a plain program name/);
    await assert.rejects(runHelper('absent', 'x'), /cannot run docker-credential-absent: ENOENT/);
    assert.equal(await runHelper('token', 'x'), undefined);
  });

  it('names a config.json that is not JSON', async () => {
    const d = path.join(dir, 'bad');
    fs.mkdirSync(d);
    fs.writeFileSync(path.join(d, 'config.json'), '{');
    await assert.rejects(lookupCredentials('x', d), /config\.json is not JSON/);
  });
});
