import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { getAllowsExec, parseKubernetesVersion, podSubresourceRequests } from './rbac-exec.js';

describe('exec and attach through get (kubernetes#78741, create enforced from 1.35)', () => {
  it('parses API server versions', () => {
    assert.deepEqual(parseKubernetesVersion('v1.33.1'), { major: 1, minor: 33 });
    assert.deepEqual(parseKubernetesVersion('1.35'), { major: 1, minor: 35 });
    assert.deepEqual(parseKubernetesVersion('v1.35.0-eks-1a2b3c'), { major: 1, minor: 35 });
    assert.equal(parseKubernetesVersion('latest'), undefined);
    assert.equal(parseKubernetesVersion(undefined), undefined);
  });
  it('counts get unless the version is known to be 1.35 or newer', () => {
    assert.ok(getAllowsExec(undefined));
    assert.ok(getAllowsExec('v1.34.9'));
    assert.ok(!getAllowsExec('v1.35.0'));
    assert.ok(!getAllowsExec('v2.0.0'));
    assert.ok(getAllowsExec('not a version'), 'unknown is treated as before 1.35');
  });
  it('asks create for every subresource and get for exec and attach only', () => {
    assert.deepEqual(podSubresourceRequests('exec', undefined, 'shop').map((r) => `${r.verb} ${r.resource}/${r.subresource} ${r.namespace}`),
      ['create pods/exec shop', 'get pods/exec shop']);
    assert.deepEqual(podSubresourceRequests('portforward', undefined).map((r) => r.verb), ['create']);
    assert.deepEqual(podSubresourceRequests('attach', 'v1.35.1').map((r) => r.verb), ['create']);
  });
});
