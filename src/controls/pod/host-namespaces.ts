import { defineControl, setFix } from '../define.js';

const NAMESPACES = [
  { field: 'hostPID', what: 'process ID namespace', risk: 'its containers can see, signal and ptrace every process on the node' },
  { field: 'hostIPC', what: 'IPC namespace', risk: 'its containers can read and write the node\'s shared memory and message queues' },
] as const;

export default defineControl({
  id: 'host-namespaces',
  aliases: ['C-0038'],
  title: 'Pod shares the host PID or IPC namespace',
  severity: 'high',
  section: 'pod-security',
  appliesTo: 'pods',
  failsWhen: 'the pod sets hostPID: true or hostIPC: true.',
  rationale:
    'A pod that shares the node\'s process ID namespace sees every process on the node, including those of other '
    + 'pods and of the kubelet, and can signal or trace them and read their environment and open files through /proc; '
    + 'one that shares the IPC namespace can read and tamper with the shared memory of host processes. The guidance '
    + 'lists host namespace sharing among the pod settings that break the isolation between containers and the host, '
    + 'and asks that pod security enforcement forbid it for all but the few system components that need it.',
  remediation:
    'Remove hostPID and hostIPC from the pod spec (or set them to false). Tools that need to see host processes '
    + 'belong in a dedicated, tightly controlled namespace, not in application workloads.',
  example: {
    failing: `apiVersion: v1
kind: Pod
metadata:
  name: web
  namespace: shop
spec:
  hostPID: true
  hostIPC: true
  containers:
  - name: web
    image: nginx:1.27
`,
    passing: `apiVersion: v1
kind: Pod
metadata:
  name: web
  namespace: shop
spec:
  hostPID: false
  containers:
  - name: web
    image: nginx:1.27
`,
  },
  check({ pod }, ctx) {
    for (const ns of NAMESPACES) {
      if (pod.spec[ns.field] !== true) continue;
      const path = [...pod.specPath, ns.field];
      ctx.fail(path, `the pod shares the host's ${ns.what} (${ns.field}: true): ${ns.risk}`, {
        fix: setFix(`set ${ns.field}: false`, path, false, {
          review: `the pod asks for the host's ${ns.what}: a node agent or debugger may need it`,
        }),
      });
    }
  },
});
