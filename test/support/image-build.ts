// Builds the test images with real tools: root filesystems written here, a Go binary built with
// Debian's go from a local module that depends on another through a `replace` directive (no
// network: GOPROXY=off, GOFLAGS=-mod=mod), OCI images made with umoci (each `umoci insert` is a
// layer), a two-platform index written beside them, and exports with skopeo.
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = {}): string {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8', env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 });
  } catch (err) {
    const e = err as { stderr?: string; message: string };
    throw new Error(`${cmd} ${args.join(' ')} failed: ${e.stderr || e.message}`);
  }
}

function write(root: string, rel: string, content: string | Buffer): void {
  const file = path.join(root, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
}

/** dpkg status with a Source: package (binNMU version too), a plain one and one removed with its config files kept. */
export const DPKG_STATUS = `Package: libssl3
Status: install ok installed
Priority: optional
Section: libs
Installed-Size: 6180
Maintainer: Debian OpenSSL Team <pkg-openssl-devel@alioth-lists.debian.net>
Architecture: amd64
Multi-Arch: same
Source: openssl
Version: 3.0.11-1~deb12u2
Depends: libc6 (>= 2.34)
Description: Secure Sockets Layer toolkit - shared libraries
 This package is part of the OpenSSL project's implementation of the SSL
 and TLS cryptographic protocols for secure communication over the
 Internet.

Package: zlib1g
Status: install ok installed
Priority: optional
Section: libs
Architecture: amd64
Multi-Arch: same
Source: zlib (1:1.2.13.dfsg-1)
Version: 1:1.2.13.dfsg-1+b1
Description: compression library - runtime

Package: tar
Essential: yes
Status: install ok installed
Priority: required
Section: utils
Architecture: amd64
Version: 1.34+dfsg-1.2+deb12u1
Description: GNU version of the tar archiving utility

Package: curl
Status: deinstall ok config-files
Priority: optional
Section: web
Architecture: amd64
Version: 7.88.1-10+deb12u4
Config-Version: 7.88.1-10+deb12u4
Description: command line tool for transferring data with URL syntax
`;

export const APK_INSTALLED = `C:Q1x0oOHRRfGJ3w5XR0ccoxkEnEq4I=
P:musl
V:1.2.5-r0
A:x86_64
S:411449
I:807681
T:the musl c library (libc) implementation
U:https://musl.libc.org/
L:MIT
o:musl
m:Natanael Copa <ncopa@alpinelinux.org>
t:1712062022

C:Q1rHpn0YqqbYXiTU4hT8kLtVHzxh4=
P:libcrypto3
V:3.3.0-r2
A:x86_64
L:Apache-2.0
o:openssl
m:Ariadne Conill <ariadne@dereferenced.org>

C:Q1xyz
P:busybox-binsh
V:1.36.1-r28
A:x86_64
L:GPL-2.0-only
o:busybox
`;

const GO_LIB_MOD = 'module example.com/greeting\n\ngo 1.19\n';
const GO_LIB = 'package greeting\n\nfunc Hello() string { return "hello" }\n';
const GO_APP_MOD = `module example.com/app

go 1.19

require example.com/greeting v1.4.2

replace example.com/greeting v1.4.2 => ../greeting
`;
const GO_APP = 'package main\n\nimport (\n\t"fmt"\n\n\t"example.com/greeting"\n)\n\nfunc main() { fmt.Println(greeting.Hello()) }\n';

/** Builds the Go program; returns the binary's path and the toolchain's version ("go1.19.8"). */
export function buildGoBinary(work: string): { binary: string; goVersion: string } {
  const src = path.join(work, 'gosrc');
  write(src, 'greeting/go.mod', GO_LIB_MOD);
  write(src, 'greeting/greeting.go', GO_LIB);
  write(src, 'app/go.mod', GO_APP_MOD);
  write(src, 'app/main.go', GO_APP);
  const binary = path.join(work, 'app-binary');
  const env = {
    GOFLAGS: '-mod=mod', GOPROXY: 'off', GOTOOLCHAIN: 'local', CGO_ENABLED: '0', GOOS: 'linux', GOARCH: 'amd64',
    GOCACHE: path.join(work, 'gocache'), GOPATH: path.join(work, 'gopath'), GOMODCACHE: path.join(work, 'gopath/pkg/mod'),
  };
  execFileSync('go', ['build', '-trimpath', '-o', binary, '.'], { cwd: path.join(src, 'app'), env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], timeout: 180_000 });
  const goVersion = run('go', ['env', 'GOVERSION'], env).trim();
  return { binary, goVersion };
}

const pkgJson = (name: string, version: string, extra: Record<string, unknown> = {}): string => JSON.stringify({ name, version, ...extra }, null, 2);

function debianRootfs(root: string, goBinary: string): void {
  write(root, 'etc/os-release', 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nVERSION_ID="12"\nVERSION="12 (bookworm)"\nVERSION_CODENAME=bookworm\nID=debian\n');
  write(root, 'var/lib/dpkg/status', DPKG_STATUS);
  write(root, 'app/package.json', pkgJson('my-app', '1.0.0'));
  write(root, 'app/node_modules/express/package.json', pkgJson('express', '4.17.1', { license: 'MIT' }));
  write(root, 'app/node_modules/express/node_modules/qs/package.json', pkgJson('qs', '6.7.0'));
  write(root, 'app/node_modules/express/lib/package.json', pkgJson('not-a-package', '0.0.1'));
  write(root, 'app/node_modules/@babel/traverse/package.json', pkgJson('@babel/traverse', '7.22.5'));
  write(root, 'app/node_modules/left-pad/package.json', pkgJson('left-pad', '1.3.0'));
  write(root, 'app/package-lock.json', JSON.stringify({
    name: 'my-app', version: '1.0.0', lockfileVersion: 3, requires: true,
    packages: {
      '': { name: 'my-app', version: '1.0.0' },
      'node_modules/express': { version: '4.17.1' },
      'node_modules/lodash': { version: '4.17.20' },
      'node_modules/linked': { resolved: 'packages/linked', link: true },
    },
  }, null, 2));
  write(root, 'opt/old/node_modules/minimist/package.json', pkgJson('minimist', '1.2.5'));
  write(root, 'usr/lib/python3/dist-packages/Jinja2-2.11.2.dist-info/METADATA', 'Metadata-Version: 2.1\nName: Jinja2\nVersion: 2.11.2\nSummary: A very fast and expressive template engine.\nLicense: BSD-3-Clause\n\nJinja2 is a template engine.\nName: NotThis\n');
  write(root, 'usr/lib/python3/dist-packages/PyYAML-5.3.egg-info/PKG-INFO', 'Metadata-Version: 1.1\nName: PyYAML\nVersion: 5.3\nLicense: MIT\n');
  write(root, 'usr/lib/python3/dist-packages/removed_pkg-1.0.dist-info/METADATA', 'Metadata-Version: 2.1\nName: removed_pkg\nVersion: 1.0\n');
  fs.mkdirSync(path.join(root, 'usr/local/bin'), { recursive: true });
  fs.copyFileSync(goBinary, path.join(root, 'usr/local/bin/app'));
  fs.chmodSync(path.join(root, 'usr/local/bin/app'), 0o755);
}

function alpineRootfs(root: string): void {
  write(root, 'etc/os-release', 'NAME="Alpine Linux"\nID=alpine\nVERSION_ID=3.20.3\nPRETTY_NAME="Alpine Linux v3.20"\nHOME_URL="https://alpinelinux.org/"\n');
  write(root, 'lib/apk/db/installed', APK_INSTALLED);
}

export interface FixtureImages {
  /** The OCI layout umoci wrote: tags `debian` (4 layers), `alpine` (linux/arm64) and `multi` (an index of both). */
  layout: string;
  goVersion: string;
}

/** Adds a two-platform index to the layout under `tag`: the debian image as linux/amd64, the alpine one as linux/arm64. */
function addIndex(layout: string, tag: string, entries: Array<{ tag: string; platform: { os: string; architecture: string; variant?: string } }>): void {
  const indexFile = path.join(layout, 'index.json');
  const top = JSON.parse(fs.readFileSync(indexFile, 'utf8'));
  const manifests = entries.map((e) => {
    const d = top.manifests.find((m: any) => m.annotations?.['org.opencontainers.image.ref.name'] === e.tag);
    if (!d) throw new Error(`no ${e.tag} in ${layout}`);
    return { mediaType: d.mediaType, digest: d.digest, size: d.size, platform: e.platform };
  });
  manifests.push({ ...manifests[manifests.length - 1]!, platform: { os: 'unknown', architecture: 'unknown' } });
  // An attestation-like entry with an unknown platform, as buildx writes, which must be skipped.
  const index = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json', manifests }));
  const hex = crypto.createHash('sha256').update(index).digest('hex');
  fs.writeFileSync(path.join(layout, 'blobs/sha256', hex), index);
  top.manifests.push({ mediaType: 'application/vnd.oci.image.index.v1+json', digest: `sha256:${hex}`, size: index.length, annotations: { 'org.opencontainers.image.ref.name': tag } });
  fs.writeFileSync(indexFile, JSON.stringify(top));
}

export function buildFixtureImages(work: string): FixtureImages {
  const { binary, goVersion } = buildGoBinary(work);
  const layout = path.join(work, 'layout');
  const deb = path.join(work, 'rootfs-debian');
  const alp = path.join(work, 'rootfs-alpine');
  debianRootfs(deb, binary);
  alpineRootfs(alp);
  run('umoci', ['init', '--layout', layout]);
  const image = (tag: string): string[] => ['--image', `${layout}:${tag}`];
  // debian: layer 0 the root filesystem; 1 whites out a file; 2 whites out a directory;
  // 3 makes /opt/old opaque with a newer minimist.
  run('umoci', ['new', ...image('debian')]);
  run('umoci', ['config', ...image('debian'), '--os', 'linux', '--architecture', 'amd64']);
  run('umoci', ['insert', ...image('debian'), deb, '/']);
  run('umoci', ['insert', ...image('debian'), '--whiteout', '/app/node_modules/left-pad/package.json']);
  run('umoci', ['insert', ...image('debian'), '--whiteout', '/usr/lib/python3/dist-packages/removed_pkg-1.0.dist-info']);
  const opt = path.join(work, 'opt-old');
  write(opt, 'node_modules/minimist/package.json', pkgJson('minimist', '1.2.6'));
  run('umoci', ['insert', ...image('debian'), '--opaque', opt, '/opt/old']);
  run('umoci', ['new', ...image('alpine')]);
  run('umoci', ['config', ...image('alpine'), '--os', 'linux', '--architecture', 'arm64']);
  run('umoci', ['insert', ...image('alpine'), alp, '/']);
  addIndex(layout, 'multi', [
    { tag: 'debian', platform: { os: 'linux', architecture: 'amd64' } },
    { tag: 'alpine', platform: { os: 'linux', architecture: 'arm64', variant: 'v8' } },
  ]);
  return { layout, goVersion };
}
