import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { runControl, testControl } from '../../testing/control-tester.js';
import control from './pod-security-admission.js';

const LABEL = 'metadata.labels["pod-security.kubernetes.io/enforce"]';

testControl(control, {
  valid: [
    {
      name: 'restricted',
      noWorkloadVariants: true,
      yaml: `apiVersion: v1
kind: Namespace
metadata:
  name: shop
  labels: {pod-security.kubernetes.io/enforce: restricted}
`,
    },
    {
      name: 'baseline, and a system namespace that does enforce a level',
      noWorkloadVariants: true,
      yaml: `apiVersion: v1
kind: Namespace
metadata:
  name: shop
  labels:
    pod-security.kubernetes.io/enforce: baseline
    pod-security.kubernetes.io/warn: restricted
---
apiVersion: v1
kind: Namespace
metadata:
  name: kube-public
  labels: {pod-security.kubernetes.io/enforce: restricted}
`,
    },
  ],
  invalid: [
    {
      name: 'no labels at all',
      noWorkloadVariants: true,
      yaml: `apiVersion: v1
kind: Namespace
metadata: # fails
  name: shop
`,
      paths: [LABEL],
      messages: [/^namespace "shop" has no pod-security\.kubernetes\.io\/enforce label/],
    },
    {
      name: 'labels, but only audit and warn',
      noWorkloadVariants: true,
      yaml: `apiVersion: v1
kind: Namespace
metadata:
  name: shop
  labels: # fails
    pod-security.kubernetes.io/audit: restricted
    pod-security.kubernetes.io/warn: restricted
`,
      paths: [LABEL],
      messages: [/has no pod-security\.kubernetes\.io\/enforce label/],
    },
    {
      name: 'privileged',
      noWorkloadVariants: true,
      yaml: `apiVersion: v1
kind: Namespace
metadata:
  name: shop
  labels:
    team: web
    pod-security.kubernetes.io/enforce: privileged # fails
`,
      paths: [LABEL],
      messages: [/^namespace "shop" enforces the privileged Pod Security Standard/],
    },
    {
      name: 'not a level',
      noWorkloadVariants: true,
      yaml: `apiVersion: v1
kind: Namespace
metadata:
  name: shop
  labels:
    pod-security.kubernetes.io/enforce: Restricted # fails
`,
      paths: [LABEL],
      messages: [/sets pod-security\.kubernetes\.io\/enforce to "Restricted", which is not a Pod Security Standard level \(privileged, baseline, restricted\)/],
    },
    {
      name: 'system namespaces are reported but excepted',
      noWorkloadVariants: true,
      excepted: true,
      yaml: `apiVersion: v1
kind: Namespace
metadata: {name: kube-system}
---
apiVersion: v1
kind: Namespace
metadata:
  name: kube-node-lease
  labels: {pod-security.kubernetes.io/enforce: privileged}
`,
      paths: [LABEL, LABEL],
      messages: [/namespace "kube-system" has no/, /namespace "kube-node-lease" enforces the privileged/],
    },
  ],
  skipped: [
    {
      name: 'no Namespace objects (namespaces only used by resources are not evaluated)',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: shop}
spec:
  containers: [{name: a, image: nginx:1.27}]
`,
      reason: /^no Namespace objects in the input/,
    },
  ],
});

describe('pod-security-admission', () => {
  it('excepts only the system namespaces, with the reason, and fixes with restricted', () => {
    const r = runControl(control, `apiVersion: v1
kind: Namespace
metadata: {name: kube-system}
---
apiVersion: v1
kind: Namespace
metadata: {name: kube-public}
---
apiVersion: v1
kind: Namespace
metadata: {name: default}
`);
    assert.deepEqual([r.evaluated, r.failed, r.excepted, r.passed], [3, 1, 2, 0]);
    const byId = new Map(r.findings.map((f) => [f.resourceId, f]));
    assert.equal(byId.get('/v1//Namespace/default')?.status, 'failed');
    const system = byId.get('/v1//Namespace/kube-system');
    assert.equal(system?.status, 'excepted');
    assert.match(system!.exception!.reason, /^Kubernetes system namespace: /);
    assert.deepEqual(byId.get('/v1//Namespace/default')?.fix?.edits, [{ op: 'set', path: LABEL, value: 'restricted' }]);
    assert.match(byId.get('/v1//Namespace/default')!.fix!.description, /restricted \(or baseline/);
  });
});
