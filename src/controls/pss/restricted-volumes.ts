// Pod Security Standards, restricted, "Volume Types": k8s.io/pod-security-admission/policy/check_restrictedVolumes.go
// (restrictedVolumes_1_0, the only version; it overrides hostPathVolumes at restricted). A volume is allowed
// when it is configMap, csi, downwardAPI, emptyDir, ephemeral, persistentVolumeClaim, projected or secret;
// any other source fails. A volume that names no source at all is an emptyDir: the API server defaults it
// so before admission (k8s.io/kubernetes/pkg/apis/core/v1/defaults.go SetDefaults_Volume).
import { defineControl } from '../define.js';
import { isObj } from '../../model/guards.js';

const ALLOWED = ['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'persistentVolumeClaim', 'projected', 'secret'];

export default defineControl({
  id: 'pss-restricted-volumes',
  aliases: ['restrictedVolumes'],
  title: 'PSS restricted: volume types',
  severity: 'medium',
  section: 'pod-security',
  appliesTo: 'pods',
  failsWhen: `a volume of the pod is of a type other than ${ALLOWED.join(', ')} (check restrictedVolumes, every version; it includes hostPath).`,
  rationale: 'Besides hostPath, volume types such as nfs, iscsi, cephfs or gitRepo let a pod reach storage and hosts outside '
    + 'what the cluster administers; the restricted Pod Security Standard allows only the core, cluster-managed types.',
  remediation: 'Use a PersistentVolumeClaim (a PersistentVolume of any type, set up by an administrator), or one of the allowed types.',
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
  - name: shared
    nfs:
      server: nfs.example.com
      path: /exports
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
  - name: shared
    persistentVolumeClaim:
      claimName: shared
`,
  },
  check({ pod }, ctx) {
    const volumes: unknown = pod.spec.volumes;
    if (!Array.isArray(volumes)) return;
    volumes.forEach((v: unknown, i: number) => {
      if (!isObj(v)) return;
      const sources = Object.keys(v).filter((k) => k !== 'name' && v[k] !== undefined && v[k] !== null);
      if (sources.length === 0 || sources.some((k) => ALLOWED.includes(k))) return;
      ctx.fail([...pod.specPath, 'volumes', i, sources[0]!],
        `volume ${JSON.stringify(v.name ?? `#${i}`)} is a ${sources[0]} volume: the restricted Pod Security Standard allows ${ALLOWED.join(', ')} (restrictedVolumes)`,
        { fix: { description: 'use a PersistentVolumeClaim or another allowed volume type' } });
    });
  },
});
