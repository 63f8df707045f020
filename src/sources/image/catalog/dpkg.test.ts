import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dpkg, isInstalled, parseSource } from './dpkg.js';
import { catalogContext } from '../../../testing/image-files.js';

const DEBIAN12 = { id: 'debian', versionId: '12', ecosystem: 'Debian:12' };

// Shaped like a real bookworm status file (fields in dpkg's order, a multi-line Description, Conffiles).
const STATUS = `Package: openssl
Status: install ok installed
Priority: optional
Section: utils
Installed-Size: 2300
Maintainer: Debian OpenSSL Team <pkg-openssl-devel@alioth-lists.debian.net>
Architecture: amd64
Version: 3.0.11-1~deb12u2
Depends: libc6 (>= 2.34), libssl3 (>= 3.0.9)
Conffiles:
 /etc/ssl/openssl.cnf 8d5d8d2b0d9cd4c0b7e3a4e6ea2f7b2d
Description: Secure Sockets Layer toolkit - cryptographic utility
 This package is part of the OpenSSL project's implementation of the SSL
 and TLS cryptographic protocols for secure communication over the
 Internet.

Package: libgcc-s1
Status: hold ok installed
Architecture: amd64
Source: gcc-12 (12.2.0-14)
Version: 12.2.0-14
Description: GCC support library

Package: libpcre3
Status: deinstall ok config-files
Architecture: amd64
Source: pcre3
Version: 2:8.39-15

Package: half
Status: install reinstreq half-installed
Architecture: amd64
Version: 1.0

Package: noversion
Status: install ok installed
`;

describe('dpkg', () => {
  it('Status: the third word must be installed (dpkg-query package states)', () => {
    assert.equal(isInstalled('install ok installed', false), true);
    assert.equal(isInstalled('hold ok installed', false), true);
    assert.equal(isInstalled('deinstall ok config-files', false), false);
    assert.equal(isInstalled('install reinstreq half-installed', false), false);
    assert.equal(isInstalled('purge ok not-installed', false), false);
    assert.equal(isInstalled(undefined, false), false);
    assert.equal(isInstalled(undefined, true), true, 'distroless status.d files have no Status');
  });

  it('Source: name and optional (version)', () => {
    assert.deepEqual(parseSource('zlib (1:1.2.13.dfsg-1)'), { name: 'zlib', version: '1:1.2.13.dfsg-1' });
    assert.deepEqual(parseSource('openssl'), { name: 'openssl' });
    assert.deepEqual(parseSource(undefined), {});
  });

  it('lists installed packages of /var/lib/dpkg/status with source names, versions and purls', () => {
    const pkgs = dpkg.catalog(catalogContext({ '/var/lib/dpkg/status': STATUS }, DEBIAN12));
    assert.deepEqual(pkgs.map((p) => [p.name, p.version, p.sourceName, p.sourceVersion, p.ecosystem, p.purl]), [
      ['openssl', '3.0.11-1~deb12u2', undefined, undefined, 'Debian:12', 'pkg:deb/debian/openssl@3.0.11-1~deb12u2?arch=amd64&distro=debian-12'],
      ['libgcc-s1', '12.2.0-14', 'gcc-12', undefined, 'Debian:12', 'pkg:deb/debian/libgcc-s1@12.2.0-14?arch=amd64&distro=debian-12&upstream=gcc-12'],
    ]);
  });

  it('reads distroless status.d files, skipping their md5sums', () => {
    assert.equal(dpkg.wants('/var/lib/dpkg/status.d/base-files'), true);
    assert.equal(dpkg.wants('/var/lib/dpkg/status.d/base-files.md5sums'), false);
    assert.equal(dpkg.wants('/var/lib/dpkg/status.d/sub/x'), false);
    assert.equal(dpkg.wants('/var/lib/dpkg/status-old'), false);
    const pkgs = dpkg.catalog(catalogContext({
      '/var/lib/dpkg/status.d/libssl3': 'Package: libssl3\nVersion: 3.0.11-1~deb12u2\nArchitecture: amd64\nSource: openssl\nMaintainer: x\n',
      '/var/lib/dpkg/status.d/tzdata': 'Package: tzdata\nVersion: 2024a-0+deb12u1\nArchitecture: all\n',
    }, DEBIAN12));
    assert.deepEqual(pkgs.map((p) => [p.name, p.sourceName, p.path]), [
      ['libssl3', 'openssl', '/var/lib/dpkg/status.d/libssl3'],
      ['tzdata', undefined, '/var/lib/dpkg/status.d/tzdata'],
    ]);
  });

  it('uses the ubuntu namespace on Ubuntu, and no ecosystem on an OS OSV does not know', () => {
    const [u] = dpkg.catalog(catalogContext({ '/var/lib/dpkg/status': STATUS }, { id: 'ubuntu', versionId: '22.04', ecosystem: 'Ubuntu:22.04:LTS' }));
    assert.equal(u!.purl, 'pkg:deb/ubuntu/openssl@3.0.11-1~deb12u2?arch=amd64&distro=ubuntu-22.04');
    assert.equal(u!.ecosystem, 'Ubuntu:22.04:LTS');
    const [x] = dpkg.catalog(catalogContext({ '/var/lib/dpkg/status': STATUS }, { id: 'devuan', versionId: '5' }));
    assert.equal(x!.ecosystem, undefined);
  });
});
