// Pod Security Standards, baseline, "/proc Mount Type": k8s.io/pod-security-admission/policy/check_procMount.go.
// procMount_1_0: every container's securityContext.procMount must be unset or Default.
// procMount_1_30: a pod in a user namespace (hostUsers: false) is allowed any procMount (KEP-4265:
// Unmasked is safe where the container's root is not the node's).
import { defineControl } from '../define.js';
import { describeContainer } from '../../inventory/index.js';
import { containerSC, pssMinor, userNamespaced } from '../templates/pss.js';

export default defineControl({
  id: 'pss-proc-mount',
  aliases: ['procMount'],
  title: 'PSS baseline: /proc mount type',
  severity: 'medium',
  section: 'pod-security',
  appliesTo: 'pods',
  inputs: ['pssVersion'],
  failsWhen: 'a container sets securityContext.procMount to anything but Default; from v1.30 a pod with hostUsers: false is exempt (check procMount).',
  rationale: 'The default /proc mount masks kernel interfaces a container should not reach; Unmasked exposes them. '
    + 'The baseline Pod Security Standard requires the default, except (from v1.30) in a user namespace.',
  remediation: 'Remove securityContext.procMount (or set Default), or run the pod in a user namespace (hostUsers: false).',
  example: {
    failing: `apiVersion: v1
kind: Pod
metadata:
  name: web
  namespace: shop
spec:
  containers:
  - name: web
    image: nginx:1.27
    securityContext:
      procMount: Unmasked
`,
    passing: `apiVersion: v1
kind: Pod
metadata:
  name: web
  namespace: shop
spec:
  hostUsers: false
  containers:
  - name: web
    image: nginx:1.27
    securityContext:
      procMount: Unmasked
`,
  },
  check({ pod }, ctx) {
    if (pssMinor(ctx.inputs) >= 30 && userNamespaced(pod)) return;
    for (const c of pod.containers) {
      const sc = containerSC(c);
      if (!sc || sc.procMount === undefined || sc.procMount === null || sc.procMount === 'Default') continue;
      ctx.fail([...c.path, 'securityContext', 'procMount'],
        `${describeContainer(c)} sets procMount ${JSON.stringify(sc.procMount)}: the baseline Pod Security Standard allows only Default${pssMinor(ctx.inputs) >= 30 ? ' outside a user namespace' : ''} (procMount)`,
        { fix: { description: 'remove securityContext.procMount' } });
    }
  },
});
