// A CA and a server certificate for the fake API server, made with the openssl command (once per
// test file, in a temporary directory), and kubeconfig files that point at it.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { tempDir } from './cli.js';

export interface Tls {
  dir: string;
  caPem: string;
  certPem: string;
  keyPem: string;
  /** A client certificate for `CN=palisade-scanner`, signed by the same CA. */
  clientCertPem: string;
  clientKeyPem: string;
}

export function makeTls(dir = tempDir('palisade-cluster-')): Tls {
  const at = (f: string) => path.join(dir, f);
  const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  openssl('req', '-x509', ...ec, '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '2', '-subj', '/CN=fake-apiserver-ca',
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign');
  openssl('req', ...ec, '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=fake-apiserver');
  fs.writeFileSync(at('server.ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n');
  openssl('x509', '-req', '-in', 'server.csr', '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial',
    '-out', 'server.crt', '-days', '2', '-extfile', 'server.ext');
  openssl('req', ...ec, '-keyout', 'client.key', '-out', 'client.csr', '-subj', '/CN=palisade-scanner/O=scanners');
  fs.writeFileSync(at('client.ext'), 'basicConstraints=CA:FALSE\nextendedKeyUsage=clientAuth\n');
  openssl('x509', '-req', '-in', 'client.csr', '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial',
    '-out', 'client.crt', '-days', '2', '-extfile', 'client.ext');
  const read = (f: string) => fs.readFileSync(at(f), 'utf8');
  return {
    dir, caPem: read('ca.crt'), certPem: read('server.crt'), keyPem: read('server.key'),
    clientCertPem: read('client.crt'), clientKeyPem: read('client.key'),
  };
}

export interface KubeconfigContext {
  name: string;
  server: string;
  token?: string;
  /** PEM of the CA; default none (then the server is not trusted). */
  caPem?: string;
}

/** Writes a kubeconfig with one cluster and user per context, and returns its path. */
/** `current`: the current-context (default the first context); null for none. */
export function writeKubeconfig(file: string, contexts: KubeconfigContext[], current: string | null = contexts[0]?.name ?? null): string {
  const lines = ['apiVersion: v1', 'kind: Config', 'clusters:'];
  for (const c of contexts) {
    lines.push(`- name: ${c.name}-cluster`, '  cluster:', `    server: ${c.server}`);
    if (c.caPem) lines.push(`    certificate-authority-data: ${Buffer.from(c.caPem).toString('base64')}`);
  }
  lines.push('users:');
  for (const c of contexts) lines.push(`- name: ${c.name}-user`, '  user:', ...(c.token ? [`    token: ${c.token}`] : ['    {}']));
  lines.push('contexts:');
  for (const c of contexts) lines.push(`- name: ${c.name}`, '  context:', `    cluster: ${c.name}-cluster`, `    user: ${c.name}-user`);
  if (current) lines.push(`current-context: ${current}`);
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}
