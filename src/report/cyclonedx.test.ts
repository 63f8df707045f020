// The CycloneDX SBOM validated against the CycloneDX 1.5 JSON schema with the library's own strict
// validator (ajv + ajv-formats + ajv-formats-draft2019, the schema files shipped in the library).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as CDX from '@cyclonedx/cyclonedx-library';
import { formatCyclonedx } from './cyclonedx.js';
import { inputFromYaml, scanWeb, WEB_DIGEST } from '../testing/image-fixtures.js';
import { scan } from '../engine/scan.js';

async function assertValidBom(json: string): Promise<any> {
  const validator = new CDX.Validation.JsonStrictValidator(CDX.Spec.Version.v1dot5);
  const errors = await validator.validate(json);
  assert.equal(errors, null, `the SBOM breaks the CycloneDX 1.5 schema: ${JSON.stringify(errors, null, 1)}`);
  return JSON.parse(json);
}

describe('cyclonedx', () => {
  it('writes each image as a container with its OS and packages (purl, version, layer), valid CycloneDX 1.5', async () => {
    const report = scanWeb({ includePackages: true });
    const bom = await assertValidBom(formatCyclonedx(report, { serialNumber: 'urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79' }));
    assert.equal(bom.bomFormat, 'CycloneDX');
    assert.equal(bom.specVersion, '1.5');
    assert.equal(bom.serialNumber, 'urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79');
    assert.equal(bom.metadata.timestamp, '2026-06-01T12:00:00.000Z');
    assert.deepEqual(bom.metadata.tools.components.map((c: any) => [c.name, c.version]), [['palisade', report.tool.version]]);
    const [web, alpine] = bom.components;
    assert.equal(web.type, 'container');
    assert.equal(web.name, 'registry.example.com/shop/web');
    assert.equal(web.version, WEB_DIGEST);
    // as packageurl-js (the purl-spec's JavaScript implementation) writes it
    assert.equal(web.purl, `pkg:oci/web@${WEB_DIGEST}?repository_url=registry.example.com%2Fshop%2Fweb`);
    const os = web.components.find((c: any) => c.type === 'operating-system');
    assert.deepEqual([os.name, os.version], ['debian', '12']);
    const ssl = web.components.find((c: any) => c.name === 'libssl3');
    assert.equal(ssl.type, 'library');
    assert.equal(ssl.version, '3.0.11-1~deb12u1');
    assert.equal(ssl.purl, 'pkg:deb/debian/libssl3@3.0.11-1~deb12u1?arch=amd64&distro=debian-12');
    const props = Object.fromEntries(ssl.properties.map((p: any) => [p.name, p.value]));
    assert.equal(props['palisade:layer:index'], '0');
    assert.equal(props['palisade:package:sourceName'], 'openssl');
    assert.equal(props['palisade:package:path'], '/var/lib/dpkg/status');
    const lodash = web.components.find((c: any) => c.name === 'lodash');
    assert.deepEqual(lodash.licenses, [{ license: { id: 'MIT' } }]);
    assert.equal(alpine.components.find((c: any) => c.name === 'musl').purl, 'pkg:apk/alpine/musl@1.2.5-r0?arch=aarch64');
  });

  it('lists the vulnerabilities with ratings from the CVSS vector and the affected package by bom-ref', async () => {
    const report = scanWeb({
      includePackages: true,
      exceptions: [{ source: 'x.yaml:2', controls: [], resources: [], reason: 'no SOCKS proxy', vulnerabilities: ['CVE-2023-38545'] }],
    });
    const bom = await assertValidBom(formatCyclonedx(report));
    const refs = new Map<string, string>();
    for (const c of bom.components[0].components) refs.set(c['bom-ref'], c.name);
    const dsa = bom.vulnerabilities.find((v: any) => v.id === 'DSA-5532-1');
    assert.deepEqual(dsa.ratings, [{ score: 7.5, severity: 'high', method: 'CVSSv31', vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N' }]);
    assert.deepEqual(dsa.affects.map((a: any) => refs.get(a.ref)), ['libssl3']);
    assert.deepEqual(dsa.references.map((r: any) => r.id).sort(), ['CVE-2023-5363', 'CVE-2023-5678']);
    assert.equal(dsa.recommendation, 'Upgrade libssl3 to 3.0.11-1~deb12u2 or later.');
    const curl = bom.vulnerabilities.find((v: any) => v.id === 'DSA-5510-1');
    const props = Object.fromEntries(curl.properties.map((p: any) => [p.name, p.value]));
    assert.equal(props['palisade:status'], 'excepted');
    assert.equal(props['palisade:exception:reason'], 'no SOCKS proxy');
    const unknown = bom.vulnerabilities.find((v: any) => v.id === 'DEBIAN-CVE-2010-4756');
    assert.deepEqual(unknown.ratings, [{ severity: 'unknown' }]);
  });

  it('with no image: an empty but valid SBOM', async () => {
    const report = scan(inputFromYaml('apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n'), { controls: ['privileged-container'] });
    const bom = await assertValidBom(formatCyclonedx(report));
    assert.deepEqual(bom.components ?? [], []);
    assert.deepEqual(bom.vulnerabilities ?? [], []);
  });

  it('builds a purl when the package has none (npm scope and Go module path as the namespace)', async () => {
    const report = scanWeb({ includePackages: true });
    const web = report.images![0];
    const layer = web.packages![0].layer;
    web.packages = [
      { name: '@babel/core', version: '7.22.5', type: 'npm', path: '/app/node_modules/@babel/core/package.json', layer },
      { name: 'golang.org/x/net', version: 'v0.17.0', type: 'golang', path: '/usr/bin/app', layer },
      { name: 'Django', version: '4.2.1', type: 'pypi', path: '/usr/lib/python3/dist-packages/Django-4.2.1.dist-info/METADATA', layer, purl: 'not a purl' },
    ];
    const bom = await assertValidBom(formatCyclonedx({ ...report, vulnerabilities: [] }));
    assert.deepEqual(bom.components[0].components.filter((c: any) => c.type === 'library').map((c: any) => c.purl).sort(), [
      'pkg:golang/golang.org/x/net@v0.17.0', 'pkg:npm/%40babel/core@7.22.5', 'pkg:pypi/django@4.2.1',
    ]);
  });
});
