// Pod Security Standards, baseline, "Host Namespaces": k8s.io/pod-security-admission/policy/check_hostNamespaces.go
// (hostNamespaces_1_0, the only version): hostNetwork, hostPID and hostIPC must be unset or false.
import { defineControl } from '../define.js';

const FIELDS = ['hostNetwork', 'hostPID', 'hostIPC'] as const;

export default defineControl({
  id: 'pss-host-namespaces',
  aliases: ['hostNamespaces'],
  title: 'PSS baseline: host namespaces',
  severity: 'high',
  section: 'pod-security',
  appliesTo: 'pods',
  failsWhen: 'the pod sets hostNetwork, hostPID or hostIPC to true (check hostNamespaces, every version).',
  rationale: 'Sharing the host\'s network, process or IPC namespace lets a pod see and reach what runs on the node; '
    + 'the baseline Pod Security Standard forbids it, and Pod Security Admission rejects such a pod at baseline and restricted.',
  remediation: 'Remove hostNetwork, hostPID and hostIPC from the pod spec (or set them to false).',
  example: {
    failing: `apiVersion: v1
kind: Pod
metadata:
  name: web
  namespace: shop
spec:
  hostPID: true
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
  containers:
  - name: web
    image: nginx:1.27
`,
  },
  check({ pod }, ctx) {
    for (const field of FIELDS) {
      if (pod.spec[field] !== true) continue;
      ctx.fail([...pod.specPath, field], `the pod sets ${field}: true, which the baseline Pod Security Standard forbids (hostNamespaces)`, {
        fix: { description: `remove ${field} from the pod spec` },
      });
    }
  },
});
