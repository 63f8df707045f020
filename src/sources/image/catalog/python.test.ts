import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { normalizePythonName, python } from './python.js';
import { catalogContext } from '../../../testing/image-files.js';

describe('python', () => {
  it('normalises names as PEP 503 says (its own examples)', () => {
    for (const n of ['friendly-bard', 'Friendly-Bard', 'FRIENDLY-BARD', 'friendly.bard', 'friendly_bard', 'friendly--bard', 'FrIeNdLy-._.-bArD']) {
      assert.equal(normalizePythonName(n), 'friendly-bard', n);
    }
  });

  it('wants dist-info METADATA, egg-info PKG-INFO and egg-info files', () => {
    assert.equal(python.wants('/usr/lib/python3/dist-packages/requests-2.31.0.dist-info/METADATA'), true);
    assert.equal(python.wants('/usr/lib/python3/dist-packages/six-1.16.0.egg-info/PKG-INFO'), true);
    assert.equal(python.wants('/usr/lib/python3.11/site-packages/distro-1.8.0.egg-info'), true);
    assert.equal(python.wants('/usr/lib/python3/dist-packages/requests-2.31.0.dist-info/RECORD'), false);
  });

  it('reads Name and Version from the headers only, with the licence', () => {
    const pkgs = python.catalog(catalogContext({
      '/site/Requests-2.31.0.dist-info/METADATA': 'Metadata-Version: 2.1\nName: requests\nVersion: 2.31.0\nSummary: Python HTTP for Humans.\nLicense: Apache 2.0\nClassifier: A\nClassifier: B\n\nName: not-this\n',
      '/site/zope.interface-6.0.dist-info/METADATA': 'Metadata-Version: 2.4\nName: zope.interface\nVersion: 6.0\nLicense-Expression: ZPL-2.1\nLicense: UNKNOWN\n',
      '/site/PyYAML-6.0.1.egg-info': 'Metadata-Version: 1.1\nName: PyYAML\nVersion: 6.0.1\nLicense: UNKNOWN\n',
      '/site/broken.dist-info/METADATA': 'Metadata-Version: 2.1\nSummary: no name\n',
    }));
    assert.deepEqual(pkgs.map((p) => [p.name, p.version, p.ecosystem, p.purl, p.licenses]), [
      ['requests', '2.31.0', 'PyPI', 'pkg:pypi/requests@2.31.0', ['Apache 2.0']],
      ['zope-interface', '6.0', 'PyPI', 'pkg:pypi/zope-interface@6.0', ['ZPL-2.1']],
      ['pyyaml', '6.0.1', 'PyPI', 'pkg:pypi/pyyaml@6.0.1', undefined],
    ]);
  });
});
