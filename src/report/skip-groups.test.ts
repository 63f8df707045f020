// groupSkipped: one entry per distinct reason, a note shared by several reasons grouped first.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { groupSkipped } from './skip-groups.js';

const API = 'no kube-apiserver in the input (static pod manifest, or node process with --node): scan x, or run y';
const KUBELET = 'no kubelet configuration in the input: scan the KubeletConfiguration file';
const ETCD_NOTE = 'an etcd started with --config-file (rke2) takes its settings from that file';
const NODE = '--node: no Kubernetes components found on this host: none of the 3 processes under /proc is kubelet';
const CLUSTER = '--cluster: the control plane is judged from its mirror Pods in kube-system';

describe('groupSkipped', () => {
  it('gives one entry per distinct reason, with its controls, in the order of their first control', () => {
    const groups = groupSkipped([
      { id: 'ingress-without-tls', reason: 'no Ingress objects in the input' },
      { id: 'apiserver-tls', reason: API },
      { id: 'kubelet-hardening', reason: KUBELET },
      { id: 'apiserver-profiling', reason: API },
      { id: 'kubelet-client-tls', reason: KUBELET },
      { id: 'etcd-tls', reason: `no etcd in the input; ${ETCD_NOTE}` },
      { id: 'etcd-dedicated-ca', reason: `no etcd, kube-apiserver in the input; ${ETCD_NOTE}` },
    ]);
    assert.deepEqual(groups, [
      { reason: 'no Ingress objects in the input', controls: ['ingress-without-tls'] },
      { reason: API, controls: ['apiserver-tls', 'apiserver-profiling'] },
      { reason: KUBELET, controls: ['kubelet-hardening', 'kubelet-client-tls'] },
      // a shared end is not a note: only a shared beginning groups
      { reason: `no etcd in the input; ${ETCD_NOTE}`, controls: ['etcd-tls'] },
      { reason: `no etcd, kube-apiserver in the input; ${ETCD_NOTE}`, controls: ['etcd-dedicated-ca'] },
    ]);
  });

  it('groups reasons behind a source\'s note under the note, once', () => {
    const groups = groupSkipped([
      { id: 'apiserver-tls', reason: `${NODE}; ${API}` },
      { id: 'apiserver-profiling', reason: `${NODE}; ${API}` },
      { id: 'kubelet-hardening', reason: `${NODE}; ${KUBELET}` },
      { id: 'etcd-tls', reason: `${NODE}; no etcd in the input; ${ETCD_NOTE}` },
      { id: 'image-registry-not-allowed', reason: 'allowedRegistries is not configured' },
    ]);
    assert.deepEqual(groups, [
      {
        note: NODE,
        controls: ['apiserver-tls', 'apiserver-profiling', 'kubelet-hardening', 'etcd-tls'],
        entries: [
          { reason: API, controls: ['apiserver-tls', 'apiserver-profiling'] },
          { reason: KUBELET, controls: ['kubelet-hardening'] },
          { reason: `no etcd in the input; ${ETCD_NOTE}`, controls: ['etcd-tls'] },
        ],
      },
      { reason: 'allowedRegistries is not configured', controls: ['image-registry-not-allowed'] },
    ]);
  });

  it('nests a second note (--cluster in front of --node), and takes a reason that is the note alone', () => {
    const groups = groupSkipped([
      { id: 'a', reason: `${CLUSTER}; ${NODE}; ${API}` },
      { id: 'b', reason: `${CLUSTER}; ${NODE}; ${KUBELET}` },
      { id: 'c', reason: `${CLUSTER}; other` },
      { id: 'd', reason: CLUSTER },
    ]);
    assert.deepEqual(groups, [{
      note: CLUSTER,
      controls: ['a', 'b', 'c', 'd'],
      entries: [
        { note: NODE, controls: ['a', 'b'], entries: [{ reason: API, controls: ['a'] }, { reason: KUBELET, controls: ['b'] }] },
        { reason: 'other', controls: ['c'] },
        { reason: '', controls: ['d'] },
      ],
    }]);
  });

  it('does not make a note of a beginning that only one reason has', () => {
    const reason = `${NODE}; ${API}`;
    assert.deepEqual(groupSkipped([{ id: 'a', reason }, { id: 'b', reason }]), [{ reason, controls: ['a', 'b'] }]);
  });
});
