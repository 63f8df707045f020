import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { osInfo, parseOsRelease } from './os-release.js';
import { findOs } from './index.js';
import { catalogContext } from '../../../testing/image-files.js';

// Real files: debian:12, alpine:3.20, ubuntu:22.04, ubuntu:23.10, distroless (debian 12).
const DEBIAN = 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nVERSION_ID="12"\nVERSION="12 (bookworm)"\nVERSION_CODENAME=bookworm\nID=debian\nHOME_URL="https://www.debian.org/"\n';
const ALPINE = 'NAME="Alpine Linux"\nID=alpine\nVERSION_ID=3.20.3\nPRETTY_NAME="Alpine Linux v3.20"\nHOME_URL="https://alpinelinux.org/"\nBUG_REPORT_URL="https://gitlab.alpinelinux.org/alpine/aports/-/issues"\n';
const UBUNTU_LTS = 'PRETTY_NAME="Ubuntu 22.04.4 LTS"\nNAME="Ubuntu"\nVERSION_ID="22.04"\nVERSION="22.04.4 LTS (Jammy Jellyfish)"\nVERSION_CODENAME=jammy\nID=ubuntu\nID_LIKE=debian\n';
const UBUNTU = 'PRETTY_NAME="Ubuntu 23.10"\nNAME="Ubuntu"\nVERSION_ID="23.10"\nVERSION="23.10 (Mantic Minotaur)"\nID=ubuntu\nID_LIKE=debian\n';

describe('os-release', () => {
  it('parses quoted and unquoted values, escapes, comments', () => {
    assert.deepEqual(parseOsRelease('# c\nA="x \\"y\\" \\$z"\nB=\'single\'\nC=plain\n\nbad line\nlower=no\n'), { A: 'x "y" $z', B: 'single', C: 'plain' });
  });

  it('names the OSV ecosystem of Debian, Alpine (major.minor) and Ubuntu (with :LTS)', () => {
    assert.equal(osInfo(parseOsRelease(DEBIAN))?.ecosystem, 'Debian:12');
    assert.equal(osInfo(parseOsRelease(ALPINE))?.ecosystem, 'Alpine:v3.20');
    assert.equal(osInfo(parseOsRelease(UBUNTU_LTS))?.ecosystem, 'Ubuntu:22.04:LTS');
    assert.equal(osInfo(parseOsRelease(UBUNTU))?.ecosystem, 'Ubuntu:23.10');
    assert.deepEqual(osInfo(parseOsRelease(DEBIAN)), { id: 'debian', versionId: '12', prettyName: 'Debian GNU/Linux 12 (bookworm)', version: '12 (bookworm)', ecosystem: 'Debian:12' });
  });

  it('leaves the ecosystem undefined for others and for Debian testing (no VERSION_ID)', () => {
    assert.equal(osInfo(parseOsRelease('ID=fedora\nVERSION_ID=40\n'))?.ecosystem, undefined);
    assert.equal(osInfo(parseOsRelease('PRETTY_NAME="Debian GNU/Linux trixie/sid"\nID=debian\n'))?.ecosystem, undefined);
    assert.equal(osInfo(parseOsRelease('NAME=nothing\n')), undefined);
  });

  it('prefers /etc/os-release, else /usr/lib/os-release', () => {
    assert.equal(findOs(catalogContext({ '/usr/lib/os-release': ALPINE, '/etc/os-release': DEBIAN }).files)?.id, 'debian');
    assert.equal(findOs(catalogContext({ '/usr/lib/os-release': ALPINE }).files)?.id, 'alpine');
    assert.equal(findOs(catalogContext({}).files), undefined);
  });
});
