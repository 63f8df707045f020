// foldOwned: each chain of controllers keeps its top listed owner; what is not a listed
// workload controller (a Node, an operator's custom resource, an owner we could not read) does
// not take a workload away.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../src/model/types.js';
import { foldOwned } from '../src/sources/cluster/owners.js';
import { clusterResource } from '../src/sources/cluster/to-resource.js';

const obj = (apiVersion: string, kind: string, name: string, owner?: { kind: string; name: string; controller?: boolean }): KubeObject => ({
  apiVersion, kind,
  metadata: {
    name, namespace: 'shop', uid: `uid-${kind}-${name}`,
    ...(owner ? { ownerReferences: [{ apiVersion: 'apps/v1', kind: owner.kind, name: owner.name, uid: `uid-${owner.kind}-${owner.name}`, controller: owner.controller ?? true }] } : {}),
  },
});
const names = (objects: KubeObject[]) => foldOwned(objects.map((o) => clusterResource(o, true))).resources.map((r) => `${r.kind}/${r.name}`);

describe('foldOwned', () => {
  it('keeps the top listed owner of each chain', () => {
    assert.deepEqual(names([
      obj('apps/v1', 'Deployment', 'web'),
      obj('apps/v1', 'ReplicaSet', 'web-1', { kind: 'Deployment', name: 'web' }),
      obj('v1', 'Pod', 'web-1-a', { kind: 'ReplicaSet', name: 'web-1' }),
      obj('apps/v1', 'StatefulSet', 'db'),
      obj('v1', 'Pod', 'db-0', { kind: 'StatefulSet', name: 'db' }),
      obj('apps/v1', 'DaemonSet', 'agent'),
      obj('v1', 'Pod', 'agent-x', { kind: 'DaemonSet', name: 'agent' }),
    ]), ['Deployment/web', 'StatefulSet/db', 'DaemonSet/agent']);
  });

  it('an owner that is not listed (forbidden, or not a workload kind) leaves its workload in', () => {
    assert.deepEqual(names([
      // the Deployments could not be read: the ReplicaSet is the top owner we have
      obj('apps/v1', 'ReplicaSet', 'web-1', { kind: 'Deployment', name: 'web' }),
      obj('v1', 'Pod', 'web-1-a', { kind: 'ReplicaSet', name: 'web-1' }),
      // an operator's custom resource
      obj('apps/v1', 'StatefulSet', 'kafka', { kind: 'Kafka', name: 'events' }),
      // a static pod's mirror Pod
      obj('v1', 'Pod', 'etcd-node1', { kind: 'Node', name: 'node1' }),
      // an owner reference that is not the controller
      obj('apps/v1', 'Deployment', 'api'),
      obj('v1', 'Pod', 'adopted', { kind: 'Deployment', name: 'api', controller: false }),
    ]), ['ReplicaSet/web-1', 'StatefulSet/kafka', 'Pod/etcd-node1', 'Deployment/api', 'Pod/adopted']);
  });

  it('counts what it folded, by kind', () => {
    const { folded } = foldOwned([
      obj('batch/v1', 'CronJob', 'backup'),
      obj('batch/v1', 'Job', 'backup-1', { kind: 'CronJob', name: 'backup' }),
      obj('v1', 'Pod', 'backup-1-a', { kind: 'Job', name: 'backup-1' }),
      obj('v1', 'Pod', 'backup-1-b', { kind: 'Job', name: 'backup-1' }),
    ].map((o) => clusterResource(o, true)));
    assert.deepEqual(folded, { Job: 1, Pod: 2 });
  });
});
