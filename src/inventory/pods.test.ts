import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { inventoryFromYaml } from '../testing/inventory.js';
import { getControl } from '../controls/index.js';
import { DEFAULT_INPUTS } from '../controls/inputs.js';
import { evaluateControl } from '../engine/evaluate.js';

const pod = (spec: string) => `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: shop}
spec:
${spec}  containers:
  - {name: app, image: nginx:1.27}
`;

const serviceAccountOf = (spec: string) => {
  const inv = inventoryFromYaml(pod(spec));
  return inv.podOf(inv.workloads[0]!.resource)!.serviceAccount;
};

describe('the effective service account (PodInfo.serviceAccount)', () => {
  it('is serviceAccountName when set', () => {
    assert.equal(serviceAccountOf('  serviceAccountName: web\n'), 'web');
    assert.equal(serviceAccountOf('  serviceAccountName: web\n  serviceAccount: old\n'), 'web');
  });

  it('is the deprecated serviceAccount when serviceAccountName is absent or empty', () => {
    assert.equal(serviceAccountOf('  serviceAccount: old\n'), 'old');
    assert.equal(serviceAccountOf('  serviceAccountName: ""\n  serviceAccount: old\n'), 'old');
  });

  it('is default when neither names one, as the ServiceAccount admission plugin sets it', () => {
    assert.equal(serviceAccountOf(''), 'default');
    assert.equal(serviceAccountOf('  serviceAccountName: ""\n'), 'default');
    assert.equal(serviceAccountOf('  serviceAccountName: ""\n  serviceAccount: ""\n'), 'default');
    assert.equal(serviceAccountOf('  serviceAccountName: null\n'), 'default');
  });

  it('is the same for both controls that read it: serviceAccountName: "" runs as default', () => {
    const binding = `apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: view-default, namespace: shop}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
subjects:
- {kind: ServiceAccount, name: default, namespace: shop}
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: default, namespace: shop}
automountServiceAccountToken: false
---
`;
    const inv = inventoryFromYaml(binding + pod('  serviceAccountName: ""\n'));
    const used = evaluateControl(getControl('default-service-account-used')!, inv, DEFAULT_INPUTS);
    assert.deepEqual(used.findings.map((f) => f.resourceId).sort(), ['/v1/shop/Pod/p', 'rbac.authorization.k8s.io/v1/shop/RoleBinding/view-default']);
    const mounted = evaluateControl(getControl('service-account-token-mounted')!, inv, DEFAULT_INPUTS);
    assert.equal(mounted.failed, 0, 'the default ServiceAccount\'s automountServiceAccountToken: false applies');
  });
});

describe('podOf', () => {
  it('finds no pod in a kind named like an Object.prototype member (no crash)', () => {
    for (const kind of ['toString', 'constructor', '__proto__', 'hasOwnProperty']) {
      const inv = inventoryFromYaml(`apiVersion: v1\nkind: ${kind}\nmetadata: {name: x, namespace: shop}\nspec: {containers: [{name: a, image: nginx}]}\n`);
      assert.equal(inv.workloads.length, 0, kind);
      assert.equal(inv.podOf(inv.resources[0]!), undefined, kind);
    }
  });

  it('gives each container its own path under the pod spec, in container-type order, skipping non-objects', () => {
    const inv = inventoryFromYaml(`apiVersion: batch/v1
kind: CronJob
metadata: {name: c, namespace: shop}
spec:
  jobTemplate:
    metadata: {labels: {a: b}}
    spec:
      template:
        metadata: {labels: {app: c}}
        spec:
          ephemeralContainers: [{name: e, image: busybox}]
          initContainers: [{name: i, image: busybox}]
          containers: [{name: a, image: nginx}, "not a container", {image: redis}]
`);
    const pod = inv.podOf(inv.resources[0]!)!;
    assert.deepEqual(pod.specPath, ['spec', 'jobTemplate', 'spec', 'template', 'spec']);
    assert.deepEqual(pod.metadataPath, ['spec', 'jobTemplate', 'spec', 'template', 'metadata']);
    assert.deepEqual(pod.metadata, { labels: { app: 'c' } });
    assert.deepEqual(pod.containers.map((c) => [c.name, c.type, c.path, c.image?.text]), [
      ['a', 'containers', ['spec', 'jobTemplate', 'spec', 'template', 'spec', 'containers', 0], 'nginx'],
      ['#2', 'containers', ['spec', 'jobTemplate', 'spec', 'template', 'spec', 'containers', 2], 'redis'],
      ['i', 'initContainers', ['spec', 'jobTemplate', 'spec', 'template', 'spec', 'initContainers', 0], 'busybox'],
      ['e', 'ephemeralContainers', ['spec', 'jobTemplate', 'spec', 'template', 'spec', 'ephemeralContainers', 0], 'busybox'],
    ]);
    // the containers' paths are their own arrays, not the pod spec's path
    assert.notEqual(pod.containers[0]!.path, pod.containers[1]!.path);
  });

  it('gives a pod without a spec an empty spec and no containers', () => {
    const inv = inventoryFromYaml('apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: shop}\n');
    const pod = inv.podOf(inv.resources[0]!)!;
    assert.deepEqual(pod.spec, {});
    assert.deepEqual(pod.containers, []);
    assert.deepEqual(pod.metadataPath, ['metadata']);
    assert.equal(pod.metadata.name, 'p');
  });
});
