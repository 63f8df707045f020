import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Inventory } from './index.js';
import type { Resource } from '../model/types.js';
import { readText } from '../sources/files/index.js';
import type { DocumentSink } from '../sources/files/to-resources.js';
import { LineIndex } from '../sources/files/yaml-documents.js';
import { builtInComponents, neededHostPath, staticPodEvidence } from './static-pods.js';
import { KUBEADM_CONTROLLER_MANAGER, KUBEADM_ETCD, kubeadmApiserver } from '../testing/control-plane-pods.js';

/** The inventory of `yaml` read as the file `file` (`type` as the source that read it). */
function read(yaml: string, file: string, options: { type?: 'file' | 'stdin' | 'node'; renderedBy?: 'helm'; also?: Resource[] } = {}): Inventory {
  return new Inventory([...resources(yaml, file, options), ...(options.also ?? [])]);
}

function resources(yaml: string, file: string, options: { type?: 'file' | 'stdin' | 'node'; renderedBy?: 'helm' } = {}): Resource[] {
  const sink: DocumentSink = { resources: [], ignored: [], errors: [], documents: 0 };
  readText(yaml, [], { file, type: options.type ?? 'file', lines: new LineIndex(yaml), ...(options.renderedBy ? { renderedBy: options.renderedBy } : {}) }, sink);
  assert.deepEqual(sink.errors, []);
  return sink.resources;
}

/** A kubelet as the node scan describes it, with these flags. */
const kubelet = (...flags: string[]) => kubeletFrom('node', ...flags);
const kubeletFrom = (type: 'node' | 'file', ...flags: string[]) => resources(`apiVersion: node.palisade.dev/v1
kind: NodeComponent
metadata: {name: node1-kubelet}
spec:
  node: node1
  component: kubelet
  command: [/usr/bin/kubelet${flags.map((f) => `, "${f}"`).join('')}]
  files: []
`, type === 'node' ? '/proc/4242/cmdline' : 'repo/kubelet.yaml', { type });

function found(inv: Inventory) {
  const w = inv.workloads[0]!;
  return { evidence: staticPodEvidence(w.resource, w.pod, inv), builtIn: builtInComponents(inv, w.resource, w.pod), pod: w.pod };
}

describe('static pods (staticPodEvidence)', () => {
  const manifest = kubeadmApiserver({ mirror: false });

  it('a mirror pod is one wherever it was read from', () => {
    assert.equal(found(read(kubeadmApiserver(), 'dump.yaml')).evidence, 'mirror pod');
  });

  it('a manifest file in a static pod directory is one: kubeadm\'s, on a node\'s disk mounted elsewhere, rke2\'s', () => {
    for (const file of ['/etc/kubernetes/manifests/kube-apiserver.yaml', '/mnt/node/etc/kubernetes/manifests/kube-apiserver.yaml',
      '/var/lib/rancher/rke2/agent/pod-manifests/kube-apiserver.yaml']) {
      const f = found(read(manifest, file));
      assert.equal(f.evidence, 'static pod manifest', file);
      assert.deepEqual(f.builtIn.map((b) => b.name), ['kube-apiserver'], file);
    }
  });

  it('a manifest elsewhere, in a look-alike or nested directory, on stdin or rendered by Helm is not one', () => {
    for (const file of ['/repo/kube-apiserver.yaml', '/etc/kubernetes/manifests-backup/kube-apiserver.yaml',
      '/etc/kubernetes/manifests/old/kube-apiserver.yaml', 'kube-apiserver.yaml']) {
      assert.equal(found(read(manifest, file)).evidence, undefined, file);
    }
    assert.equal(found(read(manifest, '/etc/kubernetes/manifests/x.yaml', { type: 'stdin' })).evidence, undefined);
    assert.equal(found(read(manifest, '/etc/kubernetes/manifests/x.yaml', { renderedBy: 'helm' })).evidence, undefined);
  });

  it('a manifest in the static pod directory a node scan\'s kubelet names (--pod-manifest-path) is one', () => {
    const file = '/mnt/node/etc/kubelet.d/kube-apiserver.yaml';
    assert.equal(found(read(manifest, file)).evidence, undefined, 'not a usual directory');
    const f = found(read(manifest, file, { also: kubelet('--pod-manifest-path=/etc/kubelet.d/') }));
    assert.equal(f.evidence, 'static pod manifest');
    assert.deepEqual(f.builtIn.map((b) => b.name), ['kube-apiserver']);
    // a NodeComponent written in a scanned file is no node scan; a kubelet naming / or a relative path widens nothing
    assert.equal(found(read(manifest, file, { also: kubeletFrom('file', '--pod-manifest-path=/etc/kubelet.d') })).evidence, undefined);
    assert.equal(found(read(manifest, file, { also: kubelet('--pod-manifest-path=/') })).evidence, undefined);
    assert.equal(found(read(manifest, '/x/kubelet.d/kube-apiserver.yaml', { also: kubelet('--pod-manifest-path=kubelet.d') })).evidence, undefined);
  });

  it('only a Pod: a Deployment with the mirror annotation on its template is not one', () => {
    const deployment = `apiVersion: apps/v1
kind: Deployment
metadata: {name: d, namespace: kube-system}
spec:
  selector: {matchLabels: {component: kube-apiserver}}
  template:
    metadata:
      labels: {component: kube-apiserver}
      annotations: {kubernetes.io/config.mirror: x}
    spec:
      containers: [{name: kube-apiserver, image: registry.k8s.io/kube-apiserver:v1.30.0, command: [kube-apiserver]}]
`;
    const f = found(read(deployment, '/etc/kubernetes/manifests/d.yaml'));
    assert.equal(f.evidence, undefined);
    assert.deepEqual(f.builtIn, []);
  });
});

describe('host paths a built-in component needs (neededHostPath)', () => {
  const need = (yaml: string, volume: string, hostPath: string) => {
    const f = found(read(yaml, 'dump.yaml'));
    assert.ok(f.builtIn.length, 'recognised');
    return neededHostPath(f.builtIn, f.pod, volume, hostPath);
  };

  it('kubeadm\'s mounts: certificates and kubeconfig its flags name, CA trust stores read-only, etcd\'s data, the flexvolume default', () => {
    assert.match(need(kubeadmApiserver(), 'k8s-certs', '/etc/kubernetes/pki')!, /kube-apiserver's --client-ca-file names \/etc\/kubernetes\/pki\/ca\.crt/);
    assert.match(need(kubeadmApiserver(), 'ca-certs', '/etc/ssl/certs')!, /CA trust store/);
    assert.match(need(KUBEADM_ETCD, 'etcd-data', '/var/lib/etcd')!, /--data-dir names \/var\/lib\/etcd/);
    assert.match(need(KUBEADM_ETCD, 'etcd-certs', '/etc/kubernetes/pki/etcd')!, /--cert-file/);
    assert.match(need(KUBEADM_CONTROLLER_MANAGER, 'kubeconfig', '/etc/kubernetes/controller-manager.conf')!, /--kubeconfig/);
    assert.match(need(KUBEADM_CONTROLLER_MANAGER, 'flexvolume-dir', '/usr/libexec/kubernetes/kubelet-plugins/volume/exec')!, /by default/);
  });

  it('not needed: a CA store mounted writable, a whole-system path, a runtime socket, a volume no container mounts', () => {
    const writable = kubeadmApiserver().replace('{mountPath: /etc/ssl/certs, name: ca-certs, readOnly: true}', '{mountPath: /etc/ssl/certs, name: ca-certs}');
    assert.equal(need(writable, 'ca-certs', '/etc/ssl/certs'), undefined);
    for (const p of ['/', '/etc', '/etc/kubernetes', '/var/lib/kubelet/pods', '/run/containerd/containerd.sock', '/var/run/docker.sock', '/proc/1']) {
      assert.equal(need(kubeadmApiserver(), 'k8s-certs', p), undefined, p);
    }
    assert.equal(need(kubeadmApiserver(), 'no-such-volume', '/etc/kubernetes/pki'), undefined);
  });

  it('not needed: a mount no flag of the component names', () => {
    const extra = kubeadmApiserver().replace('    - {mountPath: /etc/kubernetes/pki, name: k8s-certs, readOnly: true}',
      '    - {mountPath: /etc/kubernetes/pki, name: k8s-certs, readOnly: true}\n    - {mountPath: /host-var-log, name: logs}');
    assert.equal(need(extra, 'logs', '/var/log'), undefined);
  });

  it('not needed: a volume another container of the pod mounts too', () => {
    const sidecar = kubeadmApiserver().replace('  hostNetwork: true\n', `  - name: sidecar
    image: busybox:1.36
    volumeMounts: [{mountPath: /etc/kubernetes/pki, name: k8s-certs, readOnly: true}]
  hostNetwork: true
`);
    assert.equal(need(sidecar, 'k8s-certs', '/etc/kubernetes/pki'), undefined);
  });
});
