import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { inventoryFromYaml } from '../testing/inventory.js';
import { corpusFile } from '../testing/corpus.js';
import { joinByPath } from './components.js';
import type { Resource } from '../model/types.js';

const pod = (container: string) => `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: kube-system}
spec:
  containers:
${container}`;

describe('component recognition', () => {
  it('finds the component by executable, behind go-runner (kops)', () => {
    const inv = inventoryFromYaml(corpusFile('kops/nodeup-golden/minimal/kube-apiserver.yaml'));
    const [c] = inv.components().of('kube-apiserver');
    assert.ok(c);
    assert.equal(c.flags.value('anonymous-auth'), 'false');
    assert.equal(c.flags.has('log-file'), false, 'go-runner\'s own flags are not the apiserver\'s');
    assert.deepEqual(c.flagsAt, ['spec', 'containers', 0, 'args']);
  });

  it('takes no Object.prototype member for a hyperkube subcommand', () => {
    const inv = inventoryFromYaml(pod('  - name: x\n    image: example/hk:1\n    command: [hyperkube, constructor, --secure-port=6443]\n'));
    assert.deepEqual(inv.components().at(inv.resources[0]!), []);
    const real = inventoryFromYaml(pod('  - name: x\n    image: example/hk:1\n    command: [hyperkube, apiserver, --secure-port=6443]\n'));
    assert.equal(real.components().of('kube-apiserver').length, 1);
  });

  it('finds it by container name or image when the entrypoint is the component', () => {
    const byName = inventoryFromYaml(pod('  - name: kube-scheduler\n    image: example/sched:1\n    args: [--bind-address=127.0.0.1]\n'));
    assert.equal(byName.components().of('kube-scheduler').length, 1);
    const byImage = inventoryFromYaml(pod('  - name: x\n    image: registry.k8s.io/kube-apiserver-amd64:v1.20.0\n    args: [--secure-port=6443]\n'));
    assert.equal(byImage.components().of('kube-apiserver').length, 1);
  });

  it('does not take a component label or an unrelated command for the component', () => {
    const inv = inventoryFromYaml(`apiVersion: v1
kind: Pod
metadata: {name: kube-apiserver-healthcheck, namespace: kube-system, labels: {component: kube-apiserver}}
spec:
  containers:
  - name: healthcheck
    image: registry.k8s.io/kops/kube-apiserver-healthcheck:1.33.0
    command: [/go-runner, --log-file=/var/log/h.log, /usr/bin/kube-apiserver-healthcheck]
`);
    assert.equal(inv.components().all.length, 0);
    const kops = inventoryFromYaml(corpusFile('kops/integration-minimal_gce/static-pods/etcdmanager-main.yaml'));
    assert.equal(kops.components().all.length, 0, 'etcd-manager is not etcd');
  });

  it('does not take a flag whose value names a component for the component (prometheus-operator)', () => {
    const inv = inventoryFromYaml(corpusFile('kube-prometheus/prometheusOperator-deployment.yaml'));
    assert.equal(inv.components().all.length, 0);
    const flagOnly = inventoryFromYaml(pod('  - name: op\n    image: example/op:1\n    args: [--kubelet-service=kube-system/kubelet, --upstream=/usr/bin/kube-apiserver]\n'));
    assert.equal(flagOnly.components().all.length, 0);
  });

  it('joins a config file by the longest path suffix', () => {
    const r = (file: string) => ({ source: { type: 'file', file } }) as Resource;
    const a = r('manifests/enc/encryption.yaml'), b = r('other/encryption.yaml'), c = r('x/policy.yaml');
    assert.equal(joinByPath('/etc/kubernetes/enc/encryption.yaml', [b, a, c]), a);
    assert.equal(joinByPath('/etc/kubernetes/encryption.yaml', [c]), undefined);
    assert.equal(joinByPath('/x/y.yaml', [{ source: { type: 'stdin', file: '<stdin>' } } as Resource]), undefined);
  });

  it('lists the config files its flags name: which resource holds each, and which flag argument named it', () => {
    const inv = inventoryFromYaml(`${pod(`  - name: kube-apiserver
    image: registry.k8s.io/kube-apiserver:v1.30.0
    command: [kube-apiserver, --audit-policy-file=/etc/kubernetes/elsewhere.yaml, --encryption-provider-config=/etc/kubernetes/case.yaml]
`)}---
apiVersion: apiserver.config.k8s.io/v1
kind: EncryptionConfiguration
resources:
- resources: [secrets]
  providers: [{identity: {}}]
`);
    const [c] = inv.components().of('kube-apiserver');
    const encryption = c.configs.encryption!;
    assert.equal(encryption.name, 'encryption');
    assert.equal(encryption.resource.kind, 'EncryptionConfiguration');
    assert.deepEqual(encryption.flagPath, ['spec', 'containers', 0, 'command', 2]);
    assert.equal(c.configs.auditPolicy, undefined, 'a file the input does not hold is not joined');
    assert.deepEqual(inv.components().targets('kube-apiserver'), [c.resource], 'findings are reported on the component\'s own resource');
  });
});
