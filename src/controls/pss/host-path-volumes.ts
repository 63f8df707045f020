// Pod Security Standards, baseline, "HostPath Volumes": k8s.io/pod-security-admission/policy/check_hostPathVolumes.go
// (hostPathVolumes_1_0, the only version): no volume may be a hostPath. Not mapped to pod/host-path-volume,
// which excepts the host paths control-plane components need: PSA excepts nothing.
import { defineControl } from '../define.js';
import { isObj } from '../../model/guards.js';

export default defineControl({
  id: 'pss-host-path-volumes',
  aliases: ['hostPathVolumes'],
  title: 'PSS baseline: hostPath volumes',
  severity: 'high',
  section: 'pod-security',
  appliesTo: 'pods',
  failsWhen: 'a volume of the pod is a hostPath volume (check hostPathVolumes, every version).',
  rationale: 'A hostPath volume mounts a directory of the node into the pod: node credentials, the container runtime\'s socket, '
    + 'other pods\' data. The baseline Pod Security Standard forbids them.',
  remediation: 'Replace the hostPath volume with a ConfigMap, Secret, emptyDir or PersistentVolumeClaim volume.',
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
  volumes:
  - name: logs
    hostPath:
      path: /var/log
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
  volumes:
  - name: logs
    emptyDir: {}
`,
  },
  check({ pod }, ctx) {
    const volumes: unknown = pod.spec.volumes;
    if (!Array.isArray(volumes)) return;
    volumes.forEach((v: unknown, i: number) => {
      if (!isObj(v) || v.hostPath === undefined || v.hostPath === null) return;
      ctx.fail([...pod.specPath, 'volumes', i, 'hostPath'],
        `volume ${JSON.stringify(v.name ?? `#${i}`)} is a hostPath volume, which the baseline Pod Security Standard forbids (hostPathVolumes)`,
        { fix: { description: 'replace the hostPath volume with a ConfigMap, Secret, emptyDir or PersistentVolumeClaim volume' } });
    });
  },
});
